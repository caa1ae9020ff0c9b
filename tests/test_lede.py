"""What the lede says: the company, a draft headline, the summary."""

from __future__ import annotations

import re

import pytest

from newsroom.importer.lede import company, headline, in_full, named_in_headline, place_after_name, summary, without_the


@pytest.mark.parametrize("lede, name", [
    ("O2Micro\u00ae International Limited (NASDAQ: OIIM) today reported results.", "O2Micro International Limited"),
    ("ACCESSWIRE is a newswire service standout that provides regional, national and global news.", "ACCESSWIRE"),
    # A name printed in capitals, and spelled no other way: as a name is written.
    ("EMPOWER CLINICS INC. (CSE:CBDT) is pleased to announce the closing of its private placement.",
     "Empower Clinics Inc."),
    ("Ascent Solar Technologies, Inc. ( OTCQB : ASTI), a developer, announced today.", "Ascent Solar Technologies, Inc."),
    ("The Board of Directors of Acme Railway Limited announced a dividend of 10 cents.", "Acme Railway Limited"),
    ("The board of directors of Mellon Bank Corporation (NYSE: MEL) today approved an increase.",
     "Mellon Bank Corporation"),
    ("The Acme Ltd. (TSX: ACM) today announced a dividend.", "Acme Ltd."),
    ("The Schall Law Firm, a national shareholder rights litigation firm, reminds investors.", "The Schall Law Firm"),
    ("The U.S. Food and Drug Administration (FDA) today cleared a test made by Quest Diagnostics Incorporated "
     "(NYSE: DGX) for flu.", "Quest Diagnostics Incorporated"),
    ("Allen B. King, Chairman, President, and Chief Executive Officer of Universal Corporation (NYSE:UVV), announced "
     "today a dividend.", "Universal Corporation"),
    ("Sears, Roebuck and Co. (NYSE: S) today reported net income of $53 million.", "Sears, Roebuck and Co."),
    ("Loblaw Companies Limited's (TSX: L) Board of Directors announced a dividend.", "Loblaw Companies Limited"),
    ("Tesla has released its financial results for the fourth quarter.", "Tesla"),
    ("Retalix(r) Ltd. (NASDAQ: RTLX) today reported results.", "Retalix Ltd."),  # a mark in lower case
    ("Reference is made to the stock exchange notice of 3 November 2015.", ""),
    ("MUNKSJ\u00d6 OYJ (Nasdaq Helsinki: MUNK1) publishes its report. Munksj\u00f6 Oyj is a paper maker.",
     "Munksj\u00f6 Oyj"),
])
def test_company(lede: str, name: str) -> None:
    assert company(lede) == name


def test_company_from_the_headline_when_the_lede_names_none() -> None:
    assert company("Reference is made to the notice of 3 November 2015.", "Orkla ASA: Mandatory notification") == \
        "Orkla ASA"


def test_a_leading_the_is_kept_only_where_it_is_part_of_the_name() -> None:
    assert without_the("The Walt Disney Company") == "The Walt Disney Company"
    assert without_the("The NASDAQ OMX Group, Inc.") == "The NASDAQ OMX Group, Inc."
    assert without_the("The Thomson Corporation") == "The Thomson Corporation"  # the kind is its legal form
    assert without_the("The Interpublic Group of Companies, Inc.") == "The Interpublic Group of Companies, Inc."
    assert without_the("The Acme Corp.") == "Acme Corp."  # an abbreviation is a legal form, not the name
    assert without_the("The Government of Canada") == "Government of Canada"
    assert without_the("Die DEAG Deutsche Entertainment Aktiengesellschaft") == \
        "DEAG Deutsche Entertainment Aktiengesellschaft"
    assert without_the("Las Vegas Sands Corp.") == "Las Vegas Sands Corp."


def test_a_town_printed_after_the_name() -> None:
    assert place_after_name("Parkvale Financial Corporation, Monroeville, PA (NASDAQ: PVSA) announced that") == \
        "Monroeville, PA"
    assert place_after_name("Acme Corp. (NYSE: ACM) announced") == ""


def test_draft_headline_and_summary_from_the_lede() -> None:
    lede = ("Ascent Solar Technologies, Inc. (OTCQB: ASTI), a developer of thin-film modules, announced that the "
            "Company has entered into an agreement with its secured note holder to redeem the notes.")
    assert headline(lede, "Ascent Solar Technologies, Inc.") == (
        "Ascent Solar Technologies Has Entered Into an Agreement With Its Secured Note Holder to Redeem the Notes")
    assert summary(lede).startswith("Ascent Solar Technologies, Inc. announced that the Company has entered")


def test_a_french_legal_form_in_lower_case_ends_the_name() -> None:
    assert company("Cascades inc. (TSX: CAS) annonce ses résultats financiers non audités pour la période.") == "Cascades inc."


def test_a_lede_opening_with_a_phrase_names_no_company() -> None:
    assert company("In the 3rd quarter of this year, Ekspress Grupp earned net profit of EUR 0.5 million.",
                   "AS Ekspress Grupp: Consolidated Interim Report for the Third Quarter") == "AS Ekspress Grupp"


def test_a_name_found_in_running_text_ends_at_its_legal_form() -> None:
    assert company("1 INTERIM REPORT for 1 January 30 September 2018: Q3 revenue grew by 11% Verkkokauppa.com Oyj Interim "
                   "financial report (unaudited) 26 October 2018") == "Verkkokauppa.com Oyj"


def test_a_phrase_about_the_group_is_no_company() -> None:
    assert company("Several of the Group's companies are noticing the effects of the prolonged economic downturn.") == ""


@pytest.mark.parametrize("lede", [
    "The Company has closed the private placement announced in a News Release dated May 13, 2013.",
    "For the fourth quarter ended October 31, 2013, Majesco's net revenues were $10.1 million.",
    "implementation of the Company's strategy to make investments in mining companies in Russia. As a result, MIR "
    "entered into an agreement.",
    "NOK 0.10 per share will be paid to the shareholders registered on 28 May.",
])
def test_a_phrase_the_patterns_catch_is_no_company(lede: str) -> None:
    assert company(lede) == ""


def test_a_name_gets_its_legal_form_where_the_text_writes_it() -> None:
    assert in_full("Abivax", "Abivax SA (Euronext Paris: FR0012333284 - ABVX) announces a capital increase.") == "Abivax SA"
    assert in_full("NVIDIA", "NVIDIA today reported revenue. About NVIDIA Corporation.") == "NVIDIA Corporation"
    assert in_full("Acme Corp.", "Acme Corp. Holdings") == ""  # it has one already
    assert in_full("Acme", "Acme Gold reported.") == ""


def test_the_name_a_headline_opens_with_in_full() -> None:
    text = "Diamond Fields International Ltd. (TSX-V: DFI) announces that the Company has closed its placement."
    assert named_in_headline("Diamond Fields Closes $200,000 Financing, Advises of Change of Listing Status", text) == \
        "Diamond Fields International Ltd."
    assert named_in_headline("Acme Reports Record Sales", "Acme had a good year.") == "Acme"
    assert named_in_headline("In Brief: Markets Rally", "") == ""


def test_a_draft_headline_drops_an_opening_phrase_but_not_the_period_it_names() -> None:
    assert headline("On May 3, 2024, the board approved the merger of the two banks.", "") == \
        "The Board Approved the Merger of the Two Banks"  # the comma in the date is not the phrase's end
    assert headline("For the fourth quarter ended October 31, 2013, Majesco's net revenues were $10.1 million.", "") \
        .startswith("For the Fourth Quarter Ended October 31, 2013, Majesco's Net Revenues")


def test_an_officer_named_first_is_not_the_company() -> None:
    lede = ("Patrick J. Moty, President & CEO of Bank of Commerce Holdings (Nasdaq: BOCH), a $813 million "
            "financial holding company, today announced results.")
    assert company(lede) == "Bank of Commerce Holdings"


def test_a_shouted_name_s_short_word_takes_the_case_its_text_writes_it_in() -> None:
    from newsroom.importer.lede import with_own_case
    assert with_own_case("LONG RUN EXPLORATION LTD.", "LONG RUN EXPLORATION LTD. announces. Long Run will drill.") == \
        "Long Run Exploration Ltd."


def test_a_sum_is_no_company_and_a_lede_opening_with_the_company_s_figures_names_it() -> None:
    lede = "Acme\u2019s operating revenues increased to NOK 1,234 million (NOK 1,219 million) in the 4th quarter of 2019."
    assert company(lede) == "Acme"
    assert company("DKK 1,234 million was the revenue of the quarter, up from DKK 1,100 million.") == ""
    assert headline(lede, "Acme").startswith("Acme\u2019s Operating Revenues Increased")


@pytest.mark.parametrize("lede, name", [
    ("Acme Farmers of Ontario's Board of Directors has appointed Jane Doe as its new Chief Executive Officer.",
     "Acme Farmers of Ontario"),
    ("The Management Board of Acme Group AG today resolved, with the consent of the Supervisory Board, a capital increase.",
     "Acme Group AG"),
])
def test_a_board_named_with_its_company_is_not_the_company(lede: str, name: str) -> None:
    assert company(lede) == name


def test_a_wire_s_possessive_is_no_company() -> None:
    assert company("PR Newswire's annual State of the Press Release report, released today, finds that journalists want "
                   "more data.") != "PR Newswire's"


def test_a_name_joined_by_a_plus() -> None:
    assert company("Acme Oil + Gas Inc. (\"Acme\" or the \"Company\") (TSXV:ACM) is pleased to announce its results.") == \
        "Acme Oil + Gas Inc."


def test_a_lede_whose_actor_is_the_short_name_it_defined_and_a_defined_term_is_no_company() -> None:
    lede = ("Further to the Company's announcement on 4 September 2024, ADG announces that today it will be publishing a "
            "circular (the \"Circular\") containing details of a general meeting of the Company (the \"Requisitioned General "
            "Meeting\"). The meeting will be held at the offices of Widget LLP.")
    assert company(lede) == "ADG"
    assert company("Acme Holdings, Inc. ACMH today announced net income of $3.3 million.") != "ACMH"


def test_the_board_of_the_company_acting_in_the_lede_and_a_headline_s_name_before_to_sell() -> None:
    assert company("Reflecting the Company's positive outlook, the Board of Directors of Acme-Palmolive Company today increased "
                   "the quarterly dividend by 10%.") == "Acme-Palmolive Company"
    assert named_in_headline("Acme Materials to Sell Iron Oxide Business for $140M; Reports Q3", "Acme Materials PLC reported.") \
        in ("Acme Materials", "Acme Materials PLC")


@pytest.mark.parametrize("lede", ["On 8 November 2017, Acme issued a total of 109,296 new ordinary shares.",
                                  "Having completed the acquisition of Widget Ltd., Acme plc today announced its plans.",
                                  "RNS Number : 4263U Acme plc announces a pre-close update."])
def test_a_date_a_gerund_or_a_service_s_label_is_no_company(lede: str) -> None:
    assert not re.match(r"On 8|Having|RNS Number", company(lede))


def test_a_lede_that_opens_with_its_ticker_tag_names_the_company_after_it() -> None:
    assert company("(TSX Symbol: ACC) Acme Mature Lifestyles Inc. (Acme or the Company) is pleased to announce its results.") == \
        "Acme Mature Lifestyles Inc."

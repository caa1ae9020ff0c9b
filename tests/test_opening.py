"""The opening before the story: headline, sub-headline, and what is not the release."""

from __future__ import annotations

from datetime import date

import pytest

from newsroom.importer.headline import headline_of
from newsroom.importer.opening import read_opening
from newsroom.importer.wire import parse_wire


@pytest.mark.parametrize("head, headline, subtitle", [
    # An 8-K exhibit: the exhibit label, letterhead, a contact block and a date before a two-line headline.
    ("EXHIBIT 99.1\nNEWS RELEASE\nFOR IMMEDIATE RELEASE\nMedia contact:\nBob Jones\n908-559-6388\nbob@acme.example\n"
     "March 7, 2014\n\n          Acme Railway Limited Declares Record\n          Quarterly Dividend\n",
     "Acme Railway Limited Declares Record Quarterly Dividend", ""),
    # A blog repost: the day-name date line is not the headline.
    ("Monday, June 3, 2013\n\nAcme Opens New Plant in Ohio\n", "Acme Opens New Plant in Ohio", ""),
    # Markdown from a scraper: '# ' and emphasis markers are not part of the headline.
    ("![Business Wire](/images/logo.png)\n\n# Mastercard Advances Cross-Border Capabilities with Acquisition of\n"
     "Transfast\n\n_Proven P2P and B2B Network to Accelerate Scale and Growth_\n\n"
     "March 08, 2019 10:26 AM Eastern Standard Time\n",
     "Mastercard Advances Cross-Border Capabilities with Acquisition of Transfast",
     "Proven P2P and B2B Network to Accelerate Scale and Growth"),
    # A newswire page: the wire's name, 'News provided by', a timestamp and a repeated headline.
    ("Acme Wins Contract\nAcme Wins Contract\nNews provided by\nAcme Inc.\nApr 03, 2019, 16:01 ET\n",
     "Acme Wins Contract", ""),
    ("Release \u2013 Tonix Announces Two Presentations\n\nResearch News and Market Data on TNXP\n\n"
     "May 29, 2024 8:00am EDT\n\nResearch Directed by Faculty of the Center for Transplantation Sciences\n",
     "Tonix Announces Two Presentations", "Research Directed by Faculty of the Center for Transplantation Sciences"),
    # A Dow Jones copy: flash headlines and their timestamps are chrome.
    ("*Acme: Patent Litigation Settled29 Mar 2019 12:02 ET *Acme: Licensed to Sell\n\n29 Mar 2019 12:20 ET\n"
     "Press Release: Acme Settles Patent Litigation\n\nAcme Settles Patent Litigation\n",
     "Acme Settles Patent Litigation", ""),
    # A flattened copy runs the wire's name and a place and date into the headline.
    ("Deloitte Acquires Gryphon Scientific PR Newswire ARLINGTON, Va., April 29, 2024 Acquisition will strengthen "
     "Deloitte ", "Deloitte Acquires Gryphon Scientific", "Acquisition will strengthen Deloitte"),
    # EQS names the company in its header, which is not the headline.
    ("EQS-News: Netfonds AG / Key word(s): Share Buyback\nNetfonds AG: Share buyback - 24th interim report\n\n"
     "02.05.2023 / 10:55 CET/CEST\nThe issuer is solely responsible for the content of this announcement.\n",
     "Netfonds AG: Share buyback - 24th interim report", ""),
    # A blog's archive heading, its categories and a reposter's label are not the headline.
    ("Archive for March, 2013\n\nAcme Receives $2 Million in Orders\n", "Acme Receives $2 Million in Orders", ""),
    ("Categories\nJunior Mining Acme Metals Precious Metals\n\nAcme Reports Drill Results\n",
     "Acme Reports Drill Results", ""),
    ("Tuesday December 1, 9:02 am Eastern Time\nCompany Press Release\nAcme Celebrates First Anniversary\n"
     "Players Put Their Creativity on the Line\n", "Acme Celebrates First Anniversary",
     "Players Put Their Creativity on the Line"),
    # A wire page's 'Source:' line and a quote page's ticker symbol line.
    ("Source: Acme AB\n\nInterim Report January-June 2014\n", "Interim Report January-June 2014", ""),
    ("Acme Clarifies Terms of Private Placement\n\nV.ACM.A\n", "Acme Clarifies Terms of Private Placement", ""),
    # An aggregator's page: its menus, then the headline again just above the release.
    ("logo\n#\n\nLatest news with #Acme\n\nACME ANNOUNCES NEW CFO\nACME ANNOUNCES NEW CFO\n\nCision Canada\n\n"
     "time2 hours ago\n\n  \u2022 Business\n\nACME ANNOUNCES NEW CFO\n", "ACME ANNOUNCES NEW CFO", ""),
    # Business Wire's old addressee line, a blog's name; a headline that goes on after its colon.
    ("Business Editors/High-Tech Writers\n\nAcme Licenses Its Test in Mexico\n", "Acme Licenses Its Test in Mexico", ""),
    ("Agoracom Blog\n\nAcme Closes Private Placement\n", "Acme Closes Private Placement", ""),
    ("Acme Expands Dropkick Zone over an 815 m Strike Length:\n29.2 g/t Au over 9.25 m\n",
     "Acme Expands Dropkick Zone over an 815 m Strike Length: 29.2 g/t Au over 9.25 m", ""),
    ("Acme Closes Private Placement\nPosted by AGORACOM-JC at 1:29 PM on Thursday, July 16th, 2020\n",
     "Acme Closes Private Placement", ""),
    # A page's teaser of the headline, a browser notice, a letterhead's address, a forum poster's line.
    ("- Acme Secures a Contract with ... (2025-08-19) https://www.businesswire.com/news/home/20250819547305/en/\n"
     "Acme Secures a Contract with the U.S. Air Force\n\nShare\n", "Acme Secures a Contract with the U.S. Air Force", ""),
    ("IE 11 is not supported. For an optimal experience visit our site on another browser.\n"
     "Acme Reports Fourth Quarter Results\n", "Acme Reports Fourth Quarter Results", ""),
    ("Metro Center, One Station Place\nStamford, CT 06902\nTel (203) 539-8000\nAcme Announces Quarterly Dividend\n"
     "(All amounts are in U.S. dollars)\n", "Acme Announces Quarterly Dividend", ""),
    ("why so negative treetop?\nAcme Reports Record First Quarter\n", "Acme Reports Record First Quarter", ""),
    ("Acme, Inc. Finalizes Acquisition of Annovis, Inc.\n", "Acme, Inc. Finalizes Acquisition of Annovis, Inc.", ""),
    ("EX-99.1 3 a2115530zex-99_1.htm EX-99.1\nQuickLinks -- Click here to rapidly navigate through this document\n"
     "FOR: ACME INTERNATIONAL CORPORATION\nACME REPORTS SALES AND INCOME\n", "ACME REPORTS SALES AND INCOME", ""),
    ("Business Editors/Health/Medical Writers\nBIOWIRE2K\nAcme Genomics Reports Third Quarter Results\n",
     "Acme Genomics Reports Third Quarter Results", ""),
    ("Acme Reports First Quarter 2019 Financial Results\n09-05-2019\n", "Acme Reports First Quarter 2019 Financial Results", ""),
    ("ACME RESEARCH REPORTS FOURTH QUARTER\nAND YEAR END FINANCIAL RESULTS\n",
     "ACME RESEARCH REPORTS FOURTH QUARTER AND YEAR END FINANCIAL RESULTS", ""),
])
def test_headline_and_subtitle(head: str, headline: str, subtitle: str) -> None:
    opening = read_opening(head, width=0)
    assert (opening.headline, opening.subtitle) == (headline, subtitle)


def test_what_else_the_opening_says() -> None:
    exhibit = read_opening("Exhibit 99.1\n|Media contact:\n|\nMarch 7, 2014\n|Bob Varettoni\n|908-559-6388\n"
                           "Verizon Declares Quarterly Dividend\n", width=0)
    assert exhibit.headline == "Verizon Declares Quarterly Dividend"
    assert exhibit.contacts == ("Media contact:", "Bob Varettoni", "908-559-6388")
    assert exhibit.dates == (date(2014, 3, 7),)
    eqs = read_opening("EQS-News: Netfonds AG / Key word(s): Share Buyback\nTitle line\n", width=0)
    assert (eqs.company, eqs.wire) == ("Netfonds AG", "EQS")


def test_a_headline_wrapped_at_the_text_width_is_one_headline() -> None:
    head = "# GigCapital, Inc. Confirms Receipt of Sponsor and Founder Funds to Extend\nPeriod of Time to Consummate\n"
    assert read_opening(head, width=78).headline == ("GigCapital, Inc. Confirms Receipt of Sponsor and Founder Funds "
                                                     "to Extend Period of Time to Consummate")
    two = read_opening("Redesigned, Refined: AMD Launches New Software\nFully Re-Architected Graphics Software "
                       "Ushers in a New Era\nMarketwired Advanced Micro Devices\n", width=0)
    assert (two.headline, two.subtitle) == ("Redesigned, Refined: AMD Launches New Software",
                                            "Fully Re-Architected Graphics Software Ushers in a New Era")


def test_a_blog_front_matter_title_is_the_headline() -> None:
    draft = parse_wire('---\ntitle: "Acme Joins Foundation"\ndate: "2015-03-20"\n---\n\n### Acme brings four '
                       'servers.\n\nAcme Corporation, a developer of servers, today joined the foundation, which '
                       'works on open hardware for data centres.\n')
    assert (draft.title, draft.subtitle, draft.date) == ("Acme Joins Foundation", "Acme brings four servers.",
                                                         date(2015, 3, 20))
    assert draft.notes == ("no dateline", "no date in the dateline: 2015-03-20 from the front matter")


def test_a_page_above_the_headline_is_not_its_sub_headline() -> None:
    """A few figure lines above the headline are its highlights; a forum's comment or a site's
    sign-in form is not (the company named in the lede finds the headline among them)."""
    highlights = ["Record revenue of $39.3 billion, up 12%", "Record full-year revenue of $130.5 billion",
                  "Acme Announces Results for Fourth Quarter"]
    assert headline_of(highlights, company="Acme") == (highlights[2], " ".join(highlights[:2]))
    comment = ["This looks like they could also go down the tubes.... I've seen this many times..",
               "ACME REPORTS 1997 FINANCIAL RESULTS"]
    assert headline_of(comment, company="Acme") == ("ACME REPORTS 1997 FINANCIAL RESULTS", "")
    page = ["Join Today", "Become a Member Today, It's Free!", "Sign In With Your Email", "Forgot Password?",
            "Send My Password", "Acme Clarifies Terms of Private Placement"]
    assert headline_of(page, company="Acme") == ("Acme Clarifies Terms of Private Placement", "")


def test_the_companys_name_as_a_letterhead_is_not_the_headline() -> None:
    texts = ["Step Change in PGM Recovery", "Acme Metals NL", "Step Change in PGM Recovery", "Highlights",
             "Recoveries improved from 78% to 86%", "Reagent use reduced", "Grades in line", "Scoping study in Q4"]
    assert headline_of(texts, company="Acme")[0] == "Step Change in PGM Recovery"
    assert headline_of(["Acme Metals NL", "Step Change in PGM Recovery"], company="Acme") == ("Step Change in PGM Recovery", "")


def test_an_rns_header_gives_the_headline_alone() -> None:
    texts = read_opening("Preliminary Results\nAcme Mining PLC\n26 September 2006\nFor immediate release 26 September 2006\n"
                         "ACME MINING PLC\n('Acme' or 'the Company')\nPreliminary results for the 12 months ended 31 March 2006\n",
                         width=0).texts
    assert headline_of(list(texts), company="Acme") == ("Preliminary Results",
                                                        "Preliminary results for the 12 months ended 31 March 2006")


def test_a_sub_headlines_bullet_run_into_the_headline_is_split_off() -> None:
    texts = ["Acme Announces Clearance of Its Application for the Treatment of Acute -HepaCure Biocolumn is the world "
             "first device-drug combination product for treatment of liver failure."]
    assert headline_of(texts) == ("Acme Announces Clearance of Its Application for the Treatment of Acute",
                                  "HepaCure Biocolumn is the world first device-drug combination product for treatment "
                                  "of liver failure.")
    assert headline_of(["Munksjö Oyj - Changes in company's own shares"]) == ("Munksjö Oyj - Changes in company's own shares", "")


def test_a_comment_run_into_the_headline_on_its_line_is_dropped() -> None:
    assert headline_of(["9 cent EPS vs. loss a year ago. Acme Voice Corporation Announces Record Revenues"],
                       company="Acme")[0] == "Acme Voice Corporation Announces Record Revenues"


def test_a_letterheads_contacts_are_set_apart_from_the_headline() -> None:
    opening = read_opening("Exhibit 99.1\n\nFOR:   ACME INTERNATIONAL CORPORATION\n\nCONTACT:\n\n \n\nLes Brown\n"
                           "Senior Vice President, Finance\nand Chief Financial Officer\n(435) 655-6106\n\n"
                           "ACME REPORTS SALES AND INCOME\n", width=0)
    assert (opening.headline, opening.subtitle, opening.company) == ("ACME REPORTS SALES AND INCOME", "",
                                                                     "ACME INTERNATIONAL CORPORATION")
    assert "Les Brown" in opening.contacts and "(435) 655-6106" in opening.contacts
    piped = read_opening("Exhibit 99.1\n|\ncorporate investor\nrelations\n|\n206.762.0993\n|\nPatrick E. Phelan,\n|\n"
                         "www.stockvalues.com\n|\n(415) 459-2265\n|\nNEWS RELEASE\n|\nAcme Bancorp Declares Regular Quarterly Cash Dividend\n",
                         width=0)
    assert piped.headline == "Acme Bancorp Declares Regular Quarterly Cash Dividend" and "Patrick E. Phelan," in piped.contacts


def test_a_headline_wrapped_after_a_comma_or_before_inc_is_one_line() -> None:
    opening = read_opening("EXHIBIT 99.1\nAcme Bio-Chem,\nInc. Granted Additional Patent from U.S. Patent Office for\n"
                           "Disinfectant Pouch Delivery System\nThe system is on the EPA's list of qualified products\n",
                           width=0)
    assert opening.headline == "Acme Bio-Chem, Inc. Granted Additional Patent from U.S. Patent Office for " \
                               "Disinfectant Pouch Delivery System"
    assert opening.subtitle == "The system is on the EPA's list of qualified products"


def test_a_sub_headline_opening_with_a_number_is_kept() -> None:
    texts = ["Acme Announces Record Results", "Net sales of $44.6 million", "18th consecutive quarter of growth",
             "why so negative treetop?"]
    assert headline_of(texts) == ("Acme Announces Record Results",
                                  "Net sales of $44.6 million 18th consecutive quarter of growth")


def test_a_wire_named_on_a_line_of_its_own_is_the_wire() -> None:
    opening = read_opening("Acme Bank Announces Financial Results\n\n  Acme Bank Announces Financial Results\n\n"
                           "Business Wire\n\n", width=0)
    assert (opening.headline, opening.subtitle, opening.wire) == ("Acme Bank Announces Financial Results", "",
                                                                  "Business Wire")
    assert read_opening("Acme Announces a Contract\n", width=0).wire == ""


def test_an_eqs_page_gives_its_headline_alone() -> None:
    head = ("Acme Entertainment Aktiengesellschaft\n\n  \u2022 WKN: A2NBF2\n  \u2022 ISIN: DE000A2NBF25\n  \u2022 Land: Deutschland\n\n"
            "Nachricht vom 20.08.2021 | 11:45\n\nAcme Entertainment Aktiengesellschaft: Keine Erhöhung des Zinssatzes der "
            "Anleihe 2018/2023\n\nAcme Entertainment Aktiengesellschaft / Schlagwort(e): Anleihe\nAcme Entertainment "
            "Aktiengesellschaft: Keine Erhöhung des Zinssatzes der Anleihe 2018/2023\n\n20.08.2021 / 11:45 CET/CEST\n"
            "Veröffentlichung einer Insiderinformation nach Artikel 17 der Verordnung (EU) Nr. 596/2014, übermittelt durch "
            "DGAP - ein Service der EQS Group AG.\nFür den Inhalt der Mitteilung ist der Emittent / Herausgeber "
            "verantwortlich.\n\n\nVeröffentlichung von Insiderinformationen nach Artikel 17 der Verordnung (EU) Nr. "
            "596/2014\n\nAcme: Keine Erhöhung des Zinssatzes der Anleihe 2018/2023\n\n")
    opening = read_opening(head, width=0)
    assert (opening.company, opening.wire) == ("Acme Entertainment Aktiengesellschaft", "EQS")
    assert headline_of(list(opening.texts), company="Acme") == (
        "Acme Entertainment Aktiengesellschaft: Keine Erhöhung des Zinssatzes der Anleihe 2018/2023", "")
    flattened = read_opening("DGAP-Ad-hoc: Acme AG / Schlagwort(e): Anleihe Veröffentlichung von Insiderinformationen "
                             "nach Artikel 17 der Verordnung (EU) Nr. 596/2014 Acme: Mögliche Erhöhung des Zinssatzes "
                             "der Anleihe 2018/2023 ", width=0)
    assert flattened.headline == "Acme: Mögliche Erhöhung des Zinssatzes der Anleihe 2018/2023"


def test_breadcrumbs_and_a_document_sites_chrome_are_not_the_headline() -> None:
    crumbs = read_opening("1. Home\n  2. News\n  3. Acme declares third quarter dividends\n\nAcme declares dividends\n\n", width=0)
    assert (crumbs.headline, crumbs.subtitle) == ("Acme declares dividends", "")
    docbox = read_opening("ACME HALF YEAR RESULT\n\nSize: px\nStart display at page:\n\nDownload \"ACME HALF YEAR RESULT\"\n\n"
                          "Transcription\n\n", width=0)
    assert (docbox.headline, docbox.subtitle) == ("ACME HALF YEAR RESULT", "")


def test_a_headline_opening_with_tag_is_no_blogs_tag_line() -> None:
    assert read_opening("TAG PACIFIC HALF YEAR RESULT\n\nTags: earnings\n\n", width=0).headline == "TAG PACIFIC HALF YEAR RESULT"


def test_a_page_above_for_immediate_release_is_not_the_release() -> None:
    head = ("Picture of Acme Properties logo\n\nACME Acme Properties News Story\n\n0.000.00%\n"
            "FinancialsSpeculativeMicro CapValue Trap\n\nREG-Acme Props PLC: Half-year Report\n\n"
            "FOR IMMEDIATE RELEASE\n\n31 August 2017\n\nHALF YEAR RESULTS TO 30 JUNE 2017\n")
    assert read_opening(head, 0).headline == "HALF YEAR RESULTS TO 30 JUNE 2017"
    # An RNS headline and its company above the notice are the release's own.
    rns = "Preliminary Results\nAcme Mining PLC\n26 September 2006\nFor immediate release 26 September 2006\n"
    assert read_opening(rns, 0).headline == "Preliminary Results"


def test_the_headline_a_page_prints_twice_is_the_one_under_its_name() -> None:
    head = ("The Auto Channel\nThe Largest Independent Automotive Research Resource\n"
            "The Largest Independent Automotive Research Resource\nOfficial Website of the New Car Buyer\n\n"
            "Acme Company Reports Third Quarter Results\n\n29 July 1999\n\nAcme Company Reports Third Quarter Results\n")
    opening = read_opening(head, 0)
    assert (opening.headline, opening.subtitle) == ("Acme Company Reports Third Quarter Results", "")
    # … a headline wrapped where it is printed the second time, too.
    wrapped = ("Acme kündigt eine Kapitalerhöhung sowie Ausgabe von Wandelanleihen an\n\nACME S.A. ACTIONS EO -,01\n"
               "22.07.2021 \u2027 dpa-Afx\n\n"
               "Acme kündigt eine Kapitalerhöhung sowie Ausgabe von\nWandelanleihen an\n")
    assert read_opening(wrapped, 0).headline == "Acme kündigt eine Kapitalerhöhung sowie Ausgabe von Wandelanleihen an"


def test_an_aggregators_label_before_the_dateline_is_not_the_headlines() -> None:
    draft = parse_wire("Acme Reports Third Quarter 2013 Results\n(firmenpresse) - LAVAL, QUEBEC -- (Marketwired) -- "
                       "11/27/13 -- Acme Inc. (TSX VENTURE: ACM.H) announced today its results.")
    assert (draft.title, draft.location, draft.tickers) == ("Acme Reports Third Quarter 2013 Results", "Laval, Quebec",
                                                            ("TSXV:ACM.H",))


def test_the_headline_restated_without_the_companys_name_is_no_sub_headline() -> None:
    assert headline_of(["Acme AG: Preliminary announcement of the publication of financial reports",
                        "Preliminary announcement of the publication of financial reports"]) == (
        "Acme AG: Preliminary announcement of the publication of financial reports", "")


def test_a_crowded_page_above_a_headline_that_is_not_in_headline_case() -> None:
    texts = ["AI Terminal", "MODULE: AI_ANALYST", "Interactive Q&A, Risk Assessment, Summarization", "SYSTEM ACCESS LOCKED",
             "Authenticate / Register Log In", "Acme-Gevaert NV", "Earnings Release Aug 28, 2013", "Open in Viewer",
             "Acme-Gevaert publishes its second quarter 2013 results"]
    assert headline_of(texts, company="Acme-Gevaert")[0] == "Acme-Gevaert publishes its second quarter 2013 results"


def test_an_aggregators_translation_of_the_headline_is_no_sub_headline() -> None:
    assert headline_of(["Acme Announces Record Annual Results", "Acme公佈2023年3月31日年終業績,連續第七年實現經常性收入增長"]) == (
        "Acme Announces Record Annual Results", "")


def test_a_sites_menus_and_a_source_line_are_chrome() -> None:
    head = ("Sign In  |  Register  |  About Mill Valley  |  Contact Us\n\n7-Day Forecast | Traffic\n\n"
            "Acme Biosciences Reports First Quarter 2023 Results\n\nMay 21, 2024 8:30 AM EDT | Source: Acme Mining Corp.\n")
    opening = read_opening(head, 0)
    assert (opening.headline, opening.subtitle) == ("Acme Biosciences Reports First Quarter 2023 Results", "")


def test_the_line_above_an_rns_number_is_the_headline() -> None:
    head = ("Share Price Information for Acme Plc (ACM)\n\nWatchlists are a member only feature\n\nLogin to your account\n\n"
            "Final Results\n\n6 Jun 2011 07:00\n\nRNS Number : 8730H\nAcme Group PLC\n06 June 2011\n")
    assert read_opening(head, 0).headline == "Final Results"


def test_an_aggregators_lines_in_its_own_language_are_chrome() -> None:
    head = ("Acme Corp. and Beta, Inc. Agree to Amend Merger Agreement\n2008年2月23日 - 12:29PM\nPRニュース・ワイアー (英語)\n"
            "Acme Founders Also Agree to Forfeit Certain Shares\n")
    opening = read_opening(head, 0)
    assert (opening.headline, opening.subtitle) == ("Acme Corp. and Beta, Inc. Agree to Amend Merger Agreement",
                                                    "Acme Founders Also Agree to Forfeit Certain Shares")


def test_an_rns_headline_stands_alone_over_the_documents_title_page() -> None:
    head = ("Preliminary Results\n\n7 Apr 2016 07:00\n\nRNS Number : 4263U\nAcme Technologies PLC\n07 April 2016\n\n"
            "Acme Technologies plc\n\nPreliminary results for the\nyear ended 31 December 2015\n")
    opening = read_opening(head, 0)
    assert (opening.headline, opening.subtitle) == ("Preliminary Results", "")


def test_disclosure_pages_and_aggregators_chrome() -> None:
    nordic = ("REGULATED INFORMATION\n\nFinnish English\nAcme Logistics Oyj - Interim report (Q1 and Q3)\n\n"
              "ACME LOGISTICS PLC'S INTERIM REPORT 1 JANUARY - 31 MARCH 2012\n\n\nYear 2012 started better than expected\n")
    opening = read_opening(nordic, 0)
    assert (opening.headline, opening.subtitle) == ("ACME LOGISTICS PLC'S INTERIM REPORT 1 JANUARY - 31 MARCH 2012",
                                                    "Year 2012 started better than expected")
    lezard = ("Le Lézard\nClassé dans : Les affaires, Science et technologie\n\n"
              "Acme annonce ses résultats du deuxième trimestre 2006\n")
    assert read_opening(lezard, 0).headline == "Acme annonce ses résultats du deuxième trimestre 2006"
    newsroom = "Back to Newsroom\n\nAcme Bankshares, Inc. Announces Increase in Quarterly Cash Dividend\n"
    assert read_opening(newsroom, 0).headline == "Acme Bankshares, Inc. Announces Increase in Quarterly Cash Dividend"


def test_a_line_with_a_long_run_of_spaces_is_read_at_once() -> None:
    # Splitting at wire names tried every start inside the run: quadratic, minutes at this size.
    head = "Acme" + " " * 60000 + "Reports Record Results\n"
    assert read_opening(head, 0).headline.split() == ["Acme", "Reports", "Record", "Results"]


def test_an_exhibit_label_before_the_headline_is_no_part_of_it() -> None:
    draft = parse_wire("Document Exhibit 99.1 Supermicro Announces First Quarter Results SAN JOSE, Calif. -- November 2 , "
                       "2021 (BUSINESS WIRE) -- Super Micro Computer, Inc. (Nasdaq: SMCI) today announced results for its "
                       "first quarter ended September 30, 2021.")
    assert (draft.title, draft.date, draft.wire) == ("Supermicro Announces First Quarter Results", date(2021, 11, 2),
                                                     "Business Wire")


def test_a_repost_of_an_rns_announcement_takes_the_headline_printed_under_its_header() -> None:
    """ADVFN prints its category ('UK Regulatory') and the exchange's short title above the RNS
    header; under it, the company's own headline, with a verb, is the release's."""
    draft = parse_wire("Interim Results\n\n16/09/2009 7:00am\n\nUK Regulatory\n\nTIDMAMBR \nRNS Number : 1020Z \n"
                       "Ambrian Capital PLC \n16 September 2009 \n\nEmbargoed: 7am 16th September 2009 \n\n"
                       "Ambrian Capital Reports First Half Results \n\nLondon, 16 September 2009 - Ambrian Capital plc "
                       "(\"Ambrian Capital\"), the natural resources investment bank, today announces its results.\n")
    assert (draft.title, draft.date) == ("Ambrian Capital Reports First Half Results", date(2009, 9, 16))
    plain = parse_wire("Final Results\n\n6 Jun 2011 07:00\n\nRNS Number : 8730H\nTricorn Group PLC\n06 June 2011\n\n"
                       "Preliminary Results\n\nTricorn Group plc ('Tricorn'), the AIM quoted tube manipulation "
                       "specialist, today announces its audited results.\n")
    assert plain.title == "Final Results"  # no headline of its own under the header: the exchange's title


def test_a_french_wire_page_s_link_to_its_english_version_is_no_part_of_the_headline() -> None:
    text = ("Cascades poursuit sa solide performance au troisième trimestre de 2019 English\n"
            "KINGSEY FALLS, QC, le 8 nov. 2019 /CNW Telbec/ - Cascades inc. (TSX: CAS) annonce ses résultats.\n")
    assert parse_wire(text).title == "Cascades poursuit sa solide performance au troisième trimestre de 2019"
    english = "Acme Teaches Plain English\nTORONTO, Nov. 8, 2019 /CNW/ - Acme Inc. (TSX: ACM) today launched a course.\n"
    assert parse_wire(english).title == "Acme Teaches Plain English"


def test_a_symbol_line_and_a_news_feed_s_chrome_above_the_headline() -> None:
    draft = parse_wire("Telehop Reports Q2 Results\n\n    TSX VENTURE SYMBOL: HOP\n\n    TORONTO, Aug. 29 /CNW/ - Telehop "
                       "Communications Inc. (\"Telehop\")(TSX\nV-HOP) today released its financial results for 2007.\n")
    assert (draft.title, draft.subtitle, draft.tickers) == ("Telehop Reports Q2 Results", "", ("TSXV:HOP",))
    feed = parse_wire("SYS-CON MEDIA Authors: Doug Masi, Mat Mathews, PR.com Newswire\n\nNews Feed Item\n\n"
                      "Tellza Announces 2014 Q2 Financial Results\n\nRevenue for the six months climbs to $124M USD\n\n"
                      "TORONTO, ONTARIO -- (Marketwired) -- 07/25/14 -- Tellza Communications Inc. (TSX: TEL) announced "
                      "its unaudited financial results.\n")
    assert (feed.title, feed.subtitle) == ("Tellza Announces 2014 Q2 Financial Results",
                                           "Revenue for the six months climbs to $124M USD")


def test_a_forum_post_s_notices_reply_header_and_ticker_are_no_part_of_the_release() -> None:
    """A Silicon Investor page: its ad-blocker notice, the board's name, who replied to whom, the
    poster's ticker before the dateline and a quoted '>>' headline."""
    page = ("SI\nSI\ndiscoversearch\n\nWe've detected that you're using an ad content blocking browser plug-in or "
            "feature. Ads provide a critical source of revenue.\nBiotech / Medical : dsco Discovery Laboratories -- "
            "Ignore unavailable to you. Want to Upgrade?\n\n\nTo: Arthur Radley who wrote (259)2/18/2010 11:50:35 AM\n"
            "From: tuck  Read Replies (2) | Respond to of 318\n \n>>Discovery Labs Prices $16.5 Million Public Offering\n\n"
            "Press Release Source: Discovery Laboratories, Inc. On Thursday February 18, 2010, 8:45 am EST\n\n"
            "WARRINGTON, Pa., Feb. 18, 2010 (GLOBE NEWSWIRE) -- Discovery Laboratories, Inc. (Nasdaq:DSCO - News) "
            "today announced that it has priced an underwritten public offering.\n")
    draft = parse_wire(page)
    assert (draft.title, draft.subtitle) == ("Discovery Labs Prices $16.5 Million Public Offering", "")
    assert draft.tickers == ("NASDAQ:DSCO",)
    post = parse_wire("To: Jetta who wrote (12147)10/21/1999 9:34:00 AM\nFrom: SSP  Read Replies (2) | Respond to of 150070\n"
                      " \nTXMC - MONTREAL--(BUSINESS WIRE)--Oct. 21, 1999--The Tirex Corporation\n(OTC Bulletin Board - "
                      "\"TXMC\") announced last Wednesday that since\nJuly, The Tirex TCS-1 Cryogenic Scrap Tire Recycling "
                      "System has been\ntested for 100% flawless automatic operations.\n")
    assert (post.company, post.tickers, post.title.startswith("TXMC")) == ("The Tirex Corporation", ("OTCBB:TXMC",), False)
    flash = parse_wire("NEWS Flash Alberthal Announces Plans to Retire PR Newswire - August 06, 1998 16:32 PLANO, Texas, "
                       "Aug. 6 /PRNewswire/ -- EDS (NYSE: EDS) "
                       "announced today that Les Alberthal, chairman and CEO, has decided to retire.\n")
    assert flash.title == "Alberthal Announces Plans to Retire"


def test_an_eqs_header_broken_before_its_key_words_and_a_french_date_line() -> None:
    eqs = parse_wire("EQS-News: SÜSS MicroTec SE\n/ Key word(s): Quarterly / Interim Statement\nGarching, Germany, May 11, "
                     "2023 – SÜSS MicroTec SE, a leading manufacturer of systems for the semiconductor industry, published "
                     "its Quarterly Report for the first three months of the 2023 fiscal year today.\n")
    assert (eqs.company, eqs.wire, eqs.subtitle) == ("SÜSS MicroTec SE", "EQS", "")
    assert "SÜSS MicroTec SE" != eqs.title and "earnings" in eqs.tags  # no headline printed: a draft from the lede
    aecon = parse_wire("Groupe Aecon Inc.\nTSX : ARE\n\nGroupe Aecon Inc.\n\n04 août 2009 17h30 HE\n\n"
                       "Aecon annonce ses résultats pour le deuxième trimestre\n\nTORONTO, ONTARIO--(Marketwire - 4 août 2009) - "
                       "Groupe Aecon Inc. (TSX:ARE) a annoncé aujourd'hui ses résultats financiers.\n")
    assert (aecon.title, aecon.date.isoformat(), aecon.tags[:1]) == (
        "Aecon annonce ses résultats pour le deuxième trimestre", "2009-08-04", ("earnings",))


def test_a_date_line_naming_its_wire_is_no_sub_headline() -> None:
    draft = parse_wire("George Weston Limited - Fourth Quarter 2010\n\nMar. 3, 2011 (Canada NewsWire Group) --\n\n"
                       "TORONTO, March 3 /CNW/ - George Weston Limited (TSX: WN) today announced its results for 2010.\n")
    assert (draft.title, draft.subtitle, draft.date.isoformat()) == ("George Weston Limited - Fourth Quarter 2010", "",
                                                                    "2011-03-03")


def test_a_forum_page_s_release_is_in_the_post_after_the_last_reply_header() -> None:
    page = ("   Gold/Mining/EnergyRare Earth Elements and Exotic Metals\n\n\nPrevious 10 Next 10 \n"
            "To: flashforward2009 who wrote (22545)5/21/2024 1:00:58 PM\nFrom: LoneClone\n   of 22780\n \n"
            "Sorry, I haven't looked closely enough of late to comment with authority.\n\nLC\n\n"
            "Share RecommendKeepReplyMark as Last Read\n\n\nTo: LoneClone who wrote (22544)5/21/2024 1:37:52 PM\n"
            "From: LoneClone\n   of 22780\n \n[Gallium/Indium]\nSilver Elephant Pulacayo Drill-Hole Reports 99-Meter "
            "Intersection Grading 27.8 g/t Gallium\n\nVancouver, British Columbia--(Newsfile Corp. - May 21, 2024) - "
            "Silver Elephant Mining Corp. (TSX: ELEF) announces drill results.\n")
    draft = parse_wire(page)
    assert draft.title == "Silver Elephant Pulacayo Drill-Hole Reports 99-Meter Intersection Grading 27.8 g/t Gallium"
    assert "Sorry" not in draft.subtitle and "Gold/Mining" not in draft.subtitle


def test_a_flattened_eqs_header_gives_its_headline_and_its_sub_headlines() -> None:
    draft = parse_wire(
        " date 2019-05 Acme Werk AG: Acme meldet Zahlen für das erste Quartal 2019 DGAP-News: Acme Werk AG / "
        "Schlagwort(e): Quartals-/Zwischenmitteilung Acme Werk AG: Acme meldet Zahlen für das erste Quartal 2019 "
        "08.05.2019 / 08:00 Für den Inhalt der Mitteilung ist der Emittent / Herausgeber verantwortlich. "
        "Geschäftsentwicklung im Rahmen der Planungen - Alle Standorte liefern positive Beiträge - Weiterhin "
        "herausforderndes Marktumfeld erwartet Oberkirch, "
        "8. Mai 2019 - Das aktuell sehr anspruchsvolle Marktumfeld hat die Geschäftsentwicklung des Konzerns im "
        "ersten Quartal 2019 geprägt. Die Umsatzerlöse beliefen sich auf 118,0 Mio. EUR.\n")
    assert (draft.title, draft.company, draft.wire) == (
        "Acme Werk AG: Acme meldet Zahlen für das erste Quartal 2019", "Acme Werk AG", "EQS")
    assert draft.subtitle == ("Geschäftsentwicklung im Rahmen der Planungen Alle Standorte liefern positive Beiträge "
                              "Weiterhin herausforderndes Marktumfeld erwartet")
    assert draft.date == date(2019, 5, 8) and "earnings" in draft.tags


def test_a_flattened_exhibit_s_release_notice_and_dashed_sub_headlines_stand_apart() -> None:
    opening = read_opening("For Immediate Release ACME BUSINESSES REPORT RECORD 1999 AND FOURTH-QUARTER RESULTS "
                           "-Normalized 1999 EBITA Grew 15%- -Cable Networks and Publishing Post Record Yearly Results- ", 0)
    assert opening.headline == "ACME BUSINESSES REPORT RECORD 1999 AND FOURTH-QUARTER RESULTS"
    assert opening.subtitle == "Normalized 1999 EBITA Grew 15% Cable Networks and Publishing Post Record Yearly Results"


def test_a_news_page_s_update_stamp_is_a_date_line_and_no_headline() -> None:
    draft = parse_wire("updated 3/21/2011 4:16:42 PM ET 2011-03-21T20:16:42\n\nTULSA, Okla., March 21, 2011 "
                       "(GLOBE NEWSWIRE) -- Acme Group Inc. (Nasdaq:ACME) today announced its audited financial results "
                       "for the fourth quarter and year ended December 31, 2010.\n")
    assert not draft.headline_found and draft.wire == "GlobeNewswire"


def test_a_poster_s_short_remark_above_the_release_is_no_headline() -> None:
    assert headline_of(["Beat you to it!", "Acme Reports First Quarter Results: Double Digit Growth"],
                       company="Acme") == ("Acme Reports First Quarter Results: Double Digit Growth", "")


def test_a_letterhead_s_address_with_its_state_spelled_out_is_no_headline() -> None:
    draft = parse_wire("Exhibit 99\n1550 Peachtree Street, N.W. Atlanta, Georgia 30309 |\n||\nNews Release |\n"
                       "FOR IMMEDIATE RELEASE\nAcme Reports Record Third Quarter Earnings\n"
                       "ATLANTA, October 16, 2003Acme Inc. (NYSE: ACM), a provider of information, today reported "
                       "third quarter revenue of $309.8 million, an increase of 7 percent.\n")
    assert (draft.title, draft.subtitle) == ("Acme Reports Record Third Quarter Earnings", "")
    assert (draft.location, draft.date, draft.company) == ("Atlanta", date(2003, 10, 16), "Acme Inc.")


def test_a_forum_post_s_header_and_cashtag_are_no_part_of_the_headline() -> None:
    draft = parse_wire("InvestorsHub Logo\nFollowers 43\nPosts 5831\nBoards Moderated 1\nAlias Born 11/27/2009\n\nRe: None\n\n"
                       "Friday, 04/14/2023 10:38:26 AM\n\nPost# of 28488\n$ACME Acme Bio, Inc. Reports Q4 and FY 2022 Financial "
                       "Results\n\nCompany Pivots Strongly into Its New Platform\n\nSOUTH EASTON, MA / ACCESSWIRE / April 14, 2023 / "
                       "Acme Bio, Inc. (OTCQB:ACME) reported financial results for the fourth quarter of 2022.\n")
    assert (draft.title, draft.subtitle) == ("Acme Bio, Inc. Reports Q4 and FY 2022 Financial Results",
                                             "Company Pivots Strongly into Its New Platform")


def test_an_advertisement_above_the_company_s_headline_is_the_page_s() -> None:
    draft = parse_wire("TradeStation\n\nGet Cash Back and $0 Commissions\n+ The Power of TradeStation\n\n"
                       "Acme HomeCare Announces Second Quarter 2024 Financial Results\n\nBusiness Wire 5-Aug-2024 4:05 PM\n\n"
                       "Acme HomeCare Corporation (NASDAQ:ACME), a provider of home care services, today announced its "
                       "financial results for the second quarter ended June 30, 2024.\n")
    assert (draft.title, draft.subtitle) == ("Acme HomeCare Announces Second Quarter 2024 Financial Results", "")
    assert (draft.date, draft.wire, draft.location) == (date(2024, 8, 5), "Business Wire", "")


def test_highlights_where_no_headline_is_printed_are_the_sub_headline() -> None:
    draft = parse_wire("- Assets under management ended the third quarter at $33.3 billion.\n"
                       "- Q3 2020 diluted earnings per share decreased to $0.16.\n"
                       "NEW YORK, Oct. 20, 2020 (GLOBE NEWSWIRE) \u2014 Acme Investment Inc. (NYSE: ACM) reported its results "
                       "for the three months ended September 30, 2020.\n")
    assert not draft.headline_found and "earnings" in draft.tags
    assert draft.subtitle == ("Assets under management ended the third quarter at $33.3 billion. "
                              "Q3 2020 diluted earnings per share decreased to $0.16.")


def test_symbol_and_exchange_lines_a_letterhead_s_contacts_and_a_headline_wrapped_after_a_semicolon() -> None:
    draft = parse_wire("Acme Reports 2014 Annual and Fourth Quarter Results\nSymbol: ACX\nStock Exchange: TSX\n"
                       "CALGARY, March 17, 2015 /CNW/ - Acme Exploration Ltd. (\"Acme\") today announces its 2014 annual "
                       "results.\n")
    assert (draft.title, draft.tickers) == ("Acme Reports 2014 Annual and Fourth Quarter Results", ("TSX:ACX",))
    filed = parse_wire("Attached files\nfile | filename |\n---|---|\n8-K - 8-K - ACME INC | a15-21776_18k.htm |\nEXHIBIT 99.1\n"
                       "| | CONTACT: |\n| | Investors: John Smith / Jane Doe |\n| | Media: Sean Lee |\n"
                       "ACME REPORTS THIRD QUARTER 2015 FINANCIAL RESULTS;\nAUTHORIZES $100 MILLION SHARE REPURCHASE PROGRAM\n"
                       "Plainview, N.Y., October 28, 2015 Acme Instruments Inc. (Nasdaq: ACME) announced financial results "
                       "for its third fiscal quarter.\n")
    assert (filed.title, filed.subtitle) == (
        "ACME REPORTS THIRD QUARTER 2015 FINANCIAL RESULTS; AUTHORIZES $100 MILLION SHARE REPURCHASE PROGRAM", "")
    assert (filed.location, filed.company) == ("Plainview, N.Y.", "Acme Instruments Inc.")


def test_a_portal_s_page_lines_above_an_eqs_release_and_a_back_link() -> None:
    draft = parse_wire("INVESTOR RELATIONS CENTER\n\nNews Detail\n\nDGAP-News News vom 27.10.2017\n\n"
                       "Acme AG: 9-Monatszahlen: Acme legt bei Umsatz und Ergebnis weiter zu\n\n"
                       "DGAP-News: Acme AG / Schlagwort(e): 9-Monatszahlen\n\n27.10.2017 / 07:30\n"
                       "Für den Inhalt der Mitteilung ist der Emittent verantwortlich.\n\n\nPressemitteilung\n\n\n"
                       "- Konzernumsatz auf 12,864 Mrd. EUR gewachsen\n\n- Konzern-Ausblick 2017 bestätigt\n\n\n"
                       "München, 27. Oktober 2017 - Das Technologieunternehmen Acme hat den Konzernumsatz weiter gesteigert.\n")
    assert draft.title == "Acme AG: 9-Monatszahlen: Acme legt bei Umsatz und Ergebnis weiter zu"
    assert draft.subtitle == "Konzernumsatz auf 12,864 Mrd. EUR gewachsen Konzern-Ausblick 2017 bestätigt"
    assert "earnings" in draft.tags
    back = parse_wire("< Back to List\n\nNR1701\n\nJanuary 10, 2017\n\nTORONTO, ONTARIO--(Marketwired - Jan. 10, 2017) - "
                      "Acme Iron Corp. (TSX:NAI) announces its results.\n")
    assert not back.headline_found


def test_a_date_in_digits_only_gives_way_to_one_that_names_its_month() -> None:
    opening = read_opening("04/08/2016 7:00am\n\nUK Regulatory\n\nClick Here for more Acme Charts.\n\nTIDMACM\n\n"
                           "RNS Number : 1945G\n\nAcme Group PLC\n\n04 August 2016\n", 0)
    assert opening.dates[0] == date(2016, 8, 4)
    assert not any("Click Here" in text for text in opening.texts)


def test_a_page_s_title_with_its_site_s_name_and_the_headline_with_the_company_s() -> None:
    assert headline_of(["Q1 with Higher Sales than the Previous year. 2024 Forecast Confirmed. \u2013 Biotech Investments",
                        "Acme & Co: Q1 with Higher Sales than the Previous year. 2024 Forecast Confirmed.", "1st Quarter 2024:"],
                       company="Acme") == ("Acme & Co: Q1 with Higher Sales than the Previous year. 2024 Forecast Confirmed.",
                                           "1st Quarter 2024:")
    assert headline_of(["Acme AG: Preliminary announcement of the publication of financial reports",
                        "Preliminary announcement of the publication of financial reports"], company="Acme")[0] == \
        "Acme AG: Preliminary announcement of the publication of financial reports"


def test_a_headline_that_names_the_company_by_its_symbol_under_a_poster_s_remark() -> None:
    draft = parse_wire("We hit 100 tomorrow, The shorts run and we run to 108 tomorrow. IMO\n"
                       "MSGI Reports Record Fourth Quarter Results; Quarterly Revenue up 42%\n"
                       "NEW YORK, Sep 28, 1999 (BUSINESS WIRE) -- Marketing Services Group, Inc. (Nasdaq: MSGI), an "
                       "integrated marketing company, today announced record results for the fourth quarter.\n")
    assert (draft.title, draft.subtitle) == ("MSGI Reports Record Fourth Quarter Results; Quarterly Revenue up 42%", "")


def test_a_letterhead_over_a_french_headline_and_its_lede() -> None:
    draft = parse_wire("Groupe Acme inc.\nTSX : ACM.B\n\nGroupe Acme inc.\n\n06 mai 2014 08h54 HE\n\n"
                       "Groupe Acme enregistre une perte nette de 10,2 millions de dollars pour le premier trimestre 2014\n\n"
                       "MONTRÉAL, CANADA--(Marketwired - 6 mai 2014) - Groupe Acme inc. (la « Société ») (TSX:ACM.B) annonce "
                       "qu'elle a enregistré une perte nette de 10,2 millions de dollars au premier trimestre.\n")
    assert draft.company == "Groupe Acme inc." and draft.title.startswith("Groupe Acme enregistre")
    assert "earnings" in draft.tags


def test_a_blog_s_chrome_and_a_wrapped_copy_printing_its_headline_again() -> None:
    draft = parse_wire("top of page\nFinancials - May 2022\nAcme Restaurants Announces Financial Results for the Second Quarter\n"
                       "Share Print-Ready Version\nMay 16, 2022 04:05 PM Eastern Daylight Time\n"
                       "NEW YORK--(BUSINESS WIRE)--Acme Restaurants Corp. (NASDAQ:ACME) today reported financial results.\n")
    assert (draft.title, draft.subtitle) == ("Acme Restaurants Announces Financial Results for the Second Quarter", "")
    again = headline_of(["Acme Laboratories, Inc., Reports Record Annual Results",
                         "Acme Laboratories, Inc., Reports Record Annual Results Fourth Quarter Earnings Increase 33%"])
    assert again == ("Acme Laboratories, Inc., Reports Record Annual Results", "Fourth Quarter Earnings Increase 33%")


def test_a_flattened_exhibit_s_label_and_a_place_after_capitals_that_are_no_place() -> None:
    draft = parse_wire("EXHIBIT 99.1 ACME POSTS RESULTS FOR THIRD QUARTER 2004 RECORD REVENUE & EARNINGS PITTSBURGH, PA, "
                       "DECEMBER 7, 2004 - Acme Environmental, Inc. (OTC BB: ACME), an environmental contractor, today "
                       "announced record revenue for the third quarter. " * 2)
    assert (draft.location, draft.date) == ("Pittsburgh, PA", date(2004, 12, 7))


@pytest.mark.parametrize("line", ["Acme Requests Authority to Offer Service to Buenos AiresTuesday June 10, 9:03 am ET",
                                  "Acme Requests Authority to Offer Service to Buenos Aires 3/31/2005 3:03:08 PM"])
def test_a_forum_s_timestamp_after_the_headline_is_no_part_of_it(line: str) -> None:
    draft = parse_wire(f"{line}\nNEW YORK, June 10, 2008 (PRIME NEWSWIRE) -- Acme Air Lines (NYSE: ACME) today announced "
                       "it filed an application.\n")
    assert draft.title == "Acme Requests Authority to Offer Service to Buenos Aires"


def test_a_stockwatch_page_s_clock_quote_panel_and_own_headline_are_not_the_release_s() -> None:
    draft = parse_wire("14:00:19 EST Sun 08 Feb 2026\nEnter Symbol\nor Name\nUSA\nCA\n\n\n\nAcme Mining Corp\nSymbol P\n"
                       "Shares Issued 164,648,090\nClose 2016-05-03 C$ 2.38\nMarket Cap C$ 391,862,454\nRecent Sedar+ Documents\n\n"
                       "Acme swings to $13.17-million (U.S.) loss in Q1\n\n2016-05-04 06:56 ET - News Release\n\n"
                       "Mr. Jane Doe reports\n\nACME REPORTS FIRST QUARTER 2016 FINANCIAL RESULTS\n\n"
                       "Acme Mining Corp. has released its financial results for the first quarter ended March 31, 2016.\n")
    assert (draft.title, draft.subtitle, draft.date) == ("ACME REPORTS FIRST QUARTER 2016 FINANCIAL RESULTS", "", date(2016, 5, 4))
    original = parse_wire("22:50:12 EDT Wed 01 May 2024\nEnter Symbol\nor Name\nUSA\nCA\n\nAcme Inc (2)\nSymbol CBX\n"
                          "Recent Sedar Documents\n\nORIGINAL: Acme Reports Q1 F2017 Financial Results\n\n"
                          "2016-12-06 16:38 ET - News Release\n\nCALGARY, ALBERTA -- (Marketwired) -- 12/06/16\n\n"
                          "Acme Inc. (TSX VENTURE:CBX) today announces its results.\n")
    assert (original.title, original.subtitle) == ("Acme Reports Q1 F2017 Financial Results", "")


@pytest.mark.parametrize("opening", ["Poster01 wrote:\nAcme Announces Close of First Tranche of Private Placement\n",
                                     "To: Jane Doe who wrote (7435)11/25/1997 11:10:00 PM\nFrom: Arnie  Respond to of 15196\n"
                                     "\nEARNINGS / Acme Announces Close of First Tranche of Private Placement\n",
                                     "Post# of 60\nAcme Announces Close of First Tranche of Private Placement (2/26/15)\n"])
def test_a_forum_s_poster_category_and_date_are_not_the_headline(opening: str) -> None:
    draft = parse_wire(opening + "NEW YORK, Nov. 24, 2020 (GLOBE NEWSWIRE) -- Acme Bio Ltd. (TSX VENTURE: ACME) announces "
                                 "that it completed the first tranche.\n")
    assert (draft.title, draft.subtitle) == ("Acme Announces Close of First Tranche of Private Placement", "")


def test_a_portal_s_section_name_over_a_headline_with_inc_in_it_and_no_dateline() -> None:
    draft = parse_wire("Financial News\n\nAcme Information Sciences, Inc. Reports Second Quarter Fiscal 2021 Financial Results\n\n"
                       "Reports Year-Over-Year Revenue Growth and Positive Net Income\n\nAcme Information Sciences, Inc. "
                       "(NYSE-AMERICAN: ACME) a global provider of staffing services, today announced financial results for "
                       "the second quarter ended May 2, 2021.\n")
    assert (draft.title, draft.subtitle) == ("Acme Information Sciences, Inc. Reports Second Quarter Fiscal 2021 Financial Results",
                                             "Reports Year-Over-Year Revenue Growth and Positive Net Income")


def test_stock_symbol_and_outstanding_shares_lines_over_the_dateline() -> None:
    draft = parse_wire("ACME REPORTS ITS THIRD QUARTER RESULTS\n\nStock symbol: TSX: ACM\nOutstanding shares: 65,888,182\n\n"
                       "QUEBEC CITY, Nov. 8, 2012 /CNW Telbec/ - Acme Inc. today announced its results.\n")
    assert (draft.title, draft.subtitle, draft.tickers) == ("ACME REPORTS ITS THIRD QUARTER RESULTS", "", ("TSX:ACM",))


def test_a_letterhead_s_contact_without_a_label_over_the_headline() -> None:
    draft = parse_wire("|\nJane Doe, Acting CEO & CFO\nAcme Ltd.\nTel: 972-3-7111690\nFax: 972-3-7111691\njane.doe@acme.com\n"
                       "Acme To Halt Voluntary Liquidation Plan\n- Considers Strategic Alternatives -\nTel-Aviv, Israel, July 21, "
                       "2016 - Acme Ltd. (OTCQB: ACME), today announced that its Board of Directors has determined to halt "
                       "its plan.\n")
    assert (draft.title, draft.subtitle) == ("Acme To Halt Voluntary Liquidation Plan", "Considers Strategic Alternatives")
    assert "## Contacts" in draft.body and "Jane Doe, Acting CEO & CFO" in draft.body


def test_a_filing_site_s_lines_a_page_marker_and_a_contact_label_in_a_column() -> None:
    draft = parse_wire("ACME DIESEL CORP\n8-K, EX-99.1, 2000-07-21\nENGINES & TURBINES\nPrevious: ACME DIESEL CORP, 8-K, 2000-07-21\n"
                       "Next: EQUITY MARKETING INC, DEF 14A, 2000-07-21\n\n\n\n<PAGE>   1\n"
                       "                                                                    EXHIBIT 99.1\n\n\n"
                       "R-1324                CONTACT:   Dan Doe\n                                 Treasurer\n"
                       "                                 313/592-7344\n\n\n"
                       "        ACME DIESEL ANNOUNCES MERGER AGREEMENT WITH WIDGET AG\n\n\nFOR IMMEDIATE RELEASE:\n\n"
                       "DETROIT, MICHIGAN, JULY 20, 2000 -- Acme Diesel Corporation (NYSE: ACME) announced today the signing "
                       "of a definitive merger agreement.\n")
    assert (draft.title, draft.subtitle) == ("ACME DIESEL ANNOUNCES MERGER AGREEMENT WITH WIDGET AG", "")
    assert "## Contacts" in draft.body and "Dan Doe" in draft.body


def test_a_double_spaced_page_s_contact_block_and_its_file_name() -> None:
    draft = parse_wire("Attached files\n\nfile filename\n\n8-K - FORM 8-K - Acme Holdings, Inc.d255492d8k.htm\n\nExhibit 99.1\n\n"
                       "LOGO\n\nFor more information contact\n\nJane Doe\n\nVice President and Treasurer\n\n(817) 224-7742\n\n"
                       "jane.doe@acme.com\n\nAcme Inc.\u2019s Parent Reports Third Quarter Financial Results\n\n \n\n"
                       "FALLS CHURCH, Va. (November 14, 2011) \u2013 Acme Holdings, Inc. today reported results.\n")
    assert draft.title == "Acme Inc.\u2019s Parent Reports Third Quarter Financial Results"
    assert "## Contacts" in draft.body


def test_an_ir_page_s_title_names_the_company_and_its_ticker_only() -> None:
    draft = parse_wire("Press Release ACME BANK OF COMMERCE HOLDINGS (NASDAQ - ACME)\n\nAcme Holdings Announces Results for the Fourth Quarter "
                       "of 2018\n\nCompany Release - 1/18/2019 9:00 AM ET\n\nSACRAMENTO, Calif., Jan. 18, 2019 (GLOBE NEWSWIRE) "
                       "-- Acme Holdings (NASDAQ: ACME) today announced financial results.\n")
    assert (draft.title, draft.subtitle) == ("Acme Holdings Announces Results for the Fourth Quarter of 2018", "")


def test_a_converted_exhibit_s_highlights_with_the_bullet_in_a_cell_of_its_own_are_no_headline() -> None:
    draft = parse_wire("|\n|\nFOR RELEASE:\nCONTACT:\n|\nNew Hartford, NY, March 13, 2017\nJane Doe (315) 738-0600 ext. 6226\n|\n"
                       "\u00b7\n|\nRevenues were reported at $60.2 million in the fourth quarter of fiscal 2016, a 6.0% increase.\n"
                       "|\u00b7\n|\nGAAP net income in the fourth quarter of fiscal 2016 was $1.9 million, or $0.12 per share.\n|\n"
                       "(Unaudited)\n|\nAcme Technology Corporation reported its results for the fourth quarter today, the "
                       "company said in a statement to its shareholders.\n")
    assert not draft.headline_found
    assert (draft.date, draft.location) == (date(2017, 3, 13), "New Hartford, NY")


def test_a_nordic_release_header_names_the_issuer_and_the_day() -> None:
    draft = parse_wire("ACME F\u00d6RV\u00c4RVAR AKTIER I SVENSKT F\u00d6RETAG\nAcme Abp MEDDELANDE 1 oktober 2008, kl. 10.00\n"
                       "ACME F\u00d6RV\u00c4RVAR AKTIER I SVENSKT F\u00d6RETAG\nScan AB, som svarar f\u00f6r Acme-koncernens verksamhet "
                       "i Sverige, har f\u00f6rv\u00e4rvat\nen andel p\u00e5 15 procent i Matfabriken i Skandinavien AB, ett f\u00f6retag "
                       "inom kyld\nf\u00e4rdigmat. Matfabriken har ca 100 anst\u00e4llda.\n")
    assert (draft.date, draft.company, draft.title) == (date(2008, 10, 1), "Acme Abp", "ACME F\u00d6RV\u00c4RVAR AKTIER I SVENSKT F\u00d6RETAG")
    page = parse_wire("2009-05-14 08:00:00 CEST\n\nREGULATED INFORMATION\n\nAcme Oyj - Interim report (Q1 and Q3)\n\n"
                      "ACME OYJ ACME OYJ'S INTERIM REPORT, 1 JANUARY - 31 MARCH 2009 14 MAY 2009 at 9.00 AM\n\n\n"
                      "ACME OYJ\tINTERIM REPORT 14 MAY 2009 at 9.00 AM\n\nACME OYJ'S INTERIM REPORT, 1 JANUARY - 31 MARCH 2009\n\n"
                      "Acme's consolidated net sales for the first quarter of 2009 amounted to EUR 11.5 million (EUR 17.8 million).\n")
    assert (page.title, page.subtitle, page.date) == ("ACME OYJ'S INTERIM REPORT, 1 JANUARY - 31 MARCH 2009", "", date(2009, 5, 14))
    after = parse_wire("ACME LOGISTICS PLC\u2019S INTERIM REPORT 1 JANUARY - 31 MARCH 2012\n\n\nYear 2012 started better than expected\n\n"
                       "Acme Logistics Plc                            Interim report 4 May 2012 at\n9.00 am \n\n"
                       "Acme Logistics has reorganized its operations as of 4 October 2011, and its net sales grew.\n")
    assert (after.title, after.subtitle, after.company) == ("ACME LOGISTICS PLC\u2019S INTERIM REPORT 1 JANUARY - 31 MARCH 2012",
                                                            "Year 2012 started better than expected", "Acme Logistics Plc")


def test_an_rns_letterhead_over_a_lede_that_calls_the_company_by_its_initials() -> None:
    draft = parse_wire("TIDMRTS \n \nRNS Number : 9300X \nRobotic Acme Systems PLC \n25 August 2009 \n \n\nRobotic Acme Systems PLC \n"
                       " \n \nInterim Results for the six months ended 30 June 2009 \n \n \nRAS is a high technology business "
                       "supplying engineering solutions. RAS today announces its interim results for the six months ended "
                       "30 June 2009. \n")
    assert (draft.title, draft.subtitle, draft.company) == ("Interim Results for the six months ended 30 June 2009", "",
                                                            "Robotic Acme Systems PLC")


def test_a_filing_site_s_menus_above_a_pdf_s_text() -> None:
    draft = parse_wire("AI Terminal\n\nMODULE: AI_ANALYST\nInteractive Q&A, Risk Assessment, Summarization\nSYSTEM ACCESS LOCKED\n"
                       "Authenticate / Register Log In\n\nAcme N.V.\n\nEarnings Release Aug 7, 2014\n\n3839_iss_2014-08-07.pdf\n\n"
                       "Open in Viewer\n\nOpens in native device viewer\n\nAcme publishes Second Quarter 2014 results\n\n"
                       "Amsterdam \u2013 7 August 2014 \u2013 Acme N.V. today announced its results for the second quarter of 2014.\n")
    assert (draft.title, draft.subtitle) == ("Acme publishes Second Quarter 2014 results", "")


def test_highlights_starred_without_a_space_are_a_sub_headline_not_a_flash() -> None:
    draft = parse_wire("Acme Corporation Reports Results for Fourth Quarter and Full-Year 2012\n\n"
                       "  *4Q12 revenue of $754.2 million up 33% from 4Q11\n  *4Q12 reported EPS of $0.70 up 63% from 4Q11\n\n"
                       "Business Wire\n\nNEW YORK -- February 8, 2013\n\nAcme Corporation (NYSE: ACME) today announced results "
                       "for the fourth quarter and full-year 2012.\n")
    assert draft.subtitle == "4Q12 revenue of $754.2 million up 33% from 4Q11 4Q12 reported EPS of $0.70 up 63% from 4Q11"


def test_a_date_and_a_comtex_tag_before_the_sub_headline() -> None:
    draft = parse_wire("ACME Announces Third Quarter 2007 Results\n\nOct 24, 2007 (PrimeNewswire via COMTEX News Network) -- "
                       "Twelfth Consecutive Quarter of Top Line Growth\n\nNEW YORK, Oct. 24, 2007 (PRIME NEWSWIRE) -- The Acme "
                       "Stock Market, Inc. (Nasdaq:ACME) today reported results.\n")
    assert (draft.title, draft.subtitle) == ("ACME Announces Third Quarter 2007 Results", "Twelfth Consecutive Quarter of Top Line Growth")


def test_listing_lines_above_the_dateline_join_the_lede_s_tag() -> None:
    draft = parse_wire("Acme Metals Drills 5.1 g/t Gold over 10 Metres\n\nTSX: ACM\nOTCQX: ACMMF\n\nTORONTO, July 7, 2020 /CNW/ - "
                       "Acme Metals Inc. (TSX: ACM) is pleased to report drill results.\n")
    assert draft.tickers == ("TSX:ACM", "OTCQX:ACMMF")


def test_a_highlights_box_above_the_dateline_is_no_headline() -> None:
    draft = parse_wire("Fiscal year 2017 highlights: Revenues up 6% to reach $77.7 million. Profit of $15.8 million.\n\n"
                       "LONGUEUIL, QC, June 7, 2017 /CNW Telbec/ - Acme Interactive Technologies Inc. (TSX: ACM) today "
                       "announced its results for fiscal year 2017.\n")
    assert not draft.headline_found


def test_a_contact_label_naming_the_company_glued_to_the_release_notice() -> None:
    draft = parse_wire("Exhibit 99.1\nNews Release\nFor Immediate ReleaseContact for Acme Energy Resources, Inc.:\nJane Doe,\n"
                       "VP, Strategic and Corporate Development\n(720) 932-7800\nwww.acme-res.com\n"
                       "Acme Reports Record Quarterly Revenue, Gross Profit and EBITDA\n"
                       "DENVER, CO \u2014 (PR Newswire) \u2014 November 7, 2005 \u2014 Acme Energy Resources, Inc. (NASDAQ: ACME) "
                       "today announced its results.\n")
    assert draft.title == "Acme Reports Record Quarterly Revenue, Gross Profit and EBITDA"
    assert "## Contacts" in draft.body and "Jane Doe" in draft.body


def test_boxes_of_points_under_their_labels_above_the_dateline_are_no_headline() -> None:
    draft = parse_wire("TSX: ACM\nwww.acme.com\nFiscal year 2017 highlights:\n- Revenues up 6% to reach $77.7 million.\n"
                       "- Profit of $15.8 million ($1.06 per share).\nQuarterly dividend:\n- Declaration of a quarterly dividend "
                       "of $0.10 per share.\nBoard of Directors:\n- The Company announces the appointment of Mrs. Jane Doe.\n"
                       "LONGUEUIL, QC, June 6, 2017 /CNW Telbec/ - Acme Interactive Technologies Inc. (TSX: ACM) announces "
                       "its results for the year ended March 31, 2017.\n")
    assert not draft.headline_found


def test_an_investment_site_s_offers_date_lines_and_highlights_label_around_the_headline() -> None:
    draft = parse_wire("Get 40% Off\n\U0001f440 All eyes on Widget, up +4,56% after posting earnings. Our AI picked it in March 2024.\n"
                       "Which stocks will surge next?\nUnlock AI-picked Stocks\n\nAcme Materials to Sell Oxide Business for $140M; "
                       "Reports Q3\n\nPublished 11/14/2022, 06:52 AM\nUpdated 11/14/2022, 07:04 AM\n\nThird Quarter 2022 Highlights\n\n"
                       "  \u2022 Net loss attributable to Acme of $50 million compared to $47 million in the prior year period\n"
                       "  \u2022 Adjusted EBITDA of $(8) million compared to $48 million in the prior year period\n\n"
                       "Acme Materials PLC (NYSE: ACM) reported third quarter 2022 results today, and agreed to sell a business.\n")
    assert (draft.title, draft.subtitle, draft.location) == ("Acme Materials to Sell Oxide Business for $140M; Reports Q3", "", "")


def test_a_byline_under_the_headline() -> None:
    draft = parse_wire("# ACME REPORTS Q1 RESULTS ABOVE EXPECTATIONS\n\n*By ACME BOSS AG*\n\nMetzingen, May 6, 2025 \u2013 Acme Boss AG "
                       "today reported its results for the first quarter.\n")
    assert (draft.title, draft.subtitle) == ("ACME REPORTS Q1 RESULTS ABOVE EXPECTATIONS", "")


def test_a_portal_s_ai_summary_between_the_headline_and_the_release() -> None:
    draft = parse_wire("# Acme Holdings, Inc. Regains Compliance with NASDAQ Listing Rules\n\n*By Quiver Quantitative*\n\n"
                       "Acme regains NASDAQ compliance after filing its financials. Quiver AI Summary Acme Holdings, Inc. has "
                       "announced that it has regained compliance.\n\nPotential Positives Acme has regained compliance.\n\n"
                       "FAQ What does Acme do? Acme makes safes.\n\nFull Release Nashville, Tennessee, Feb. 11, 2025 (GLOBE "
                       "NEWSWIRE) -- Acme Holdings, Inc. (NASDAQ: ACME) announced it has regained compliance.\n")
    assert (draft.title, draft.subtitle, draft.location) == (
        "Acme Holdings, Inc. Regains Compliance with NASDAQ Listing Rules", "", "Nashville, Tennessee")


def test_a_financial_site_s_interstitial_and_a_pdf_s_page_number_before_the_headline() -> None:
    draft = parse_wire("This Day On The Street\nContinue to site\nADVERTISEMENT\nThis account is pending registration confirmation. "
                       "Please click on the link within the confirmation email previously sent you to complete registration.\n"
                       "Need a new registration confirmation email? Click here\n\nAcme Health Services, Inc. Completes Acquisition "
                       "Of Widget Health Corporation\n\n\n\nKING OF PRUSSIA, Pa., Oct. 10, 2012 /PRNewswire/ -- Acme Health "
                       "Services, Inc. (NYSE: ACME) announced today that it has completed the acquisition.\n")
    assert (draft.title, draft.subtitle) == ("Acme Health Services, Inc. Completes Acquisition Of Widget Health Corporation", "")
    paged = parse_wire("1 ACME MATURE LIFESTYLES ANNOUNCES THIRD QUARTER FISCAL 2015 RESULTS VANCOUVER, BC / ACCESSWIRE / April 10, "
                       "2015 (TSX Symbol: ACC) Acme Mature Lifestyles Inc. is pleased to announce its results for the quarter.\n")
    assert paged.title == "ACME MATURE LIFESTYLES ANNOUNCES THIRD QUARTER FISCAL 2015 RESULTS"


@pytest.mark.parametrize("text, company", [
    ("TIDMACM\nRNS Number : 1945G\nAcme Group PLC\n07 September 2016\n\nInterim Results for the six months ended 30 June 2016\n\n"
     "The consultancy Acme Group plc today announces its interim results for the six months.\n", "Acme Group plc"),
    ("RNS Number : 6448L Widget Exchange Group AG 11 November 2024\nRECOMMENDED CASH OFFER FOR ACME PLC\n\nThe boards of Widget "
     "and Acme are pleased to announce the terms of a recommended offer.\n", "Widget Exchange Group AG"),
])
def test_an_rns_header_names_the_issuer_as_the_text_writes_it(text: str, company: str) -> None:
    assert parse_wire(text).company == company


def test_a_widget_s_date_after_the_headline_s_link() -> None:
    draft = parse_wire('<li><a href="#">Acme Mac Reports Second Quarter 2016 Financial Results </a><br>08/02/16 -  MCLEAN, VA--'
                       '(Marketwired - Aug 2, 2016) - Acme Mac (OTCQB: ACMM) today reported net income.</li>\n')
    assert draft.title == "Acme Mac Reports Second Quarter 2016 Financial Results"

"""The story → Markdown: sections from labels inline or on their own line, flattened and
hard-wrapped text, subheads, lists, chrome, and every sentence of the story kept once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsroom.importer.body import blocks, paragraphs, to_markdown
from newsroom.importer.sections import is_subhead, open_section, split_flattened
from newsroom.importer.dateline import find_dateline
from newsroom.importer.wire import parse_wire
from tests.wire_corpus import releases


def markdown(text: str) -> str:
    return to_markdown(blocks(text))


@pytest.mark.parametrize("line, opened", [
    ("About Acme Health -- AH has clinics in six states.", ("about", "About Acme Health", "AH has clinics in six states.")),
    ("About Acme:", ("about", "About Acme", "")),
    ("ABOUT ACME CORP.", ("about", "About Acme Corp.", "")),
    ("About Heritage Heritage Insurance Holdings, Inc. is an insurer.",
     ("about", "About Heritage", "Heritage Insurance Holdings, Inc. is an insurer.")),
    ("About Generic GoldGeneric Gold is an explorer.", ("about", "About Generic Gold", "Generic Gold is an explorer.")),
    ("About Paltalk, Inc. (Nasdaq: PALT)", ("about", "About Paltalk, Inc. (Nasdaq: PALT)", "")),
    ("\u00dcber die Netfonds Gruppe", ("about", "\u00dcber die Netfonds Gruppe", "")),
    ("Safe Harbor Statement under the Private Securities Litigation Reform Act of 1995: Acme may be wrong.",
     ("forward", "Forward-Looking Statements", "Acme may be wrong.")),
    ("Cautionary Note Regarding Forward-Looking Statements", ("forward", "Forward-Looking Statements", "")),
    ("Forward-Looking Information is Subject to Risk and Uncertainty", ("forward", "Forward-Looking Statements", "")),
    ("This news release contains \u201cforward-looking statements\u201d as defined by the Private Securities "
     "Litigation Reform Act of 1995.", ("forward", "Forward-Looking Statements", "This news release contains "
                                        "\u201cforward-looking statements\u201d as defined by the Private Securities "
                                        "Litigation Reform Act of 1995.")),
    ("Investor Contacts:", ("contacts", "Contacts", "")),
    ("For further information: Jane Doe, 555-123-4567", ("contacts", "Contacts", "Jane Doe, 555-123-4567")),
    ("Media:", ("contacts", "Contacts", "")),
    ("Non-GAAP Financial Measures", ("other", "Non-GAAP Financial Measures", "")),
    ("Conference Call and Webcast Information", ("other", "Conference Call and Webcast Information", "")),
    # A flattened About whose text opens by naming the company again; a caution about more than one thing.
    ("About Acme Group / Acme Films Acme Group is the parent company of Acme Films Inc.",
     ("about", "About Acme Group / Acme Films", "Acme Group is the parent company of Acme Films Inc.")),
    ("Cautionary Statement on Non-IFRS Financial Measures and Forward-looking Information In addition to results",
     ("forward", "Forward-Looking Statements", "In addition to results")),
    ("Except for the historical information contained herein, the matters set forth in this release are "
     "forward-looking statements.", ("forward", "Forward-Looking Statements", "Except for the historical information "
                                     "contained herein, the matters set forth in this release are forward-looking statements.")),
    ("For further information with regard to Acme Corporation, please contact Tom Lewis at (775) 410-2206",
     ("contacts", "Contacts", "please contact Tom Lewis at (775) 410-2206")),
    ("About Infinity Bancorp and Infinity Bank", ("about", "About Infinity Bancorp and Infinity Bank", "")),
    # Sentences that only look like labels.
    ("About 40% of revenue came from services.", None),
    ("About the time of the merger, sales rose.", None),
    ("For more information, visit http://acme.example.", None),
    ("forward-looking statements are not guarantees.", None),
])
def test_section_labels(line: str, opened: tuple[str, str, str] | None) -> None:
    assert open_section(line) == opened


def test_sections_follow_the_story_which_keeps_its_tables_and_subheads() -> None:
    body = markdown("Acme grew.\n\nForward-Looking Statements\n\nAcme may be wrong.\n\nSelected Results\n\n"
                    "Revenue    $1,200    $1,100\nCosts    (800)    (700)\nProfit    $400    $400\n")
    assert body.index("### Selected Results") < body.index("## Forward-Looking Statements")
    assert body.endswith("## Forward-Looking Statements\n\nAcme may be wrong.\n")


def test_a_flattened_release_is_cut_at_its_labels_and_its_chrome() -> None:
    line = ("Acme grew in 2015. About Acme Acme Corp. is a maker of things. Forward Looking Statements Statements "
            "here are not facts. Investor Contacts: Jane Doe 727-362-7204 jane@acme.example Logo - "
            "http://photos.example/1 To view the original version on PR Newswire, visit:http://example.com/x.html "
            "SOURCE Acme Corp. /Web site: http://www.acme.example (END) Dow Jones Newswires March 21, 2016 16:15 ET")
    assert split_flattened(line)[:4] == ["Acme grew in 2015.", "About Acme Acme Corp. is a maker of things.",
                                         "Forward Looking Statements Statements here are not facts.",
                                         "Investor Contacts: Jane Doe 727-362-7204 jane@acme.example"]
    body = markdown(line)
    assert [h for h in body.split("\n") if h.startswith("#")] == [
        "## About Acme", "## Forward-Looking Statements", "## Contacts"]
    for chrome in ("original version", "SOURCE", "Web site", "Dow Jones"):
        assert chrome not in body
    assert body.startswith("Acme grew in 2015.\n\n[Logo](http://photos.example/1)\n\n## About Acme")


def test_the_wires_logo_and_photo_lines_become_links_in_the_story() -> None:
    """As PR Newswire prints them: plain, as a scraper's Markdown link, in parentheses."""
    body = markdown("Acme grew.\n\nPhoto - [http://photos.example/p/181760](http://photos.example/p/181760)\n\n"
                    "(Logo: http://www.newscom.example/cgi-bin/prnh/CLW086LOGO-b )\n\nContact: Jane Doe 727-362-7204\n\n"
                    "Logo - http://photos.example/l/1\n")
    assert body.split("\n\n")[:4] == ["Acme grew.", "[Photo](http://photos.example/p/181760)",
                                         "[Logo](http://www.newscom.example/cgi-bin/prnh/CLW086LOGO-b)",
                                         "[Logo](http://photos.example/l/1)"]
    assert "## Contacts" in body and body.index("## Contacts") > body.index("[Logo](http://photos.example/l/1)")
    assert "Logo - http" not in markdown("Acme grew.\n\nLogo - http://x.example/a <b>\n")


def test_hard_wrapped_text_is_joined_and_short_lines_end_paragraphs() -> None:
    text = ("Parkvale Financial declares reduced cash dividend\n"
            "Parkvale Financial Corporation announced that at its meeting held on June 18, 2009, the\n"
            "Board of Directors declared a quarterly cash dividend of $0.05 per common share, which is a\n"
            "reduction from the previous quarterly dividend of $0.22 per share.\n"
            "A second paragraph starts here and runs on for a while until it is long enough to wrap at\n"
            "the column like the others do.\n")
    assert paragraphs(text) == [
        "Parkvale Financial declares reduced cash dividend",
        "Parkvale Financial Corporation announced that at its meeting held on June 18, 2009, the Board of "
        "Directors declared a quarterly cash dividend of $0.05 per common share, which is a reduction from the "
        "previous quarterly dividend of $0.22 per share.",
        "A second paragraph starts here and runs on for a while until it is long enough to wrap at the column like "
        "the others do."]


@pytest.mark.parametrize("line, subhead", [
    ("Third Quarter 2026 Highlights", True), ("Conference Call", True), ("BUSINESS OUTLOOK", True),
    ("Key Financial Highlights Third Quarter Ended September 30, 2024", True),
    ("A message from Loop's CEO, Rob Anson:", False), ("Revenue rose 10%.", False),
    ("Acme grew its sales in every region this quarter", False),
])
def test_subheads(line: str, subhead: bool) -> None:
    assert is_subhead(line) is subhead


def test_lists_subheads_and_ticker_spacing() -> None:
    body = markdown("Acme ( OTCQB : ACME) grew.\n\nThird Quarter 2026 Highlights\n\n\u2022 Revenue rose 10%\n"
                    "\u00b7 Margin grew\no Cash up\n\nThe plan:\n1. Build\n2. Ship\n")
    assert body.startswith("Acme (OTCQB: ACME) grew.\n\n### Third Quarter 2026 Highlights\n\n")
    assert "- Revenue rose 10%\n- Margin grew\n- Cash up" in body and "1. Build\n2. Ship" in body


def test_a_contact_block_is_found_by_its_phone_number() -> None:
    body = markdown("Orkla owns 940,300 shares after the transfer.\n\nSVP Investor Relations\nMattias Orrenius\n"
                    "Tel.: +47 983 66 334\n")
    assert body.startswith("Orkla owns 940,300 shares after the transfer.\n\n## Contacts\n\nSVP Investor Relations")
    assert "(tel:+4798366334)" in body


def plain_text(markdown: str) -> str:
    """The body as a reader sees it: no Markdown marks, escapes or link targets the importer added."""
    text = re.sub(r"\[([^\]]*)\]\((?:tel|mailto):[^)]*\)", r"\1", markdown)
    text = re.sub(r"(?m)^(?:#{2,3} |- |\d+\. )", "", text)
    return unglued(" ".join(text.replace("\\", "").replace("&lt;", "<").split()))


def unglued(text: str) -> str:
    """Words flattened copy ran together ('saidSha', 'unlawful.About') apart, as the body has them."""
    return re.sub(r"(?<=[a-z][.!?])(?=[A-Z])|(?<=[a-z]{2})(?=[A-Z][a-z])", " ", text)


def numeric(text: str) -> bool:
    """A row of a table, not a sentence: many of its words are figures."""
    words = text.split()
    return sum(1 for word in words if re.fullmatch(r"[$(\u20ac-]*[\d.,]+%?\)?", word)) > len(words) / 6


def lines_of(text: str) -> list[str]:
    """The text's lines, a line wrapped at a column (long, ending mid-sentence) joined to the next."""
    out: list[str] = []
    for line in (re.sub(r"^\s*(?:[-*\u2022\u25cf\u00b7]\s+|#+\s+|>\s*)|(?<![\w])[_*]+|[_*]+(?![\w])", "", raw)
                 for raw in text.split("\n")):
        if out and len(out[-1]) >= 60 and not re.search(r"[.!?:\"\u201d]$", out[-1].rstrip()) and line.strip():
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(" ".join(line.split()))
    return [unglued(line) for line in out]


@pytest.mark.parametrize("path", releases(), ids=lambda p: p.stem)
def test_no_sentence_of_the_story_is_lost_or_doubled(path: Path) -> None:
    """Each sentence of eight words or more after the dateline is in the body, as often as in the
    text; a few may be cut where flattened copy glued them to a label ('unlawful.About Acme')."""
    text = path.read_text(encoding="utf-8")
    draft = parse_wire(text)
    found = find_dateline(text)
    lines = lines_of(text[found.end if found else 0:])
    story = " ".join(lines)
    body = plain_text(draft.body)
    sentences = [s for line in lines
                 for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", line)
                 if len(s.split()) >= 8 and not re.search(r"http|\||\[", s) and not numeric(s)]
    lost = [s for s in sentences if s not in body]
    doubled = [s for s in sentences if body.count(s) > story.count(s)]
    assert not doubled
    assert len(lost) <= 2 + len(sentences) // 20, lost


def test_a_sentence_broken_across_two_lines_is_one_paragraph_again() -> None:
    """One line per paragraph, with stray breaks inside sentences (a copy that kept them)."""
    text = ("Acme Incorporated's Board of Directors declared on Wednesday a quarterly dividend of\n"
            "$0.24 per common share, a 9% increase. The dividend will be payable on March 30, 2021, to shareholders of\n"
            "record on Feb. 26, 2021.\nJane Doe, chief financial officer, noted, \u201cOur approach remains the same.\u201d\n"
            "Investor Relations, Acme Incorporated\njane.doe@acme.example\n")
    assert paragraphs(text) == [
        "Acme Incorporated's Board of Directors declared on Wednesday a quarterly dividend of $0.24 per common share, a 9% "
        "increase. The dividend will be payable on March 30, 2021, to shareholders of record on Feb. 26, 2021.",
        "Jane Doe, chief financial officer, noted, \u201cOur approach remains the same.\u201d",
        "Investor Relations, Acme Incorporated", "jane.doe@acme.example"]


def test_canada_newswires_marked_block_is_a_table_and_its_marks_are_dropped() -> None:
    body = markdown("Financial Highlights\n\n    <<\n    Three months ended March 31      2011      2010\n"
                    "    Revenue                       $ 101.1    $ 93.8\n    Operating expenses              68.6      65.7\n"
                    "    >>\n\nRevenue rose on more loads hauled by the fleet than in any quarter before.\n")
    assert "<<" not in body and "&lt;" not in body and ">>" not in body
    assert "| Revenue | $101.1 | $93.8 |" in body.replace("  ", " ")


def test_a_contacts_label_with_nothing_to_reach_opens_no_section() -> None:
    body = markdown("Acme makes films.\n\nFor additional information, visit:\n\nNeither the TSX Venture Exchange nor its "
                    "Regulation Services Provider accepts responsibility for the adequacy or accuracy of this release.\n")
    assert "## Contacts" not in body and "Neither the TSX Venture Exchange" in body
    assert "## Contacts" in markdown("Acme makes films.\n\nFor additional information, visit:\n\nhttp://acme.example\n")


def test_eqs_ad_hoc_marker_and_issuer_contacts_open_their_own_pieces() -> None:
    line = ("Acme AG expects its equity ratio to fall below 15 % at the end of the year. Mitteilende Person: Dr. Jane Doe, "
            "Vorstandsvorsitzende +++ Ende der Ad hoc-Mitteilung +++ Informationen und Erläuterungen des Emittenten zu "
            "dieser Mitteilung: Investor Relations Acme AG Jane Doe Tel: 0049 69 905505-52 E-Mail: ir@acme.example")
    body = markdown(line)
    assert "+++" not in body and "## Contacts" in body
    assert body.split("## Contacts")[1].strip().startswith("Investor Relations Acme AG Jane Doe")


def test_a_table_printed_one_cell_to_a_line_between_bars_is_rebuilt_in_rows() -> None:
    cells = ["Summarized results are:", "|", "|", "(in 000's)", "|", "2016", "|", "2015", "|", "Net revenues", "|", "$", "|",
             "916", "|", "$", "|", "1,222", "|", "(25.0", "|", ")%", "|", "Cost of revenues", "|", "(589", "|", ")", "|",
             "(826", "|", ")", "|", "(28.7", ")%", "|", "Gross profit", "|", "327", "|", "396", "|", "(17.4", "|", ")%", "|",
             "", "The Company expects its sales to grow in the coming year as its new products reach the market."]
    body = markdown("\n".join(cells))
    assert "| Net revenues | $916 | $1,222 | (25.0)% |" in body
    assert "| Cost of revenues | (589) | (826) | (28.7)% |" in body
    assert "\\|" not in body and body.rstrip().endswith("reach the market.")


def test_a_date_broken_across_two_lines_is_one_sentence_again() -> None:
    text = ("Acme Gold Corporation ('Acme') announced today its financial results for the three months ended March\n"
            "31, 2011.\nAcme ended the period with $7.6 million in cash.")
    assert paragraphs(text) == ["Acme Gold Corporation ('Acme') announced today its financial results for the three "
                                "months ended March 31, 2011.", "Acme ended the period with $7.6 million in cash."]


def test_a_hard_wrapped_paragraph_never_ends_with_of() -> None:
    lines = ["Acme Company announced net income for the third quarter of fiscal year 1999 of",
             "$2.4 million or $.40 per diluted share versus a net income of $.2 million or",
             "$.04 per diluted share for the same period last year.  The $2.2 million",
             "increase in income over last year is partially due to the net positive impact",
             "of the sale of the Kidderminster, U.K. wire operations and the 1998",
             "restructuring in North American operations, including a $.7 million post",
             "retirement benefit gain related to the restructuring."]
    assert len(paragraphs("\n".join(lines))) == 1


def test_a_subhead_glued_to_the_paragraph_above_its_list_is_a_subhead_again() -> None:
    found = blocks("Acme Inc. today reported its results. All numbers are in Canadian dollars unless otherwise "
                   "stated.Financial Highlights\n\n- Net earnings of $1,069,047;\n- Revenue of $2.4 million.")
    assert [(block.kind, block.text) for block in found[:3]] == [
        ("para", "Acme Inc. today reported its results. All numbers are in Canadian dollars unless otherwise stated."),
        ("subhead", "Financial Highlights"), ("item", "Net earnings of $1,069,047;")]


def test_a_converted_exhibit_s_lines_broken_anywhere_are_one_paragraph_again() -> None:
    lines = ["The", "investors will purchase $7 million in senior secured convertible notes, and",
             "will", "receive warrants to purchase up to approximately 875,000 shares. The convertible",
             "notes will carry interest at 7.50% per annum on the unpaid principal balance, payable",
             "quarterly in cash, and will be secured on a first priority senior secured basis against",
             "all of the assets of the company. The warrants of Acme International, Inc. (AMEX:",
             "ACME), a digital communications company, will have an exercise price of $2.93.",
             "The", "transaction is expected to close on November 30, 2007. The net proceeds of the offering",
             "will be used for strategic initiatives and general working capital purposes."]
    assert [len(paragraph.split()) for paragraph in paragraphs("\n".join(lines))] == [79, 27]


def test_a_lede_cut_after_the_company_s_ticker_tag_is_no_subhead() -> None:
    assert not is_subhead("The Acme, Inc. (\u201cAcme\u201d) (Nasdaq NM: ACMB)")
    assert is_subhead("Third Quarter 2026 Highlights")


@pytest.mark.parametrize("line", ["To the extent any announcements in this document contain forward-looking statements, such "
                                  "statements do not represent facts.",
                                  "NOTE: This press release contains both historical and forward-looking statements."])
def test_a_disclaimer_that_opens_without_a_heading(line: str) -> None:
    opened = open_section(line)
    assert opened is not None and opened[0] == "forward"

"""Raw text as the importer reads it."""

from __future__ import annotations

from newsroom.importer.rawtext import as_text, normalise
from newsroom.importer.wire import parse_wire


def test_html_reads_as_the_browser_shows_it() -> None:
    markup = ('<HTML><HEAD><TITLE>x</TITLE></HEAD><BODY><P ALIGN="CENTER"><STRONG>Acme Acquires</STRONG></P>\n'
              "<P>ACME CORPORATION announced today that it has\nacquired Beta&nbsp;Corp.<BR>Terms were not disclosed.</P>")
    assert as_text(markup).strip() == ("Acme Acquires\n\nACME CORPORATION announced today that it has acquired "
                                       "Beta&nbsp;Corp.\nTerms were not disclosed.")


def test_an_edgar_exhibit_in_html_imports_as_text() -> None:
    draft = parse_wire(
        "<DOCUMENT>\n<TYPE>EX-99\n<FILENAME>press.htm\n<TEXT>\n<HTML><BODY>\n<P><STRONG>EXHIBIT 99.1</STRONG></P>\n"
        '<P ALIGN="CENTER"><STRONG>Acme Acquires Beta Monument Corporation</STRONG></P>\n'
        "<P><STRONG>CONCORD, NEW HAMPSHIRE, </STRONG>September 26, 2000...<STRONG>ROCK OF AGES CORPORATION\n"
        "(NASDAQ/NMS:ROAC) </STRONG>announced today that it has acquired Beta Monument Corporation, a retailer.</P>\n"
        "</BODY></HTML>\n</TEXT>\n</DOCUMENT>")
    assert (draft.title, draft.location, draft.company, draft.tickers) == (
        "Acme Acquires Beta Monument Corporation", "Concord, New Hampshire", "Rock of Ages Corporation", ("NASDAQ:ROAC",))
    assert "<" not in draft.body


def test_plain_text_with_a_few_angle_brackets_is_left_alone() -> None:
    text = "Revenue <5% of sales> grew.\nAcme <b>bold</b> claims."
    assert normalise(text) == text

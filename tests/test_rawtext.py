"""Raw text as the importer reads it."""

from __future__ import annotations

from newsroom.importer.rawtext import as_text, normalise, single_spaced
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


def test_a_wordpress_api_post_reads_as_its_title_and_content_even_cut_short() -> None:
    text = ('{"id":758191,"date":"2023-05-11T18:17:51","slug":"immucell","title":{"rendered":"ImmuCell Announces '
            'Results for the Quarter Ended March 31, 2023"},"content":{"rendered":"<div class=\\"mw_release\\">\\n'
            '<p align=\\"left\\">PORTLAND, Maine, May  11, 2023  (GLOBE NEWSWIRE) &#8212; <strong>ImmuCell Corporation '
            '(Nasdaq:\\u00a0ICCC) <\\/strong>(\\u201cImmuCell\\u201d), an animal health company, today announced its '
            'results.<\\/p>\\n<p>\\n<strong><br \\/>\\n<u>Management\\u2019s Discussion:<\\/u><br \\/>\\n<\\/strong>'
            '<br \\/>\\u201cOur sales were first reported on April 5, 2023,\\u201d commented Michael F. Brigham.<\\/p>\\n'
            '<p>Product sales rose.<\\/p>\\n<p>Margins held.<\\/p>\\n<p>We have no changes to those f\\u20')
    draft = parse_wire(text)
    assert draft.title == "ImmuCell Announces Results for the Quarter Ended March 31, 2023"
    assert (draft.wire, draft.company, draft.tickers) == ("GlobeNewswire", "ImmuCell Corporation", ("NASDAQ:ICCC",))
    assert "\\u" not in draft.body and "<p" not in draft.body and "Margins held." in draft.body


def test_a_converter_s_double_spacing_is_undone_but_not_a_text_of_one_paragraph_to_a_line() -> None:
    wrapped = ["Acme AG gab heute bekannt, dass die Phase-2b-Studie mit ACM003 in Patienten mit",
               "moderatem bis schwerem Asthma im Vergleich zu Placebo keine statistisch",
               "signifikante Reduktion in der Asthma Control Questionnaire (ACQ) Skala in",
               "Woche 12 erreicht hat. Patienten sowohl auf Placebo als auch auf ACM003 in",
               "allen Dosisgruppen erreichten eine klinisch relevante Verbesserung in der",
               "Kontrolle von Asthma gemessen mit ACQ. Die Studie wird nicht fortgesetzt."]
    assert single_spaced("\n\n".join(wrapped) + "\n\n") == "\n".join(wrapped) + "\n"
    paragraphs = "\n\n".join(f"Acme reported revenue of ${n}.1 million in its segment number {n}, up from last year." for n in range(8))
    assert single_spaced(paragraphs) == paragraphs


def test_icons_alt_text_run_together_is_dropped() -> None:
    assert "Sketch" not in normalise("Slice 1 Created with Sketch Beta. Slice 1 Created with Sketch Beta. ACME REPORTS\n")

"""Contacts blocks from real releases (tests/fixtures/wire/, file named at each) as Markdown:
each group its own paragraph, lines kept, emails and phones as links; checked as the rendered
HTML a reader gets, and the escape the importer shares."""

from __future__ import annotations

import lxml.html
import pytest

from newsroom.importer.contacts import contact_lines, escape_text, tel_uri
from newsroom.stages.markup import Renderer

# ex991-southern-company-q4-2004-earnings.txt: aligned, a label with its first line beside it.
SOUTHERN = """\
Media Contact:    Marc Rice
                  404-506-5333 or 1-866-506-5333
                  media@southerncompany.com
                  www.southerncompany.com

Investor Relations Contact:
                  Glen Kundert
                  404-506-5135
                  gakunder2@southernco.com"""
# dowjones-celgene-revlimid-settlement.txt: double-spaced by the redistributor.
CELGENE = "Investors:\n\n908-673-9628\n\nir@celgene.com\n\nMedia:\n\n908-673-2275\n\nmedia@celgene.com"
# newmediawire-paltalk-q3-2024-results.txt: double-spaced, a second contact with no label.
PALTALK = "Investor Contacts:\n\nIR@paltalk.com\n\nClearThink\n\nnyc@clearthink.capital\n\n917-658-7878"
# eqs-netfonds-ag-share-buyback-interim.txt: German, labels without colons, field names.
NETFONDS = """\
Kontakt
Netfonds AG
Heidenkampsweg 73
20097 Hamburg

Investor Relations
Philip Angrabeit
Tel.: +49 40 822 267 142
E-Mail: pangrabeit@netfonds.de"""
# businesswire-disney-exchange-offers-table-scraped.txt: scraped, trailing spaces kept.
DISNEY = """\
Media Contact: 
David Jefferson 
david.j.jefferson@disney.com 
818-560-4832

Investor Contact: 
Lowell Singer 
lowell.singer@disney.com 
818-560-6601"""
# globenewswire-shawcor-dividend-ein-presswire.txt
SHAWCOR = """\
For further information, please contact:

Gaston Tano

Senior Vice President, Finance and CFO

Telephone: 416.744.5539

Email: gaston.tano@shawcor.com"""
# prnewswire-firstcall-belo-dividend-blog-repost.txt: hard-wrapped, label and text on one line.
BELO = """\
CONTACT: Paul Fry, vice president, Investor Relations & Corporate
Communications of Belo Corp., +1-214-977-6835"""
# globenewswire-primezone-invik-h1-2003-results.txt: flattened, international numbers.
INVIK = ("For Further Information, Please Visit www.invik.se or contact: Anders Fallman, President and "
         "CEO tel +46 (0) 8 562 000 20 Henrik Persson, Investor Relations tel +44 (0) 7747 822 406")


def html_of(block: str) -> lxml.html.HtmlElement:
    markdown = "\n".join(contact_lines(block.split("\n")))
    return lxml.html.fragment_fromstring(Renderer().to_html(markdown), create_parent="div")


def paragraphs(block: str) -> list[list[str]]:
    """Each paragraph of the rendered block as its lines (split at <br>), text only."""
    found = []
    for p in html_of(block).iter("p"):
        for br in p.iter("br"):
            br.tail = "\u2029" + (br.tail or "")
        found.append([" ".join(line.split()) for line in p.text_content().split("\u2029")])
    return found


def links(block: str) -> list[tuple[str, str]]:
    return [(a.text_content(), a.get("href")) for a in html_of(block).iter("a")]


def test_southern_company_groups_lines_and_links() -> None:
    assert paragraphs(SOUTHERN) == [
        ["Media Contact:", "Marc Rice", "404-506-5333 or 1-866-506-5333", "media@southerncompany.com",
         "www.southerncompany.com"],
        ["Investor Relations Contact:", "Glen Kundert", "404-506-5135", "gakunder2@southernco.com"]]
    assert links(SOUTHERN) == [
        ("404-506-5333", "tel:+14045065333"), ("1-866-506-5333", "tel:+18665065333"),
        ("media@southerncompany.com", "mailto:media@southerncompany.com"),
        ("404-506-5135", "tel:+14045065135"), ("gakunder2@southernco.com", "mailto:gakunder2@southernco.com")]
    assert [strong.text_content() for strong in html_of(SOUTHERN).iter("strong")] == [
        "Media Contact:", "Investor Relations Contact:"]


def test_markdown_lines_are_paragraphs_with_hard_breaks() -> None:
    assert contact_lines(CELGENE.split("\n")) == [
        "**Investors:**  ", "[908-673-9628](tel:+19086739628)  ", "[ir@celgene.com](mailto:ir@celgene.com)",
        "",
        "**Media:**  ", "[908-673-2275](tel:+19086732275)  ", "[media@celgene.com](mailto:media@celgene.com)"]


@pytest.mark.parametrize("block, expected", [
    (PALTALK, [["Investor Contacts:", "IR@paltalk.com"], ["ClearThink", "nyc@clearthink.capital", "917-658-7878"]]),
    (NETFONDS, [["Kontakt", "Netfonds AG", "Heidenkampsweg 73", "20097 Hamburg"],
                ["Investor Relations", "Philip Angrabeit", "Tel.: +49 40 822 267 142",
                 "E-Mail: pangrabeit@netfonds.de"]]),
    (DISNEY, [["Media Contact:", "David Jefferson", "david.j.jefferson@disney.com", "818-560-4832"],
              ["Investor Contact:", "Lowell Singer", "lowell.singer@disney.com", "818-560-6601"]]),
    (SHAWCOR, [["For further information, please contact:", "Gaston Tano", "Senior Vice President, Finance and CFO",
                "Telephone: 416.744.5539", "Email: gaston.tano@shawcor.com"]]),
    (BELO, [["CONTACT:", "Paul Fry, vice president, Investor Relations & Corporate",
             "Communications of Belo Corp., +1-214-977-6835"]]),
])
def test_real_blocks_keep_each_group_apart(block: str, expected: list[list[str]]) -> None:
    assert paragraphs(block) == expected


def test_real_blocks_link_every_email_and_phone() -> None:
    assert links(NETFONDS) == [("+49 40 822 267 142", "tel:+4940822267142"),
                               ("pangrabeit@netfonds.de", "mailto:pangrabeit@netfonds.de")]
    assert links(SHAWCOR) == [("416.744.5539", "tel:+14167445539"),
                              ("gaston.tano@shawcor.com", "mailto:gaston.tano@shawcor.com")]
    assert links(BELO) == [("+1-214-977-6835", "tel:+12149776835")]
    assert links(INVIK) == [("+46 (0) 8 562 000 20", "tel:+46856200020"),
                            ("+44 (0) 7747 822 406", "tel:+447747822406")]
    # The postcode and street number of an address are not phone numbers.
    assert "20097" not in " ".join(href for _, href in links(NETFONDS))


def test_contacts_side_by_side_become_two_groups() -> None:
    # Two columns as an SEC exhibit's text prints them (Interstate Hotels & Resorts' Q2 2003 release).
    block = ["Contact:", "Melissa Thompson   Jerry Daly or Carol McCune",
             "Director of Corporate Communications   Daly Gray Public Relations (Media)",
             "(703) 387-3377   (703) 435-6293"]
    assert paragraphs("\n".join(block)) == [
        ["Contact:", "Melissa Thompson", "Director of Corporate Communications", "(703) 387-3377"],
        ["Jerry Daly or Carol McCune", "Daly Gray Public Relations (Media)", "(703) 435-6293"]]
    # A name and a title apart by spaces are one contact, not two columns: nothing to reach on one side.
    assert paragraphs("Jane Roe     Chief Financial Officer\nJohn Doe     Treasurer\njane@acme.example") == [
        ["Jane Roe Chief Financial Officer", "John Doe Treasurer", "jane@acme.example"]]


def test_a_flattened_line_splits_at_role_labels() -> None:
    line = "Investors: Jane Roe, +1 720-872-5000, jane@acme.example; Media: John Doe, (720) 872-5001"
    assert paragraphs(line) == [["Investors:", "Jane Roe, +1 720-872-5000, jane@acme.example;"],
                                ["Media:", "John Doe, (720) 872-5001"]]


@pytest.mark.parametrize("printed, uri", [
    ("+1 720-872-5000", "tel:+17208725000"), ("(720) 872-5000", "tel:+17208725000"),
    ("720.872.5000", "tel:+17208725000"), ("1-800-555-0199", "tel:+18005550199"),
    ("+44 20 7946 0958", "tel:+442079460958"), ("+44 (0)20 7946 0958", "tel:+442079460958"),
    ("818/668-2100", "tel:+18186682100"), ("720-872-5000 ext. 12", "tel:+17208725000;ext=12"),
])
def test_phone_numbers_as_printed_become_tel_links(printed: str, uri: str) -> None:
    assert links(f"Call {printed} today") == [(printed, uri)]


@pytest.mark.parametrize("text", ["Founded 2024-01-02 in Denver", "Suite 2460, Los Angeles, CA 90067",
                                  "Fax: +1 720-872-5099", "Order 12345678 shipped on 11/08/2024"])
def test_what_is_not_a_phone_number_stays_text(text: str) -> None:
    assert links(text) == []
    assert paragraphs(text) == [[" ".join(text.split())]]


def test_tel_uri_keeps_local_numbers_local() -> None:
    assert tel_uri("040 822267 0") == "tel:0408222670"


def test_markup_in_a_contact_is_text() -> None:
    block = "Media:\n# Jane *Roe* <b>[PR]</b> & Co_ | R&amp;D\n1. Team - jane_roe@acme.example"
    texts = paragraphs(block)
    assert texts == [["Media:", "# Jane *Roe* <b>[PR]</b> & Co_ | R&amp;D", "1. Team - jane_roe@acme.example"]]
    root = html_of(block)
    assert [el.tag for el in root.iter()][1:] == ["p", "strong", "br", "br", "a"]
    assert links(block) == [("jane_roe@acme.example", "mailto:jane_roe@acme.example")]


@pytest.mark.parametrize("text", [
    "#1 seller", "> quoted", "- dash", "+ plus", "* star", "1. First", "===", "---", "a *b* _c_ `d`",
    "[link](http://x)", "![img](x.png)", "<b>bold</b> <http://x>", "&copy; &#169; &#xA9; AT&T", "a | b \\ c",
    "{: .cls }", "[^1]", "2024. Revenue",
])
def test_escape_text_shows_text_as_itself(text: str) -> None:
    html = Renderer().to_html(f"Lead\n{escape_text(text)}\n\n{escape_text(text)}")
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [el.tag for el in root.iter()] == ["div", "p", "p"]
    assert [p.text_content() for p in root] == [f"Lead\n{text}", text]

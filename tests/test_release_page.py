"""The release page in both bundled themes (the wire theme uses the default's release.html): the
subtitle, tables that scroll in their own box on a phone, and a release's own contacts kept apart
from the site-wide ones. Pages are parsed, or opened in Chromium at 360 px."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from tests.conftest import SAMPLE_HOSTILE_SUBTITLE, SAMPLE_SUBTITLE, THEMES, serve_folder

AUSTIN = "releases/2016/11/ascent-solar-ships-flexible-modules-to-an-austin-utility/"
CONTRERAS = "releases/2017/07/ascent-solar-names-miguel-contreras/"
HOSTILE = "releases/2018/02/ascent-solar-reports-q4-full-year-record-results-script-script-alert-1-script/"


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_bytes())


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("theme", THEMES)
def test_subtitle_is_shown_under_the_headline(theme_sites: dict[str, Path], theme: str) -> None:
    header = page(theme_sites[theme], AUSTIN).xpath("//header[@class='release-header']")[0]
    children = [child.tag for child in header]
    assert children[children.index("h1") + 1] == "p"
    assert [text(p) for p in header.xpath("p[@class='subtitle']")] == [SAMPLE_SUBTITLE]
    assert not page(theme_sites[theme], CONTRERAS).xpath("//*[@class='subtitle']")


@pytest.mark.parametrize("theme", THEMES)
def test_a_hostile_subtitle_is_text(theme_sites: dict[str, Path], theme: str) -> None:
    root = page(theme_sites[theme], HOSTILE)
    assert [text(p) for p in root.xpath("//p[@class='subtitle']")] == [SAMPLE_HOSTILE_SUBTITLE]
    assert not root.xpath("//*[@id='pwn']")
    # The one script without a type is the theme's toolbar script, by its src.
    assert [(s.get("src"), s.text) for s in root.xpath("//script[not(@type)]")] == [
        (f"/{next(theme_sites[theme].glob('assets/share.*.js')).relative_to(theme_sites[theme]).as_posix()}", None)]


def test_lists_show_the_headline_and_summary_not_the_subtitle(theme_sites: dict[str, Path]) -> None:
    # A list item is headline, date and summary: a subtitle would make every item a line taller.
    for theme, site in theme_sites.items():
        listing = text(page(site, "2016"))
        assert "Ascent Solar Ships Flexible Modules" in listing and SAMPLE_SUBTITLE not in listing, theme


@pytest.mark.parametrize("theme", THEMES)
def test_tables_and_preformatted_blocks_sit_in_named_scroll_boxes(theme_sites: dict[str, Path], theme: str) -> None:
    boxes = page(theme_sites[theme], AUSTIN).xpath("//div[@class='story']//div[@class='scroll-box']")
    assert [(box.get("role"), box.get("tabindex"), box.get("aria-label"), box[0].tag) for box in boxes] == [
        ("region", "0", "Table 1", "table"), ("region", "0", "Table 2", "table"),
        ("region", "0", "Preformatted text 1", "pre")]
    wide = boxes[1][0]
    assert [text(th) for th in wide.xpath(".//th")][:3] == ["(in thousands, except per share)", "Q3 2016", "Q3 2015"]
    assert wide.xpath(".//tbody/tr[1]/td[2]")[0].get("style") == "text-align: right;"


@pytest.mark.parametrize("theme", THEMES)
def test_own_contacts_and_site_contacts_are_labelled_apart(theme_sites: dict[str, Path], theme: str) -> None:
    sections = page(theme_sites[theme], AUSTIN).xpath("//section[contains(@class, 'contacts')]")
    assert len(sections) == 2
    own, site_wide = sections
    assert text(own.xpath("h2")[0]) == "Media Contact"
    assert text(own.xpath("p[@class='contacts-scope']")[0]) == "As listed in this release, issued November 2, 2016."
    assert "Jane Roe" in text(own) and "ir@ascentsolar.example" not in text(own)
    assert text(site_wide.xpath("h2")[0]) == "Current contacts"
    assert "ir@ascentsolar.example" in text(site_wide) and "Jane Roe" not in text(site_wide)
    assert [s.get("aria-labelledby") for s in sections] == ["contacts-heading", "site-contacts-heading"]


@pytest.mark.parametrize("theme", THEMES)
def test_without_own_contacts_the_site_contacts_are_simply_contacts(theme_sites: dict[str, Path], theme: str) -> None:
    sections = page(theme_sites[theme], CONTRERAS).xpath("//section[contains(@class, 'contacts')]")
    assert [text(s.xpath("h2")[0]) for s in sections] == ["Contacts"]
    assert not sections[0].xpath(".//p[@class='contacts-scope']")


PHONE_LAYOUT = """() => {
  const page = document.documentElement;
  const boxes = [...document.querySelectorAll('.story .scroll-box')];
  const wide = boxes[1], cell = wide.querySelector('tbody tr td:nth-child(2)');
  const label = wide.querySelector('tbody tr td:first-child');
  const before = wide.scrollLeft;
  wide.scrollLeft = 10000;
  return {
    pageScrollWidth: page.scrollWidth, pageClientWidth: page.clientWidth,
    boxes: boxes.map(b => [b.scrollWidth > b.clientWidth, b.getBoundingClientRect().right <= page.clientWidth]),
    scrolledFrom: before, scrolledTo: wide.scrollLeft,
    numberAlign: getComputedStyle(cell).textAlign, labelAlign: getComputedStyle(label).textAlign,
    numberRightEdge: cell.getBoundingClientRect().right - parseFloat(getComputedStyle(cell).paddingRight),
    numberTextRight: (() => { const r = document.createRange(); r.selectNodeContents(cell);
                             return r.getBoundingClientRect().right; })(),
    figures: getComputedStyle(cell).fontVariantNumeric,
    headerWeight: getComputedStyle(wide.querySelector('thead th')).fontWeight,
  };
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_wide_tables_scroll_in_their_box_not_the_page_on_a_phone(browser, theme_sites: dict[str, Path],
                                                                 theme: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    try:
        with serve_folder(theme_sites[theme]) as base:
            tab.goto(base + AUSTIN)
            layout = tab.evaluate(PHONE_LAYOUT)
            # From the keyboard: the preformatted block's box takes focus and scrolls with the arrow keys.
            box = tab.locator(".story .scroll-box").nth(2)
            box.focus()
            tab.keyboard.press("ArrowRight")
            tab.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle(), timeout=5000)
    finally:
        context.close()
    assert layout["pageScrollWidth"] <= layout["pageClientWidth"] == 360
    # The wide table and the preformatted block overflow their boxes; every box stays on screen.
    assert layout["boxes"] == [[False, True], [True, True], [True, True]]
    assert layout["scrolledFrom"] == 0 and layout["scrolledTo"] > 100
    assert (layout["numberAlign"], layout["labelAlign"]) == ("right", "left")
    assert abs(layout["numberTextRight"] - layout["numberRightEdge"]) < 1.5
    assert "tabular-nums" in layout["figures"]
    assert int(layout["headerWeight"]) >= 700

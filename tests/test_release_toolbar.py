"""The release page's toolbar (share on LinkedIn, X, by email, copy the link, print, all releases)
and the masthead, in both themes: links parsed from the built pages, the buttons clicked in Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from tests.conftest import THEMES, run_cli, serve_folder

BASE = "https://newsroom.ascentsolar.example/"
CONTRERAS = "releases/2017/07/ascent-solar-names-miguel-contreras/"
HOSTILE = "releases/2018/02/ascent-solar-reports-q4-full-year-record-results-script-script-alert-1-script/"
HOSTILE_TITLE = 'Ascent Solar Reports Q4 & Full-Year "Record" Results </script><script>alert(1)</script>'


def toolbar(site: Path, url: str) -> dict[str, str]:
    """Each toolbar link's text (as a screen reader reads it) -> its address."""
    root = lxml.html.fromstring((site / url / "index.html").read_bytes())
    return {" ".join(a.text_content().split()): a.get("href") for a in root.xpath("//nav[@class='release-tools']//a")}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("url, title", [(CONTRERAS, "Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering"),
                                        (HOSTILE, HOSTILE_TITLE)])
def test_share_links_carry_the_address_and_the_title(theme_sites: dict[str, Path], theme: str, url: str, title: str) -> None:
    links = toolbar(theme_sites[theme], url)
    assert list(links) == ["Share on LinkedIn", "Share on X", "Email this release", "Copy link", "All releases"]
    linkedin, x, email = (urlsplit(links[name]) for name in ("Share on LinkedIn", "Share on X", "Email this release"))
    assert (linkedin.netloc, parse_qs(linkedin.query)) == ("www.linkedin.com", {"url": [BASE + url]})
    assert (x.netloc, parse_qs(x.query)) == ("x.com", {"url": [BASE + url], "text": [title]})
    assert (email.scheme, parse_qs(email.query)) == ("mailto", {"subject": [title], "body": [f"{title}\n\n{BASE + url}"]})
    assert links["Copy link"] == BASE + url and links["All releases"] == "/"
    page = (theme_sites[theme] / url / "index.html").read_text()
    assert "<script>alert(1)" not in page and "linkedin.com/" not in page.split("<nav class=\"release-tools\"")[0]


@pytest.fixture(scope="module")
def served(theme_sites: dict[str, Path]):
    servers = {theme: serve_folder(site) for theme, site in theme_sites.items()}
    try:
        yield {theme: server.__enter__() for theme, server in servers.items()}
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)


@pytest.mark.parametrize("theme", THEMES)
def test_copy_link_puts_the_address_on_the_clipboard(browser, served: dict[str, str], theme: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(served[theme] + HOSTILE)
        page.get_by_role("link", name="Copy link").click()
        page.wait_for_function("document.querySelector('.copy-status').textContent === 'Link copied'")
        assert page.evaluate("navigator.clipboard.readText()") == BASE + HOSTILE
        assert page.url == served[theme] + HOSTILE  # the link was not followed
    finally:
        context.close()


WITHOUT_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined});
document.execCommand = (command) => { window.copied = [command, document.activeElement.value]; return %s; };
"""


@pytest.mark.parametrize("copies", ["true", "false"])
def test_copy_link_falls_back_without_the_clipboard_api(browser, served: dict[str, str], copies: str) -> None:
    """No Clipboard API (an older browser, a page not served securely): the address is
    selected and copied; where even that fails, it is shown to copy by hand."""
    context = browser.new_context()
    context.add_init_script(WITHOUT_CLIPBOARD % copies)
    page = context.new_page()
    try:
        page.goto(served["default"] + CONTRERAS)
        page.get_by_role("link", name="Copy link").click()
        expected = "Link copied" if copies == "true" else f"Copy this link: {BASE + CONTRERAS}"
        page.wait_for_function("text => document.querySelector('.copy-status').textContent === text", arg=expected)
        assert page.evaluate("window.copied") == ["copy", BASE + CONTRERAS]
        assert page.locator("textarea").count() == 0  # the field it copied from is gone
    finally:
        context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_print_opens_the_print_dialog_and_needs_a_script(browser, served: dict[str, str], theme: str) -> None:
    context = browser.new_context()
    context.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page = context.new_page()
    try:
        page.goto(served[theme] + CONTRERAS)
        page.get_by_role("button", name="Print").click()
        assert page.evaluate("window.printed") == 1
        page.get_by_role("link", name="All releases").click()
        page.wait_for_url(served[theme])
    finally:
        context.close()
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    try:
        page.goto(served[theme] + CONTRERAS)
        assert page.get_by_role("button", name="Print").count() == 0 or not page.get_by_role("button", name="Print").is_visible()
        assert page.get_by_role("link", name="Share on LinkedIn").is_visible()
        assert page.get_by_role("link", name="Copy link").get_attribute("href") == BASE + CONTRERAS
    finally:
        plain.close()


@pytest.mark.parametrize("theme", THEMES)
def test_the_toolbar_fits_a_phone(browser, served: dict[str, str], theme: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        page.goto(served[theme] + HOSTILE)
        boxes = [page.locator(".release-tools li:not([hidden])").nth(n).bounding_box() for n in range(6)]
        assert all(box is not None and 0 <= box["x"] and box["x"] + box["width"] <= 375 for box in boxes)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


def test_the_masthead_says_what_the_site_is(project: Path) -> None:
    def brand() -> str:
        run_cli("build", "--no-cache", cwd=project, check=True)
        root = lxml.html.parse(project / "site/index.html").getroot()
        return " ".join(root.xpath("//p[@class='brand']")[0].text_content().split())

    assert brand() == "Ascent Solar Technologies, Inc. Investor Relations Ticker symbols: OTCQB:ASTI"
    config = project / "newsroom.toml"
    config.write_text(config.read_text().replace('masthead = "Investor Relations"\n', ""))
    assert brand() == "Ascent Solar Technologies, Inc. Newsroom Ticker symbols: OTCQB:ASTI"  # the default
    config.write_text(config.read_text().replace("[company]", 'masthead = "Press Room"\n\n[company]'))
    assert brand() == "Ascent Solar Technologies, Inc. Press Room Ticker symbols: OTCQB:ASTI"

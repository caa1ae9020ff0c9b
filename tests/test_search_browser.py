"""The search page in a real browser (Playwright driving Debian's Chromium) over HTTP."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import run_cli, serve_folder, write_release

NOW = "2026-01-01T00:00:00+00:00"
CONTRERAS_TITLE = "Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering"
NOTES_TITLE = "Ascent Solar Agrees to Fully Redeem Its Outstanding Convertible Secured Notes"
XSS_TITLE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def problems(page) -> list[str]:
    """Uncaught page errors and console errors: every test here expects none."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(f"pageerror: {error}"))
    page.on("console", lambda message: message.type == "error" and not is_favicon(message.location)
            and found.append(f"console: {message.text} ({message.location['url']})"))
    page.on("dialog", lambda dialog: (found.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return found


def is_favicon(location: dict) -> bool:
    """Browsers ask for /favicon.ico on their own; the theme ships none, which is not our error."""
    return location.get("url", "").endswith("/favicon.ico")


def built(project: Path, *args: str) -> Path:
    run_cli("build", "--now", NOW, *args, cwd=project, check=True)
    return project / "site"


def result_titles(page) -> list[str]:
    return page.locator("#search-results h2 a").all_inner_texts()


def test_header_search_finds_contreras_and_follows_it(project: Path, page, problems) -> None:
    with serve_folder(built(project)) as base:
        page.goto(base)
        box = page.get_by_role("searchbox", name="Search releases")
        box.fill("Contreras")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q=Contreras$"))
        first = page.locator("#search-results h2 a").first
        first.wait_for()
        assert result_titles(page)[0] == CONTRERAS_TITLE
        assert page.locator("#search-results mark").first.inner_text() == "Contreras"
        assert page.locator("#search-status").inner_text() == "1 release matches “Contreras”."
        assert page.locator("#search-results time").first.inner_text() == "July 11, 2017"
        # Keyboard: from the search box, the arrow key reaches the first result; Enter follows it.
        page.locator("#search-q").focus()
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.textContent") == CONTRERAS_TITLE
        page.keyboard.press("Enter")
        page.wait_for_url("**/releases/2017/07/ascent-solar-names-miguel-contreras/")
        assert "Dr. Contreras" in page.locator("article").inner_text()
    assert problems == []


def test_results_as_you_type_deep_link_and_back_button(project: Path, page, problems) -> None:
    with serve_folder(built(project)) as base:
        page.goto(f"{base}search/?q={quote('redeem secured notes')}")
        page.locator("#search-results h2 a").first.wait_for()
        assert result_titles(page) == [NOTES_TITLE]
        assert page.locator("#search-q").input_value() == "redeem secured notes"
        marks = page.locator("#search-results h2 mark").all_inner_texts()
        assert marks == ["Redeem", "Secured", "Notes"]
        # Typing updates the results and the address (replaced, not pushed).
        box = page.locator("#search-q")
        box.fill("")
        box.press_sequentially("Contr", delay=30)
        page.wait_for_url(re.compile(r"\?q=Contr$"))
        page.wait_for_function("document.querySelector('#search-results a')?.textContent.includes('Contreras')")
        assert result_titles(page) == [CONTRERAS_TITLE]
        # Submitting pushes an entry; Back returns to the previous search.
        box.fill("notes")
        box.press("Enter")
        page.wait_for_url(re.compile(r"\?q=notes$"))
        page.wait_for_function("document.querySelector('#search-results a')?.textContent.includes('Notes')")
        page.go_back()
        page.wait_for_url(re.compile(r"\?q=Contr$"))
        page.wait_for_function("document.querySelector('#search-results a')?.textContent.includes('Contreras')")
        assert box.input_value() == "Contr"
        # Following a result and coming back shows the same search again.
        page.locator("#search-results h2 a").first.click()
        page.wait_for_url("**/ascent-solar-names-miguel-contreras/")
        page.go_back()
        page.wait_for_function("document.querySelector('#search-results a')?.textContent.includes('Contreras')")
        assert page.locator("#search-q").input_value() == "Contr"
    assert problems == []


def test_no_results_message_and_lunr_syntax_never_throw(project: Path, page, problems) -> None:
    with serve_folder(built(project)) as base:
        page.goto(f"{base}search/")
        box = page.locator("#search-q")
        for text in [":", "~", "^", "+", "-", "*", "title:solar", "solar~1", "solar^10", "+solar -notes",
                     "sol*", "\"", "\\", "*:~^", "zzyzx"]:
            box.fill(text)
            box.press("Enter")
            page.wait_for_function("t => new URLSearchParams(location.search).get('q') === t", arg=text)
            page.wait_for_function("document.querySelector('#search-status').textContent.includes('match')")
        assert page.locator("#search-status").inner_text() == (
            "No releases match “zzyzx”. Check the spelling, or try fewer or other words.")
        assert page.locator("#search-results li").count() == 0
        box.fill("sol*")
        box.press("Enter")
        page.wait_for_function("document.querySelectorAll('#search-results li').length === 2")
    assert problems == []


def test_a_title_with_markup_shows_as_text(project: Path, page, problems) -> None:
    write_release(project, "2017/xss.md", f"title: '{XSS_TITLE}'\ndate: 2017-08-01\n"
                  f"summary: 'Solar <script>alert(2)</script> & more'")
    with serve_folder(built(project)) as base:
        page.goto(f"{base}search/?q=img")
        page.locator("#search-results h2 a").first.wait_for()
        assert result_titles(page) == [XSS_TITLE]
        assert page.locator("#search-results h2 mark").inner_text() == "img"
        page.goto(f"{base}search/?q=solar")
        page.wait_for_function("document.querySelectorAll('#search-results li').length === 3")
        assert "Solar <script>alert(2)</script> & more" in page.locator("#search-results").inner_text()
        assert page.locator("#search-results img, #search-results script").count() == 0
        assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert problems == []


def test_index_loads_lazily_and_under_a_base_path(project: Path, page, problems, tmp_path: Path) -> None:
    www = tmp_path / "www"
    run_cli("build", "--now", NOW, "--output", str(www / "newsroom"),
            "--base-url", "https://example.com/newsroom/", cwd=project, check=True)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    with serve_folder(www) as base:
        page.goto(f"{base}newsroom/")
        page.goto(f"{base}newsroom/search/")
        page.wait_for_load_state("load")
        assert not any("search/shards.json" in url for url in requested)
        page.locator("#search-q").focus()
        page.wait_for_function("document.querySelector('#search-status').textContent === ''")
        assert sum("search/shards.json" in url for url in requested) == 1
        page.locator("#search-q").press_sequentially("Contreras", delay=20)
        page.locator("#search-results h2 a").first.wait_for()
        assert page.locator("#search-results h2 a").first.get_attribute("href") == \
            "/newsroom/releases/2017/07/ascent-solar-names-miguel-contreras/"
        page.locator("#search-q").fill("notes")
        page.locator("#search-q").press("Enter")
        page.wait_for_function("document.querySelector('#search-results a')?.textContent.includes('Notes')")
        assert sum("search/shards.json" in url for url in requested) == 1
        page.locator("#search-results h2 a").first.click()
        page.wait_for_url(f"{base}newsroom/releases/2017/05/ascent-solar-to-redeem-secured-notes/")
    assert problems == []


def test_search_works_under_a_strict_content_security_policy(project: Path, page, problems) -> None:
    def with_csp(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={
            **response.headers, "content-security-policy": "default-src 'self'; base-uri 'none'"})

    page.route("**/*", with_csp)
    with serve_folder(built(project)) as base:
        page.goto(f"{base}search/?q=Contreras")
        page.locator("#search-results h2 a").first.wait_for()
        assert result_titles(page) == [CONTRERAS_TITLE]
    assert problems == []

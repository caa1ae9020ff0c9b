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


def test_index_loads_once_in_a_worker_and_under_a_base_path(project: Path, page, problems, tmp_path: Path) -> None:
    www = tmp_path / "www"
    run_cli("build", "--now", NOW, "--output", str(www / "newsroom"),
            "--base-url", "https://example.com/newsroom/", cwd=project, check=True)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    with serve_folder(www) as base:
        page.goto(f"{base}newsroom/")
        page.wait_for_load_state("load")
        assert not any("/search/" in url or "lunr" in url for url in requested), "only the search page loads it"
        page.goto(f"{base}newsroom/search/")
        page.wait_for_function("document.querySelector('#search').dataset.loaded === '1/1'")
        assert page.locator("#search-status").inner_text() == ""
        assert sum("search/shards.json" in url for url in requested) == 1
        # lunr.js is loaded by the worker alone, never by the page.
        assert page.evaluate("typeof window.lunr") == "undefined"
        assert sum("/newsroom/assets/lunr.min." in url for url in requested) == 1
        page.locator("#search-q").press_sequentially("Contreras", delay=20)
        page.locator("#search-results h2 a").first.wait_for()
        assert page.locator("#search-results h2 a").first.get_attribute("href") == \
            "/newsroom/releases/2017/07/ascent-solar-names-miguel-contreras/"
        page.locator("#search-q").fill("notes")
        page.locator("#search-q").press("Enter")
        page.wait_for_function("document.querySelector('#search-results a')?.textContent.includes('Notes')")
        assert sum("search/shards.json" in url for url in requested) == 1
        assert sum(".index.json" in url for url in requested) == 1
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


def add_years(project: Path, hostile_year: int = 2015) -> None:
    """Quarzite releases in 2015, 2016 and 2019 beside the seeds' 2017; a hostile title in hostile_year."""
    for n, (year, title) in enumerate([(2019, "Quarzite Modules Ship"), (2016, "Quarzite Order Signed"),
                                       (2015, "Quarzite Pilot Line Opens"), (hostile_year, f"{XSS_TITLE} Quarzite")]):
        write_release(project, f"{year}/q{n}.md", f"title: '{title}'\ndate: {year}-0{n + 1}-15")


def hold(page, pattern: str) -> list:
    """Requests matching pattern wait until the test lets them go (route.continue_())."""
    held: list = []
    page.route(pattern, lambda route: held.append(route))
    return held


def release(page, held: list, count: int) -> None:
    """Let `count` held requests through, once the page has made them."""
    for _ in range(200):
        if len(held) >= count:
            break
        page.wait_for_timeout(25)
    assert len(held) == count, f"{len(held)} requests held, expected {count}"
    for route in held:
        route.continue_()


def test_typed_at_once_the_newest_year_answers_first_then_older_years(project: Path, page, problems) -> None:
    add_years(project)
    site = built(project)
    requested: list[str] = []
    page.on("request", lambda request: request.url.endswith(".json") and requested.append(request.url))
    with serve_folder(site) as base:
        newest, oldest = hold(page, "**/search/2019.*"), hold(page, "**/search/2015.*")
        page.goto(f"{base}search/")
        page.locator("#search-q").fill("quarzite")  # before any year has loaded
        page.wait_for_function("document.querySelector('#search-status').textContent === 'Searching…'")
        assert result_titles(page) == []
        release(page, newest, 2)
        page.wait_for_function("document.querySelectorAll('#search-results li').length === 2")
        # 2015 is still held back: the other years answered without it, newest first.
        assert result_titles(page) == ["Quarzite Modules Ship", "Quarzite Order Signed"]
        assert page.locator("#search-status").inner_text() == (
            "2 releases match “quarzite” so far; searching older releases…")
        assert page.locator("#search-results time").all_inner_texts() == ["January 15, 2019", "February 15, 2016"]
        release(page, oldest, 2)
        page.wait_for_function("document.querySelector('#search-status').textContent === "
                               "'4 releases match “quarzite”.'")
        assert result_titles(page)[:2] == ["Quarzite Modules Ship", "Quarzite Order Signed"]
        assert set(result_titles(page)[2:]) == {"Quarzite Pilot Line Opens", f"{XSS_TITLE} Quarzite"}
        assert page.locator("#search-results img, #search-results script").count() == 0
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        page.wait_for_function("document.querySelector('#search').dataset.loaded === '4/4'")
        # The manifest, then the years that can answer "quarzite" newest first, and only then
        # 2017, which cannot. Each file fetched once.
        names = [url.rsplit("/", 1)[1].split(".")[0] for url in requested]
        assert names[0] == "shards" and len(names) == 9 and len(set(requested)) == 9
        assert [n for i, n in enumerate(names) if n not in names[:i]][1:] == ["2019", "2016", "2015", "2017"]
    assert problems == []


def test_a_word_only_the_oldest_year_has_is_answered_without_the_newer_years(project: Path, page, problems) -> None:
    add_years(project)
    with serve_folder(built(project)) as base:
        newer = re.compile(r".*/search/20(19|17|16)\..*")
        hold(page, newer)
        page.goto(f"{base}search/")
        page.locator("#search-q").fill("pilot")
        page.wait_for_function("document.querySelector('#search-status').textContent === '1 release matches “pilot”.'")
        assert result_titles(page) == ["Quarzite Pilot Line Opens"]
        # Every newer year is held back (if asked for at all): 2015 alone answered.
        assert page.locator("#search").get_attribute("data-loaded") == "1/4"
        # No year can answer a word no release has: no wait for any of them.
        page.locator("#search-q").fill("pilot zebra")
        page.wait_for_function("document.querySelector('#search-status').textContent.startsWith('No releases match')")
        assert result_titles(page) == [] and page.locator("#search").get_attribute("data-loaded") == "1/4"
        page.unroute(newer)  # lets the held requests go: the newer years load, for the queries to come
        page.wait_for_function("document.querySelector('#search').dataset.loaded === '4/4'")
    assert problems == []


def test_a_year_that_fails_to_load_is_named_and_the_others_still_answer(project: Path, page, problems) -> None:
    add_years(project)
    with serve_folder(built(project)) as base:
        page.route("**/search/2015.*.index.json*", lambda route: route.abort())
        page.on("console", lambda message: None)
        page.goto(f"{base}search/?q=quarzite")
        page.wait_for_function("document.querySelector('#search-status').textContent.includes('could not')")
        assert result_titles(page) == ["Quarzite Modules Ship", "Quarzite Order Signed"]
        assert page.locator("#search-status").inner_text().startswith(
            "2 releases match “quarzite”. Older releases could not be searched (")
        # A query the loaded years answer alone is whole.
        page.locator("#search-q").fill("modules ship")
        page.wait_for_function("document.querySelector('#search-status').textContent === "
                               "'1 release matches “modules ship”.'")
    problems[:] = [p for p in problems if "net::ERR_FAILED" not in p]  # the abort itself
    assert problems == []


def test_a_search_typed_at_once_without_holding_anything(project: Path, page, problems) -> None:
    add_years(project, hostile_year=2019)
    with serve_folder(built(project)) as base:
        page.goto(f"{base}search/")
        page.locator("#search-q").press_sequentially("quarz")
        page.wait_for_function("document.querySelector('#search-status').textContent === "
                               "'4 releases match “quarz”.'")
        assert result_titles(page)[:2] == [f"{XSS_TITLE} Quarzite", "Quarzite Modules Ship"]  # April, January
        assert page.locator("#search-results h2 mark").first.inner_text() == "Quarzite"
    assert problems == []


def test_many_results_come_fifty_at_a_time(project: Path, page, problems) -> None:
    for n in range(57):
        write_release(project, f"{2014 + n % 3}/m{n}.md", f"title: Multitude Item {n}\ndate: {2014 + n % 3}-03-{1 + n % 28:02d}")
    with serve_folder(built(project)) as base:
        page.goto(f"{base}search/?q=multitude")
        page.wait_for_function("document.querySelector('#search-status').textContent === "
                               "'57 releases match “multitude”. Showing the first 50.'")
        assert page.locator("#search-results li").count() == 50
        more = page.get_by_role("button", name="Show more results")
        more.click()
        page.wait_for_function("document.querySelectorAll('#search-results li').length === 57")
        assert more.is_hidden()
        assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#search-results li')[50]")
        years = [t[-4:] for t in page.locator("#search-results time").all_inner_texts()]
        assert years == sorted(years, reverse=True)
        page.locator("#search-q").fill("multitude item 12")
        page.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
        assert more.is_hidden() and result_titles(page) == ["Multitude Item 12"]
    assert problems == []


def add_ranked(project: Path) -> None:
    """Cobaltine in the titles of releases of 2019, 2016 and 2015 (tagged product), and only in
    the story of the newest, a 2020 release tagged financing."""
    for n, (year, title, tag) in enumerate([(2020, "Annual Meeting Results", "financing"),
                                            (2019, "Cobaltine Modules Ship", "product"),
                                            (2016, "Cobaltine Order Signed", "product"),
                                            (2015, "Cobaltine Pilot Line Opens", "product")]):
        body = ("The meeting elected the board. " * 12 + "\n\nShareholders toured the Cobaltine line.\n"
                if "Cobaltine" not in title else "The lede.\n")
        write_release(project, f"{year}/c{n}.md", f"title: {title}\ndate: {year}-0{n + 1}-15\ntags: [{tag}]", body)


def wait_status(page, text: str) -> None:
    page.wait_for_function("t => document.querySelector('#search-status').textContent === t", arg=text)


def test_newest_first_by_default_best_match_across_shards_and_the_address(project: Path, page, problems) -> None:
    add_ranked(project)
    with serve_folder(built(project)) as base:
        page.goto(f"{base}search/?q=cobaltine")
        wait_status(page, "4 releases match “cobaltine”.")
        newest_first = ["Annual Meeting Results", "Cobaltine Modules Ship", "Cobaltine Order Signed",
                        "Cobaltine Pilot Line Opens"]
        assert result_titles(page) == newest_first
        assert page.locator("#search-sort").input_value() == "date"
        # Best match: the title matches of three shards before the newer story-only match.
        page.get_by_label("Order").select_option(label="Best match")
        page.wait_for_url(re.compile(r"\?q=cobaltine&sort=best$"))
        best = ["Cobaltine Modules Ship", "Cobaltine Order Signed", "Cobaltine Pilot Line Opens",
                "Annual Meeting Results"]
        page.wait_for_function("document.querySelector('#search-results a')?.textContent.startsWith('Cobaltine')")
        wait_status(page, "4 releases match “cobaltine”.")
        assert result_titles(page) == best
        # The address round-trips: a fresh page at it shows the same, Back the previous order.
        page.goto(f"{base}search/?q=cobaltine&sort=best")
        wait_status(page, "4 releases match “cobaltine”.")
        assert result_titles(page) == best and page.locator("#search-sort").input_value() == "best"
        page.goto(f"{base}search/?q=cobaltine")
        page.get_by_label("Order").select_option("best")
        page.wait_for_url(re.compile(r"sort=best"))
        page.go_back()
        page.wait_for_url(re.compile(r"\?q=cobaltine$"))
        page.wait_for_function("document.querySelector('#search-results a')?.textContent === 'Annual Meeting Results'")
        wait_status(page, "4 releases match “cobaltine”.")
        assert result_titles(page) == newest_first and page.locator("#search-sort").input_value() == "date"
        # One search box on the search page.
        assert page.get_by_role("searchbox").count() == 1
    assert problems == []


def option_texts(page, select: str) -> dict[str, str]:
    return dict(page.eval_on_selector_all(f"{select} option", "os => os.map(o => [o.value, o.textContent])"))


def test_filters_by_year_and_topic_with_counts_on_the_search_page_and_the_list(project: Path, page, problems) -> None:
    add_ranked(project)
    with serve_folder(built(project)) as base:
        page.goto(f"{base}search/?q=cobaltine")
        wait_status(page, "4 releases match “cobaltine”.")
        assert option_texts(page, "#filter-year") == {"": "All years", "2020": "2020 (1)", "2019": "2019 (1)",
                                                      "2017": "2017 (0)", "2016": "2016 (1)", "2015": "2015 (1)"}
        assert page.locator("#filter-year option[value='2017']").is_disabled()
        assert option_texts(page, "#filter-topic") == {"": "All topics", "financing": "financing (1)",
                                                       "management": "management (0)", "product": "product (3)"}
        page.get_by_label("Topic").select_option("product")
        page.wait_for_url(re.compile(r"\?q=cobaltine&topic=product$"))
        wait_status(page, "3 releases match “cobaltine”.")
        assert result_titles(page) == ["Cobaltine Modules Ship", "Cobaltine Order Signed", "Cobaltine Pilot Line Opens"]
        assert option_texts(page, "#filter-year")["2020"] == "2020 (0)"  # counts with the topic chosen
        page.get_by_label("Year").select_option("2016")
        page.wait_for_url(re.compile(r"\?q=cobaltine&year=2016&topic=product$"))
        wait_status(page, "1 release matches “cobaltine”.")
        assert result_titles(page) == ["Cobaltine Order Signed"]
        assert option_texts(page, "#filter-topic")["product"] == "product (1)"
        # The address round-trips, filters included.
        page.goto(f"{base}search/?q=cobaltine&year=2016&topic=product&sort=best")
        wait_status(page, "1 release matches “cobaltine”.")
        assert (page.locator("#filter-year").input_value(), page.locator("#filter-topic").input_value(),
                page.locator("#search-sort").input_value()) == ("2016", "product", "best")
        # The release list filters too: its form leads to the search page, filters alone.
        page.goto(base)
        assert option_texts(page, "#filter-topic")["product"] == "product (3)"
        page.get_by_label("Topic").select_option("product")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url(re.compile(r"/search/\?year=&topic=product$"))
        wait_status(page, "3 releases match the filters.")
        assert result_titles(page) == ["Cobaltine Modules Ship", "Cobaltine Order Signed", "Cobaltine Pilot Line Opens"]
        assert option_texts(page, "#filter-year") == {"": "All years", "2020": "2020 (0)", "2019": "2019 (1)",
                                                      "2017": "2017 (0)", "2016": "2016 (1)", "2015": "2015 (1)"}
        page.get_by_label("Year").select_option("2015")
        wait_status(page, "1 release matches the filters.")
        assert result_titles(page) == ["Cobaltine Pilot Line Opens"]
    assert problems == []


def test_a_match_in_the_story_shows_a_marked_passage(project: Path, page, problems) -> None:
    add_ranked(project)
    write_release(project, "2018/hostile.md", "title: Hostile Story\ndate: 2018-02-01\nsummary: Nothing to see.",
                  "Filler words about nothing. " * 10 + "Then &lt;img src=x onerror=alert(3)&gt; Wolfram "
                  "&lt;script&gt;alert(4)&lt;/script&gt; ends here.\n")
    with serve_folder(built(project)) as base:
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{base}search/?q=shareholders+toured")
        page.locator("#search-results .passage mark").first.wait_for()
        assert page.locator("#search-results .passage mark").all_inner_texts() == ["Shareholders", "toured"]
        passage = page.locator("#search-results .passage").inner_text()
        assert passage.startswith("… ") and "Shareholders toured the Cobaltine line." in passage
        # A title match shows its summary, no passage.
        page.locator("#search-q").fill("pilot")
        wait_status(page, "1 release matches “pilot”.")
        assert page.locator("#search-results .passage").count() == 0
        # Untrusted text in a passage stays text.
        page.locator("#search-q").fill("wolfram")
        page.locator("#search-results .passage mark").first.wait_for()
        text = page.locator("#search-results .passage").inner_text()
        assert "<img src=x onerror=alert(3)> Wolfram <script>alert(4)</script>" in text
        assert page.locator("#search-results img, #search-results script").count() == 0
        assert sum(".text.json" in url for url in requested) == 2  # the stories of the two shards shown
    assert problems == []

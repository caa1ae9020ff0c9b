"""Events end to end: content/events/*.md -> the events page, a page per event, upcoming events
on the home page, events.ics read back with the icalendar library (times through their zones,
stable UIDs), errors named by file and line, and the embargo of the release an event belongs to."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import lxml.html
import pytest

from newsroom.stages.events import _duration
from tests.conftest import REPO, run_cli, serve_folder, tree_digest, write_release
from tests.test_serve import poll, replace_in, serve  # noqa: F401 - `serve` is a fixture

NOW = "2026-01-01T00:00:00+00:00"
CALL = "content/events/2017-05-investor-call-secured-notes.md"
MEETING = "content/events/2027-annual-meeting.md"
CALL_URL = "events/2017-05-investor-call-secured-notes/"
MEETING_URL = "events/2027-annual-meeting/"
NOTES_TITLE = "Ascent Solar Agrees to Fully Redeem Its Outstanding Convertible Secured Notes"


def write_event(root: Path, name: str, front: str, body: str = "") -> Path:
    path = root / "content" / "events" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")
    return path


def build(root: Path, now: str = NOW, *extra: str) -> Path:
    run_cli("build", "--now", now, "--no-cache", *extra, cwd=root, check=True)
    return root / "site"


def html(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_bytes())


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def vevents(path: Path) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar(path).walk("VEVENT")}


def test_the_example_events_show_as_upcoming_and_past(project: Path) -> None:
    site = build(project)
    events = html(site, "events")
    upcoming, past = (section.xpath(".//h3/a/text()") for section in events.xpath("//section"))
    assert upcoming == ["2027 Annual Meeting of Stockholders"]
    assert past == ["Ascent Solar Investor Call on the Redemption of Its Convertible Secured Notes"]
    # The home page shows what is coming, with the way to every event; its nav links the events page.
    home = html(site, "")
    assert home.xpath("//section[@class='upcoming-events']//h3/a/@href") == ["/" + MEETING_URL]
    assert "/events/" in home.xpath("//nav[@class='site-nav']//a/@href")
    meeting = words(html(site, MEETING_URL).xpath("//dl[@class='event-facts']")[0])
    assert "Tuesday, June 15, 2027" in meeting and "10 to 11:30 a.m. MDT" in meeting
    assert "12300 Grant Street" in meeting
    call = html(site, CALL_URL)
    facts = dict(zip(call.xpath("//dl/dt/text()"), (words(dd) for dd in call.xpath("//dl/dd"))))
    assert facts["Time"] == "11 to 11:45 a.m. EDT"
    assert facts["Dial-in"].startswith("+1 888-555-0142") and facts["Release"] == NOTES_TITLE
    assert call.xpath("//dd/a[text()='Webcast replay']/@href") == ["https://events.ascentsolar.example/2017-05-11-investor-call"]
    assert call.xpath("//dl//a[text()=$t]/@href", t=NOTES_TITLE) == ["/releases/2017/05/ascent-solar-to-redeem-secured-notes/"]
    sitemap = (site / "sitemap.xml").read_text()
    assert f"/{MEETING_URL}</loc>" in sitemap and "/events/</loc>" in sitemap


def test_upcoming_and_past_follow_the_builds_clock(project: Path) -> None:
    before = build(project, "2017-05-01T00:00:00Z")
    assert len(html(before, "events").xpath("//section[1]//h3")) == 2
    assert "Investor Call" in words(html(before, "").xpath("//section[@class='upcoming-events']")[0])
    # During the call it is still to come; a second after its end it is past.
    during = build(project, "2017-05-11T15:30:00Z")
    assert len(html(during, "events").xpath("//section[1]//h3")) == 2
    assert not html(during, CALL_URL).xpath("//p[@class='event-status']")
    after = build(project, "2027-06-15T17:30:00Z")  # the meeting ends at 11:30 in Denver
    assert html(after, "events").xpath("//section[1]//p[@class='empty']")
    assert not html(after, "").xpath("//section[@class='upcoming-events']")
    assert html(after, MEETING_URL).xpath("//p[@class='event-status'][text()='Past event']")


def test_the_calendar_reads_back_with_icalendar(project: Path) -> None:
    site = build(project)
    feed = calendar(site / "events.ics")
    assert str(feed["version"]) == "2.0" and str(feed["method"]) == "PUBLISH"
    assert str(feed["x-wr-calname"]) == "Ascent Solar Newsroom: events"
    assert sorted(str(zone["tzid"]) for zone in feed.walk("VTIMEZONE")) == ["America/Denver", "America/New_York"]
    events = vevents(site / "events.ics")
    call = events["2017-05-investor-call-secured-notes@newsroom.ascentsolar.example"]
    start, end = call.decoded("dtstart"), call.decoded("dtend")
    assert start == datetime(2017, 5, 11, 15, 0, tzinfo=UTC) and end - start == timedelta(minutes=45)
    assert call["dtstart"].params["TZID"] == "America/New_York"
    assert str(call["url"]) == "https://newsroom.ascentsolar.example/" + CALL_URL
    description = str(call["description"])
    assert "Dial-in: +1 888-555-0142" in description and NOTES_TITLE in description
    meeting = events["2027-annual-meeting@newsroom.ascentsolar.example"]
    assert str(meeting["location"]).startswith("Ascent Solar headquarters, 12300 Grant Street")
    # Each event's own file, for "add to calendar": the same event, alone.
    own = vevents(site / MEETING_URL / "2027-annual-meeting.ics")
    assert list(own) == ["2027-annual-meeting@newsroom.ascentsolar.example"]
    assert own[next(iter(own))].decoded("dtstart") == meeting.decoded("dtstart")


@pytest.mark.parametrize("written, zone, instant", [
    ("2024-11-07T16:30", "America/New_York", datetime(2024, 11, 7, 21, 30, tzinfo=UTC)),  # EST
    ("2024-07-10T16:30", "America/New_York", datetime(2024, 7, 10, 20, 30, tzinfo=UTC)),  # EDT
    ("2024-03-31T09:00:00+00:00", "Europe/London", datetime(2024, 3, 31, 9, 0, tzinfo=UTC)),  # the day BST starts
    ("2025-01-20T10:00", "Asia/Tokyo", datetime(2025, 1, 20, 1, 0, tzinfo=UTC)),
    ("2024-11-03T01:30:00-04:00", "America/Chicago", datetime(2024, 11, 3, 5, 30, tzinfo=UTC)),  # an offset, shown in Chicago
])
def test_a_time_round_trips_through_its_zone(project: Path, written: str, zone: str, instant: datetime) -> None:
    """Written in the event's zone (or with an offset), read back by a calendar library: the same
    instant, whether the reader knows the zone by name or only by the VTIMEZONE the file carries."""
    write_event(project, "roundtrip.md", f"title: Round Trip\nstart: {written}\ntimezone: {zone}")
    site = build(project)
    feed = calendar(site / "events.ics")
    event = vevents(site / "events.ics")["roundtrip@newsroom.ascentsolar.example"]
    assert event["dtstart"].params["TZID"] == zone
    start = event.decoded("dtstart")
    assert start == instant and start.utcoffset() == instant.astimezone(ZoneInfo(zone)).utcoffset()
    # The file's own definition of the zone gives the same instant for the wall time it wrote.
    defined = next(tz for tz in feed.walk("VTIMEZONE") if str(tz["tzid"]) == zone).to_tz()
    wall = start.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    assert wall.replace(tzinfo=defined).astimezone(UTC) == instant
    assert event.decoded("dtend") - start == timedelta(hours=1)  # the default length


def test_uids_stay_and_bytes_do_not_follow_the_clock(project: Path) -> None:
    site = build(project)
    first = (site / "events.ics").read_bytes()
    assert (build(project, "2026-06-01T00:00:00Z") / "events.ics").read_bytes() == first
    text = (project / MEETING).read_text()
    (project / MEETING).write_text(text.replace("title: 2027 Annual Meeting", "title: 2027 Annual General Meeting")
                                   .replace("2027-06-15T10:00", "2027-06-16T09:00").replace("end: 2027-06-15T11:30", "duration: 2h"))
    events = vevents(build(project) / "events.ics")
    moved = events["2027-annual-meeting@newsroom.ascentsolar.example"]
    assert str(moved["summary"]) == "2027 Annual General Meeting of Stockholders"
    assert moved.decoded("dtstart") == datetime(2027, 6, 16, 15, 0, tzinfo=UTC)
    assert moved.decoded("dtend") == datetime(2027, 6, 16, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("value, minutes", [(90, 90), ("90 minutes", 90), ("1h30m", 90), ("1 hour 30 min", 90),
                                            ("1:30", 90), ("PT1H30M", 90), ("2h", 120), ("45 min", 45)])
def test_durations_as_people_write_them(value: object, minutes: int) -> None:
    assert _duration(value) == timedelta(minutes=minutes)


BAD_EVENTS = {
    "no title": ("start: 2027-01-05T10:00", 1, "'title' is required"),
    "a date without a time": ("title: Call\nstart: 2027-01-05", 3, "needs a time of day"),
    "end before start": ("title: Call\nstart: 2027-01-05T10:00\nend: 2027-01-05T09:00", 4, "must be after 'start'"),
    "end and duration": ("title: Call\nstart: 2027-01-05T10:00\nend: 2027-01-05T11:00\nduration: 1h", 5, "not both"),
    "bad duration": ("title: Call\nstart: 2027-01-05T10:00\nduration: forever", 4, "not a length of time"),
    "unknown zone": ("title: Call\nstart: 2027-01-05T10:00\ntimezone: Mars/Olympus", 4, "not a known time zone"),
    "webcast not a web address": ("title: Call\nstart: 2027-01-05T10:00\nwebcast: javascript:alert(1)", 4, "not a web address"),
    "unknown key": ("title: Call\nstart: 2027-01-05T10:00\nspeaker: Jane", 4, "unknown event key 'speaker'"),
    "no such release": ("title: Call\nstart: 2027-01-05T10:00\nrelease: no-such-release", 4, "no release has the slug"),
    "not closed": ("title: Call", 1, "front matter"),
}


@pytest.mark.parametrize("case", BAD_EVENTS)
def test_a_bad_event_is_one_line_naming_file_and_line(project: Path, case: str) -> None:
    front, line, message = BAD_EVENTS[case]
    site = build(project)
    before = tree_digest(site)
    path = write_event(project, "bad.md", front)
    if case == "not closed":
        path.write_text("---\ntitle: Call\n")
    result = run_cli("build", "--now", NOW, cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"content/events/bad.md:{line}: " in result.stderr and message in result.stderr, result.stderr
    assert tree_digest(site) == before


def test_two_events_with_one_slug_are_refused(project: Path) -> None:
    write_event(project, "one.md", "title: One\nstart: 2027-01-05T10:00\nslug: 2027-annual-meeting")
    result = run_cli("build", "--now", NOW, cwd=project)
    assert result.returncode == 1 and "duplicate event slug '2027-annual-meeting'" in result.stderr


def test_an_event_names_its_release_only_once_it_is_published(project: Path) -> None:
    """An earnings call is announced before its results: the event shows, the results do not,
    in any byte, until their time; then the event page and the calendar link them."""
    write_release(project, "2026/q4.md", "title: Zanzibarite Fourth Quarter Results\ndate: 2026-03-01T16:05:00-05:00\n"
                  "slug: q4-2025-results\ntags: [earnings]", "Zanzibarite revenue rose.\n")
    write_event(project, "2026-q4-call.md", "title: Fourth Quarter 2025 Results Call\nstart: 2026-03-01T16:30\n"
                "timezone: America/New_York\nrelease: q4-2025-results")
    site = build(project)
    assert words(html(site, "events/2026-q4-call")).count("Fourth Quarter 2025 Results Call") >= 1
    leaks = [p for p in site.rglob("*") if p.is_file() and b"anzibarite" in p.read_bytes()]
    assert leaks == [] and not html(site, "events/2026-q4-call").xpath("//dt[text()='Release']")
    site = build(project, "2026-03-02T00:00:00Z")
    call = html(site, "events/2026-q4-call")
    assert call.xpath("//dd/a/text()") == ["Zanzibarite Fourth Quarter Results"]
    assert "Zanzibarite Fourth Quarter Results" in str(vevents(site / "events.ics")[
        "2026-q4-call@newsroom.ascentsolar.example"]["description"])


def test_titles_are_text_in_pages_and_calendars(project: Path) -> None:
    title = 'Call <b id="pwn">now</b> & "more" </script><script>alert(1)</script>'
    write_event(project, "hostile.md", f"title: '{title}'\nstart: 2027-02-01T10:00\nsummary: '{title}'")
    site = build(project)
    page = html(site, "events/hostile")
    assert words(page.xpath("//h1")[0]) == " ".join(title.split())
    assert not page.xpath("//*[@id='pwn']") and not page.xpath("//script[not(@type) or @type!='application/ld+json']")
    assert str(vevents(site / "events.ics")["hostile@newsroom.ascentsolar.example"]["summary"]) == title


def test_a_site_without_events_has_an_empty_calendar_and_no_events_page(project: Path) -> None:
    for path in (project / "content/events").iterdir():
        path.unlink()
    site = build(project)
    assert list(calendar(site / "events.ics").walk("VEVENT")) == []
    assert not (site / "events").exists()
    assert "/events/" not in (site / "index.html").read_text()


def test_the_preview_follows_event_edits(project: Path, serve) -> None:  # noqa: F811 - the fixture
    """`newsroom serve`: an event saved, added or deleted, or the release an event shows
    retitled, is served at once, and the preview ends equal to a full build."""
    preview = serve()
    preview.wait_for_text("/events/", "2027 Annual Meeting of Stockholders")
    replace_in(project / MEETING, "title: 2027 Annual Meeting", "title: 2027 Annual General Meeting")
    preview.wait_for_text("/" + MEETING_URL, "2027 Annual General Meeting")
    preview.wait_for_text("/", "2027 Annual General Meeting")
    preview.wait_for_text("/events.ics", "2027 Annual General Meeting")
    replace_in(project / "content/releases/2017/ascent-solar-to-redeem-secured-notes.md",
               "title: Ascent Solar Agrees", "title: Ascent Solar Has Agreed")
    preview.wait_for_text("/" + CALL_URL, "Ascent Solar Has Agreed to Fully Redeem")
    write_event(project, "2026-webcast.md", "title: Zephyr Investor Webcast\nstart: 2026-02-10T11:00")
    preview.wait_for_text("/events/2026-webcast/", "Zephyr Investor Webcast")
    preview.wait_for_text("/", "Zephyr Investor Webcast")
    (project / MEETING).unlink()
    preview.wait_for_text("/" + MEETING_URL, "Page not found", status=404)
    run_cli("build", "--now", NOW, "--base-url", preview.url, "--output", "full", cwd=project, check=True)
    full = tree_digest(project / "full")
    poll(lambda: tree_digest(project / ".newsroom-cache/serve") == full, what="the served site to equal a full build")


def test_an_event_ending_moves_to_past_events_at_its_time_without_a_save(project: Path, serve) -> None:  # noqa: F811
    """On the real clock, an event ending a few seconds ahead moves from upcoming to past by
    itself, and never before its end."""
    end = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=6)
    write_event(project, "ending.md", f"title: Quillfeather Fireside Chat\nstart: {(end - timedelta(hours=1)).isoformat()}\n"
                f"end: {end.isoformat()}\ntimezone: UTC")
    preview = serve(now=None)
    answers = []
    deadline = time.monotonic() + 60
    while True:
        events = lxml.html.fromstring(preview.get("/events/")[2])
        past = "Quillfeather" in words(events.xpath("//section")[1])
        answers.append((datetime.now(UTC), past))
        if past:
            break
        assert time.monotonic() < deadline, f"still upcoming a minute on: {preview.log()}"
        time.sleep(0.05)
    assert all(received >= end for received, past in answers if past), "moved early"
    assert "Quillfeather" not in preview.get("/")[2]
    assert "event(s) now over: Quillfeather Fireside Chat" in preview.log()


def test_the_calendar_is_the_same_bytes_in_every_process(project: Path) -> None:
    """Zones come in one order whatever the process's hash seed (sets are ordered by it)."""
    write_event(project, "tokyo.md", "title: Tokyo Roadshow\nstart: 2026-09-01T10:00\ntimezone: Asia/Tokyo")
    made = set()
    for seed in ("1", "2", "3", "4"):
        subprocess.run([sys.executable, "-m", "newsroom", "build", "--now", NOW, "--no-cache", "--output", f"site-{seed}"],
                       cwd=project, env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed}, check=True,
                       capture_output=True)
        made.add((project / f"site-{seed}" / "events.ics").read_bytes())
    assert len(made) == 1
    assert [str(tz["tzid"]) for tz in icalendar.Calendar.from_ical(made.pop()).walk("VTIMEZONE")] == [
        "America/Denver", "America/New_York", "Asia/Tokyo"]


@pytest.mark.parametrize("theme", ["default", "wire"])
def test_events_in_chromium(project: Path, browser, theme: str) -> None:
    """From the home page to an event and its calendar file, as a visitor clicks through."""
    site = build(project, NOW, "--theme", theme)
    with serve_folder(site) as base:
        context = browser.new_context(viewport={"width": 375, "height": 800}, accept_downloads=True)
        page = context.new_page()
        try:
            page.goto(base)
            upcoming = page.get_by_role("region", name="Upcoming events")
            upcoming.get_by_role("link", name="2027 Annual Meeting of Stockholders").click()
            page.wait_for_url(base + MEETING_URL)
            assert page.get_by_role("heading", level=1).text_content() == "2027 Annual Meeting of Stockholders"
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            with page.expect_download() as download:
                page.get_by_role("link", name="Add to your calendar").click()
            event = next(iter(icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")))
            assert download.value.suggested_filename == "2027-annual-meeting.ics"
            assert event.decoded("dtstart") == datetime(2027, 6, 15, 16, 0, tzinfo=UTC)
            page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
            page.wait_for_url(base + "events/")
            assert page.get_by_role("link", name="Events", exact=True).first.get_attribute("aria-current") == "page"
            past = page.get_by_role("region", name="Past events")
            past.get_by_role("link", name="Ascent Solar Investor Call on the Redemption of Its Convertible Secured Notes").click()
            page.get_by_role("link", name=NOTES_TITLE).click()
            page.wait_for_url(base + "releases/2017/05/ascent-solar-to-redeem-secured-notes/")
        finally:
            context.close()


@pytest.mark.parametrize("make, message", [
    (lambda path: os.mkfifo(path), "not a regular file"),
    (lambda path: path.symlink_to("/etc/hostname"), "symbolic link points outside the content folder"),
    (lambda path: path.write_bytes(b"---\ntitle: \xff\n---\n"), "invalid UTF-8"),
])
def test_an_event_file_that_is_not_a_sane_text_file_is_refused(project: Path, make, message: str) -> None:
    make(project / "content/events/odd.md")
    result = run_cli("build", "--now", NOW, cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/events/odd.md" in result.stderr and message in result.stderr, result.stderr

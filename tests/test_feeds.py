"""Feeds through real readers: feedparser, a spec-level XML check, and HTTP like a subscriber."""

from __future__ import annotations

import calendar
import re
import urllib.request
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import lxml.html
import pytest

from newsroom.stages.feeds import absolute_links, xml_text
from tests.conftest import run_cli, serve_folder, tree_digest, write_release
from tests.escaping import xml_injections

BASE = "https://news.example.com/ir/"
NOW = "2025-01-01T00:00:00+00:00"
NEW_YORK = ZoneInfo("America/New_York")
SPECIAL_TITLE = 'Q3 <Results> & "Guidance" </script><script>alert(1)</script> a < b'
SITE_TITLE = 'R&D <Newsroom> "IR"'
SUBTITLE = 'Revenue <b id="pwn">up</b> 12% & "margins" </script><script>alert(2)</script>'
DRAFT_WORD, EMBARGO_WORD = "zanzibarquill", "xylophonequest"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")

CONFIG = f"""[site]
title = '{SITE_TITLE}'
base_url = "{BASE}"
timezone = "America/New_York"
language = "en-US"
description = "Acme press releases"
feed_items = {{feed_items}}

[company]
name = "Acme & Sons, Inc."
"""

LINKED_BODY = """Acme reported results. See the [deck](../deck.pdf), our [profile](/about/), the \
[notes](#notes), [SEC filings](https://www.sec.gov/x) and [IR](mailto:ir@acme.example).

![Revenue chart](chart.png)

<p><img src="img/small.png" srcset="img/small.png 1x, img/large.png 2x" alt="Logo"></p>

## About Acme

Acme makes anvils. Read [more](../../about-acme/).
"""


def make_project(root: Path, feed_items: int = 20) -> Path:
    """Three published releases (winter, spring, summer), a draft and a scheduled release."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "newsroom.toml").write_text(CONFIG.replace("{feed_items}", str(feed_items)))
    write_release(root, "2024/q3.md", f"title: '{SPECIAL_TITLE}'\nsubtitle: '{SUBTITLE}'\nslug: q3-results\n"
                  "date: 2024-03-05T09:30:00-05:00\nsummary: Results & guidance.\n"
                  "location: Chicago, IL\nwire: Business Wire\ntags: [earnings, guidance]", LINKED_BODY)
    write_release(root, "2024/bell.md", 'title: "Bell\\a and escape\\e title"\ndate: 2024-01-10\n'
                  "tags: [earnings]", "Pasted\x0bvertical tab, \x1bescape and \x7fdelete here.\n")
    write_release(root, "2024/summer.md", "title: Summer Update\ndate: 2024-07-01T08:00:00\n"
                  "tags: [guidance]", "Summer news.\n")
    write_release(root, "2024/draft.md", f"title: Draft {DRAFT_WORD}\ndate: 2024-02-01\ndraft: true\n"
                  "tags: [earnings]", f"Secret {DRAFT_WORD}.\n")
    write_release(root, "2030/embargo.md", f"title: Embargoed {EMBARGO_WORD}\n"
                  "date: 2030-01-01T09:00:00-05:00\ntags: [earnings, embargo-only]",
                  f"Not yet {EMBARGO_WORD}.\n")
    return root


def build(root: Path, *extra: str, output: str = "site") -> Path:
    run_cli("build", "--now", NOW, "--output", output, *extra, cwd=root, check=True)
    return root / output


def feed_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml") if p.name != "sitemap.xml")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("feeds") / "project"))


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def test_feed_files_one_rss_per_tag(site: Path) -> None:
    assert [p.relative_to(site).as_posix() for p in feed_files(site)] == [
        "atom.xml", "feed.xml", "tags/earnings/feed.xml", "tags/guidance/feed.xml"]


def test_every_feed_parses_cleanly_newest_first(site: Path) -> None:
    expected = {"feed.xml": ["summer-update", "q3-results", "bell-and-escape-title"],
                "atom.xml": ["summer-update", "q3-results", "bell-and-escape-title"],
                "tags/earnings/feed.xml": ["q3-results", "bell-and-escape-title"],
                "tags/guidance/feed.xml": ["summer-update", "q3-results"]}
    for rel, slugs in expected.items():
        parsed = parse(site / rel)
        assert parsed.version == ("atom10" if rel == "atom.xml" else "rss20")
        assert [e.link.rstrip("/").rsplit("/", 1)[1] for e in parsed.entries] == slugs, rel


@pytest.mark.parametrize("rel", ["feed.xml", "atom.xml"])
def test_dates_keep_their_zone(site: Path, rel: str) -> None:
    entries = parse(site / rel).entries
    expected = [datetime(2024, 7, 1, 8, tzinfo=NEW_YORK), datetime(2024, 3, 5, 9, 30, tzinfo=NEW_YORK),
                datetime(2024, 1, 10, tzinfo=NEW_YORK)]
    assert [calendar.timegm(e.published_parsed) for e in entries] == [int(d.timestamp()) for d in expected]
    offsets = ["-0400", "-0500", "-0500"] if rel == "feed.xml" else ["-04:00", "-05:00", "-05:00"]
    assert [e.published[-len(o):] for e, o in zip(entries, offsets)] == offsets


def test_channel_dates_are_the_newest_release_not_the_build(site: Path) -> None:
    rss = parse(site / "feed.xml").feed
    assert rss.updated == "Mon, 01 Jul 2024 08:00:00 -0400"
    assert parse(site / "atom.xml").feed.updated == "2024-07-01T08:00:00-04:00"
    assert parse(site / "tags/earnings/feed.xml").feed.updated == "Tue, 05 Mar 2024 09:30:00 -0500"


def test_links_guids_and_authors(site: Path) -> None:
    permalink = f"{BASE}releases/2024/03/q3-results/"
    rss, atom = parse(site / "feed.xml"), parse(site / "atom.xml")
    assert rss.feed.link == BASE and atom.feed.link == BASE
    assert parse(site / "tags/guidance/feed.xml").feed.link == f"{BASE}tags/guidance/"
    for entry in (rss.entries[1], atom.entries[1]):
        assert entry.link == permalink and entry.id == permalink
        assert entry.author == "Acme & Sons, Inc."
        assert [t.term for t in entry.tags] == ["earnings", "guidance"]
        # RSS <description> is HTML, so a reader hands back "&amp;"; Atom <summary> is text.
        # Like the page, and like wire copy, it opens with the dateline.
        assert unescape(entry.summary) == f"{DATELINE} \N{EN DASH} Results & guidance."
    assert f'<guid isPermaLink="true">{permalink}</guid>' in (site / "feed.xml").read_text()
    self_links = {link.rel: link.href for link in rss.feed.links}
    assert self_links["self"] == f"{BASE}feed.xml"


def test_titles_round_trip_through_a_reader(site: Path) -> None:
    for rel in ("feed.xml", "atom.xml"):
        parsed = parse(site / rel)
        assert parsed.feed.title == SITE_TITLE
        assert parsed.entries[1].title == SPECIAL_TITLE
    assert b"<script>" not in (site / "feed.xml").read_bytes()


DATELINE = "CHICAGO, Ill., March 5, 2024 (Business Wire)"


def test_topic_feeds_are_titled_as_the_site_shows_the_topic(site: Path) -> None:
    assert parse(site / "tags/guidance/feed.xml").feed.title == f"{SITE_TITLE}: Guidance"
    assert parse(site / "tags/earnings/feed.xml").feed.title == f"{SITE_TITLE}: Earnings"
    page = lxml.html.parse(site / "tags/guidance/index.html").getroot()
    assert page.findtext(".//h1").strip() == "Guidance"
    assert page.xpath("//link[@type='application/rss+xml']/@title")[-1] == f"{SITE_TITLE}: Guidance (RSS)"


def test_the_dateline_then_the_subtitle_lead_the_content(site: Path) -> None:
    rss = ET.parse(site / "feed.xml").getroot()
    atom = ET.parse(site / "atom.xml").getroot()
    raw = {"feed.xml": rss.find(f"channel/item[2]/{CONTENT}encoded").text,
           "atom.xml": atom.find(f"{ATOM}entry[2]/{ATOM}content").text}
    for rel, html in raw.items():
        content = lxml.html.fragment_fromstring(html, create_parent="div")
        dateline, first = content[0], content[1]
        assert (dateline.tag, dateline.get("class"), dateline.text_content()) == ("p", "dateline", DATELINE), rel
        assert (first.tag, [child.tag for child in first]) == ("p", ["em"]), rel
        assert first.text_content() == SUBTITLE, rel
        assert content[2].text_content().startswith("Acme reported results."), rel
        assert xml_injections((site / rel).read_bytes(), ["pwn", "alert("], rel) == []
        entries = parse(site / rel).entries
        assert SUBTITLE in lxml.html.fragment_fromstring(entries[1].content[0].value,
                                                         create_parent="div").text_content()
        # The summary follows the dateline, and a release without a subtitle gets no empty line.
        assert unescape(entries[1].summary) == f"{DATELINE} \N{EN DASH} Results & guidance."
        assert not any("<em>" in e.content[0].value for e in (entries[0], entries[2]))
        # Without a place or a wire, the dateline is the date, as on the page.
        assert entries[0].content[0].value.startswith('<p class="dateline">July 1, 2024</p>')
        assert unescape(entries[0].summary).startswith("July 1, 2024 \N{EN DASH} ")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)
            if name == "srcset" and value:
                self.urls += [c.split()[0] for c in value.split(",")]


def urls_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.urls


def test_full_content_with_absolute_links(site: Path) -> None:
    permalink = f"{BASE}releases/2024/03/q3-results/"
    expected = [f"{BASE}releases/2024/03/deck.pdf", "https://news.example.com/about/",
                f"{permalink}#notes", "https://www.sec.gov/x", "mailto:ir@acme.example",
                f"{permalink}chart.png", f"{permalink}img/small.png", f"{permalink}img/small.png",
                f"{permalink}img/large.png", f"{BASE}releases/2024/about-acme/"]
    rss = ET.parse(site / "feed.xml").getroot()
    atom = ET.parse(site / "atom.xml").getroot()
    contents = [rss.find(f"channel/item[2]/{CONTENT}encoded").text,
                atom.find(f"{ATOM}entry[2]/{ATOM}content").text]
    for html in contents:
        assert urls_in(html) == expected
        assert "Acme reported results." in html and "<h2>About Acme</h2>" in html
        assert "Acme makes anvils." in html
    reader = parse(site / "feed.xml").entries[1].content[0].value
    assert "Acme makes anvils." in reader and f'href="{BASE}releases/2024/03/deck.pdf"' in reader


def test_rss_has_what_the_rss_2_spec_requires(site: Path) -> None:
    for path in [site / "feed.xml", *sorted((site / "tags").glob("*/feed.xml"))]:
        root = ET.parse(path).getroot()
        assert root.tag == "rss" and root.get("version") == "2.0"
        [channel] = root.findall("channel")
        for name in ("title", "link", "description", "language", "lastBuildDate"):
            assert (channel.findtext(name) or "").strip(), f"{path}: channel/{name}"
        assert channel.findtext("link").startswith(BASE)
        self_link = channel.find(f"{ATOM}link[@rel='self']")
        assert self_link.get("href") == BASE + path.relative_to(site).as_posix()
        assert self_link.get("type") == "application/rss+xml"
        assert parsedate_to_datetime(channel.findtext("lastBuildDate")).tzinfo is not None
        items = channel.findall("item")
        assert items
        for item in items:
            assert item.findtext("title") and item.findtext("description")
            guid = item.find("guid")
            assert guid.get("isPermaLink") == "true" and guid.text == item.findtext("link")
            assert guid.text.startswith(BASE)
            assert parsedate_to_datetime(item.findtext("pubDate")).utcoffset() is not None
            assert item.findtext(f"{CONTENT}encoded") and item.findtext(f"{DC}creator")
            assert item.findall("category")


def test_atom_has_what_rfc_4287_requires(site: Path) -> None:
    root = ET.parse(site / "atom.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.match(root.findtext(f"{ATOM}updated"))
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}atom.xml"
    assert len(root.findall(f"{ATOM}link[@rel='alternate']")) == 1
    entries = root.findall(f"{ATOM}entry")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries) == 3
    for entry in entries:
        for name in ("id", "title", "updated", "published"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert entry.findtext(f"{ATOM}id").startswith(BASE)
        # A link without rel is rel="alternate" (RFC 4287 4.2.7.2); feedgen writes entry links so.
        alternates = [l for l in entry.findall(f"{ATOM}link") if l.get("rel", "alternate") == "alternate"]
        assert [l.get("href") for l in alternates] == [entry.findtext(f"{ATOM}id")]
        assert entry.find(f"{ATOM}content").get("type") == "html"
        assert entry.findtext(f"{ATOM}author/{ATOM}name")


def test_drafts_and_scheduled_releases_are_in_no_feed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    published = build(root)
    assert not (published / "tags/embargo-only").exists()
    for site in (published, build(root, "--drafts", output="preview")):
        for path in feed_files(site):
            text = path.read_text()
            assert DRAFT_WORD not in text and EMBARGO_WORD not in text, path
    assert EMBARGO_WORD in (root / "preview/index.html").read_text()  # the preview does show them


def test_control_characters_are_removed(site: Path) -> None:
    forbidden = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    for path in feed_files(site):
        assert not forbidden.search(path.read_bytes()), path
    entry = parse(site / "feed.xml").entries[2]
    assert entry.title == "Bell and escape title"
    assert "Pastedvertical tab, escape and delete here." in entry.content[0].value
    assert xml_text("a\x00b\x08c\td\ne\x1ff\ufffeg\x85h") == "abc\td\nefgh"


def test_feed_items_limits_every_feed(tmp_path: Path) -> None:
    site = build(make_project(tmp_path / "project", feed_items=1))
    for path in feed_files(site):
        assert len(parse(path).entries) == 1, path
    assert parse(site / "feed.xml").entries[0].title == "Summer Update"
    assert parse(site / "tags/earnings/feed.xml").entries[0].title == SPECIAL_TITLE


def test_two_builds_give_identical_feeds(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    first = build(root, output="one")
    second = build(root, "--now", "2026-06-01T12:00:00+00:00", output="two")  # a later clock
    feeds = lambda site: {k: v for k, v in tree_digest(site).items() if k.endswith(("feed.xml", "atom.xml"))}
    assert feeds(first) == feeds(second) and len(feeds(first)) == 4


def test_empty_site_has_valid_feeds_dated_at_the_epoch(tmp_path: Path) -> None:
    (tmp_path / "newsroom.toml").write_text(CONFIG.replace("{feed_items}", "20"))
    site = build(tmp_path)
    rss, atom = parse(site / "feed.xml"), parse(site / "atom.xml")
    assert rss.entries == [] and atom.entries == []
    assert rss.feed.updated == "Thu, 01 Jan 1970 00:00:00 +0000"
    assert atom.feed.updated == "1970-01-01T00:00:00+00:00"
    assert tree_digest(site) == tree_digest(build(tmp_path, output="again"))


def test_absolute_links_resolves_like_a_browser() -> None:
    base = "https://ex.com/news/releases/2024/01/a/"
    html = absolute_links('Tom &amp; Jerry <a href="../b/">b</a> <img src="/x.png" srcset="y.png 2x">'
                          '<a href="http://[bad">bad</a> tail', base)
    assert html.startswith("Tom &amp; Jerry ") and html.endswith(" tail")
    assert urls_in(html) == ["https://ex.com/news/releases/2024/01/b/", "https://ex.com/x.png",
                             f"{base}y.png", "http://[bad"]
    assert absolute_links("  ", base) == ""


def test_repository_seeds_in_every_feed_newest_first(project: Path) -> None:
    site = build(project, output="site")
    contreras = "https://newsroom.ascentsolar.example/releases/2017/07/ascent-solar-names-miguel-contreras/"
    redeem = "https://newsroom.ascentsolar.example/releases/2017/05/ascent-solar-to-redeem-secured-notes/"
    for rel in ("feed.xml", "atom.xml"):
        parsed = parse(site / rel)
        assert [e.link for e in parsed.entries] == [contreras, redeem]
        assert "National Renewable Energy Laboratory" in parsed.entries[0].content[0].value
        assert parsed.entries[0].published_parsed[:3] == (2017, 7, 11)
    assert [e.link for e in parse(site / "tags/management/feed.xml").entries] == [contreras]
    assert [e.link for e in parse(site / "tags/financing/feed.xml").entries] == [redeem]
    home = (site / "index.html").read_text()
    assert 'type="application/rss+xml"' in home and 'href="https://newsroom.ascentsolar.example/feed.xml"' in home
    assert 'type="application/atom+xml"' in home and ">Subscribe (RSS)</a>" in home
    assert 'href="/tags/financing/feed.xml"' in (site / "tags/financing/index.html").read_text()


class _Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "alternate":
            self.feeds[found.get("type") or ""] = found.get("href") or ""


def test_a_reader_discovers_and_reads_the_feeds_over_http(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    (root / "site").mkdir()
    with serve_folder(root / "site") as url:
        build(root, "--base-url", url)
        page = _Alternates()
        page.feed(urllib.request.urlopen(url, timeout=10).read().decode())
        assert set(page.feeds) == {"application/rss+xml", "application/atom+xml"}
        for feed_url in page.feeds.values():
            parsed = feedparser.parse(feed_url)
            assert parsed.bozo == 0 and parsed.status == 200 and len(parsed.entries) == 3
            for entry in parsed.entries:
                with urllib.request.urlopen(entry.link, timeout=10) as response:
                    assert response.status == 200
                    assert entry.title.split(" ")[0] in response.read().decode().replace("&lt;", "<")

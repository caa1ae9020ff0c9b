"""What machines read from the built pages: title, description, canonical, Open Graph, Twitter
card and the JSON-LD NewsArticle, in both bundled themes."""

from __future__ import annotations

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_HOSTILE_SUBTITLE, SAMPLE_SUBTITLE, THEMES

BASE = "https://newsroom.ascentsolar.example/"
CONTRERAS = "releases/2017/07/ascent-solar-names-miguel-contreras/"
AUSTIN = "releases/2016/11/ascent-solar-ships-flexible-modules-to-an-austin-utility/"
HOSTILE = "releases/2018/02/ascent-solar-reports-q4-full-year-record-results-script-script-alert-1-script/"
HOSTILE_TITLE = 'Ascent Solar Reports Q4 & Full-Year "Record" Results </script><script>alert(1)</script>'


class HeadReader(HTMLParser):
    """Collects what a crawler reads: title, meta, links and the text of every script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.scripts: list[tuple[str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link" and a.get("rel") in ("canonical", "icon", "stylesheet"):
            self.links.setdefault(a["rel"], a["href"])
        elif tag in ("title", "script"):
            self._in = tag
            if tag == "script":
                self.scripts.append((a.get("type", ""), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def read(site: Path, url: str) -> HeadReader:
    reader = HeadReader()
    reader.feed((site / (url if url.endswith(".html") else url + "index.html")).read_text(encoding="utf-8"))
    return reader


def json_ld(reader: HeadReader) -> dict:
    blocks = [text for kind, text in reader.scripts if kind == "application/ld+json"]
    assert len(blocks) == 1, reader.scripts
    return json.loads(blocks[0])


@pytest.mark.parametrize("theme", THEMES)
def test_release_news_article(theme_sites: dict[str, Path], theme: str) -> None:
    article = json_ld(read(theme_sites[theme], CONTRERAS))
    assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
    assert article["headline"] == "Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering"
    assert datetime.fromisoformat(article["datePublished"]) == datetime.fromisoformat("2017-07-11T00:00:00-06:00")
    assert article["dateModified"] == article["datePublished"]
    assert article["dateline"] == "THORNTON, Colo., July 11, 2017"
    assert article["url"] == article["mainEntityOfPage"] == BASE + CONTRERAS
    assert article["publisher"] == {"@type": "Corporation", "name": "Ascent Solar Technologies, Inc.",
                                    "tickerSymbol": "OTCQB ASTI", "url": "https://www.ascentsolar.com"}
    assert article["keywords"] == ["management"]
    assert "alternativeHeadline" not in article  # no subtitle, no empty field


@pytest.mark.parametrize("theme", THEMES)
def test_subtitle_is_the_alternative_headline(theme_sites: dict[str, Path], theme: str) -> None:
    assert json_ld(read(theme_sites[theme], AUSTIN))["alternativeHeadline"] == SAMPLE_SUBTITLE


def test_updated_release_is_modified_later(theme_sites: dict[str, Path]) -> None:
    page = read(theme_sites["default"], AUSTIN)
    article = json_ld(page)
    assert datetime.fromisoformat(article["dateModified"]) == datetime.fromisoformat("2016-11-03T09:15:00-05:00")
    assert datetime.fromisoformat(article["datePublished"]) < datetime.fromisoformat(article["dateModified"])
    assert article["dateline"] == "AUSTIN, Texas, November 2, 2016"
    assert page.meta["article:modified_time"] == "2016-11-03T09:15:00-05:00"


@pytest.mark.parametrize("theme", THEMES)
def test_hostile_title_cannot_break_out_of_json_ld(theme_sites: dict[str, Path], theme: str) -> None:
    html = (theme_sites[theme] / HOSTILE / "index.html").read_text()
    assert "<script>alert(1)" not in html
    page = read(theme_sites[theme], HOSTILE)
    # The JSON-LD, and the theme's own toolbar script by its src: nothing from the data.
    assert [kind for kind, _ in page.scripts] == ["application/ld+json", ""]
    share = next(theme_sites[theme].glob("assets/share.*.js")).relative_to(theme_sites[theme]).as_posix()
    assert re.findall(r"<script[^>]*>", html)[1:] == [f'<script defer src="/{share}">']
    assert json_ld(page)["headline"] == HOSTILE_TITLE
    assert json_ld(page)["alternativeHeadline"] == SAMPLE_HOSTILE_SUBTITLE
    assert "<script>alert(4)" not in html and 'id="pwn"' not in html
    assert page.meta["og:title"] == HOSTILE_TITLE
    assert page.title == f"{HOSTILE_TITLE} · Ascent Solar Newsroom"


@pytest.mark.parametrize("theme", THEMES)
def test_release_head(theme_sites: dict[str, Path], theme: str) -> None:
    page = read(theme_sites[theme], CONTRERAS)
    title = "Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering"
    assert page.title == f"{title} · Ascent Solar Newsroom"
    assert page.meta["description"].startswith("Ascent Solar Technologies, Inc. announced")
    assert "Dr. Miguel Contreras has joined" in page.meta["description"]
    assert page.links["canonical"] == BASE + CONTRERAS
    assert page.meta["og:type"] == "article"
    assert page.meta["og:title"] == page.meta["twitter:title"] == title
    assert page.meta["og:description"] == page.meta["twitter:description"] == page.meta["description"]
    assert page.meta["og:url"] == BASE + CONTRERAS
    assert page.meta["og:site_name"] == "Ascent Solar Newsroom"
    assert page.meta["twitter:card"] == "summary_large_image"  # it has a picture: see test_media.py
    assert page.meta["og:image"].startswith(BASE + CONTRERAS + "thin-film-module.")
    assert page.meta["og:image:alt"].startswith("Drawing of a flexible thin-film solar module")
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("800", "450")
    assert json_ld(page)["image"] == page.meta["og:image"]
    other = read(theme_sites[theme], AUSTIN)
    assert other.meta["twitter:card"] == "summary" and "og:image" not in other.meta  # no logo configured
    assert page.meta["article:published_time"] == "2017-07-11T00:00:00-06:00"
    assert page.meta["article:tag"] == "management"


@pytest.mark.parametrize("url, title, description", [
    ("", "Ascent Solar Newsroom", "Press releases from Ascent Solar Technologies, Inc."),
    ("page/2/", "Ascent Solar Newsroom (page 2)", "Press releases from Ascent Solar Technologies, Inc."),
    ("tags/management/", "Topic: Management · Ascent Solar Newsroom",
     "Ascent Solar Technologies, Inc. press releases about management."),
    ("2017/", "2017 releases · Ascent Solar Newsroom",
     "Press releases from Ascent Solar Technologies, Inc. published in 2017."),
    ("archive/", "Archive · Ascent Solar Newsroom",
     "Every press release from Ascent Solar Technologies, Inc., by year and by topic."),
])
def test_list_pages_head(theme_sites: dict[str, Path], url: str, title: str, description: str) -> None:
    page = read(theme_sites["default"], url)
    assert page.title == title and page.meta["description"] == description
    assert page.links["canonical"] == page.meta["og:url"] == BASE + url
    assert page.meta["og:type"] == "website"
    assert not any(kind == "application/ld+json" for kind, _ in page.scripts)


def test_404_is_not_indexed(theme_sites: dict[str, Path]) -> None:
    page = read(theme_sites["default"], "404.html")
    assert page.meta["robots"] == "noindex" and "canonical" not in page.links
    assert page.links["stylesheet"].startswith("/assets/")


@pytest.mark.parametrize("theme", THEMES)
def test_favicon_and_stylesheet_are_hashed_files_that_exist(theme_sites: dict[str, Path], theme: str) -> None:
    page = read(theme_sites[theme], "")
    for rel in ("icon", "stylesheet"):
        href = page.links[rel]
        assert href.startswith("/assets/") and (theme_sites[theme] / href.lstrip("/")).is_file(), href
    assert page.links["icon"].endswith(".svg")

"""sitemap.xml lists every published page, absolute and with lastmod, and nothing else;
robots.txt names it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from newsroom.stages.config import SiteConfig, default_config
from newsroom.stages.content import load_releases
from newsroom.stages.markup import Renderer
from newsroom.stages.site import plan_site
from newsroom.stages.sitemap import render_robots, render_sitemap
from tests.conftest import THEMES, write_release

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://newsroom.ascentsolar.example/"
UTC = ZoneInfo("UTC")


def entries(data: bytes) -> dict[str, datetime]:
    """loc → lastmod, parsed as a search engine would; every entry must have both."""
    root = ET.fromstring(data)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    found = {}
    for url in root.findall("s:url", NS):
        loc, lastmod = url.findtext("s:loc", namespaces=NS), url.findtext("s:lastmod", namespaces=NS)
        assert loc and lastmod, ET.tostring(url)
        assert loc not in found, f"{loc} listed twice"
        found[loc] = datetime.fromisoformat(lastmod)
    return found


def published_pages(site: Path) -> set[str]:
    """Every HTML page a built site serves, as an absolute URL, except the 404 page."""
    urls = set()
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel != "404.html":
            urls.add(BASE + rel.removesuffix("index.html"))
    return urls


def test_built_sitemap_lists_every_published_page_and_nothing_else(theme_sites: dict[str, Path]) -> None:
    for theme in THEMES:
        site = theme_sites[theme]
        listed = entries((site / "sitemap.xml").read_bytes())
        assert set(listed) == published_pages(site), theme
        assert len(listed) >= 15
        text = (site / "sitemap.xml").read_text()
        assert "404" not in text and "draft" not in text.lower() and "embargoed" not in text.lower()


def test_lastmod_is_when_a_page_last_changed(theme_sites: dict[str, Path]) -> None:
    listed = entries((theme_sites["default"] / "sitemap.xml").read_bytes())
    austin = BASE + "releases/2016/11/ascent-solar-ships-flexible-modules-to-an-austin-utility/"
    assert listed[austin] == datetime.fromisoformat("2016-11-03T09:15:00-05:00")  # its update
    assert listed[BASE + "releases/2017/05/ascent-solar-to-redeem-secured-notes/"] == \
        datetime.fromisoformat("2017-05-10T00:00:00-06:00")
    assert listed[BASE + "2016/"] == listed[austin]
    newest = datetime.fromisoformat("2018-02-14T16:05:00-07:00")
    assert listed[BASE] == listed[BASE + "archive/"] == listed[BASE + "tags/"] == newest
    assert listed[BASE + "tags/management/"] == datetime.fromisoformat("2017-07-11T00:00:00-06:00")


def test_robots_names_the_sitemap(theme_sites: dict[str, Path]) -> None:
    robots = (theme_sites["default"] / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


def plan(tmp_path: Path, drafts: bool):
    write_release(tmp_path, "a.md", "title: Published\ndate: 2020-01-01")
    write_release(tmp_path, "b.md", "title: A Draft\ndate: 2020-01-02\ndraft: true")
    write_release(tmp_path, "c.md", "title: Scheduled\ndate: 2031-01-01")
    config = replace(default_config(tmp_path), site=SiteConfig(base_url="https://ir.example.com/news/"))
    releases = load_releases(tmp_path / "content", UTC)
    return plan_site(config, releases, Renderer(), datetime(2030, 1, 1, tzinfo=UTC), drafts=drafts)


def test_drafts_and_scheduled_releases_stay_out_even_in_a_preview(tmp_path: Path) -> None:
    for drafts in (False, True):
        listed = entries(render_sitemap(plan(tmp_path, drafts)))
        releases = {loc for loc in listed if "/releases/" in loc}
        assert releases == {"https://ir.example.com/news/releases/2020/01/published/"}, drafts
        assert all(loc.startswith("https://ir.example.com/news/") for loc in listed)


def test_robots_for_a_site_under_a_path(tmp_path: Path) -> None:
    robots = render_robots(plan(tmp_path, False)).decode()
    assert robots.endswith("Sitemap: https://ir.example.com/news/sitemap.xml\n")


def test_empty_site_has_a_valid_sitemap(tmp_path: Path) -> None:
    site = plan_site(default_config(tmp_path), (), Renderer(), datetime(2030, 1, 1, tzinfo=UTC))
    root = ET.fromstring(render_sitemap(site))
    locs = [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]
    assert "http://localhost:8000/" in locs and not any("404" in loc for loc in locs)

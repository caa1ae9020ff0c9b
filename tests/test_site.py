from __future__ import annotations

from datetime import datetime
from pathlib import Path

from newsroom.stages.config import SiteConfig, default_config
from newsroom.stages.content import load_releases
from newsroom.stages.markup import Renderer
from newsroom.stages.site import page_links, plan_site
from tests.conftest import write_release

from dataclasses import replace
from zoneinfo import ZoneInfo

UTC = ZoneInfo("UTC")


def make(tmp_path: Path, count: int, per_page: int = 2):
    for n in range(count):
        tags = "[earnings]" if n % 2 else "[earnings, management]"
        write_release(tmp_path, f"r{n}.md", f"title: Release {n}\ndate: {2015 + n % 3}-01-{n + 1:02d}\ntags: {tags}")
    config = replace(default_config(tmp_path), site=SiteConfig(per_page=per_page))
    return config, load_releases(tmp_path / "content", UTC)


def test_pagination_newest_first(tmp_path: Path) -> None:
    config, releases = make(tmp_path, 5)
    site = plan_site(config, releases, Renderer(), datetime(2030, 1, 1, tzinfo=UTC))
    index = [p for p in site.pages if p.kind == "index"]
    assert [p.url for p in index] == ["", "page/2/", "page/3/"]
    first = index[0].context
    assert [r.title for r in first["releases"]] == ["Release 2", "Release 4"]
    assert first["pagination"].next_url == "page/2/" and first["pagination"].prev_url is None
    assert index[2].context["pagination"].prev_url == "page/2/"


def test_pagination_links_a_window_not_every_page() -> None:
    urls = tuple("" if n == 1 else f"page/{n}/" for n in range(1, 101))
    assert page_links(1, urls) == ((1, ""), (2, "page/2/"), (3, "page/3/"), None, (100, "page/100/"))
    assert page_links(50, urls) == ((1, ""), None, (48, "page/48/"), (49, "page/49/"), (50, "page/50/"),
                                    (51, "page/51/"), (52, "page/52/"), None, (100, "page/100/"))
    assert page_links(4, urls)[:5] == ((1, ""), (2, "page/2/"), (3, "page/3/"), (4, "page/4/"), (5, "page/5/"))
    assert page_links(1, urls[:1]) == ((1, ""),)
    assert page_links(2, urls[:3]) == ((1, ""), (2, "page/2/"), (3, "page/3/"))


def test_tags_years_neighbours(tmp_path: Path) -> None:
    config, releases = make(tmp_path, 5)
    site = plan_site(config, releases, Renderer(), datetime(2030, 1, 1, tzinfo=UTC))
    urls = {p.url for p in site.pages}
    assert {"tags/earnings/", "tags/earnings/page/2/", "tags/management/", "2015/", "2016/", "2017/",
            "archive/", "404.html"} <= urls
    release_pages = [p for p in site.pages if p.kind == "release"]
    assert release_pages[0].context["newer"] is None
    topics = next(p for p in site.pages if p.url == "tags/")
    assert topics.template == "tags.html"
    assert [(t.name, n) for t, n in topics.context["tags"]] == [("earnings", 5), ("management", 3)]
    assert release_pages[0].context["older"].title == release_pages[1].title


def test_drafts_and_scheduled_are_not_planned(tmp_path: Path) -> None:
    write_release(tmp_path, "a.md", "title: Old\ndate: 2017-01-01")
    write_release(tmp_path, "b.md", "title: Draft\ndate: 2017-01-02\ndraft: true\ntags: [secret]")
    write_release(tmp_path, "c.md", "title: Future\ndate: 2030-01-02\ntags: [secret]")
    config = default_config(tmp_path)
    releases = load_releases(tmp_path / "content", UTC)
    now = datetime(2020, 1, 1, tzinfo=UTC)
    site = plan_site(config, releases, Renderer(), now)
    assert [r.title for r in site.releases] == ["Old"]
    assert all(p.url != "tags/secret/" and "2030" not in p.url for p in site.pages)
    assert [r.title for r in site.scheduled] == ["Future"]
    assert site.next_scheduled == datetime(2030, 1, 2, tzinfo=UTC)
    preview = plan_site(config, releases, Renderer(), now, drafts=True)
    assert {r.title for r in preview.releases} == {"Old", "Draft", "Future"}

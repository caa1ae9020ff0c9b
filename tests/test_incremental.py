"""An edit that moves no page, swapped into the last plan, gives the pages plan_site gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsroom.build import BuildOptions, Builder, render_documents
from newsroom.cache.documents import DocumentCache
from newsroom.cache.replan import SiteIndex, same_place
from newsroom.stages.site import Page, plan_site
from tests.conftest import write_release

NOW = "2026-01-01T00:00:00+00:00"


def shape(page: Page) -> tuple[object, ...]:
    return (page.url, page.template, page.kind, page.title, page.context)


@pytest.fixture
def builder(project: Path) -> Builder:
    config = project / "newsroom.toml"
    config.write_text(config.read_text().replace("feed_items = 20", "feed_items = 3"))
    for n in range(12):
        write_release(project, f"2016/gen-{n}.md", f"title: Generated {n}\ndate: 2016-03-{n + 1:02d}\n"
                      f"tags: [{['earnings', 'product'][n % 2]}]", f"Lede number {n}.\n\nMore {n}.\n")
    return Builder(BuildOptions(root=project, now=NOW, drafts=True))


@pytest.mark.parametrize("change", [
    {"body": "A new lede.\n"}, {"title": "Retitled"}, {"summary": "Short."}, {"company": "Other Inc."},
    {"updated": datetime(2017, 1, 1, tzinfo=timezone.utc)}])
def test_a_swapped_release_gives_the_pages_of_a_full_plan(builder: Builder, change: dict[str, object]) -> None:
    site, _, _ = builder.plan()
    releases = builder.memory.inputs._releases
    old = next(r for _, r in releases.values() if r.title == "Generated 5")
    new = replace(old, **change)
    assert same_place(old, new)
    index = SiteIndex.of(site)
    old_view = next(v for v in site.releases if v.title == old.title)
    new_view = builder.memory.view(new, builder.memory.renderer, site.now)
    changed = index.swap(old, new, old_view, new_view)
    others = tuple(new if r is old else r for r in sorted((r for _, r in releases.values()),
                                                           key=lambda r: (r.date, r.slug), reverse=True))
    expected = plan_site(site.config, others, builder.memory.renderer, site.now, drafts=True, view=builder.memory.view,
                         events=builder.memory.events)
    assert [shape(p) for p in index.site.pages] == [shape(p) for p in expected.pages]
    assert index.site.releases == expected.releases
    assert changed[0].url == new_view.url  # its own page first
    assert {p.url for p in changed} >= {new_view.url, "2016/", "tags/product/"}
    assert all(p.url not in {"2017/", "tags/"} for p in changed)


def test_what_moves_a_page_is_not_the_same_place(builder: Builder) -> None:
    builder.plan()
    old = next(r for _, r in builder.memory.inputs._releases.values() if r.title == "Generated 5")
    assert not same_place(old, replace(old, slug="other"))
    assert not same_place(old, replace(old, tags=("earnings",)))
    assert not same_place(old, replace(old, draft=True))
    assert not same_place(old, replace(old, date=old.date + timedelta(hours=1)))
    assert not same_place(old, replace(old, date=old.date.astimezone(timezone(timedelta(hours=9)))))  # same instant
    assert not same_place(old, replace(old, path=Path("elsewhere.md")))


def test_feeds_and_sitemap_are_made_again_only_when_what_they_show_changed(builder: Builder) -> None:
    site, _, _ = builder.plan()
    made = DocumentCache()
    first = made.render(site)
    assert first == render_documents(site)
    index = SiteIndex.of(site)
    for title, change, remade in [
            ("Generated 0", {"body": "Deep in the archive.\n"}, set()),
            ("Generated 11", {"body": "In the product feed.\n"}, {"feed.xml", "atom.xml", "tags/product/feed.xml"}),
            ("Generated 10", {"updated": datetime(2020, 1, 1, tzinfo=timezone.utc)}, {"sitemap.xml"})]:
        old = next(r for _, r in builder.memory.inputs._releases.values() if r.title == title)
        new = replace(old, **change)
        view = next(v for v in index.site.releases if v.title == title)
        index.swap(old, new, view, builder.memory.view(new, builder.memory.renderer, site.now))
        before, after = first, made.render(index.site)
        assert after == render_documents(index.site)
        again = {path for path in after if after[path] is not before.get(path)}
        assert remade <= again and not {"feed.xml", "sitemap.xml"} & (again - remade), title
        first = after


def test_a_release_falling_due_needs_a_full_plan(builder: Builder, project: Path) -> None:
    write_release(project, "2026/later.md", "title: Later\ndate: 2026-06-01", "Embargoed.\n")
    edited = write_release(project, "2016/gen-3.md", "title: Generated 3\ndate: 2016-03-04\ntags: [product]",
                           "Lede number 3.\n\nMore 3.\n")
    builder.options = replace(builder.options, drafts=False)
    builder.render()
    edited.write_text(edited.read_text().replace("More 3.", "More three."))
    assert builder.replan([edited]) is not None
    builder.options = replace(builder.options, now="2026-06-02T00:00:00+00:00")  # the clock moved on
    edited.write_text(edited.read_text().replace("More three.", "More, three."))
    assert builder.replan([edited]) is None

"""Feeds, sitemap and search index remade only when what they show changed."""

from __future__ import annotations

from typing import Any, Callable

from newsroom.stages.feeds import atom_feed, rss_feed, site_feed, tag_feed
from newsroom.stages.search import IndexCache, render_search
from newsroom.stages.site import ReleaseView, Site
from newsroom.stages.sitemap import render_robots, render_sitemap, sitemap_entries


class DocumentCache:
    """Feeds and sitemap by what they show: a save deep in the archive is in no feed and moves
    no sitemap entry, so their bytes are reused. The search index has its own IndexCache."""

    def __init__(self) -> None:
        self.index = IndexCache()
        self._made: dict[str, tuple[Any, bytes]] = {}

    def render(self, site: Site) -> dict[str, bytes]:
        """What build.render_documents makes of `site`, byte for byte."""
        config, made = site.config, self._made
        self._made = {}

        def once(path: str, inputs: Any, make: Callable[[], bytes]) -> bytes:
            cached = made.get(path)
            if cached is None or cached[0] != inputs:
                cached = (inputs, make())
            self._made[path] = cached
            return cached[1]

        entries = tuple((loc, lastmod and lastmod.isoformat()) for loc, lastmod in sitemap_entries(site))
        files = {"robots.txt": render_robots(site),
                 "sitemap.xml": once("sitemap.xml", entries, lambda: render_sitemap(site))}
        main = site_feed(site)
        files["feed.xml"] = once("feed.xml", (config, main, _spelled(main.releases)),
                                 lambda: rss_feed(site, main, "feed.xml"))
        files["atom.xml"] = once("atom.xml", (config, main, _spelled(main.releases)),
                                 lambda: atom_feed(site, main, "atom.xml"))
        for tag in site.tags:
            path, spec = f"{tag.url}feed.xml", tag_feed(site, tag)
            files[path] = once(path, (config, spec, _spelled(spec.releases)),
                               lambda path=path, spec=spec: rss_feed(site, spec, path))  # type: ignore[misc]
        return {**files, **render_search(site, self.index)}


def _spelled(releases: tuple[ReleaseView, ...]) -> tuple[str, ...]:
    """Dates as written: views compare dates by instant, a feed shows their offset."""
    return tuple(repr((release.date, release.updated)) for release in releases)

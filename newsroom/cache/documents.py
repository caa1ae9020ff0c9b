"""Feeds, sitemap and search shards made again only when what they show changed.

A render is split in three so that the costly middle can run in a process of its own while
the pages are rendered: `plan` (what is stale, here), `DocumentWork.make` (the bytes,
anywhere), `take` (remember them, here).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Collection

from newsroom.stages.calendar import calendar_files, render_calendar
from newsroom.stages.feeds import feeds
from newsroom.stages.output import Kept, Source
from newsroom.stages.search import MANIFEST_PATH, Period, Shard, build_shards, by_period, manifest_files, searched
from newsroom.stages.site import ReleaseView, Site
from newsroom.stages.sitemap import render_robots, render_sitemap, sitemap_entries

Made = dict[str, dict[str, bytes]]  # what each stale document made: its file and any twin


@dataclass(frozen=True)
class ShardKept:
    """What a later build needs to know of a shard it does not rebuild: its entry in the
    manifest and its terms (its files stay in the output folder)."""

    period: Period
    releases: int
    index_name: str
    docs_name: str
    text_name: str
    terms: tuple[str, ...]

    def shard(self, intact: Callable[[str], bool]) -> Shard | None:
        """The shard as kept files, when every one of them is intact in the output folder."""
        files = {f"search/{name}{gz}": Kept(f"search/{name}{gz}")
                 for name in (self.index_name, self.docs_name, self.text_name) for gz in ("", ".gz")}
        if not all(map(intact, files)):
            return None
        return Shard(self.period, self.releases, self.index_name, self.docs_name, self.text_name, files, self.terms)  # type: ignore[arg-type]


@dataclass(frozen=True)
class DocumentWork:
    """The documents a render must make: feeds and sitemap by path (with what they show), and
    the search shards whose releases changed."""

    inputs: dict[str, Any]
    makers: dict[str, Callable[[], dict[str, bytes]]]
    periods: dict[Period, tuple[ReleaseView, ...]]
    stale: dict[Period, tuple[ReleaseView, ...]]

    def make(self, jobs: int = 1, spool: Path | None = None) -> tuple[Made, list[Shard]]:
        """The bytes of every stale document, shards across `jobs` processes (their files
        written into `spool` when there is one: see search.build_shards)."""
        return {path: make() for path, make in self.makers.items()}, build_shards(self.stale, jobs, spool)


class DocumentCache:
    """Feeds, sitemap and search shards by what they show: a save deep in the archive is in no
    feed and moves no sitemap entry, so their bytes are reused; a search shard is rebuilt only
    when its releases changed (an edit rebuilds one; a template, stylesheet or config save none)."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[Any, dict[str, Source]]] = {}
        self._shards: dict[Period, tuple[tuple[ReleaseView, ...], Shard]] = {}
        self.made = 0  # files the last render made rather than reused

    def render(self, site: Site, jobs: int = 1) -> dict[str, Source]:
        """What build.render_documents makes of `site`, byte for byte."""
        work = self.plan(site)
        return self.take(work, *work.make(jobs))

    def plan(self, site: Site, same_sitemap: bool = False) -> DocumentWork:
        """What `site` needs made. `same_sitemap`: the caller knows no page moved and no date
        changed (an edit swapped in, cache/replan.py), so the sitemap's ten thousand entries need
        no second look."""
        kept = self._made.get("sitemap.xml") if same_sitemap else None
        inputs, makers = document_inputs(site, kept[0] if kept is not None else None), {}
        for path, (key, make) in inputs.items():
            cached = self._made.get(path)
            if cached is None or cached[0] != key:
                makers[path] = make
        periods = by_period(searched(site))
        stale = {period: views for period, views in periods.items()
                 if period not in self._shards or self._shards[period][0] != views}
        return DocumentWork({path: key for path, (key, _) in inputs.items()}, makers, periods, stale)

    def take(self, work: DocumentWork, made: Made, built: list[Shard]) -> dict[str, Source]:
        """Remember what `work` made, and return every document file."""
        manifest = self._made.get(MANIFEST_PATH)
        self._made = {path: (key, made[path]) if path in made else self._made[path]  # type: ignore[misc]
                      for path, key in work.inputs.items()}
        for shard in built:
            self._shards[shard.period] = (work.stale[shard.period], shard)
        self._shards = {period: self._shards[period] for period in work.periods}
        shards = [shard for _, shard in self._shards.values()]
        names = tuple(shard.index_name for shard in shards)
        self.made = sum(map(len, made.values())) + 6 * len(built)
        if manifest is None or manifest[0] != names:
            manifest = (names, manifest_files(shards))  # type: ignore[assignment]
            self.made += 2
        self._made[MANIFEST_PATH] = manifest
        files: dict[str, Source] = {}
        for _, entry in self._made.values():
            files.update(entry)
        for shard in shards:
            files.update(shard.files)
        return files

    def seed(self, site: Site, made: dict[str, Any], shards: Collection[ShardKept], intact: Callable[[str], bool]) -> None:
        """What the last build made of `site` (each document's inputs as `made` has them; its
        shards), kept in the output folder: each file is reused while what it shows stays the
        same (and the file is intact)."""
        self._made = {path: (key, {rel: Kept(rel) for rel in files(path)})
                      for path, key in made.items() if all(map(intact, files(path)))}
        periods = by_period(searched(site))
        kept = {entry.period: entry.shard(intact) for entry in shards}
        self._shards = {period: (periods[period], shard) for period, shard in kept.items()
                        if shard is not None and period in periods and shard.releases == len(periods[period])}

    def inputs(self) -> dict[str, Any]:
        """What each document of the last render was made from, for a later build to compare."""
        return {path: key for path, (key, _) in self._made.items()}

    def kept(self) -> list[ShardKept]:
        """The shards of the last render, for a later build to reuse."""
        return [ShardKept(shard.period, shard.releases, shard.index_name, shard.docs_name, shard.text_name, shard.terms)
                for _, shard in self._shards.values()]


def files(path: str) -> tuple[str, ...]:
    """The files a document makes: the search manifest has a .gz twin."""
    return (path, path + ".gz") if path == MANIFEST_PATH else (path,)


def document_inputs(site: Site, sitemap: str | None = None) -> dict[str, tuple[str, Callable[[], dict[str, bytes]]]]:
    """Each feed, calendar and the sitemap by path: a digest of what its bytes depend on, and how to
    make them (the sitemap's digest is `sitemap` when the caller knows it). Digests, not the
    values: a later build compares them without the last plan."""
    config = site.config
    if sitemap is None:
        sitemap = digest(tuple((loc, lastmod and lastmod.isoformat()) for loc, lastmod in sitemap_entries(site)))
    found: dict[str, tuple[str, Callable[[], dict[str, bytes]]]] = {
        "robots.txt": (digest(config.site.base_url), lambda: {"robots.txt": render_robots(site)}),
        "sitemap.xml": (sitemap, lambda: {"sitemap.xml": render_sitemap(site)})}
    for path, (spec, make) in feeds(site).items():
        found[path] = (digest((config, spec)), lambda path=path, make=make: {path: make()})  # type: ignore[misc]
    for path, (events, name) in calendar_files(site).items():
        found[path] = (digest((config.site.base_url, name, events)),
                       lambda path=path, events=events, name=name: {path: render_calendar(site, events, name)})  # type: ignore[misc]
    return found


def digest(value: Any) -> str:
    """A digest of a value's repr: dataclasses of plain data, whose repr shows every field that
    counts (a view's body by its key, each date with its offset)."""
    return hashlib.sha256(repr(value).encode()).hexdigest()

"""One build, start to finish.

    config ─▶ releases ─▶ theme ─▶ Markdown ─▶ site plan ─▶ pages + assets + documents ─▶ output

`build` runs it once for the command line; a `Builder` keeps what one run read and made, so
watch mode runs it again at the cost of what changed (`replan` for an edit that moves no page).
The stages it calls are in newsroom/stages/, what it remembers in newsroom/cache/.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

from newsroom.cache.inputs import Inputs
from newsroom.cache.pages import PageCache
from newsroom.cache.record import BuildCache
from newsroom.cache.replan import SiteIndex, same_place
from newsroom.project import (
    BUNDLED_THEMES,
    CONFIG_NAME,
    BuildOptions,
    BuildResult,
    parse_now,
)
from newsroom.stages.config import Config
from newsroom.stages.content import Release
from newsroom.stages.feeds import render_feeds
from newsroom.stages.markup import RenderedBody, Renderer, body_key
from newsroom.stages.output import Source, make_spool, remove_dead_spools, remove_spool, write_site
from newsroom.stages.render import common_context
from newsroom.stages.search import IndexCache, render_search, search_assets
from newsroom.stages.site import (
    Page,
    ReleaseView,
    Site,
    plan_site,
    release_view,
    visible_releases,
)
from newsroom.stages.sitemap import render_robots, render_sitemap
from newsroom.stages.theme import Theme, asset_names, load_theme, static_files
from newsroom.util.parallel import beside
from newsroom.util.progress import Report, ticker

__all__ = ["BUNDLED_THEMES", "CONFIG_NAME", "BuildOptions", "BuildResult", "build", "parse_now"]  # re-exported


def find_theme(config: Config, options: BuildOptions) -> Theme:
    """The project's themes/ first, then the themes that ship with Newsroom."""
    return load_theme((options.root / "themes", BUNDLED_THEMES), config.site.theme)


def prepare(options: BuildOptions, renderer: Renderer | None = None) -> tuple[Site, Theme, tuple[str, ...]]:
    """Everything up to, but not including, rendering: shared by build and check."""
    builder = Builder(options)
    if renderer is not None:
        builder.renderer = renderer
    return builder.plan()


def static_sources(theme: Theme, root: Path) -> dict[str, Path]:
    """Files copied under assets/: the theme's static files and lunr.js from node_modules."""
    return {**static_files(theme), **search_assets(root)}


def render_pages(site: Site, theme: Theme, assets: dict[str, str],
                 cache: PageCache | None = None) -> dict[str, Source]:
    """Every HTML page of the site; a cache (watch mode) skips pages whose inputs did not change."""
    cache = cache or PageCache()
    env = cache.environment(site.config, theme, assets)
    common = cache.same_as_before(common_context(site))
    pages = dict(zip((page.output_path for page in site.pages), cache.render_all(env, site.pages, common)))
    cache.keep(page.url for page in site.pages)
    return pages


def render_assets(sources: dict[str, Path], names: dict[str, str]) -> dict[str, Source]:
    """Static files under their content-hashed names, for cache busting."""
    return {f"assets/{names[rel]}": source for rel, source in sources.items()}


def render_documents(site: Site, index: IndexCache | None = None, jobs: int = 1) -> dict[str, Source]:
    """Machine-read files derived from the whole site (robots.txt; feeds, search index, sitemap)."""
    return {"robots.txt": render_robots(site), "sitemap.xml": render_sitemap(site),
            **render_feeds(site), **render_search(site, index, jobs)}


def render_shown(site: Site, theme: Theme, cache: PageCache | None = None) -> dict[str, Source]:
    """What a browser shows: the pages and the static files they use."""
    sources = static_sources(theme, site.config.root)
    names = asset_names(sources)
    return {**render_pages(site, theme, names, cache), **render_assets(sources, names)}


def render_site(site: Site, theme: Theme, cache: PageCache | None = None, jobs: int = 1) -> dict[str, Source]:
    """Every output file, by path relative to the output folder. With jobs > 1 the feeds and the
    search index are made in a process of their own (the index's year shards across `jobs` more) while
    `jobs` processes render the pages: more processes than cores keep every core busy whichever part
    takes longer."""
    if jobs > 1:
        cache = cache or PageCache()
        cache.jobs = jobs
        documents, shown = beside(lambda: render_documents(site, jobs=jobs), lambda: render_shown(site, theme, cache))
        return {**shown, **documents}
    return {**render_shown(site, theme, cache), **render_documents(site)}


def build(options: BuildOptions, write: bool = True, stored: BuildCache | None = None,
          progress: Report | None = None) -> BuildResult:
    """Build the site; with write=False check everything and touch nothing. `stored` is the
    persistent cache when the caller has opened it already (the CLI asks it first); `progress`
    hears how far each phase is."""
    started = time.perf_counter()
    if stored is None and write and options.cache_dir:
        stored = BuildCache(options)
    if stored is not None and (unchanged := stored.unchanged_result(started)):
        return unchanged
    builder = Builder(options)
    builder.progress = progress
    spool = None
    if write:
        remove_dead_spools(options.output)
        spool = builder.pages.spool = make_spool(options.output)
    if stored is not None:
        builder.renderer.remember(stored.bodies.load(RenderedBody))
        builder.inputs.known_releases.update(stored.releases.load(Release))
    try:
        rendered = builder.render()
        if progress is not None:
            progress("writing the site", 0, len(rendered.files))
        commit = lambda: write_site(options.output, rendered.files, options.drafts, options.jobs,  # noqa: E731
                                    laid_out=spool if write else None)
        if stored is None:
            stats = commit() if write else None
        else:
            cache = stored  # the cache is pickled by another process while the site is written
            save = lambda: cache.save_values(builder.renderer.cached(map(body_key, builder.shown_bodies)),  # noqa: E731
                                             builder.inputs.release_keys)
            _, stats = beside(save, commit) if options.jobs > 1 else (save(), commit())
    finally:
        if spool is not None:
            remove_spool(spool)
    site = rendered.site
    if stored is not None:
        stored.save_record(site, len(rendered.files), rendered.notes)
    return BuildResult(site=site, files=len(rendered.files), stats=stats,
                       seconds=time.perf_counter() - started, notes=rendered.notes,
                       releases=len(site.releases), scheduled=len(site.scheduled),
                       next_scheduled=site.next_scheduled)


@dataclass(frozen=True)
class Rendered:
    """One build's result before anything is written."""

    site: Site
    files: dict[str, Source]
    notes: tuple[str, ...]


class Builder:
    """The pipeline, run again and again: every render equals a fresh full build, and costs
    what changed since the last one (inputs read again by signature, pages by their inputs)."""

    def __init__(self, options: BuildOptions) -> None:
        self.inputs = Inputs(options)
        self.renderer = Renderer()
        self.pages = PageCache(options.jobs)
        self.shown_bodies: tuple[str, ...] = ()
        self._views: dict[int, tuple[Release, bool, ReleaseView]] = {}
        self._planned: tuple[Site, Theme] | None = None  # the last plan, when it succeeded
        self._index: SiteIndex | None = None

    @property
    def options(self) -> BuildOptions:
        return self.inputs.options

    @options.setter
    def options(self, options: BuildOptions) -> None:
        self.inputs.options = options
        self.pages.jobs = options.jobs

    @property
    def progress(self) -> Report | None:
        return self.inputs.progress

    @progress.setter
    def progress(self, progress: Report | None) -> None:
        """Hears how far each phase is (the CLI's progress bar)."""
        self.inputs.progress = self.pages.progress = progress

    def forget(self, paths: Iterable[Path] = (), *, config: bool = False, templates: bool = False) -> None:
        """Mark what the named changes make stale."""
        self.inputs.forget(paths, config=config)
        if templates or config:
            self.pages.clear()
            self._planned = self._index = None

    def plan(self) -> tuple[Site, Theme, tuple[str, ...]]:
        """Config, releases and theme (reusing what did not change) into the site plan."""
        self._planned = self._index = None
        config, notes = self.inputs.config()
        config.require_base_url()
        now = parse_now(self.options.now, config.tz)
        releases = self._releases(config)
        theme = find_theme(config, self.options)
        if self.inputs.templates_read(theme):
            self.pages.clear()
        if self.options.jobs > 1 or self.options.cache_dir is not None:
            self.shown_bodies = tuple(r.body for r in visible_releases(releases, now, self.options.drafts))
            self.renderer.render_all(self.shown_bodies, self.options.jobs,
                                     ticker(self.progress, "rendering Markdown", len(self.shown_bodies)))
        site = plan_site(config, releases, self.renderer, now, drafts=self.options.drafts, view=self._view)
        self._planned = (site, theme)
        return site, theme, notes

    def replan(self, paths: Iterable[Path]) -> tuple[Site, list[Page], list[Page]] | None:
        """The last plan with the releases at `paths` read again, and the pages that changed:
        the releases' own, then the others that show them. None when a page moves
        (replan.same_place) and the edit needs a full plan. Trusts that nothing else
        changed: `unseen` is the safety net."""
        if self._planned is None or not self.pages.reusable:
            return None
        site, theme = self._planned
        config, _ = self.inputs.config()
        if config is not site.config or self.inputs.templates_changed(theme):
            return None
        if site.next_scheduled is not None and site.next_scheduled <= parse_now(self.options.now, config.tz):
            return None  # a scheduled release is due: it joins the pages
        index = self._index = self._index or SiteIndex.of(site)
        loaded = []
        for path in paths:
            read = self.inputs.reread(path, config)
            if read is False:
                continue
            if read is None or not same_place(read[0], read[1]):
                return None
            loaded.append((path, *read))
        changed: dict[str, Page] = {}
        for path, old, new, signature in loaded:
            self.inputs.keep(path, signature, new)
            old_view = self._views.get(id(old), (None, None, None))[2]
            shown = old_view is not None and id(old_view) in index.position
            new_view = self._view(new, self.renderer, site.now) if shown else None
            for page in index.swap(old, new, old_view if shown else None, new_view):
                changed[page.url] = page
        self._planned = (index.site, theme)
        keys = {os.path.abspath(path) for path, *_ in loaded}
        own = [page for page in changed.values() if page.kind == "release"
               and os.path.abspath(page.context["release"].source_path) in keys]
        return index.site, own, [page for page in changed.values() if all(page is not mine for mine in own)]

    def unseen(self, stop: Callable[[], bool] = lambda: False) -> list[Path] | None:
        """Content files changed since they were last read (see Inputs.unseen)."""
        return self.inputs.unseen(stop)

    def render_again(self, pages: Iterable[Page]) -> dict[str, Source]:
        """Pages of a replan, rendered with the last render's environment."""
        return self.pages.render_again(pages)

    def index_plan(self) -> None:
        """Index the last plan for `replan` now (a quiet moment), not during the next save."""
        if self._planned is not None and self._index is None:
            self._index = SiteIndex.of(self._planned[0])

    def render(self) -> Rendered:
        """Every output file, as a full build would write them."""
        site, theme, notes = self.plan()
        return Rendered(site=site, files=render_site(site, theme, self.pages, self.options.jobs), notes=notes)

    def render_shown(self) -> Rendered:
        """Pages and assets only: what an open browser tab shows. Watch mode commits these first
        and adds render_documents(site) (feeds, search index, sitemap) when no save is waiting."""
        site, theme, notes = self.plan()
        return Rendered(site=site, files=render_shown(site, theme, self.pages), notes=notes)

    def _releases(self, config: Config) -> tuple[Release, ...]:
        try:
            return self.inputs.releases(config, self._same_instant_other_zone)
        finally:
            alive = self.inputs.alive()
            for key in [k for k in self._views if k not in alive]:
                del self._views[key]

    def _view(self, release: Release, renderer: Renderer, now: datetime) -> ReleaseView:
        """The view of an unchanged release is the very object of the last build, so pages
        showing it compare equal at once. Keyed by identity: a reloaded file is a new Release."""
        scheduled = release.date > now
        cached = self._views.get(id(release))
        if cached is None or cached[0] is not release or cached[1] != scheduled:
            cached = self._views[id(release)] = (release, scheduled, release_view(release, renderer, now))
        return cached[2]

    def _same_instant_other_zone(self, old: Release, new: Release) -> None:
        """Datetimes compare by instant, so a page cache keyed by equality would miss a
        change of offset alone (08:00-06:00 -> 14:00Z): render everything again then."""
        before, after = (old.date, old.updated), (new.date, new.updated)
        if before == after and repr(before) != repr(after):
            self.pages.clear()

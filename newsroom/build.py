"""One build, start to finish.

    config ─▶ releases ─▶ theme ─▶ Markdown ─▶ site plan ─▶ pages + assets + documents ─▶ output

`build` runs it once for the command line, starting from what the last build left in
.newsroom-cache/ (cache/disk.py); a `Builder` runs it again and again for watch mode (`replan`
for an edit that moves no page). Either way what was read and made before is in a
cache.memory.Memory, and a render costs what changed. The stages it calls are in
newsroom/stages/, what it remembers in newsroom/cache/.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from newsroom.cache.documents import DocumentCache
from newsroom.cache.images import ImageCache
from newsroom.cache.kept import KeptBuild, in_cache, unsaved
from newsroom.cache.memory import Memory
from newsroom.cache.pages import PageCache
from newsroom.cache.record import BuildCache
from newsroom.errors import OutputError
from newsroom.project import (
    BUNDLED_THEMES,
    CONFIG_NAME,
    BuildOptions,
    BuildResult,
    parse_now,
)
from newsroom.stages.config import Config
from newsroom.stages.output import (
    Source,
    make_spool,
    remove_dead_spools,
    remove_spool,
    write_site,
)
from newsroom.stages.render import common_context
from newsroom.stages.media import Resized, release_outputs
from newsroom.stages.search import search_assets
from newsroom.stages.site import Page, Site, plan_site
from newsroom.stages.theme import Theme, asset_names, load_theme, static_files
from newsroom.util.parallel import beside
from newsroom.util.progress import Report, ticker

__all__ = ["BUNDLED_THEMES", "CONFIG_NAME", "BuildOptions", "BuildResult", "build", "parse_now"]  # re-exported


def find_theme(config: Config, options: BuildOptions) -> Theme:
    """The project's themes/ first, then the themes that ship with Newsroom."""
    return load_theme((options.root / "themes", BUNDLED_THEMES), config.site.theme)


def static_sources(theme: Theme, root: Path) -> dict[str, Path]:
    """Files copied under assets/: the theme's static files and lunr.js from node_modules."""
    return {**static_files(theme), **search_assets(root)}


def render_pages(site: Site, theme: Theme, assets: dict[str, str],
                 cache: PageCache | None = None) -> dict[str, Source]:
    """Every HTML page of the site; a cache skips pages whose inputs did not change."""
    cache = cache or PageCache()
    cache.use(site.config, theme, assets)
    common = cache.same_as_before(common_context(site))
    pages = dict(zip((page.output_path for page in site.pages), cache.render_all(site.pages, common)))
    cache.keep(page.url for page in site.pages)
    return pages


def render_assets(sources: dict[str, Path], names: dict[str, str]) -> dict[str, Source]:
    """Static files under their content-hashed names, for cache busting."""
    return {f"assets/{names[rel]}": source for rel, source in sources.items()}


def render_files(site: Site, images: ImageCache | None = None) -> dict[str, Source]:
    """The releases' attachments and pictures, beside their pages: only those of releases the
    site shows, so a scheduled release's files are in no output before its time."""
    images = images or ImageCache()
    files: dict[str, Source] = {}
    for view in site.releases:
        for rel, made_of in release_outputs(view.image, view.attachments).items():
            files[rel] = images.source(made_of) if isinstance(made_of, Resized) else Path(made_of)
    return files


def render_documents(site: Site, cache: DocumentCache | None = None, jobs: int = 1) -> dict[str, Source]:
    """Machine-read files derived from the whole site: robots.txt, feeds, search index, sitemap."""
    return (cache or DocumentCache()).render(site, jobs)


def render_shown(site: Site, theme: Theme, cache: PageCache | None = None,
                 images: ImageCache | None = None) -> dict[str, Source]:
    """What a browser shows: the pages, the static files they use and the releases' files."""
    sources = static_sources(theme, site.config.root)
    names = asset_names(sources)
    return {**render_pages(site, theme, names, cache), **render_assets(sources, names), **render_files(site, images)}


def render_site(site: Site, theme: Theme, memory: Memory, jobs: int = 1) -> dict[str, Source]:
    """Every output file, by path relative to the output folder. With jobs > 1 the feeds and the
    search index are made in a process of their own (the index's shards across `jobs` more) while
    `jobs` processes render the pages: more processes than cores keep every core busy whichever part
    takes longer."""
    work = memory.documents.plan(site)
    # A fresh spool takes the search files as they are made; a spare (pages.live) may share
    # files with the live site, so nothing is written into it but by the page cache.
    spool = memory.pages.spool if memory.pages.live is None else None
    if jobs > 1 and (work.makers or work.stale):
        memory.pages.jobs = jobs
        made, shown = beside(lambda: work.make(jobs, spool),
                             lambda: render_shown(site, theme, memory.pages, memory.images))
    else:
        made, shown = work.make(jobs, spool), render_shown(site, theme, memory.pages, memory.images)
    return {**shown, **memory.documents.take(work, *made)}


def build(options: BuildOptions, write: bool = True, stored: BuildCache | None = None,
          progress: Report | None = None) -> BuildResult:
    """Build the site; with write=False check everything and touch nothing. `stored` is the
    persistent cache when the caller has opened it already (the CLI asks it first); `progress`
    hears how far each phase is."""
    started, started_ns = time.perf_counter(), time.time_ns()
    if stored is None and write and options.cache_dir:
        stored = BuildCache(options)
    if stored is not None and (unchanged := stored.unchanged_result(started)):
        return unchanged
    if stored is not None and not stored.note:
        try:
            return build_once(options, write, stored, progress, started, started_ns)
        except (OSError, OutputError) as exc:
            if not in_cache(exc, stored):
                raise
            stored.note = unsaved(exc)  # the cache could not be written: built without it, said in a note
    return build_once(options, write, None, progress, started, started_ns)


def build_once(options: BuildOptions, write: bool, stored: BuildCache | None, progress: Report | None,
               started: float, started_ns: int) -> BuildResult:
    """One build, with the persistent cache or without it."""
    builder = Builder(options)
    builder.progress = progress
    kept = KeptBuild(stored, builder.memory) if stored is not None and write else None
    spool = None
    if write:
        remove_dead_spools(options.output)
        spool = builder.pages.spool = make_spool(options.output)
    try:
        with kept.writing() if kept is not None else nullcontext():
            planned = kept.plan(builder.plan, builder.render_edits) if kept is not None else builder.plan()
            rendered = planned if isinstance(planned, Rendered) else builder.render(*planned)
            if progress is not None:
                progress("writing the site", 0, len(rendered.files))
            commit = lambda spare=None: write_site(  # noqa: E731
                options.output, rendered.files, options.drafts, options.jobs, spare=spare,
                locked=kept is not None and kept.locked,
                laid_out=None if kept is not None and kept.in_place else spool)
            if kept is not None:
                stats = kept.save(rendered.site, rendered.files, rendered.notes, commit, started_ns)
            else:
                stats = commit() if write else None
    finally:
        if spool is not None:
            remove_spool(spool)
    site = rendered.site
    return BuildResult(site=site, files=len(rendered.files), stats=stats,
                       seconds=time.perf_counter() - started, notes=rendered.notes,
                       releases=len(site.releases), scheduled=len(site.scheduled),
                       next_scheduled=site.next_scheduled, next_change=site.next_due, made=rendered.made)


@dataclass(frozen=True)
class Rendered:
    """One build's result before anything is written."""

    site: Site
    files: dict[str, Source]
    notes: tuple[str, ...]
    made: int = 0  # pages and documents rendered (the others were reused)


class Builder:
    """The pipeline, run again and again: every render equals a fresh full build, and costs
    what changed since the last one (what it remembers is a cache.memory.Memory)."""

    def __init__(self, options: BuildOptions, memory: Memory | None = None) -> None:
        self.memory = memory or Memory(options)
        self.memory.inputs.options = options

    @property
    def options(self) -> BuildOptions:
        return self.memory.inputs.options

    @options.setter
    def options(self, options: BuildOptions) -> None:
        self.memory.inputs.options = options
        self.memory.pages.jobs = options.jobs

    @property
    def pages(self) -> PageCache:
        return self.memory.pages

    @property
    def progress(self) -> Report | None:
        return self.memory.inputs.progress

    @progress.setter
    def progress(self, progress: Report | None) -> None:
        """Hears how far each phase is (the CLI's progress bar)."""
        self.memory.inputs.progress = self.memory.pages.progress = progress

    def forget(self, paths: Iterable[Path] = (), *, config: bool = False, templates: bool = False) -> None:
        """Mark what the named changes make stale."""
        self.memory.forget(paths, config=config, templates=templates)

    def plan(self) -> tuple[Site, Theme, tuple[str, ...]]:
        """Config, releases and theme (reusing what did not change) into the site plan."""
        memory, options = self.memory, self.options
        memory.planned = memory.index = None
        config, notes = memory.inputs.config()
        config.require_base_url()
        now = parse_now(options.now, config.tz)
        releases = memory.releases(config)
        theme = find_theme(config, options)
        if memory.inputs.templates_read(theme):
            memory.pages.clear()
        memory.render_bodies(releases, now, options.drafts, options.jobs,
                             ticker(self.progress, "rendering Markdown", len(releases)))
        events = memory.inputs.events(config)
        site = plan_site(config, releases, memory.renderer, now, drafts=options.drafts, view=memory.view,
                         events=events)
        memory.planned, memory.events = (site, theme), events
        return site, theme, notes

    def replan(self, paths: Iterable[Path]) -> tuple[Site, list[Page], list[Page]] | None:
        """The last plan with the releases at `paths` read again (see Memory.replan)."""
        return self.memory.replan(paths)

    def unseen(self, stop: Callable[[], bool] = lambda: False) -> list[Path] | None:
        """Content files changed since they were last read (see Inputs.unseen)."""
        return self.memory.unseen(stop)

    def render_again(self, pages: Iterable[Page]) -> dict[str, Source]:
        """Pages of a replan, rendered with the last render's environment."""
        return self.memory.pages.render_again(pages)

    def index_plan(self) -> None:
        """Index the last plan for `replan` now (a quiet moment), not during the next save."""
        self.memory.index_plan()

    def render(self, *planned: Any) -> Rendered:
        """Every output file, as a full build would write them (of `planned`, what plan() gave)."""
        site, theme, notes = planned or self.plan()
        files = render_site(site, theme, self.memory, self.options.jobs)
        return Rendered(site, files, notes, self.memory.pages.rendered + self.memory.documents.made)

    def render_edits(self) -> Rendered | None:
        """What render() gives, when every change since the last render is an edit of a release
        that moves no page (Memory.replan): only the pages and documents that show the edited
        releases are made. None when a full render is due."""
        memory = self.memory
        edited = memory.inputs.edited()
        key = memory.pages.env_key
        planned = memory.replan(edited, moves=True) if edited and memory.planned is not None and key is not None else None
        if planned is None:
            return None
        site, own, others = planned
        theme = memory.planned[1]  # type: ignore[index]
        sources = static_sources(theme, site.config.root)
        names = asset_names(sources)
        if (site.config, theme, names) != key:
            return None
        memory.pages.render_again(own + others)
        pages = memory.pages.made(site.pages)
        if pages is None:
            return None
        same_sitemap = all(old.url == new.url and repr((old.date, old.updated)) == repr((new.date, new.updated))
                           for old, new in memory.swapped)
        work = memory.documents.plan(site, same_sitemap=same_sitemap)
        spool = memory.pages.spool if memory.pages.live is None else None
        files = {**pages, **render_assets(sources, names), **render_files(site, memory.images),
                 **memory.documents.take(work, *work.make(self.options.jobs, spool))}
        return Rendered(site, files, memory.inputs.config()[1], memory.pages.rendered + memory.documents.made)

    def render_shown(self) -> Rendered:
        """Pages and assets only: what an open browser tab shows. Watch mode commits these first
        and adds render_documents (feeds, search index, sitemap) when no save is waiting."""
        site, theme, notes = self.plan()
        return Rendered(site=site, files=render_shown(site, theme, self.memory.pages, self.memory.images), notes=notes)

    def render_documents(self, site: Site) -> dict[str, Source]:
        """Feeds, search index and sitemap of `site`, reusing what did not change."""
        return render_documents(site, self.memory.documents)

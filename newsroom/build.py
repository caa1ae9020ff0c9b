"""One build, start to finish: config, content, theme, pages, files, output."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable


from newsroom.cache import BuildCache
from newsroom.config import Config, default_config, load_config
from newsroom.content import RELEASES_DIR, Release, find_release_files, load_releases, read_text, release_from_text
from newsroom.errors import NewsroomError
from newsroom.feeds import render_feeds
from newsroom.incremental import SiteIndex, same_place
from newsroom.markup import Renderer, RenderedBody, body_key
from newsroom.output import Source, write_site
from newsroom.render import common_context
from newsroom.pagecache import PageCache
from newsroom.parallel import beside, fork_map
from newsroom.progress import Report, ticker
from newsroom.project import BUNDLED_THEMES, CONFIG_NAME, BuildOptions, BuildResult, parse_now
from newsroom.search import IndexCache, render_search, search_assets
from newsroom.site import Page, ReleaseView, Site, plan_site, release_view, visible_releases
from newsroom.sitemap import render_robots, render_sitemap
from newsroom.theme import Theme, asset_names, load_theme, static_files

__all__ = ["BUNDLED_THEMES", "CONFIG_NAME", "BuildOptions", "BuildResult", "build", "parse_now"]  # re-exported


def read_config(options: BuildOptions) -> tuple[Config, tuple[str, ...]]:
    """newsroom.toml if there is one, else defaults, said in one line."""
    path = options.config_path or options.root / CONFIG_NAME
    if options.config_path is None and not path.exists():
        config = default_config(options.root).with_overrides(theme=options.theme, base_url=options.base_url)
        notes: tuple[str, ...] = (
            f"no {CONFIG_NAME}: using defaults (title '{config.site.title}', base_url "
            f"{config.site.base_url}, timezone {config.site.timezone}, theme '{config.site.theme}')",)
    else:
        config, notes = load_config(path), ()
    config = config.with_overrides(theme=options.theme, base_url=options.base_url)
    return config, notes


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
    builder.progress = builder.pages.progress = progress
    spool = options.output.parent / f".{options.output.name}.spool.{os.getpid()}"
    if write:
        remove_dead_spools(options.output)
        builder.pages.spool = spool
    if stored is not None:
        builder.renderer.remember(stored.bodies.load(RenderedBody))
        builder.known_releases.update(stored.releases.load(Release))
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
                                             builder.release_keys)
            _, stats = beside(save, commit) if options.jobs > 1 else (save(), commit())
    finally:
        shutil.rmtree(spool, ignore_errors=True)
    site = rendered.site
    if stored is not None:
        stored.save_record(site, len(rendered.files), rendered.notes)
    return BuildResult(site=site, files=len(rendered.files), stats=stats,
                       seconds=time.perf_counter() - started, notes=rendered.notes,
                       releases=len(site.releases), scheduled=len(site.scheduled),
                       next_scheduled=site.next_scheduled)


def remove_dead_spools(out_dir: Path) -> None:
    """Spool folders of builds that were killed: each is named for its process, which is gone."""
    for folder in out_dir.parent.glob(f".{out_dir.name}.spool.*"):
        try:
            os.kill(int(folder.name.rsplit(".", 1)[1]), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (ValueError, PermissionError):
            continue


@dataclass(frozen=True)
class Rendered:
    """One build's result before anything is written."""

    site: Site
    files: dict[str, Source]
    notes: tuple[str, ...]


Signature = tuple[int, int, int]


def file_signature(path: Path) -> Signature | None:
    """What tells us a file changed without reading it; None when it is gone."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class Builder:
    """Keeps what an incremental rebuild reuses; every render equals a fresh full build.

    Unchanged files are noticed by their stat signature; `forget` names files an editor
    saved within one clock tick, which a signature alone could miss.
    """

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.renderer = Renderer()
        self.pages = PageCache(options.jobs)
        self.progress: Report | None = None  # hears how far each phase is (the CLI's progress bar)
        self.shown_bodies: tuple[str, ...] = ()
        self.known_releases: dict[str, Release] = {}  # by release_key: a persistent cache's, or read ahead
        self.release_keys: dict[str, Release] = {}  # this build's releases by release_key
        self._config: tuple[Signature | None, Config, tuple[str, ...]] | None = None
        self._releases: dict[str, tuple[Signature | None, Release | NewsroomError]] = {}
        self._stale: set[str] = set()
        self._release_zone: str | None = None
        self._templates: tuple[Any, ...] | None = None
        self._views: dict[int, tuple[Release, bool, ReleaseView]] = {}
        self._planned: tuple[Site, Theme] | None = None  # the last plan, when it succeeded
        self._index: SiteIndex | None = None

    def forget(self, paths: Iterable[Path] = (), *, config: bool = False, templates: bool = False) -> None:
        """Mark what the named changes make stale."""
        if config:
            self._config = None
            self._release_zone = None
        if templates or config:
            self.pages.clear()
            self._planned = self._index = None
        self._stale.update(os.path.abspath(path) for path in paths)

    def plan(self) -> tuple[Site, Theme, tuple[str, ...]]:
        """Config, releases and theme (reusing what did not change) into the site plan."""
        self._planned = self._index = None
        config, notes = self._read_config()
        config.require_base_url()
        now = parse_now(self.options.now, config.tz)
        releases = self._load_releases(config)
        theme = find_theme(config, self.options)
        self._check_templates(theme)
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
        (incremental.same_place) and the edit needs a full plan. Trusts that nothing else
        changed: `unseen` is the safety net."""
        if self._planned is None or not self.pages.reusable:
            return None
        site, theme = self._planned
        config, _ = self._read_config()
        if config is not site.config or self._templates_changed(theme):
            return None
        if site.next_scheduled is not None and site.next_scheduled <= parse_now(self.options.now, config.tz):
            return None  # a scheduled release is due: it joins the pages
        index = self._index = self._index or SiteIndex.of(site)
        loaded = []
        for path in paths:
            key = os.path.abspath(path)
            cached, signature = self._releases.get(key), file_signature(path)
            if cached is None and (signature is None or path.name.startswith(".") or path.suffix != ".md"):
                continue  # an editor's temporary file, gone or never read as a release
            if cached is None or signature is None or not isinstance(cached[1], Release):
                return None
            try:  # read at the path the full plan found it at, so the views are alike
                release = self._load_release(cached[1].path, config.tz, self.options.content)
            except NewsroomError:
                return None  # the full plan reports it, with every other error
            if not same_place(cached[1], release):
                return None
            loaded.append((key, signature, cached[1], release))
        changed: dict[str, Page] = {}
        for key, signature, old, new in loaded:
            self._releases[key] = (signature, new)
            old_view = self._views.get(id(old), (None, None, None))[2]
            shown = old_view is not None and id(old_view) in index.position
            new_view = self._view(new, self.renderer, site.now) if shown else None
            for page in index.swap(old, new, old_view if shown else None, new_view):
                changed[page.url] = page
        self._planned = (index.site, theme)
        keys = {key for key, *_ in loaded}
        own = [page for page in changed.values() if page.kind == "release"
               and os.path.abspath(page.context["release"].source_path) in keys]
        return index.site, own, [page for page in changed.values() if all(page is not mine for mine in own)]

    def unseen(self, stop: Callable[[], bool] = lambda: False) -> list[Path] | None:
        """Content files added, removed or changed since they were last read: changes the
        watcher missed (a full mount, an overflowed queue), found by one walk of the folder.
        None when `stop` said to give way (a save is waiting) before the walk was done."""
        found: set[str] = set()
        missed = []
        for folder, dirs, names in os.walk(self.options.content / RELEASES_DIR):
            if stop():
                return None
            dirs[:] = [name for name in dirs if not name.startswith(".")]  # as find_release_files
            for name in names:
                if name.endswith(".md") and not name.startswith("."):
                    key = os.path.abspath(os.path.join(folder, name))
                    found.add(key)
                    if key not in self._releases or self._releases[key][0] != file_signature(Path(key)):
                        missed.append(Path(key))
        return missed + [Path(key) for key in self._releases if key not in found]

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

    def _view(self, release: Release, renderer: Renderer, now: datetime) -> ReleaseView:
        """The view of an unchanged release is the very object of the last build, so pages
        showing it compare equal at once. Keyed by identity: a reloaded file is a new Release."""
        scheduled = release.date > now
        cached = self._views.get(id(release))
        if cached is None or cached[0] is not release or cached[1] != scheduled:
            cached = self._views[id(release)] = (release, scheduled, release_view(release, renderer, now))
        return cached[2]

    def _read_config(self) -> tuple[Config, tuple[str, ...]]:
        path = self.options.config_path or self.options.root / CONFIG_NAME
        signature = file_signature(path)
        if self._config is None or self._config[0] != signature:
            config, notes = read_config(self.options)
            self._config = (signature, config, notes)
        return self._config[1], self._config[2]

    def _load_releases(self, config: Config) -> tuple[Release, ...]:
        if config.site.timezone != self._release_zone:
            self._releases.clear()
            self._release_zone = config.site.timezone
        content, tz = self.options.content, config.tz
        seen: set[str] = set()
        self.release_keys = {}
        if self.options.jobs > 1:
            self._read_ahead(content, tz)

        def load(path: Path) -> Release:
            key = os.path.abspath(path)
            seen.add(key)
            signature = file_signature(path)
            cached = self._releases.get(key)
            if cached is None or cached[0] != signature or key in self._stale:
                try:
                    result: Release | NewsroomError = self._load_release(path, tz, content)
                except NewsroomError as exc:
                    result = exc
                self._same_instant_other_zone(cached, result)
                cached = self._releases[key] = (signature, result)
            if isinstance(cached[1], NewsroomError):
                raise cached[1]
            return cached[1]

        try:
            return load_releases(content, tz, load)
        finally:
            self._stale.clear()
            for key in [k for k in self._releases if k not in seen]:
                del self._releases[key]
            alive = {id(entry[1]) for entry in self._releases.values()}
            for key in [k for k in self._views if k not in alive]:
                del self._views[key]

    def _load_release(self, path: Path, tz: Any, content: Path) -> Release:
        """Parse a content file, unless the same text at the same path was parsed before."""
        text = read_text(path, content)
        key = release_key(path, text, tz)
        release = self.known_releases.get(key) or release_from_text(path, text, tz)
        if self.options.cache_dir is not None:
            self.release_keys[key] = release
        return release

    def _read_ahead(self, content: Path, tz: Any) -> None:
        """Parse, across processes, the files nothing parsed yet (a clean build has ten thousand).
        Files that fail are left to the serial pass, which reports them."""
        texts: dict[str, tuple[Path, str]] = {}
        for path in find_release_files(content):
            key = os.path.abspath(path)
            if key in self._releases and key not in self._stale and self._releases[key][0] == file_signature(path):
                continue
            try:
                text = read_text(path, content)
            except NewsroomError:
                continue
            if (found := release_key(path, text, tz)) not in self.known_releases:
                texts[found] = (path, text)

        def parse(item: tuple[Path, str]) -> Release | None:
            try:
                return release_from_text(item[0], item[1], tz)
            except NewsroomError:
                return None

        tick = ticker(self.progress, "reading releases", len(texts))
        for found, release in zip(texts, fork_map(parse, list(texts.values()), self.options.jobs, tick)):
            if release is not None:
                self.known_releases[found] = release

    def _same_instant_other_zone(self, cached: tuple[Any, Any] | None, new: object) -> None:
        """Datetimes compare by instant, so a page cache keyed by equality would miss a
        change of offset alone (08:00-06:00 -> 14:00Z): render everything again then."""
        old = cached[1] if cached else None
        if isinstance(old, Release) and isinstance(new, Release):
            before, after = (old.date, old.updated), (new.date, new.updated)
            if before == after and repr(before) != repr(after):
                self.pages.clear()

    def _check_templates(self, theme: Theme) -> None:
        if self._templates_changed(theme):
            self.pages.clear()
            self._templates = _template_signature(theme)

    def _templates_changed(self, theme: Theme) -> bool:
        return _template_signature(theme) != self._templates


def _template_signature(theme: Theme) -> tuple[Any, ...]:
    return (theme, tuple((path, file_signature(path)) for path in template_files(theme)))


def release_key(path: Path, text: str, tz: Any) -> str:
    """What a parsed release depends on: its file's place and text, and the site's zone."""
    return hashlib.sha256(f"{path}\0{os.path.abspath(path)}\0{tz}\0{text}".encode()).hexdigest()


def template_files(theme: Theme) -> list[Path]:
    """Every file a page could be rendered from: templates and manifests of the theme chain."""
    files = []
    for folder in theme.chain:
        files.append(folder / "theme.toml")
        for dirpath, dirnames, filenames in os.walk(folder / "templates"):
            dirnames.sort()
            files.extend(Path(dirpath) / name for name in sorted(filenames))
    return files

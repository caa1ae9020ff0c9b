"""What a build remembers, and the one place that owns it.

    read   the config, releases and templates, by file signature        (inputs.Inputs)
    made   rendered bodies, release views, pages by their inputs       (pages.PageCache)
           feeds, sitemap and search shards by what they show         (documents.DocumentCache)
    shows  the last plan and which of its pages show each release      (replan.SiteIndex)

Watch mode keeps one Memory for the whole preview; the command line keeps it on disk between
runs (disk.py) and starts from it. Either way a render equals a fresh build's, byte for byte.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

from newsroom.cache.documents import DocumentCache
from newsroom.cache.images import ImageCache
from newsroom.cache.inputs import Inputs, owner_of
from newsroom.cache.pages import PageCache
from newsroom.cache.replan import SiteIndex, moves_alone, same_place
from newsroom.cache.bodies import BodyStore, StoredBody
from newsroom.errors import NewsroomError
from newsroom.project import BuildOptions, parse_now
from newsroom.stages.config import Config
from newsroom.stages.content import Release, read_text, split_front_matter
from newsroom.stages.events import Event
from newsroom.stages.markup import RenderedBody, Renderer
from newsroom.stages.site import Page, ReleaseView, Site, release_view, view_of, visible_releases
from newsroom.stages.theme import Theme
from newsroom.util.parallel import Tick


class Memory:
    """Everything a build read and made, kept for the next build of the same project."""

    def __init__(self, options: BuildOptions) -> None:
        self.inputs = Inputs(options)
        self.renderer = Renderer()
        self.pages = PageCache(options.jobs)
        self.documents = DocumentCache()
        self.images = ImageCache(options.cache_dir / "images" if options.cache_dir is not None else None)
        self.bodies: BodyStore | None = None  # rendered bodies on disk, for releases restored without theirs
        self.planned: tuple[Site, Theme] | None = None  # the last plan, when it succeeded
        self.events: tuple[Event, ...] = ()  # the events the last plan was made with
        self.index: SiteIndex | None = None
        self._views: dict[int, tuple[Release, bool, ReleaseView]] = {}
        self.swapped: list[tuple[ReleaseView, ReleaseView]] = []  # by the last replan: (old view, new view)
        self._lost: dict[str, list[str]] = {}  # body key -> files that have it, for render_lost

    def forget(self, paths: Iterable[Path] = (), *, config: bool = False, templates: bool = False) -> None:
        """Mark what the named changes make stale."""
        self.inputs.forget(paths, config=config)
        if templates or config:
            self.pages.clear()
            self.planned = self.index = None

    def releases(self, config: Config) -> tuple[Release, ...]:
        """Every release (see Inputs.releases); views of releases gone are forgotten."""
        try:
            return self.inputs.releases(config, self._same_instant_other_zone)
        finally:
            alive = self.inputs.alive()
            for key in [k for k in self._views if k not in alive]:
                del self._views[key]

    def render_bodies(self, releases: tuple[Release, ...], now: datetime, drafts: bool, jobs: int,
                      tick: Tick | None = None) -> None:
        """Render, across `jobs` processes, the bodies of the releases shown that have no view
        yet: Markdown is most of a clean build."""
        todo = [release.body for release in visible_releases(releases, now, drafts)
                if not self._viewed(release, now) and self.inputs.light_body(release) is None]
        self.renderer.render_all(todo, jobs, tick)

    def view(self, release: Release, renderer: Renderer, now: datetime) -> ReleaseView:
        """The view of an unchanged release is the very object of the last build, so pages
        showing it compare equal at once. Keyed by identity: a reloaded file is a new Release."""
        scheduled = release.date > now
        cached = self._views.get(id(release))
        if cached is None or cached[0] is not release or cached[1] != scheduled:
            key = self.inputs.light_body(release)
            view = release_view(release, renderer, now) if key is None else \
                view_of(release, key, self.stored_body(key), now)
            cached = self._views[id(release)] = (release, scheduled, view)
        return cached[2]

    def stored_body(self, key: str) -> StoredBody:
        """A body kept on disk, read when first asked for."""
        return StoredBody(key, self.bodies, self.render_lost)

    def render_lost(self, key: str) -> RenderedBody:
        """A body the store does not have (lost, or never rendered: a release falling due),
        rendered from the file of a release that has it."""
        if key not in self._lost:  # which files have which body: worked out once, a damaged store loses many
            self._lost = {}
            for path, (_, body) in self.inputs.light.items():
                self._lost.setdefault(body, []).append(path)
            for _, view in self.views():
                self._lost.setdefault(view.body_key, []).append(view.source_path)
        paths = self._lost.get(key, [])
        for path in map(Path, paths):
            try:
                text = read_text(path, self.inputs.options.content)
            except NewsroomError:
                continue
            found, body = self.renderer.keyed(split_front_matter(text, path)[1])
            if found == key:
                return body
        raise NewsroomError(f"{paths[0] if paths else 'a release'}: changed while the site was being built; build again")

    def views(self) -> list[tuple[Release, ReleaseView]]:
        """Each release read that has a view, with it."""
        return [(release, view) for release, _, view in self._views.values()]

    def restore_views(self, views: Iterable[tuple[Release, ReleaseView]]) -> None:
        """Views an earlier build made (disk.py), with the release each shows."""
        for release, view in views:
            self._views[id(release)] = (release, view.scheduled, view)

    def _viewed(self, release: Release, now: datetime) -> bool:
        cached = self._views.get(id(release))
        return cached is not None and cached[0] is release and cached[1] == (release.date > now)

    def replan(self, paths: Iterable[Path], moves: bool = False) -> tuple[Site, list[Page], list[Page]] | None:
        """The last plan with the releases at `paths` read again, and the pages that changed:
        the releases' own, then the others that show them. None when a page moves
        (replan.same_place) and the edit needs a full plan; with `moves`, a release's own
        page may move alone (replan.moves_alone: the caller removes its old file). Trusts
        that nothing else changed: Inputs.unseen is the safety net."""
        if self.planned is None or not self.pages.reusable:
            return None
        site, theme = self.planned
        config, _ = self.inputs.config()
        if config is not site.config or self.inputs.templates_changed(theme):
            return None
        now = parse_now(self.inputs.options.now, config.tz)
        if site.next_scheduled is not None and site.next_scheduled <= now:
            return None  # a scheduled release is due: it joins the pages
        if now != site.now and any((r.date > now) != (r.date > site.now) for r in site.releases):
            return None  # the clock went back (--now): a release is scheduled again
        paths = list(paths)
        read = self.inputs.read()
        if any(owner_of(path, read) for path in paths):
            return None  # a release's image or attachment: its files and pages change together
        if site.events_move(now) or self.events_changed(config):
            return None  # an event is over (or to come again), or an event file changed
        related = {event.release for event in self.events if event.release}
        index = self.index = self.index or SiteIndex.of(site)
        loaded = []
        for path in paths:
            read = self.inputs.reread(path, config)
            if read is False:
                continue
            if read is not None and (read[0].image, read[0].attachments) != (read[1].image, read[1].attachments):
                return None  # files of the site are added or removed: a full render lists them
            if read is None or not (same_place(read[0], read[1]) or moves and moves_alone(
                    read[0], read[1], site, {r.slug for _, r in self.inputs.read().values() if r is not read[0]})):
                return None
            if read[0].slug in related or read[1].slug in related:
                return None  # an event page shows the release: plan it all
            loaded.append((path, *read))
        changed: dict[str, Page] = {}
        self.swapped = []
        for path, old, new, signature in loaded:
            self.inputs.keep(path, signature, new)
            if new is old:
                continue  # touched, not changed
            old_view = self._views.get(id(old), (None, None, None))[2]
            shown = old_view is not None and id(old_view) in index.position
            new_view = self.view(new, self.renderer, site.now) if shown else None
            if shown:
                self.swapped.append((old_view, new_view))
            for page in index.swap(old, new, old_view if shown else None, new_view):
                changed[page.url] = page
        self.planned = (index.site, theme)
        keys = {os.path.abspath(path) for path, *_ in loaded}
        own = [page for page in changed.values() if page.kind == "release"
               and os.path.abspath(page.context["release"].source_path) in keys]
        return index.site, own, [page for page in changed.values() if all(page is not mine for mine in own)]

    def events_changed(self, config: Config) -> bool:
        """The event files say other than what the last plan was made with (or cannot be read)."""
        try:
            return self.inputs.events(config) != self.events
        except NewsroomError:
            return True

    def index_plan(self) -> None:
        """Index the last plan for `replan` now (a quiet moment), not during the next save."""
        if self.planned is not None and self.index is None:
            self.index = SiteIndex.of(self.planned[0])

    def unseen(self, stop: Callable[[], bool] = lambda: False) -> list[Path] | None:
        """Content files changed since they were last read (see Inputs.unseen)."""
        return self.inputs.unseen(stop)

    def _same_instant_other_zone(self, old: Release, new: Release) -> None:
        """Datetimes compare by instant, so a page cache keyed by equality would miss a
        change of offset alone (08:00-06:00 -> 14:00Z): render everything again then."""
        before, after = (old.date, old.updated), (new.date, new.updated)
        if before == after and repr(before) != repr(after):
            self.pages.clear()
            self.documents = DocumentCache()

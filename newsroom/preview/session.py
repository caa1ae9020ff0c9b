"""One preview's rebuilds: what a batch of saves changed is rebuilt, committed to the live
folder, and told to the open pages; a failed rebuild shows its error and keeps the last good site."""

from __future__ import annotations

import os
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from newsroom.build import Builder, Rendered
from newsroom.errors import ContentError, ErrorGroup, NewsroomError
from newsroom.importer.seeds import ERROR, SKIPPED, UNCHANGED, import_seeds
from newsroom.preview.livesite import LiveSite, Update
from newsroom.preview.server import PreviewState
from newsroom.preview.watch import Changes, Kind
from newsroom.project import BuildOptions, parse_now, seconds_until
from newsroom.stages.content import RELEASES_DIR
from newsroom.stages.output import Source
from newsroom.stages.site import Page, Site
from newsroom.util.parallel import default_jobs

_LOCATED = re.compile(r"(?P<file>[^\s:][^:\n]*):(?P<line>\d+): (?P<message>.*)", re.S)

Say = Callable[[str], None]
Report = Callable[[NewsroomError], None]


class Session:
    """One preview's builder, output folder and shared state, rebuilt on each batch of changes."""

    def __init__(self, options: BuildOptions, live: LiveSite, state: PreviewState, say: Say,
                 report: Report) -> None:
        self.options = options
        # The first build uses every core; a save's rebuild renders a few pages, forking costs more.
        self.builder = Builder(replace(options, jobs=max(options.jobs, default_jobs())))
        self.builder.pages.packed = True  # every page of a large site, in a tenth of the memory
        self.live = live
        self.state = state
        self.say = say
        self.report = report
        self.builds = 0
        self.documents: dict[str, Source] = {}
        self.pending: Rendered | None = None
        self.shown: Rendered | None = None
        self.later: dict[str, Page] = {}  # by URL: list pages of edits, rendered when no save waits
        self.checked = True  # every content file was seen by a full plan, or by `unseen` since
        self.failing = False

    @property
    def busy(self) -> bool:
        """Work is left for when no save is waiting."""
        return self.lists_due or self.pending is not None or not self.checked

    @property
    def lists_due(self) -> bool:
        """List pages of edits wait; not while a save is broken (its error stays shown, and the
        full rebuild of its fix renders them)."""
        return bool(self.later) and not self.failing and self.builder.pages.reusable

    def rebuild(self, changes: Changes | None) -> Update | None:
        """Rebuild after `changes` (None: the first build); errors are shown, never raised.

        Pages and assets are committed first, with the last feeds and search index; `finish`
        then adds the new ones (they can take seconds on a large site) once no save is waiting.
        """
        started = time.perf_counter()
        try:
            if changes is not None and (update := self.edit(changes)) is not None:
                self.say(f"rebuilt {len(self.shown.site.releases)} releases after "  # type: ignore[union-attr]
                         f"{changes.describe(self.options.root)} changed: {len(update.written)} written, "
                         f"0 removed in {time.perf_counter() - started:.2f} s")
                return update
            seed_errors = import_changed_seeds(changes.of(Kind.SEED), self.options, self.say) if changes and changes.has(Kind.SEED) else []
            if changes is not None:
                self.forget(changes)
            rendered = self.builder.render_shown()
            documents = self.documents if self.builds else self.builder.render_documents(rendered.site)
            update = self.commit(rendered, documents, changes)
            if seed_errors:
                self.failed(seed_errors[0] if len(seed_errors) == 1 else ErrorGroup(seed_errors), still_built=True)
        except Exception as exc:
            self.failed(exc)
            return None
        self.failing = False
        self.checked = True
        self.later = {}  # a full render made them
        self.builder.index_plan()  # pages are served already: ready the next save's replan
        self.builds += 1
        if self.builds == 1:
            self.builder.options, self.builder.pages.jobs = self.options, self.options.jobs
            self.documents = documents
            for note in rendered.notes:
                self.say(note)
        else:
            self.pending = rendered
        cause = "" if changes is None else f" after {changes.describe(self.options.root)} changed"
        self.say(f"{'built' if self.builds == 1 else 'rebuilt'} {len(rendered.site.releases)} releases"
                 f"{cause}: {len(update.written)} written, {len(update.removed)} removed "
                 f"in {time.perf_counter() - started:.2f} s")
        return update

    def due_in(self) -> float | None:
        """Seconds until the next scheduled release of the site shown is due or its next event is
        over (0: it is), or None when none is (or the last save broke the build: its fix re-plans anyway)."""
        if self.shown is None or self.failing or self.options.now is not None:
            return None
        return seconds_until(self.shown.site.next_due)

    def publish_due(self) -> Update | None:
        """A scheduled release's time has come and no file changed: plan the site again now, so
        it is published at its time (never before: the plan's clock decides), feeds and search after."""
        assert self.shown is not None
        now = parse_now(None, self.shown.site.config.tz)
        due = [release for release in self.shown.site.scheduled if release.date <= now]
        over = [event for event in self.shown.site.events if event.upcoming and event.end <= now]
        if due:
            self.say(f"{len(due)} scheduled release(s) now due: {', '.join(r.title for r in due[:3])}")
        if over:
            self.say(f"{len(over)} event(s) now over: {', '.join(e.title for e in over[:3])}")
        return self.rebuild(None)

    def edit(self, changes: Changes) -> Update | None:
        """A save of release files that moves no page: the releases' own pages are committed
        at once; the lists showing them wait for a moment when the server is free to send
        them (`finish`). None when the save needs a full rebuild."""
        if self.shown is None or self.failing or not all(kind is Kind.CONTENT for kind, _ in changes.paths):
            return None
        planned = self.builder.replan(changes.of(Kind.CONTENT))
        if planned is None:
            return None
        site, own, others = planned
        self.later.update((page.url, page) for page in others)
        for page in own:
            self.later.pop(page.url, None)
        update = self.write_pages(site, own)
        if not update.shown:
            self.state.build_ok()
        self.checked = False
        return update

    def write_pages(self, site: Site, pages: list[Page]) -> Update:
        """Render and commit pages of a replanned site; feeds and search are due after."""
        assert self.shown is not None
        rendered = self.builder.render_again(pages)
        update = self.live.write(rendered, on_commit=self.pages_changed)
        self.shown = self.pending = Rendered(site, {**self.shown.files, **rendered}, self.shown.notes)
        return update

    def finish(self, stop: Callable[[], bool] = lambda: False) -> Update | None:
        """At each moment no save is waiting, the next of: the list pages of the last edits;
        their feeds, search index and sitemap; a look for changes the watcher missed."""
        if self.lists_due and self.shown is not None:
            pages, self.later = list(self.later.values()), {}
            try:
                return self.write_pages(self.shown.site, pages)
            except Exception as exc:
                self.failed(exc)
                return None
        rendered, self.pending = self.pending, None
        if rendered is None:
            return self.check(stop)
        started = time.perf_counter()
        try:
            documents = self.builder.render_documents(rendered.site)
            update = self.commit(rendered, documents, None, clears_errors=False)
        except Exception as exc:
            self.failed(exc)
            return None
        self.documents = documents
        self.say(f"updated feeds, search and sitemap: {len(update.written)} written, "
                 f"{len(update.removed)} removed in {time.perf_counter() - started:.2f} s")
        return update

    def commit(self, rendered: Rendered, documents: dict[str, Source], changes: Changes | None,
               clears_errors: bool = True) -> Update:
        """Write what changed; open pages hear of it under the same lock readers take.

        Feeds and search of an earlier save may be committed after a later save failed:
        they must not clear that failure's overlay (`clears_errors=False`)."""
        stylesheets = self.stylesheet_renames(rendered, changes)

        def published(update: Update) -> None:
            if update.shown:
                self.state.site_changed(stylesheets)

        touched = changes.of(Kind.STATIC) if changes else []
        update = self.live.update({**rendered.files, **documents}, touched=touched, on_commit=published)
        if self.state.snapshot.generation == 0:
            # The first build publishes even when the folder already held these exact bytes.
            self.state.site_changed(None)
        elif not update.shown and clears_errors:
            self.state.build_ok()
        self.shown = rendered
        return update

    def stylesheet_renames(self, rendered: Rendered, changes: Changes | None) -> tuple[tuple[str, str], ...] | None:
        """(old URL, new URL) of each stylesheet when the save touched CSS files and nothing else."""
        # An editor's temporary file (renamed over the stylesheet) is gone by now: it does not count.
        kept = [(kind, path) for kind, path in changes.paths
                if kind is not Kind.STATIC or path.exists()] if changes else []
        if self.shown is None or not kept or not all(kind is Kind.STATIC and path.suffix == ".css"
                                                     for kind, path in kept):
            return None
        old = {source: rel for rel, source in self.shown.files.items() if isinstance(source, Path)}
        base = urlsplit(self.options.base_url or "/").path
        return tuple((f"{base}{old[source]}", f"{base}{rel}") for rel, source in rendered.files.items()
                     if isinstance(source, Path) and rel.endswith(".css") and source in old)

    def pages_changed(self, update: Update) -> None:
        """Runs under the readers' lock as an edit's pages are committed: tell the open ones."""
        if update.shown:
            base = urlsplit(self.options.base_url or "/").path
            self.state.site_changed(None, tuple(base + rel.removesuffix("index.html") for rel in update.written))

    def check(self, stop: Callable[[], bool]) -> Update | None:
        """Edits trust the watcher's paths: one walk of the content folder afterwards catches
        what it missed, which a rebuild then takes in. A waiting save stops the walk: the
        next quiet moment walks again."""
        if self.checked:
            return None
        missed = self.builder.unseen(stop)
        self.checked = missed is not None
        if not missed:
            return None
        self.say(f"the watcher missed changes to {len(missed)} content file(s): rebuilding")
        return self.rebuild(Changes(frozenset((Kind.CONTENT, path) for path in missed)))

    def forget(self, changes: Changes) -> None:
        self.builder.forget(changes.of(Kind.CONTENT), config=changes.has(Kind.CONFIG, Kind.THEME),
                            templates=changes.has(Kind.TEMPLATE))

    def failed(self, error: Exception, still_built: bool = False) -> None:
        if not isinstance(error, NewsroomError):  # a bug must not stop the preview: show it like any error
            error = NewsroomError(f"internal error: {type(error).__name__}: {error}")
        self.report(error)
        self.failing = self.failing or not still_built
        if not still_built:
            self.say("the build failed: still serving the last good site; save a fix to rebuild")
        self.state.build_failed(error_items(error))


def import_changed_seeds(seeds: list[Path], options: BuildOptions, say: Say) -> list[NewsroomError]:
    """Import new or changed raw releases by the importer's rules (hand edits are never
    overwritten); the rebuild that follows picks the written files up."""
    present = [path for path in seeds if path.is_file() and path.suffix == ".txt"]
    errors: list[NewsroomError] = []
    for result in import_seeds(present, options.content / RELEASES_DIR, options.root):
        if result.status == ERROR:
            errors.append(ContentError(result.seed, None, result.message))
        elif result.status != UNCHANGED:
            label = "skipped (edited by hand)" if result.status == SKIPPED else result.status
            say(f"import: {label}: {result.target}  <- {result.seed}")
    return errors


def error_items(error: NewsroomError) -> tuple[dict[str, Any], ...]:
    """Each error as file, line and message, for the overlay in open pages."""
    items = []
    for item in error.errors if isinstance(error, ErrorGroup) else (error,):
        if isinstance(item, ContentError):
            file, line, message = str(item.path), item.line, item.message
        elif match := _LOCATED.fullmatch(str(item)):
            file, line, message = match["file"], int(match["line"]), match["message"]
        else:
            file, line, message = None, None, str(item)
        if file and os.path.isabs(file) and Path(file).is_relative_to(Path.cwd()):
            file = os.path.relpath(file)
        items.append({"file": file, "line": line, "message": message})
    return tuple(items)


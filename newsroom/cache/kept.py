"""What a command-line build starts from, and what it leaves for the next one.

    the record (record.py)   was anything changed? which output files are still as written?
    the memory (disk.py)     what the last build read and made
    the spare (stages/spare.py)  the site before last, where this build stages its own

A build restores the memory while the spare catches up with the live site (in a process of
its own), renders its pages straight into the spare, swaps it in, and keeps its memory (in
another process, while the site is written) and then its record. One build writes at a time:
it holds the output folder's lock from the moment it touches the spare.
"""

from __future__ import annotations

import gc
import os
import uuid
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Callable, Iterator

from newsroom.cache.disk import DiskMemory
from newsroom.cache.memory import Memory
from newsroom.cache.record import BuildCache, cache_note
from newsroom.stages.output import WriteStats, output_lock
from newsroom.stages.spare import Spare, follow
from newsroom.util.parallel import beside


class KeptBuild:
    """One command-line build's use of .newsroom-cache/build/."""

    def __init__(self, stored: BuildCache, memory: Memory) -> None:
        self.stored = stored
        self.memory = memory
        self.options = memory.inputs.options
        self.disk = DiskMemory(stored.folder, stored.output_key, stored.version)
        self.spare: Spare | None = stored.spare(verified=False)  # the output folder is looked at meanwhile
        self.locked = False  # this build holds the output folder's lock (writing())

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the output folder for the whole build: the spare is changed from the start."""
        if self.spare is None:
            yield
            return
        with output_lock(self.options.output):
            self.locked = True
            try:
                yield
            finally:
                self.locked = False

    def plan(self, plan: Callable[[], Any], edits: Callable[[], Any]) -> Any:
        """What the last build left, restored, and this build's `plan()` (or, when the output
        folder is just as it was and every change is an edit that moves no page, `edits()`,
        the files themselves), while the spare catches up with the live site."""
        def restored() -> Any:
            with objects_that_stay():
                self.memory.inputs.seen = self.stored.content  # the record's look at content/ serves this build
                if self.disk.restore(self.memory, self.stored.intact) and self.stored.exact() \
                        and (found := edits()) is not None:
                    return found
                return plan()

        spare, stored = self.spare, self.stored
        lagging = catch_up(spare, self.options.output) if spare is not None else None
        if spare is None or lagging is None:
            planned = restored()
        else:
            stored.spare_holds(None)  # the spare is about to change
            holds, planned = beside(lagging, restored) if self.options.jobs > 1 else (lagging(), restored())
            stored.spare_holds(holds)
        if spare is not None:
            self.spare = spare = stored.spare()  # the output folder as it is now, looked at meanwhile
            if lagging is not None:
                self.spare = spare = replace(spare, holds=holds)  # type: ignore[arg-type]
        if spare is not None and spare.folder.is_dir() and spare.holds != {}:
            # Pages are rendered straight into the spare, where the site is staged.
            self.memory.pages.spool, self.memory.pages.live = spare.folder, self.options.output
        return planned

    @property
    def in_place(self) -> bool:
        """Pages go straight into the spare (no spool to lay out)."""
        return self.memory.pages.live is not None

    def save(self, site: Any, files: dict[str, Any], notes: tuple[str, ...],
             commit: Callable[[Spare | None], WriteStats], started_ns: int) -> WriteStats:
        """Write the site (`commit`) while the memory is kept in another process; then the record.
        Keeping the memory or the record may fail (a full disk): a note, and the site is written."""
        stored, memory, options = self.stored, self.memory, self.options
        self._caching(stored.record.clear)  # the output folder is about to change: nothing in it is vouched for
        self._caching(lambda: stored.spare_holds(None))
        token = uuid.uuid4().hex  # names the memory kept, and the output it goes with

        def keep() -> str | None:
            try:
                self.disk.save(memory, site.now, options.drafts, started_ns, token, parallel=options.jobs > 1)
            except OSError as exc:
                return unsaved(exc)
            return None

        def commit_and_record() -> WriteStats:
            stats = commit(self.spare)
            self._caching(lambda: stored.save_record(site, files, notes, token, stats))
            return stats

        kept, stats = beside(keep, commit_and_record) if options.jobs > 1 else (keep(), commit_and_record())
        stored.note = stored.note or kept
        return stats

    def _caching(self, write: Callable[[], Any]) -> None:
        """A write to the cache; its failure is noted and the cache passed over from then on."""
        if self.stored.note is None:
            try:
                write()
            except OSError as exc:
                self.stored.note = unsaved(exc)


def unsaved(exc: Exception) -> str:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return cache_note(f"it could not be saved: {reason}")


def in_cache(exc: Exception, stored: BuildCache) -> bool:
    """The error is the cache's: a file of its folder could not be written (a full disk)."""
    folder = os.path.abspath(stored.folder)
    if isinstance(exc, OSError):
        return any(os.path.abspath(os.fsdecode(name)).startswith(folder) for name in (exc.filename, exc.filename2)
                   if name)
    return folder in str(exc) or str(stored.folder) in str(exc)


@contextmanager
def objects_that_stay() -> Iterator[None]:
    """Ten thousand releases are a million objects that live until the build ends: the cyclic
    garbage collector walking them again and again doubles the time it takes to make them.
    Made with it paused, they are frozen out of its way (gc.freeze) for the rest of the build."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def catch_up(spare: Spare, out_dir: Any) -> Callable[[], dict[str, int]] | None:
    """The spare is two builds old: bring it to the live site's files as recorded (in a process
    of its own, while this build restores and plans), so that staging in it costs this build's
    changes alone. None when it holds them already, or what it holds is not known."""
    if spare.holds is None or spare.live is None or spare.holds == spare.live:
        return None
    return lambda: follow(spare, out_dir)

"""Watch the project's sources with watchdog and hand over settled batches of changes.

An editor's save is a burst of events (a test file, a rename, a write, a chmod); the burst
is collected until it settles, so it becomes one rebuild. Each path is classified by what
it is to the build: content, template, static file, theme manifest, config or seed.
"""

from __future__ import annotations

import enum
import os
import queue
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

SETTLE_SECONDS = 0.025
LONGEST_BURST_SECONDS = 1.0
POLL_INTERVAL_SECONDS = 0.25
# Events that mean bytes changed; opened/closed-without-write come from our own reads.
CHANGE_EVENTS = {"created", "modified", "deleted", "moved", "closed"}
# vim: .name.swp/.swo…, its write test "4913", backups "name~"; emacs: ".#name", "#name#".
_EDITOR_TEMP = re.compile(r"^\..*\.sw[a-px]$|~$|^\.#|^#.*#$|^4913$|^\.DS_Store$")


class Kind(enum.Enum):
    """What a changed path is to the build, and so what it makes stale."""

    CONTENT = "content"
    TEMPLATE = "template"
    STATIC = "static"
    THEME = "theme"
    CONFIG = "config"
    SEED = "seed"


@dataclass(frozen=True)
class Layout:
    """The absolute paths a preview watches."""

    content: Path
    themes: tuple[Path, ...]
    config: Path
    seeds: Path

    @classmethod
    def of(cls, content: Path, themes: Iterable[Path], config: Path, seeds: Path) -> "Layout":
        unique = dict.fromkeys(Path(os.path.abspath(t)) for t in themes)
        return cls(Path(os.path.abspath(content)), tuple(unique), Path(os.path.abspath(config)),
                   Path(os.path.abspath(seeds)))

    def watched(self) -> list[tuple[Path, bool]]:
        """(folder, recursive) pairs that exist: the config file is watched through its folder."""
        folders = [(self.content, True), *((t, True) for t in self.themes), (self.seeds, True),
                   (self.config.parent, False)]
        return [(folder, recursive) for folder, recursive in folders if folder.is_dir()]


def is_editor_temp(path: Path) -> bool:
    """Swap, backup and lock files editors write next to the file being saved."""
    return bool(_EDITOR_TEMP.search(path.name))


def classify(path: Path, layout: Layout) -> Kind | None:
    """What `path` is to the build, or None when no build reads it."""
    path = Path(os.path.abspath(path))
    if is_editor_temp(path):
        return None
    if path == layout.config:
        return Kind.CONFIG
    if path.is_relative_to(layout.content):
        return Kind.CONTENT
    if path.is_relative_to(layout.seeds):
        return Kind.SEED
    for themes in layout.themes:
        if path.is_relative_to(themes) and path != themes:
            parts = path.relative_to(themes).parts
            if len(parts) > 2 and parts[1] == "templates":
                return Kind.TEMPLATE
            if len(parts) > 2 and parts[1] == "static":
                return Kind.STATIC
            return Kind.THEME
    return None


@dataclass(frozen=True)
class Changes:
    """One settled batch: each changed path with its kind."""

    paths: frozenset[tuple[Kind, Path]]

    def of(self, *kinds: Kind) -> list[Path]:
        return sorted(path for kind, path in self.paths if kind in kinds)

    def has(self, *kinds: Kind) -> bool:
        return any(kind in kinds for kind, _ in self.paths)

    def describe(self, root: Path) -> str:
        """A short list for the terminal, relative to the project."""
        names = sorted({os.path.relpath(path, root) for _, path in self.paths})
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


class _Collector(FileSystemEventHandler):
    """Runs on watchdog's thread: classify, drop what no build reads, queue the rest."""

    def __init__(self, layout: Layout, events: queue.SimpleQueue[tuple[Kind, Path]]) -> None:
        self.layout = layout
        self.events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGE_EVENTS or (event.is_directory and event.event_type == "modified"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                path = Path(os.fsdecode(raw))
                kind = classify(path, self.layout)
                if kind is not None:
                    self.events.put((kind, path))


class Watcher:
    """A watchdog observer (inotify, or polling for mounts where inotify fails) and a debounce."""

    def __init__(self, layout: Layout, poll: bool = False, settle: float = SETTLE_SECONDS) -> None:
        self.layout = layout
        self.settle = settle
        self._events: queue.SimpleQueue[tuple[Kind, Path]] = queue.SimpleQueue()
        self._observer: BaseObserver = PollingObserver(timeout=POLL_INTERVAL_SECONDS) if poll else Observer()

    def start(self) -> "Watcher":
        handler = _Collector(self.layout, self._events)
        for folder, recursive in self.layout.watched():
            self._observer.schedule(handler, str(folder), recursive=recursive)
        self._observer.start()
        return self

    def stop(self) -> None:
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout=2)

    def __enter__(self) -> "Watcher":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def waiting(self) -> bool:
        """A change has arrived that next_changes has not handed over yet."""
        return not self._events.empty()

    def next_changes(self, timeout: float | None = None) -> Changes | None:
        """Wait for a change, then until the burst settles; None when `timeout` passes first."""
        try:
            first = self._events.get(timeout=timeout)
        except queue.Empty:
            return None
        paths = {first}
        deadline = time.monotonic() + LONGEST_BURST_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            try:
                paths.add(self._events.get(timeout=min(self.settle, left)))
            except queue.Empty:
                break
        return Changes(frozenset(paths))

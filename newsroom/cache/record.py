"""The record of the last command-line build in .newsroom-cache/build/: was anything changed?

A build keeps rendered bodies and parsed releases by content hash (store.Store), and a record of
what it read and wrote: the signature of every input and output file, so a build with nothing
changed is recognised before Markdown, Jinja or lunr is even imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable
from zoneinfo import ZoneInfo

from newsroom.cache.store import (
    PACKAGE,
    Store,
    code_version,
    sealed,
    tree_signatures,
    unsealed,
    write_atomically,
)
from newsroom.project import (
    BUNDLED_THEMES,
    LUNR_FILE,
    BuildOptions,
    BuildResult,
    parse_now,
)
from newsroom.util.files import open_regular

if TYPE_CHECKING:
    from newsroom.stages.site import Site

RACY_NS = 100_000_000  # a file changed this close to the build's start may change again unseen


@dataclass(frozen=True)
class LastBuild:
    """What the last build read and wrote, and for which span of "now" its output holds."""

    inputs: str
    racy_since: int  # inputs changed at or after this (ns) were taken by their bytes, not their signature
    outputs: str
    published_until: float | None  # the next scheduled release: from then on, more is published
    published_since: float | None  # the newest published release: before it, less is
    summary: dict[str, Any]


Signature = tuple[str, int, int, int, int]


@dataclass(frozen=True)
class BuildRecord:
    """The record of the last build on disk, and the signatures it is compared with."""

    path: Path
    version: str

    @staticmethod
    def signatures(roots: Iterable[Path], files: Iterable[Path]) -> list[Signature]:
        """(path, mtime, ctime, size, inode) of every input file."""
        signatures = [sig for root in roots for sig in tree_signatures(root)]
        for path in files:
            try:
                st = os.stat(path)
                signatures.append((str(path), st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
            except OSError:
                signatures.append((str(path), 0, 0, -1, 0))
        return signatures

    @staticmethod
    def inputs(options_key: str, signatures: Iterable[Signature], racy_since: int) -> str:
        """A digest of every input. A file changed at or after `racy_since` (just before a build
        began) could change again within one tick of the file system's clock and keep its
        signature, so its bytes are digested instead: the same files give the same digest
        however close to a build they were saved."""
        digest = hashlib.sha256(options_key.encode())
        for sig in signatures:
            if max(sig[1], sig[2]) >= racy_since:
                digest.update(repr((sig[0], _file_hash(sig[0]))).encode())
            else:
                digest.update(repr(sig).encode())
        return digest.hexdigest()

    @staticmethod
    def outputs(out_dir: Path) -> str:
        """A digest of the output folder as it is now: a file removed or edited by hand shows."""
        try:
            st = os.stat(out_dir)
        except OSError:
            return "missing"
        sigs = tree_signatures(out_dir)
        return hashlib.sha256(repr((st.st_ino, sigs)).encode()).hexdigest()

    def load(self) -> LastBuild | None:
        payload = unsealed(self.path, "last-build", self.version)
        try:
            return LastBuild(**json.loads(payload)) if payload is not None else None
        except (TypeError, ValueError):
            return None

    def save(self, last: LastBuild) -> None:
        write_atomically(self.path, sealed("last-build", self.version,
                                             json.dumps(last.__dict__, sort_keys=True).encode()))

    def clear(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def _file_hash(path: str) -> str:
    """The bytes of a regular file; a named pipe or device is never opened for long (or read)."""
    try:
        with open_regular(path) as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError as exc:
        return f"unreadable: {exc.strerror}"


def still_holds(last: LastBuild, inputs: str, out_dir: Path, now: datetime) -> bool:
    """Would a build now write exactly what the last one did?"""
    if last.inputs != inputs:
        return False
    moment = now.timestamp()
    if last.published_until is not None and moment >= last.published_until:
        return False
    if last.published_since is not None and moment < last.published_since:
        return False
    return last.outputs == BuildRecord.outputs(out_dir)


class BuildCache:
    """The cache a command-line build keeps between runs: its files, and the question whether a
    build now would write the very files the last one did (answered before Markdown, Jinja or
    lunr is even imported)."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        folder = (options.cache_dir or options.root / ".newsroom-cache") / "build"
        version = code_version()
        self.bodies = Store(folder / "bodies.pickle", "bodies", version)
        self.releases = Store(folder / "releases.pickle", "releases", version)
        output_key = hashlib.sha256(str(options.output.resolve()).encode()).hexdigest()[:16]
        self.record = BuildRecord(folder / f"last-build-{output_key}.json", version)
        # A cache that cannot be used is built without, said in one line, never fatal.
        self.note = unusable(folder, (self.bodies.path, self.releases.path, self.record.path))
        self._key = repr((options.root.resolve(), options.config_path, options.content, options.output.resolve(),
                          options.theme, options.base_url))
        # Taken as the build begins, before it reads anything: an input saved while it runs shows next time.
        self._racy_since = time.time_ns() - RACY_NS
        self._signatures = None if options.drafts or self.note else BuildRecord.signatures(
            (options.content, options.root / "themes", BUNDLED_THEMES),
            (options.config_file, options.root / LUNR_FILE, PACKAGE.parent / LUNR_FILE))
        self.inputs = None if self._signatures is None else BuildRecord.inputs(
            self._key, self._signatures, self._racy_since)
        self._unchanged: tuple[LastBuild | None] | None = None

    def unchanged(self) -> LastBuild | None:
        """The last build's record when a build now would write the very same files."""
        if self._unchanged is None:
            last = self.record.load() if self._signatures is not None else None
            if last is not None:
                now = parse_now(self.options.now, ZoneInfo(last.summary["zone"]))
                inputs = BuildRecord.inputs(self._key, self._signatures, last.racy_since)
                last = last if still_holds(last, inputs, self.options.output, now) else None
            self._unchanged = (last,)
        return self._unchanged[0]

    def unchanged_result(self, started: float) -> BuildResult | None:
        """What a build begun at `started` (perf_counter) reports when the cache shows nothing
        changed, or None."""
        last = self.unchanged()
        if last is None:
            return None
        until = last.published_until
        return BuildResult(site=None, files=last.summary["files"], stats=None, seconds=time.perf_counter() - started,
                           notes=tuple(last.summary["notes"]), releases=last.summary["releases"],
                           scheduled=last.summary["scheduled"], unchanged_build=True,
                           next_scheduled=None if until is None else
                           datetime.fromtimestamp(until, ZoneInfo(last.summary["zone"])))

    def save_values(self, bodies: dict[str, Any], releases: dict[str, Any]) -> None:
        """Rendered bodies and parsed releases by key, for the next build to reuse."""
        if self.note is None:
            try:
                self.bodies.save(bodies)
                self.releases.save(releases)
            except OSError as exc:
                self.note = cache_note(f"it could not be saved: {exc.strerror or exc}")

    def save_record(self, site: Site, files: int, notes: tuple[str, ...]) -> None:
        """What this build read and wrote: taken once the site is written."""
        if self.note is not None:
            return
        try:
            if self.inputs is None:
                self.record.clear()
                return
            published = [r.date for r in site.releases]
            self.record.save(LastBuild(
                inputs=self.inputs, racy_since=self._racy_since, outputs=BuildRecord.outputs(self.options.output),
                published_until=site.next_scheduled.timestamp() if site.next_scheduled else None,
                published_since=max(published).timestamp() if published else None,
                summary={"files": files, "notes": list(notes), "releases": len(site.releases),
                         "scheduled": len(site.scheduled), "zone": site.config.site.timezone}))
        except OSError as exc:
            self.note = cache_note(f"it could not be saved: {exc.strerror or exc}")


def unusable(folder: Path, files: Iterable[Path]) -> str | None:
    """Why the cache cannot be used (a file where its folder should be, a folder where a file
    should be), as a note; None when it can."""
    for path in (folder.parent, folder):
        if os.path.lexists(path) and not path.is_dir():
            return cache_note(f"{path} is not a folder")
    for path in files:
        if os.path.lexists(path) and not path.is_file():
            return cache_note(f"{path} is not a file")
    return None


def cache_note(reason: str) -> str:
    return f"note: the build cache cannot be used ({reason}): built without it; remove it to start afresh"

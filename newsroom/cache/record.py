"""The record of the last command-line build in .newsroom-cache/build/: was anything changed?

The record has the signature of every file the build read and wrote, so that a build with
nothing changed is recognised before Markdown, Jinja or lunr is even imported, and a build
after a change knows which output files are still as written (disk.py reuses those).

A file saved within RACY_NS of the moment its signature was taken could be saved again
within the same clock tick, with the same signature: such a file's content hash is recorded
too, and compared next time (as git does for "racily clean" files). No rule depends on how
fast a build starts.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable
from zoneinfo import ZoneInfo

from newsroom.cache.store import PACKAGE, Store, code_version, tree_signatures
from newsroom.project import (
    BUNDLED_THEMES,
    LUNR_FILE,
    BuildOptions,
    BuildResult,
    parse_now,
)

from newsroom.errors import OutputError
from newsroom.stages.output import safe_relpath
from newsroom.stages.spare import Spare
from newsroom.util.parallel import later

if TYPE_CHECKING:
    from newsroom.stages.output import WriteStats
    from newsroom.stages.site import Site

Signature = tuple[int, int, int]
RACY_NS = 100_000_000  # a file changed this close to the build's start may change again unseen


@dataclass(frozen=True)
class LastBuild:
    """What the last build read and wrote, and for which span of "now" its output holds."""

    options: str  # the options that shape a build's output
    inputs: str  # a digest of each file read: its path, mtime_ns, ctime_ns, size and inode
    racy: dict[str, str]  # the files changed just before they were read: their content's sha256
    files: dict[str, Signature]  # each output file: (inode, size, mtime_ns) as written
    folders: dict[str, int]  # each folder of the output: its mtime_ns (a file added shows)
    token: str | None  # the kept memory (disk.py) the output goes with
    published_until: float | None  # the next scheduled release: from then on, more is published
    published_since: float | None  # the newest published release: before it, less is
    summary: dict[str, Any]


@dataclass(frozen=True)
class OutputState:
    """The output folder now, against the record of the last build."""

    intact: frozenset[str]  # files just as the last build wrote them
    exact: bool  # and nothing else changed: no file added, removed or edited by hand


def output_signatures(out_dir: Path, files: Iterable[str], known: dict[str, Signature],
                      folders: Iterable[str]) -> tuple[dict[str, Signature], dict[str, int]]:
    """(inode, size, mtime_ns) of these output files (those in `known` are taken from it: they
    were linked, not written), and the mtime_ns of every folder holding them (`folders`, and
    those of any file new here)."""
    found: dict[str, Signature] = {}
    base = os.path.join(out_dir, "")
    held, seen = set(folders), set()
    for rel in files:
        signature = known.get(rel)
        if signature is None:
            st = os.stat(base + rel)
            signature = (st.st_ino, st.st_size, st.st_mtime_ns)
            folder = os.path.dirname(rel)
            while folder not in seen:
                seen.add(folder)
                held.add(folder)
                folder = os.path.dirname(folder)
        found[rel] = signature
    dates = {}
    for folder in sorted(held | {""}):
        try:
            dates[folder] = os.stat(base + folder).st_mtime_ns
        except OSError:
            continue  # emptied, and removed with its last file
    return found, dates


def is_safe(rel: Any) -> bool:
    """A path inside the output folder (a record is only believed with its own paths so)."""
    try:
        return isinstance(rel, str) and safe_relpath(rel) == rel
    except OutputError:
        return False


def output_state(last: LastBuild, out_dir: Path) -> OutputState:
    """Which files of the last build are still as written; stat calls only, no folder listing
    (a file added by hand changes its folder's mtime)."""
    base = os.path.join(out_dir, "")
    intact = set()
    for rel, signature in last.files.items():
        try:
            st = os.stat(base + rel)
        except OSError:
            continue
        if (st.st_ino, st.st_size, st.st_mtime_ns) == signature:
            intact.add(rel)
    exact = len(intact) == len(last.files)
    for folder, mtime in last.folders.items():
        if not exact:
            break
        try:
            exact = os.stat(base + folder).st_mtime_ns == mtime
        except OSError:
            exact = False
    return OutputState(frozenset(intact), exact)


@dataclass(frozen=True)
class BuildRecord:
    """The record of the last build on disk, and the signatures it is compared with."""

    path: Path
    version: str

    def load(self) -> LastBuild | None:
        """The record, when whole and of this code (plain values only: see store.Store)."""
        value = Store(self.path, "last-build", self.version).load()
        try:
            return LastBuild(**value) if isinstance(value, dict) else None
        except TypeError:
            return None

    def save(self, last: LastBuild) -> None:
        Store(self.path, "last-build", self.version).save(last.__dict__)

    def clear(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def input_signatures(roots: Iterable[Path], files: Iterable[Path]) -> dict[str, tuple[int, ...]]:
    """(mtime_ns, ctime_ns, size, inode) of every file under `roots` and of `files`, by path."""
    found = {sig[0]: sig[1:] for root in roots for sig in tree_signatures(root)}
    for path in files:
        try:
            st = os.stat(path)
            found[os.path.abspath(path)] = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        except OSError:
            found[os.path.abspath(path)] = (0, 0, -1, 0)
    return found


def content_hash(path: str) -> str:
    """The sha256 of a regular file's bytes ("" for anything else: a pipe is never opened)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return ""
        with open(path, "rb") as file:
            return hashlib.sha256(file.read()).hexdigest()
    except OSError:
        return ""


def still_holds(last: LastBuild, options: str, inputs: str, state: OutputState,
                now: datetime) -> bool:
    """Would a build now write exactly what the last one did?"""
    if last.options != options or last.inputs != inputs or not state.exact:
        return False
    if any(content_hash(path) != digest for path, digest in last.racy.items()):
        return False
    moment = now.timestamp()
    if last.published_until is not None and moment >= last.published_until:
        return False
    if last.published_since is not None and moment < last.published_since:
        return False
    return True


class BuildCache:
    """The cache a command-line build keeps between runs, and the question whether a build now
    would write the very files the last one did (answered before Markdown, Jinja or lunr is
    even imported)."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.folder = (options.cache_dir or options.root / ".newsroom-cache") / "build"
        self.version = code_version()
        self.output_key = hashlib.sha256(str(options.output.resolve()).encode()).hexdigest()[:16]
        self.record = BuildRecord(self.folder / f"last-build-{self.output_key}.pickle", self.version)
        self._holdings = Store(self.folder / f"site-{self.output_key}.pickle", "spare", self.version)
        started = time.time_ns()
        self.options_key = repr((options.root.resolve(), options.config_path, options.content,
                                 options.output.resolve(), options.theme, options.base_url, options.drafts))
        read = input_signatures((options.content, options.root / "themes", BUNDLED_THEMES),
                                (options.config_file, options.root / LUNR_FILE, PACKAGE.parent / LUNR_FILE))
        self.inputs = hashlib.sha256(repr(sorted(read.items())).encode()).hexdigest()
        self.racy = {path: content_hash(path) for path, sig in read.items() if max(sig[0], sig[1]) >= started - RACY_NS}
        # What a build's first read of the content folder may take instead of a stat of its own.
        self.content = {path: (sig[0], sig[2], sig[3]) for path, sig in read.items()}
        # A cache that cannot be used is built without, said in one line, never fatal.
        self.note = unusable(self.folder)
        self._record: tuple[LastBuild | None] | None = None
        self._state: Callable[[], OutputState] | None = None
        self._last: tuple[LastBuild | None, OutputState | None] | None = None
        self._safe: set[str] = set()  # output paths found safe (is_safe) already

    def recorded(self) -> LastBuild | None:
        """The record of the last build."""
        if self._record is None:
            self._record = (self.record.load() if self.note is None else None,)
        return self._record[0]

    def last(self) -> tuple[LastBuild | None, OutputState | None]:
        """The record of the last build, and the output folder against it."""
        if self._last is None:
            last = self.recorded()
            state = None if last is None else self._state() if self._state is not None else \
                output_state(last, self.options.output)
            self._last = (last, state)
        return self._last

    def unchanged(self) -> LastBuild | None:
        """The last build's record when a build now would write the very same files. When an
        input changed, the look at the output folder (stat calls for every file) is started
        in a process of its own, for the build to use."""
        last = self.recorded()
        if last is None:
            return None
        if self.options.drafts or last.options != self.options_key or last.inputs != self.inputs:
            if self._state is None and self._last is None:
                out = self.options.output
                self._state = later(lambda: output_state(last, out))
            return None
        state = self.last()[1]
        now = parse_now(self.options.now, ZoneInfo(last.summary["zone"]))
        return last if state is not None and still_holds(last, self.options_key, self.inputs, state, now) else None

    def exact(self) -> bool:
        """The output folder is just as the last build left it."""
        state = self.last()[1]
        return state is not None and state.exact

    def intact(self, token: str | None) -> frozenset[str] | None:
        """The output files the kept memory named `token` may reuse: those still as written."""
        last, state = self.last()
        if last is None or state is None or token is None or last.token != token:
            return None
        return state.intact

    def unchanged_result(self, started: float) -> BuildResult | None:
        """What a build begun at `started` (perf_counter) reports when the cache shows nothing
        changed, or None."""
        last = self.unchanged()
        if last is None:
            return None
        until = last.summary.get("next_scheduled")
        return BuildResult(site=None, files=last.summary["files"], stats=None, seconds=time.perf_counter() - started,
                           notes=tuple(last.summary["notes"]), releases=last.summary["releases"],
                           scheduled=last.summary["scheduled"], unchanged_build=True,
                           next_scheduled=None if until is None else
                           datetime.fromtimestamp(until, ZoneInfo(last.summary["zone"])),
                           next_change=None if last.published_until is None else
                           datetime.fromtimestamp(last.published_until, ZoneInfo(last.summary["zone"])))

    def spare(self, verified: bool = True) -> Spare | None:
        """The site before last, kept in the cache folder to stage the next one in; None when
        the cache folder is on another file system than the output (no hard links across).
        Its `live` files are those still as written (or, not `verified`, as recorded)."""
        folder = self.folder / f"site-{self.output_key}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.options.output.parent.mkdir(parents=True, exist_ok=True)
            if os.stat(self.folder).st_dev != os.stat(self.options.output.parent).st_dev:
                return None
        except OSError:
            return None
        if verified:
            last, state = self.last()
            live = None if last is None or state is None else {rel: last.files[rel][0] for rel in state.intact}
        else:
            last = self.recorded()
            live = None if last is None else {rel: signature[0] for rel, signature in last.files.items()}
        holds = self._holdings.load()
        return Spare(folder, holds if isinstance(holds, dict) and self._all_safe(holds) else None,
                     live if live is not None and self._all_safe(live) else None)

    def _all_safe(self, paths: dict[Any, int]) -> bool:
        """Every path is one inside the output folder. The spare's and the live site's are
        mostly the same paths, asked twice a build: each is checked once."""
        unchecked = paths.keys() - self._safe
        if not all(map(is_safe, unchecked)):
            return False
        self._safe |= unchecked
        return True

    def spare_holds(self, holds: dict[str, int] | None) -> None:
        """Record what the spare holds now; None: nothing is known (it is about to change)."""
        if holds is None:
            self._holdings.path.unlink(missing_ok=True)
        else:
            self._holdings.save(holds)

    def save_record(self, site: Site, files: Iterable[str], notes: tuple[str, ...], token: str | None,
                    stats: WriteStats | None) -> None:
        """What this build read and wrote: taken once the site is written (`stats` says which
        files were written anew, and what the spare holds now)."""
        files = list(files)
        last, state = self.last()
        fresh = set(stats.fresh) if stats is not None else set(files)
        known = {rel: last.files[rel] for rel in state.intact if rel not in fresh} if last and state else {}
        signatures, folders = output_signatures(self.options.output, files, known,
                                                last.folders if last is not None else ())
        spare = stats.spare if stats is not None else ""
        if spare == "this":
            self.spare_holds({rel: signature[0] for rel, signature in signatures.items()})
        elif spare == "previous" and last is not None and state is not None and state.exact:
            self.spare_holds({rel: signature[0] for rel, signature in last.files.items()})
        # From the next release due or event over on, a build shows more; before the newest
        # release published or event over, less.
        published = [r.date for r in site.releases] + ([site.last_event_end] if site.last_event_end else [])
        self.record.save(LastBuild(
            options=self.options_key, inputs=self.inputs, racy=self.racy, files=signatures, folders=folders, token=token,
            published_until=site.next_due.timestamp() if site.next_due else None,
            published_since=max(published).timestamp() if published else None,
            summary={"files": len(files), "notes": list(notes), "releases": len(site.releases),
                     "scheduled": len(site.scheduled), "zone": site.config.site.timezone,
                     "next_scheduled": site.next_scheduled.timestamp() if site.next_scheduled else None}))


def unusable(folder: Path) -> str | None:
    """Why the cache cannot be used (a file where its folder should be, a folder or a named pipe
    where a file should be), as a note; None when it can."""
    for path in (folder.parent, folder):
        if os.path.lexists(path) and not path.is_dir():
            return cache_note(f"{path} is not a folder")
    try:
        entries = list(os.scandir(folder)) if folder.is_dir() else []
    except OSError as exc:
        return cache_note(f"{folder} cannot be read: {exc.strerror}")
    for entry in entries:
        path = Path(entry.path)
        if path.suffix in (".pickle", ".sqlite") and not entry.is_file(follow_symlinks=False):
            return cache_note(f"{path} is not a file")
        if path.name.startswith(("site-", "templates-")) and not path.suffix and \
                not entry.is_dir(follow_symlinks=False):
            return cache_note(f"{path} is not a folder")
    return None


def cache_note(reason: str) -> str:
    return f"note: the build cache cannot be used ({reason}): built without it; remove it to start afresh"

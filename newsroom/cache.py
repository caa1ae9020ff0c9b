"""The persistent build cache in .newsroom-cache/build/: checked before it is believed.

Two things are kept. Rendered release bodies by content hash, so a build after an edit renders
one Markdown body, not ten thousand. And a record of the last build: the signature of every
input and output file, so a build with nothing changed is recognised without rendering or
writing anything. Both carry a checksum and the versions of the code that made them; anything
unreadable, corrupt, from other code or racing a save is ignored and the cache rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable
from zoneinfo import ZoneInfo

from newsroom import __version__
from newsroom.project import BUNDLED_THEMES, LUNR_FILE, BuildOptions, BuildResult, parse_now

if TYPE_CHECKING:
    from newsroom.site import Site

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("markdown", "jinja2", "feedgen", "lunr", "pyyaml")
RACY_NS = 100_000_000  # a file changed this close to the build's start may change again unseen


def code_version() -> str:
    """Newsroom's own files and the libraries that shape its output: other code, other cache."""
    parts = [__version__, sys.version]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=none")
    parts += [f"{sig}" for sig in tree_signatures(PACKAGE) if not sig[0].endswith(".pyc")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def tree_signatures(root: Path) -> list[tuple[str, int, int, int, int]]:
    """(path, mtime, ctime, size, inode) of every file under root: a change to any shows."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            found.append((path, st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
    return found


def _sealed(kind: str, version: str, payload: bytes) -> bytes:
    header = json.dumps({"kind": kind, "version": version,
                         "sha256": hashlib.sha256(payload).hexdigest()}).encode()
    return header + b"\n" + payload


def _unsealed(path: Path, kind: str, version: str) -> bytes | None:
    """The payload when the file is whole and made by this code for this purpose; else None."""
    try:
        data = path.read_bytes()
        header_bytes, payload = data.split(b"\n", 1)
        header = json.loads(header_bytes)
    except (OSError, ValueError):
        return None
    ok = (isinstance(header, dict) and header.get("kind") == kind and header.get("version") == version
          and header.get("sha256") == hashlib.sha256(payload).hexdigest())
    return payload if ok else None


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside, then rename: a killed build leaves the old cache or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    scratch.write_bytes(data)
    os.replace(scratch, path)


class _KnownUnpickler(pickle.Unpickler):
    """Loads builtins and the few value classes we store: a cache file can never name code to run."""

    ALLOWED = {("newsroom.content", "Release"), ("newsroom.markup", "RenderedBody"),
               ("newsroom.markup", "Section"), ("pathlib", "PosixPath"), ("datetime", "datetime"),
               ("datetime", "timezone"), ("datetime", "timedelta"), ("zoneinfo", "ZoneInfo")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("builtins", "getattr"):
            return _zone_getattr  # how a ZoneInfo pickles itself: getattr(ZoneInfo, "_unpickle")
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


def _zone_getattr(owner: Any, name: str) -> Any:
    """getattr for ZoneInfo's own unpickling only: a general getattr would reach any code."""
    if owner is not ZoneInfo or name != "_unpickle":
        raise pickle.UnpicklingError(f"getattr({owner!r}, {name!r}) is not allowed in the cache")
    return ZoneInfo._unpickle


@dataclass(frozen=True)
class Store:
    """Values by content hash, kept on disk between builds: rendered bodies, parsed releases."""

    path: Path
    kind: str
    version: str

    def load(self, expected: type) -> dict[str, Any]:
        """Everything stored when the file is whole, of this code, and holds only `expected` values.

        Read as a stream and checked as it is read: ten thousand bodies are a hundred megabytes,
        which must not be held twice in memory."""
        try:
            with open(self.path, "rb") as file:
                header = json.loads(file.readline())
                if not (isinstance(header, dict) and header.get("kind") == self.kind
                        and header.get("version") == self.version):
                    return {}
                reader = _Hashing(file)
                values = _KnownUnpickler(reader).load()
                reader.read()  # anything after the pickle counts too
        except Exception:  # noqa: BLE001 - whatever is wrong with it, it is not believed
            return {}
        if reader.digest.hexdigest() != header.get("sha256"):
            return {}
        ok = isinstance(values, dict) and all(isinstance(k, str) and type(v) is expected for k, v in values.items())
        return values if ok else {}

    def save(self, values: dict[str, Any]) -> None:
        """Pickled straight into the file, the checksum written into the header last."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        header = {"kind": self.kind, "version": self.version, "sha256": "0" * 64}
        with open(scratch, "wb") as file:
            file.write(json.dumps(header).encode() + b"\n")
            writer = _Hashing(file)
            pickle.dump(dict(sorted(values.items())), writer, pickle.HIGHEST_PROTOCOL)
            header["sha256"] = writer.digest.hexdigest()  # the same length as the zeros it replaces
            file.seek(0)
            file.write(json.dumps(header).encode())
        os.replace(scratch, self.path)


class _Hashing:
    """A file seen through a running SHA-256 of every byte read from or written to it."""

    def __init__(self, file: Any) -> None:
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data

    def readline(self) -> bytes:
        data = self.file.readline()
        self.digest.update(data)
        return data

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.file.write(data)


@dataclass(frozen=True)
class LastBuild:
    """What the last build read and wrote, and for which span of "now" its output holds."""

    inputs: str
    outputs: str
    published_until: float | None  # the next scheduled release: from then on, more is published
    published_since: float | None  # the newest published release: before it, less is
    summary: dict[str, Any]


@dataclass(frozen=True)
class BuildRecord:
    """The record of the last build on disk, and the signatures it is compared with."""

    path: Path
    version: str

    def inputs(self, options_key: str, roots: Iterable[Path], files: Iterable[Path],
               started_ns: int) -> str | None:
        """A digest of every input's signature; None when one changed too recently to be sure."""
        digest = hashlib.sha256(options_key.encode())
        signatures = [sig for root in roots for sig in tree_signatures(root)]
        for path in files:
            try:
                st = os.stat(path)
                signatures.append((str(path), st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
            except OSError:
                signatures.append((str(path), 0, 0, -1, 0))
        for sig in signatures:
            if max(sig[1], sig[2]) >= started_ns - RACY_NS:
                return None
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
        payload = _unsealed(self.path, "last-build", self.version)
        try:
            return LastBuild(**json.loads(payload)) if payload is not None else None
        except (TypeError, ValueError):
            return None

    def save(self, last: LastBuild) -> None:
        _write_atomically(self.path, _sealed("last-build", self.version,
                                             json.dumps(last.__dict__, sort_keys=True).encode()))

    def clear(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def still_holds(last: LastBuild, inputs: str | None, out_dir: Path, now: datetime) -> bool:
    """Would a build now write exactly what the last one did?"""
    if inputs is None or last.inputs != inputs:
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
        self.inputs = None if options.drafts else self.record.inputs(
            repr((options.root.resolve(), options.config_path, options.content, options.output.resolve(),
                  options.theme, options.base_url)),
            (options.content, options.root / "themes", BUNDLED_THEMES),
            (options.config_file, options.root / LUNR_FILE, PACKAGE.parent / LUNR_FILE), time.time_ns())
        self._unchanged: tuple[LastBuild | None] | None = None

    def unchanged(self) -> LastBuild | None:
        """The last build's record when a build now would write the very same files."""
        if self._unchanged is None:
            last = self.record.load() if self.inputs is not None else None
            if last is not None:
                now = parse_now(self.options.now, ZoneInfo(last.summary["zone"]))
                last = last if still_holds(last, self.inputs, self.options.output, now) else None
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
        self.bodies.save(bodies)
        self.releases.save(releases)

    def save_record(self, site: Site, files: int, notes: tuple[str, ...]) -> None:
        """What this build read and wrote: taken once the site is written."""
        if self.inputs is None:
            self.record.clear()
            return
        published = [r.date for r in site.releases]
        self.record.save(LastBuild(
            inputs=self.inputs, outputs=BuildRecord.outputs(self.options.output),
            published_until=site.next_scheduled.timestamp() if site.next_scheduled else None,
            published_since=max(published).timestamp() if published else None,
            summary={"files": files, "notes": list(notes), "releases": len(site.releases),
                     "scheduled": len(site.scheduled), "zone": site.config.site.timezone}))

"""Values kept on disk between builds, believed only when whole and made by this very code.

Each file carries a checksum and the version of the code (and libraries) that made it; a
file that is unreadable, corrupt, from other code, or names a class it should not, is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from newsroom import __version__
from newsroom.util.files import open_regular

PACKAGE = Path(__file__).resolve().parent.parent  # all of newsroom/
LIBRARIES = ("markdown", "jinja2", "feedgen", "lunr", "pyyaml")


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


def sealed(kind: str, version: str, payload: bytes) -> bytes:
    header = json.dumps({"kind": kind, "version": version,
                         "sha256": hashlib.sha256(payload).hexdigest()}).encode()
    return header + b"\n" + payload


def unsealed(path: Path, kind: str, version: str) -> bytes | None:
    """The payload when the file is whole and made by this code for this purpose; else None."""
    try:
        with open_regular(path) as file:
            data = file.read()
        header_bytes, payload = data.split(b"\n", 1)
        header = json.loads(header_bytes)
    except (OSError, ValueError):
        return None
    ok = (isinstance(header, dict) and header.get("kind") == kind and header.get("version") == version
          and header.get("sha256") == hashlib.sha256(payload).hexdigest())
    return payload if ok else None


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside, then rename: a killed build leaves the old cache or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    with _scratch(scratch):
        scratch.write_bytes(data)
        os.replace(scratch, path)


@contextmanager
def _scratch(scratch: Path) -> Iterator[None]:
    """A file being written that fails (a full disk) is removed, not left in the cache."""
    try:
        yield
    except OSError:
        with suppress(OSError):
            scratch.unlink()
        raise


class _KnownUnpickler(pickle.Unpickler):
    """Loads builtins and the few value classes we store: a cache file can never name code to run."""

    ALLOWED = {("newsroom.stages.content", "Release"), ("newsroom.stages.markup", "RenderedBody"),
               ("newsroom.stages.markup", "Section"), ("pathlib", "PosixPath"), ("datetime", "datetime"),
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
            with open_regular(self.path) as file:
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
        with _scratch(scratch):
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



"""Values kept on disk between builds, believed only when whole and made by this very code.

Each file carries a checksum and the version of the code (and libraries) that made it; a
file that is unreadable, corrupt, from other code, or names a class it should not, is ignored.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import json
import os
import pickle
import sys
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PosixPath
from typing import Any, Callable, Iterator
from zoneinfo import ZoneInfo

from newsroom import __version__
from newsroom.util.files import open_regular

PACKAGE = Path(__file__).resolve().parent.parent  # all of newsroom/
LIBRARIES = ("markdown", "jinja2", "markupsafe", "feedgen", "lxml", "lunr", "pyyaml", "icalendar")


def code_version() -> str:
    """Newsroom's own files and the libraries that shape its output: other code, other cache."""
    parts = [__version__, sys.version, *installed(LIBRARIES)]
    parts += [f"{sig}" for sig in tree_signatures(PACKAGE) if not sig[0].endswith(".pyc")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def installed(names: tuple[str, ...]) -> list[str]:
    """The installed distributions of these names, as their metadata folders are named
    (`jinja2-3.1.6.dist-info`): a listing of sys.path, not importlib.metadata, which costs a
    build with nothing to do a tenth of its time."""
    found = []
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith((".dist-info", ".egg-info")):
                name = entry.split("-", 1)[0].lower().replace(".", "_")
                if name in names:
                    found.append(f"{folder}/{entry}")
    return sorted(found)


def tree_signatures(root: Path) -> list[tuple[str, int, int, int, int]]:
    """(absolute path, mtime, ctime, size, inode) of every file under root: a change to any shows."""
    found = []
    for folder, dirs, files in os.walk(os.path.abspath(root)):
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


def _path_as_text(path: PosixPath) -> tuple[type[PosixPath], tuple[str]]:
    """A path is kept as one string: made again from it, not from each of its parts, it costs
    a third of the time to restore (ten thousand releases' paths: 50 ms -> 20 ms)."""
    return type(path), (str(path),)


PICKLED_AS = {**copyreg.dispatch_table, PosixPath: _path_as_text}


class KnownUnpickler(pickle.Unpickler):
    """Loads builtins and the few value classes we store: a cache file can never name code to run."""

    ALLOWED = {("newsroom.stages.content", "Release"), ("newsroom.stages.markup", "RenderedBody"),
               ("newsroom.stages.markup", "Section"), ("newsroom.stages.site", "ReleaseView"),
               ("newsroom.stages.site", "TagRef"), ("newsroom.stages.config", "Config"),
               ("newsroom.stages.config", "SiteConfig"), ("newsroom.stages.config", "CompanyConfig"),
               ("newsroom.stages.config", "Contact"), ("newsroom.stages.config", "AlertsConfig"),
               ("newsroom.stages.theme", "Theme"),
               ("newsroom.stages.search", "Period"), ("newsroom.cache.documents", "ShardKept"),
               ("newsroom.cache.disk", "Plan"), ("newsroom.stages.attachments", "Attachment"),
               ("newsroom.stages.media", "Picture"), ("newsroom.stages.media", "Download"),
               ("newsroom.stages.media", "Resized"), ("newsroom.stages.events", "Event"),
               ("pathlib", "PosixPath"), ("datetime", "datetime"), ("datetime", "timezone"),
               ("datetime", "timedelta"), ("zoneinfo", "ZoneInfo")}

    made_here: Callable[..., Any] | None = None  # makes what Store.save kept by reference

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "made_here") and self.made_here is not None:
            return self.made_here
        if (module, name) == ("builtins", "getattr"):
            return _zone_getattr  # how a ZoneInfo pickles itself: getattr(ZoneInfo, "_unpickle")
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


def made_here(*reference: Any) -> Any:
    """What a value kept by reference is unpickled with, unless the loader makes it (Store.load)."""
    raise pickle.UnpicklingError("a value kept by reference, and nothing to make it with")


def by_reference(reference: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], tuple[Any, ...]]:
    """A reduction for Store.save: the value is kept as `reference(value)` (a body as its key),
    and made again by the `made_here` given to Store.load."""
    return lambda value: (made_here, reference(value))


def without(**blank: Any) -> Callable[[Any], tuple[Any, ...]]:
    """A reduction for Store.save: the value (with a __dict__) pickled as pickle pickles it, but
    with these attributes blanked (a release without its body), and no copy of it made."""
    return lambda value: (copyreg.__newobj__, (type(value),), {**vars(value), **blank})


def _zone_getattr(owner: Any, name: str) -> Any:
    """getattr for ZoneInfo's own unpickling only: a general getattr would reach any code."""
    if owner is not ZoneInfo or name != "_unpickle":
        raise pickle.UnpicklingError(f"getattr({owner!r}, {name!r}) is not allowed in the cache")
    return ZoneInfo._unpickle


@dataclass(frozen=True)
class Store:
    """One value kept on disk between builds, believed only when whole, of this very code, and
    made of the value classes we store (KnownUnpickler)."""

    path: Path
    kind: str
    version: str

    def load(self, made_here: Callable[..., Any] | None = None) -> Any | None:
        """The value, or None when the file is missing, damaged or of other code. `made_here`
        makes the values `save` kept by reference (by_reference)."""
        payload = unsealed(self.path, self.kind, self.version)
        if payload is None:
            return None
        unpickler = KnownUnpickler(io.BytesIO(payload))
        unpickler.made_here = made_here
        try:
            return unpickler.load()
        except Exception:  # noqa: BLE001 - whatever is wrong with it, it is not believed
            return None

    def save(self, value: Any, reduced: dict[type, Callable[[Any], tuple[Any, ...]]] | None = None) -> None:
        """Written beside and renamed: a killed build leaves the old file or the new one. A value
        of a type in `reduced` is pickled as its function says (see by_reference, without).
        A dispatch table is consulted for these types only: a persistent_id function would be
        called for every object, a million of them in a bucket."""
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = {**PICKLED_AS, **(reduced or {})}
        pickler.dump(value)
        write_atomically(self.path, sealed(self.kind, self.version, buffer.getvalue()))

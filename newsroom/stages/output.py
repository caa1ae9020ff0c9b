"""Write the site: stage it beside the output folder, then swap it into place.

A failed or killed build therefore never leaves a half-written site, and files
whose bytes did not change are hard links to the old ones, not rewrites.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from newsroom.errors import OutputError
from newsroom.stages.sources import Kept, Packed, Source, Spooled
from newsroom.stages.spare import Spare, bring_up_to_date, mirror
from newsroom.util.files import make_folders
from newsroom.util.parallel import fork_map

MARKER = ".newsroom-site"
MARKER_TEXT = "This folder is written by Newsroom; it is replaced on every build.\n"
PREVIEW_TEXT = "It is a preview with drafts and scheduled releases: never publish it.\n"
# Folders beside the output (.site.staging, .site.old, .site.spool.N) carry the marker too: only
# a folder that does is ever removed.
WORK_TEXT = "Newsroom's work in progress beside the output folder; removed when the build ends.\n"


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    spare: str = ""  # what the spare holds now: the "previous" site, "this" one, or no spare ("")
    fresh: tuple[str, ...] = ()  # the files written anew (the others are the old site's, linked)


# Parts that are not empty, "." or "..", with no NUL or backslash, and no ":" in the first (one
# match per path: a build checks every path it writes or believes from its record).
_SAFE_PATH = re.compile(r"(?!\.\.?(?:/|\Z))[^/\\\x00:]+(?:/(?!\.\.?(?:/|\Z))[^/\\\x00]+)*\Z")


def safe_relpath(rel: str) -> str:
    """Refuse any output path that could leave the output folder."""
    if not _SAFE_PATH.match(rel):
        raise OutputError(f"refusing unsafe output path {rel!r}")
    return rel


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """One build at a time per output folder; the second is told so, not queued."""
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a")
    except OSError as exc:
        raise unwritable(exc, out_dir.parent) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"another build is writing {out_dir} right now; "
                              "wait for it to finish and try again") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def unwritable(exc: OSError, folder: Path) -> OutputError:
    """A full disk, or a read-only or forbidden folder, while writing: which folder and why, in one line."""
    name = ""
    if exc.filename:
        path = Path(os.fsdecode(exc.filename))
        folder, name = path.parent, f" ({path.name})"
    return OutputError(f"cannot write into {folder}/: {exc.strerror or exc}{name}")


def check_output_dir(out_dir: Path, preview: bool = False) -> None:
    """Only ever replace a folder Newsroom made, so `--output .` cannot wipe a project;
    and never write a preview that shows drafts into a published site."""
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise OutputError(f"output {out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise OutputError(f"output folder {out_dir} is not empty and was not built by Newsroom; "
                          "choose another --output or empty it")
    if preview and (published := published_folder(out_dir)) is not None:
        raise OutputError(published_message(out_dir, published))


def published_folder(out_dir: Path, site_dir: Path | None = None) -> Path | None:
    """The published folder that `out_dir` is or lies in, or None: `site_dir` (the project's
    ./site, where a deploy takes the site from) or any folder holding a published build. Paths
    are compared as the file system resolves them (links, `..`, another mount of the same
    folder), never as spelled. Every command asks this before a preview with drafts writes."""
    target = Path(os.path.realpath(out_dir))
    site = Path(os.path.realpath(site_dir)) if site_dir is not None else None
    site_id = _identity(site) if site is not None else None
    for folder in (target, *target.parents):
        if site is not None and (folder == site or (site_id is not None and _identity(folder) == site_id)):
            return site_dir
        marker = folder / MARKER
        if marker.is_file() and PREVIEW_TEXT not in marker.read_text(errors="replace"):
            return out_dir if folder == target else folder
    return None


def published_message(out_dir: Path, published: Path) -> str:
    where = "holds a published site" if published == out_dir else f"lies inside the published site {published}"
    return (f"output folder {out_dir} {where}; a preview with drafts never writes into one: "
            "choose another --output")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def write_site(out_dir: Path, files: Mapping[str, Source], preview: bool = False, jobs: int = 1,
               laid_out: Path | None = None, spare: Spare | None = None, locked: bool = False) -> WriteStats:
    """Replace out_dir with exactly `files` (relative path → bytes or source file). Ten thousand
    pages are ten thousand folders to make: `jobs` processes stage them side by side.

    `laid_out` is a folder where some of `files` already sit at their own paths (pages, written
    there by the processes that rendered them): it becomes the staging folder whole, so those
    files are neither copied nor moved. With a `spare` (spare.py), the site before last is
    staged in instead, and the site replaced is kept as the next spare, not removed. `locked`:
    the caller holds output_lock already."""
    for rel in files:
        safe_relpath(rel)
    with output_lock(out_dir) if not locked else nullcontext():
        _recover(out_dir)
        check_output_dir(out_dir, preview)
        try:
            if spare is not None and (spare.holds or (spare.holds is None and spare.folder.is_dir())):
                staging = spare.folder
                new = bring_up_to_date(spare, out_dir, files, jobs)
                removed = sum(1 for _ in _old_files(out_dir, files)) if spare.live is None else \
                    sum(1 for rel in spare.live if rel not in files)
            else:
                staging = spare.folder if spare is not None else out_dir.parent / f".{out_dir.name}.staging"
                new = _stage(staging, out_dir, files, jobs, laid_out)
                removed = sum(1 for _ in _old_files(out_dir, files))
            (staging / MARKER).unlink(missing_ok=True)
            (staging / MARKER).write_text(MARKER_TEXT + (PREVIEW_TEXT if preview else ""))
        except OSError as exc:
            if spare is None:
                with suppress(OSError, OutputError):
                    _remove(staging)  # a full disk gets its space back
            raise unwritable(exc, staging) from None
        replaced = out_dir.exists()
        _swap(staging, out_dir, keep=spare is not None)
        if spare is None:
            _remove(staging)
        elif not replaced:
            mirror(out_dir, spare.folder, sorted(files), jobs)
    return WriteStats(written=sum(new), unchanged=len(new) - sum(new), removed=removed,
                      spare="" if spare is None else "previous" if replaced else "this",
                      fresh=tuple(rel for rel, written in zip(sorted(files), new) if written))


def _stage(staging: Path, out_dir: Path, files: Mapping[str, Source], jobs: int, laid_out: Path | None) -> list[bool]:
    """Stage every file in a new folder (the spool, when pages are laid out there already), marked
    as Newsroom's from its first moment; True for each file whose bytes are new."""
    _remove(staging)
    staging.parent.mkdir(parents=True, exist_ok=True)
    if laid_out is not None and laid_out.is_dir():
        os.rename(laid_out, staging)
    else:
        _make_ours(staging)
    in_place = os.path.join(laid_out, "") if laid_out is not None else None

    def placed(rel: str, source: Source) -> bool:
        return in_place is not None and isinstance(source, Spooled) and os.fspath(source) == in_place + rel

    make_folders(staging, {os.path.dirname(rel) for rel, source in files.items() if not placed(rel, source)})

    def stage(item: tuple[str, Source]) -> bool:
        rel, source = item
        if placed(rel, source):
            return _staged_already(staging / rel, out_dir / rel)
        return _stage_file(staging / rel, out_dir / rel, source)

    return fork_map(stage, sorted(files.items()), jobs)


def _recover(out_dir: Path) -> None:
    """Repair what a build killed while swapping left behind: the previous site goes back in
    place; a half-staged site goes."""
    old = out_dir.parent / f".{out_dir.name}.old"
    if not out_dir.exists() and (old / MARKER).is_file():
        os.rename(old, out_dir)
    _remove(old)
    _remove(out_dir.parent / f".{out_dir.name}.staging")


def _staged_already(target: Path, old: Path) -> bool:
    """A file written in place: when the old site has the same bytes, link the old one instead
    (its date stays, and a deploy tool sees nothing to upload); True when its bytes are new."""
    try:
        if old.is_file() and not old.is_symlink() and _same_bytes(old, target):
            os.unlink(target)
            os.link(old, target)
            return False
    except OSError:
        if not target.exists():
            raise
    return True


def _stage_file(target: Path, old: Path, source: Source) -> bool:
    """Stage one file (its folder made already); return True when its bytes are new."""
    if isinstance(source, Kept):
        os.link(old, target)
        return False
    data = source.unpack() if isinstance(source, Packed) else source if isinstance(source, bytes) else None
    try:
        if old.is_file() and not old.is_symlink():
            same = _same_bytes(old, data if data is not None else source)  # type: ignore[arg-type]
            if same:
                os.link(old, target)
                return False
    except OSError:
        pass
    if isinstance(source, Spooled):
        os.replace(source, target)
    elif data is None:
        shutil.copyfile(source, target)  # type: ignore[arg-type]
    else:
        target.write_bytes(data)
    return True


def _same_bytes(old: Path, new: bytes | Path) -> bool:
    size = len(new) if isinstance(new, bytes) else new.stat().st_size
    if old.stat().st_size != size:
        return False
    return old.read_bytes() == (new if isinstance(new, bytes) else new.read_bytes())


def _old_files(out_dir: Path, files: Mapping[str, Source]) -> Iterator[str]:
    if not out_dir.is_dir():
        return
    for path in out_dir.rglob("*"):
        rel = path.relative_to(out_dir).as_posix()
        if path.is_file() and rel != MARKER and rel not in files:
            yield rel


def _swap(staging: Path, out_dir: Path, keep: bool = False) -> None:
    """Exchange the two folders in one step where the OS allows it. The site replaced ends up
    at `staging`: removed by the caller, or kept (`keep`) as the next build's spare."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _rename_exchange(staging, out_dir):
        return
    old = out_dir.parent / f".{out_dir.name}.old"
    _remove(old)
    os.rename(out_dir, old)
    os.rename(staging, out_dir)
    if keep:
        os.rename(old, staging)
    else:
        _remove(old)


def _rename_exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): both names always point at a complete folder."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OutputError(f"cannot swap {a} into {b}: {os.strerror(ctypes.get_errno())}")


def _make_ours(folder: Path) -> None:
    """A folder beside the output, marked at once as Newsroom's, so a later build may remove it."""
    folder.mkdir()
    (folder / MARKER).write_text(WORK_TEXT)


def _is_ours(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file()


def _remove(path: Path) -> None:
    """Remove a folder Newsroom made beside the output (it carries the marker, taken last, so a
    build killed part-way leaves it marked); anything else of that name is left and named."""
    if not os.path.lexists(path):
        return
    if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
        path.rmdir()  # nothing in it to lose: the empty folder an output started as, say
        return
    if not _is_ours(path):
        raise OutputError(f"{path} is in the way: Newsroom did not make it (there is no {MARKER} in "
                          "it), so it was left as it is; move or rename it and build again")
    for child in path.iterdir():
        if child.name != MARKER:
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    (path / MARKER).unlink()
    path.rmdir()


def spool_folder(out_dir: Path) -> Path:
    """Where this process renders pages before they are staged: named for it, beside the output."""
    return out_dir.parent / f".{out_dir.name}.spool.{os.getpid()}"


def make_spool(out_dir: Path) -> Path:
    """This process's spool folder, new and marked as Newsroom's."""
    spool = spool_folder(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove(spool)  # left by a killed process that had this number before
        _make_ours(spool)
    except OSError as exc:
        raise unwritable(exc, spool) from None
    return spool


def spool_files(spool: Path, files: Mapping[str, bytes]) -> dict[str, Spooled]:
    """Write files into the spool at their own paths, for write_site to stage the spool whole:
    the process that made them hands back paths, not megabytes (a search shard's files)."""
    spooled = {}
    for rel, data in files.items():
        path = os.path.join(spool, safe_relpath(rel))
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as file:
                file.write(data)
        except OSError as exc:  # a full disk: say where, in one line
            raise unwritable(exc, Path(os.path.dirname(path))) from None
        spooled[rel] = Spooled(path)
    return spooled


def remove_spool(spool: Path) -> None:
    """This process's spool, once the site is written (it became the staging folder) or the build failed."""
    with suppress(OSError, OutputError):
        _remove(spool)


def remove_dead_spools(out_dir: Path) -> None:
    """Spool folders of builds that were killed: each is named for its process, which is gone."""
    for folder in out_dir.parent.glob(f".{out_dir.name}.spool.*"):
        try:
            os.kill(int(folder.name.rsplit(".", 1)[1]), 0)
        except ProcessLookupError:
            _remove(folder)
        except (ValueError, PermissionError):
            continue

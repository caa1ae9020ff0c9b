"""The site before last, kept to stage the next build in: a build costs what changed.

write_site stages a whole site beside the output folder and swaps it in (output.py). Staging
ten thousand pages makes ten thousand folders, and removing the old site after the swap
deletes as many: seconds, for a build that changed one release. A build with a cache keeps
the old site instead (the spare, in the cache folder), and the next build stages in it: its
files are hard links to the live site's where they did not change, so bringing it up to date
touches only the files that differ, and the swap leaves the site just replaced as the next
spare. The site is still replaced whole, in one step.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from newsroom.stages.sources import Kept, Packed, Source, Spooled
from newsroom.util.files import make_folders
from newsroom.util.parallel import fork_map


@dataclass(frozen=True)
class Spare:
    """Where the spare is kept (on the output's file system), and what it holds."""

    folder: Path
    holds: dict[str, int] | None  # each file by path: its inode, as recorded; None: unknown, look
    live: dict[str, int] | None  # each file of the output folder still as the last build wrote it:
    #                              its inode; None: unknown (every file is compared with the new one)


def holdings(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its inode: one listing per folder, no stat calls."""
    found: dict[str, int] = {}
    pending = [""]
    while pending:
        rel = pending.pop()
        with os.scandir(os.path.join(folder, rel)) as entries:
            for entry in entries:
                path = f"{rel}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path + "/")
                else:
                    found[path] = entry.inode()
    return found


def bring_up_to_date(spare: Spare, out_dir: Path, files: Mapping[str, Source], jobs: int) -> list[bool]:
    """Make the spare hold exactly `files`: a file unchanged since the live site's is that very
    file (a hard link), others are written anew (never in place: the spare's old file may be
    the live one). One bool per file, sorted by path: True when its bytes are new."""
    holds = spare.holds if spare.holds is not None else holdings(spare.folder)
    staged, live = os.path.join(spare.folder, ""), os.path.join(out_dir, "")
    gone = sorted(rel for rel in holds if rel not in files)
    for rel in gone:
        _unlink(staged + rel)
    _prune(spare.folder, gone)

    def place(item: tuple[str, Source]) -> bool:
        rel, source = item
        target, have = staged + rel, holds.get(rel)
        if isinstance(source, Kept):
            if spare.live is None or have != spare.live.get(rel):
                _link(live + rel, target, have is not None)
            return False
        if isinstance(source, Spooled) and os.fspath(source) == target:
            return True  # written in place by the process that rendered it
        old = _inode(live + rel) if spare.live is None else spare.live.get(rel)
        if old is not None and _same(live + rel, source):
            if have != old:
                _link(live + rel, target, have is not None)
            return False
        if have is None or not make_room(target):
            os.makedirs(os.path.dirname(target) or staged, exist_ok=True)
        _write(target, source)
        return True

    return fork_map(place, sorted(files.items()), jobs, least=64)


def follow(spare: Spare, out_dir: Path) -> dict[str, int]:
    """Make the spare hold the live site's files as recorded (`spare.live`), each the very file
    (a hard link); what it holds then. A recorded file gone from the live site is left out."""
    assert spare.live is not None
    holds = spare.holds if spare.holds is not None else holdings(spare.folder)
    staged, live = os.path.join(spare.folder, ""), os.path.join(out_dir, "")
    gone = sorted(rel for rel in holds if rel not in spare.live)
    for rel in gone:
        _unlink(staged + rel)
    _prune(spare.folder, gone)
    held = {}
    for rel, inode in spare.live.items():
        have = holds.get(rel)
        if have == inode or have is not None and _own(staged + rel):
            held[rel] = inode if have == inode else have  # the spare's own file waits: it may be written over
            continue
        try:
            _link(live + rel, staged + rel, rel in holds)
            held[rel] = os.stat(staged + rel).st_ino
        except FileNotFoundError:
            _unlink(staged + rel)
    return held


def make_room(target: str) -> bool:
    """Before a file of the spare is written: True when it is the spare's own (one link, not
    the live site's), to be written over in place; else it is removed (a file the live site
    shares is never written). Writing over spares the file system freeing a file and making
    another, which it does slowly once it has freed many."""
    if _own(target):
        return True
    _unlink(target)
    return False


def write_over(path: str, data: bytes) -> None:
    """Write `data` into the file at `path` (the spare's own, as make_room found it, or none)
    over its old bytes, then cut what is left: truncating first frees its blocks for the
    write to take others, and on a file system mounted with `discard` that costs about a
    millisecond a file (1,400 list pages: 0.6-2 s, against 0.05 s written over)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.ftruncate(fd, len(data))
    finally:
        os.close(fd)


def _own(path: str) -> bool:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_nlink == 1


def mirror(out_dir: Path, folder: Path, files: list[str], jobs: int) -> None:
    """A spare where there is none: the live site's files, linked into `folder`."""
    live, staged = os.path.join(out_dir, ""), os.path.join(folder, "")
    os.makedirs(folder, exist_ok=True)
    make_folders(folder, {os.path.dirname(rel) for rel in files})

    def link(rel: str) -> None:
        _link(live + rel, staged + rel, False)

    fork_map(link, files, jobs, least=64)


def _inode(path: str) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def same_bytes(path: str, data: bytes) -> bool:
    """Does the file at `path` hold `data`?"""
    return _same(path, data)


def _same(path: str, source: Source) -> bool:
    """Does the file at `path` hold these bytes?"""
    data = source.unpack() if isinstance(source, Packed) else source if isinstance(source, bytes) else None
    try:
        if data is None:
            assert isinstance(source, Path)
            if os.stat(path).st_size != os.stat(source).st_size:
                return False
            data = source.read_bytes()
        elif os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as file:
            return file.read() == data
    except OSError:
        return False


def _write(target: str, source: Source) -> None:
    if isinstance(source, Spooled):
        os.replace(source, target)
    elif isinstance(source, Path):
        shutil.copyfile(source, target)
    else:
        write_over(target, source.unpack() if isinstance(source, Packed) else source)  # type: ignore[arg-type]


def _link(source: str, target: str, replace: bool) -> None:
    if replace:
        _unlink(target)
    try:
        os.link(source, target)
    except FileExistsError:  # the record of the spare was behind: what is there goes
        _unlink(target)
        os.link(source, target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        shutil.rmtree(path)


def _prune(root: Path, removed: list[str]) -> None:
    """Remove the folders the removed files leave empty, deepest first."""
    folders = sorted({os.path.dirname(rel) for rel in removed} - {""}, key=lambda f: -f.count("/"))
    for folder in folders:
        while folder:
            try:
                os.rmdir(os.path.join(root, folder))
            except OSError:
                break
            folder = os.path.dirname(folder)

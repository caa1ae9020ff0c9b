"""Reading a file that must be a regular one: a named pipe or a device put in its place is
refused at once, never waited on (opening a pipe for reading blocks until someone writes).
The content-hashed names files are published under, for cache busting. And the folders a
site's files go in, each made once."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Iterable


def open_regular(path: Path | str) -> BinaryIO:
    """The file opened for reading; OSError (EINVAL) when it is no regular file."""
    file = open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb")
    if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
        file.close()
        raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
    return file


def read_regular(path: Path | str) -> bytes:
    """The bytes of a regular file; OSError otherwise."""
    with open_regular(path) as file:
        return file.read()


def file_sha256(path: Path | str) -> str:
    """The sha256 (hex) of a regular file's bytes, read in blocks: an attachment may be large."""
    with open_regular(path) as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def digest_name(rel: str, digest: str) -> str:
    """`style.css` and the sha256 (hex) of its bytes -> `style.3f2a9c1b.css`: a new name
    whenever the bytes change, so a browser may keep a file for good."""
    path = PurePosixPath(rel)
    return str(path.with_name(f"{path.stem}.{digest[:8]}{path.suffix}"))


def make_folders(root: Path | str, folders: Iterable[str]) -> None:
    """Make these folders under `root` (relative paths) and their parents, each with one mkdir,
    parents first: no stat before it, and none made twice, however many files a folder gets.
    Forked workers that write into them then make none (each would only know its own)."""
    base = os.path.join(root, "")
    wanted: set[str] = set()
    for folder in folders:
        while folder and folder not in wanted:
            wanted.add(folder)
            folder = os.path.dirname(folder)
    for folder in sorted(wanted):  # a parent sorts before what it holds
        try:
            os.mkdir(base + folder)
        except FileExistsError:
            pass

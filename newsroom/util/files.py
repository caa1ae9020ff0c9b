"""Reading a file that must be a regular one: a named pipe or a device put in its place is
refused at once, never waited on (opening a pipe for reading blocks until someone writes)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO


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

"""What a file of the site can be made of, on its way to the output folder."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Union


class Spooled(type(Path())):  # type: ignore[misc]
    """A rendered file written to a spool folder beside the output: moved into the site, not copied."""


@dataclass(frozen=True)
class Packed:
    """A rendered page kept compressed: a preview holds every page of the site in memory.
    Equal pages pack to equal bytes, so packed pages compare as their contents do."""

    data: bytes

    @classmethod
    def of(cls, raw: bytes) -> "Packed":
        return cls(zlib.compress(raw, 1))

    def unpack(self) -> bytes:
        return zlib.decompress(self.data)


@dataclass(frozen=True)
class Kept:
    """A file the last build wrote and nothing has changed since (the cache says so, and the
    output folder's record agrees): staged by linking the output folder's own file, unread."""

    rel: str


Source = Union[bytes, Path, Packed, Kept]

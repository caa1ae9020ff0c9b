"""Resized pictures, kept by the digest of the picture and the size made: a build after the
first re-encodes none (Pillow's resizing is most of what a picture costs). Watch mode keeps
them in memory; the command line also in .newsroom-cache/images/, for its next run."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from newsroom.stages.media import Resized, resize
from newsroom.stages.sources import Source

EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}


class ImageCache:
    """Each resized picture made, by what it was made of."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.made: dict[tuple[str, int, int, str], Source] = {}
        self.resized = 0  # pictures encoded by this cache (the others were reused)

    def source(self, item: Resized) -> Source:
        """The resized picture: from memory, from the folder, or made now (and kept)."""
        key = (item.sha256, item.width, item.height, item.image_format)
        found = self.made.get(key)
        if found is not None:
            return found
        path = self.folder / f"{item.sha256}-{item.width}x{item.height}{EXTENSIONS[item.image_format]}" \
            if self.folder is not None else None
        if path is not None and path.is_file() and not path.is_symlink():
            self.made[key] = path
            return path
        data = resize(item)
        self.resized += 1
        self.made[key] = data
        if path is not None:
            self._keep(path, data)
        return data

    def _keep(self, path: Path, data: bytes) -> None:
        """Written beside and renamed into place: a killed build leaves no half picture. A cache
        that cannot be written (a full disk) only costs the next build the resizing."""
        scratch = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch.write_bytes(data)
            os.replace(scratch, path)
        except OSError:
            with suppress(OSError):
                scratch.unlink(missing_ok=True)

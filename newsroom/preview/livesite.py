"""The output folder of a running preview, updated in place: only changed files, each swapped in whole.

`newsroom build` stages a whole site and swaps the folder (output.py); a preview rewrites a
handful of files per save instead. Each file is written to a temporary name beside its target,
then all of them are renamed into place while the caller's lock is held, so a reader holding
the same lock never sees a half-updated site.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Mapping

from newsroom.cache.inputs import Signature, file_signature
from newsroom.stages.output import (
    MARKER,
    MARKER_TEXT,
    PREVIEW_TEXT,
    Packed,
    Source,
    check_output_dir,
    safe_relpath,
    unwritable,
)

TEMP_PREFIX = ".~newsroom-"
# Files only programs read (feeds, search index and its .gz twins, sitemap): open pages need not
# reload for them.
MACHINE_READ = (".xml", ".json", ".txt", ".gz")


@dataclass(frozen=True)
class Update:
    """What one update changed, as output-relative paths."""

    written: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)

    @property
    def shown(self) -> bool:
        """Something a browser tab shows changed: open pages should reload."""
        return any(not rel.endswith(MACHINE_READ) for rel in self.written + self.removed)


class LiveSite:
    """Remembers what it last wrote, so an update compares in memory instead of on disk."""

    def __init__(self, out_dir: Path, lock: threading.Lock, preview: bool = False) -> None:
        self.out_dir = out_dir
        self.lock = lock
        self.marker = MARKER_TEXT + (PREVIEW_TEXT if preview else "")
        self.preview = preview
        self._written: dict[str, bytes | Packed] = {}
        self._copied: dict[str, Signature | None] = {}
        self._known = False

    def open(self) -> None:
        """Refuse a folder Newsroom did not make (or a published one, for drafts); mark ours as
        `newsroom build` does."""
        check_output_dir(self.out_dir, self.preview)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        marker = self.out_dir / MARKER
        if not marker.is_file() or marker.read_text(encoding="utf-8") != self.marker:
            marker.write_text(self.marker, encoding="utf-8")

    def update(self, files: Mapping[str, Source], touched: Collection[Path] = (),
               on_commit: Callable[[Update], None] | None = None) -> Update:
        """Make the folder hold exactly `files`; `touched` names sources to re-read even if
        their signature looks unchanged. `on_commit` runs under the lock, after the renames."""
        for rel in files:
            safe_relpath(rel)
        touched = {os.path.abspath(path) for path in touched}
        # Taken before reading, so a source saved again while we copy is seen next time.
        signatures = {rel: file_signature(src) for rel, src in files.items() if isinstance(src, Path)}
        stale = sorted(rel for rel in self._present() if rel not in files)
        changed = {rel: source for rel, source in sorted(files.items())
                   if not self._unchanged(rel, source, signatures.get(rel), touched)}
        update = self._commit(changed, stale, on_commit)
        self._written = {rel: data for rel, data in files.items() if not isinstance(data, Path)}
        self._copied = signatures
        self._known = True
        return update

    def write(self, pages: Mapping[str, bytes | Packed], on_commit: Callable[[Update], None] | None = None) -> Update:
        """Replace just these files, keeping every other: a save that changed a few pages."""
        assert self._known, "write() after a first update()"
        for rel in pages:
            safe_relpath(rel)
            self._copied.pop(rel, None)
        changed = {rel: data for rel, data in pages.items() if self._written.get(rel) != data}
        update = self._commit(changed, [], on_commit)
        self._written.update(pages)
        return update

    def _commit(self, changed: Mapping[str, Source], stale: list[str],
                on_commit: Callable[[Update], None] | None) -> Update:
        """Stage the changed files beside their targets, then rename them all in under the lock."""
        staged: list[tuple[str, Path]] = []
        try:
            try:
                for rel, source in changed.items():
                    staged.append((rel, self._stage(rel, source)))
            except OSError as exc:  # a full disk: the last good site stays served, the reason is shown
                raise unwritable(exc, self.out_dir) from None
            update = Update(written=tuple(changed), removed=tuple(stale))
            with self.lock:
                for rel, temp in staged:
                    os.replace(temp, self.out_dir / rel)
                for rel in stale:
                    with suppress(FileNotFoundError):
                        (self.out_dir / rel).unlink()
                self._prune(stale)
                if on_commit is not None and update.changed:
                    on_commit(update)
        finally:
            for _, temp in staged:
                with suppress(FileNotFoundError):
                    temp.unlink()
        return update

    def _unchanged(self, rel: str, source: Source, signature: Signature | None, touched: set[str]) -> bool:
        if not isinstance(source, Path):
            previous = self._written.get(rel)
            if previous is not None:
                return previous is source or previous == source
            return self._same_on_disk(rel, source.unpack() if isinstance(source, Packed) else source)
        if rel in self._copied and os.path.abspath(source) not in touched:
            return signature is not None and self._copied[rel] == signature
        return self._same_on_disk(rel, source.read_bytes())

    def _same_on_disk(self, rel: str, data: bytes) -> bool:
        """The first update after start: a file a previous preview left may already be right."""
        target = self.out_dir / rel
        try:
            return not target.is_symlink() and target.stat().st_size == len(data) and target.read_bytes() == data
        except OSError:
            return False

    def _stage(self, rel: str, source: Source) -> Path:
        target = self.out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        temp = target.parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
        if isinstance(source, Packed):
            temp.write_bytes(source.unpack())
        elif isinstance(source, bytes):
            temp.write_bytes(source)
        else:
            shutil.copyfile(source, temp)
        return temp

    def _present(self) -> set[str]:
        """Files in the folder now: what we wrote, or on the first update what is on disk."""
        if self._known:
            return set(self._written) | set(self._copied)
        present = set()
        for folder, dirs, names in os.walk(self.out_dir):
            for name in names:
                rel = Path(folder, name).relative_to(self.out_dir).as_posix()
                if rel != MARKER:
                    present.add(rel)
        return present

    def _prune(self, removed: list[str]) -> None:
        """Remove folders a deletion left empty, as a full build would not have them."""
        for rel in removed:
            folder = (self.out_dir / rel).parent
            while folder != self.out_dir and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent

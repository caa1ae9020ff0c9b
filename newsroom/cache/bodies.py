"""Rendered bodies kept on disk between builds, read one at a time when a page asks for one."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sqlite3
from pathlib import Path
from typing import Callable, Iterable

from newsroom.cache.store import KnownUnpickler
from newsroom.stages.complexity import Meter
from newsroom.stages.markup import RenderedBody, Section
from newsroom.stages.plaintext import html_to_text


class BodyStore:
    """Rendered bodies by key in one SQLite file, each read when a page first asks for it (a
    build after an edit reads a handful of ten thousand) and believed only when its own
    checksum holds. A broken file is started again; a missing body is rendered again."""

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        self.version = version
        self._db: sqlite3.Connection | None = None
        self._pid = -1

    def _open(self) -> sqlite3.Connection | None:
        """This process's connection: one is never used across a fork."""
        if self._pid != os.getpid():
            self._db, self._pid = None, os.getpid()
            for attempt in range(2):
                try:
                    self._db = self._connect()
                    break
                except sqlite3.Error:
                    self.path.unlink(missing_ok=True)  # not a database we can use: start it again
        return self._db

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("CREATE TABLE IF NOT EXISTS meta (version TEXT NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, sha256 TEXT NOT NULL, data BLOB NOT NULL)")
        if db.execute("SELECT version FROM meta").fetchall() != [(self.version,)]:
            with db:
                db.execute("BEGIN")
                db.execute("DELETE FROM meta")
                db.execute("DELETE FROM bodies")
                db.execute("INSERT INTO meta VALUES (?)", (self.version,))
        return db

    def get(self, key: str) -> RenderedBody | None:
        try:
            db = self._open()
            row = db.execute("SELECT sha256, data FROM bodies WHERE key = ?", (key,)).fetchone() if db else None
        except sqlite3.Error:
            return None
        if row is None or hashlib.sha256(row[1]).hexdigest() != row[0]:
            return None
        try:
            story_html, sections, lede = KnownUnpickler(io.BytesIO(row[1])).load()
            if not (type(story_html) is str and type(lede) is str and type(sections) is tuple
                    and all(type(section) is Section for section in sections)):
                return None
            # The plain text is not kept: it is most of a body's bytes again, and made again at once.
            return RenderedBody(story_html, sections, html_to_text(story_html, Meter(story_html)), lede, key)
        except Exception:  # noqa: BLE001 - whatever is wrong with it, it is not believed
            return None

    def keys(self) -> set[str]:
        try:
            db = self._open()
            return {key for key, in db.execute("SELECT key FROM bodies")} if db else set()
        except sqlite3.Error:
            return set()

    def update(self, bodies: Iterable[RenderedBody], gone: Iterable[str] = ()) -> None:
        """Add these bodies and drop those keys, in one transaction."""
        db = self._open()
        if db is None:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.executemany("DELETE FROM bodies WHERE key = ?", ((key,) for key in gone))
                rows = ((body.key, hashlib.sha256(data).hexdigest(), data) for body in bodies
                        for data in (pickle.dumps((body.story_html, body.sections, body.lede), pickle.HIGHEST_PROTOCOL),))
                db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass  # a cache that cannot be written is only slower next time

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db, self._pid = None, -1


class StoredBody:
    """A rendered body (site.Body) read from a BodyStore when a template or an index first
    asks for it, or rendered again (`again`) if the store has lost it."""

    __slots__ = ("key", "store", "again", "_body")

    def __init__(self, key: str, store: BodyStore | None, again: Callable[[str], RenderedBody] | None = None) -> None:
        self.key = key
        self.store = store
        self.again = again
        self._body: RenderedBody | None = None

    def loaded(self) -> RenderedBody:
        if self._body is None:
            body = self.store.get(self.key) if self.store is not None else None
            if body is None:
                assert self.again is not None, "a stored body with no way to render it again"
                body = self.again(self.key)
            self._body = body
        return self._body

    @property
    def story_html(self) -> str:
        return self.loaded().story_html

    @property
    def story_text(self) -> str:
        return self.loaded().story_text

    @property
    def lede(self) -> str:
        return self.loaded().lede

    def section(self, kind: str) -> Section | None:
        return self.loaded().section(kind)


"""What a build read, remembered by file signature: the config, each release, the templates.

A rebuild asks this instead of the disk: an unchanged file is not read again, and the very
same Release object comes back, so everything made from it compares equal at once. Files an
editor saved within one clock tick of the last read, which a signature alone could miss, are
named by `forget`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Literal

from newsroom.errors import NewsroomError
from newsroom.project import BuildOptions
from newsroom.stages.config import Config, read_config
from newsroom.stages.content import (
    RELEASES_DIR,
    Release,
    find_release_files,
    load_releases,
    read_text,
    release_from_text,
)
from newsroom.stages.theme import Theme
from newsroom.util.parallel import fork_map
from newsroom.util.progress import Report, ticker

Signature = tuple[int, int, int]


def file_signature(path: Path) -> Signature | None:
    """What tells us a file changed without reading it; None when it is gone."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def release_key(path: Path, text: str, tz: Any) -> str:
    """What a parsed release depends on: its file's place and text, and the site's zone."""
    return hashlib.sha256(f"{path}\0{os.path.abspath(path)}\0{tz}\0{text}".encode()).hexdigest()


def template_files(theme: Theme) -> list[Path]:
    """Every file a page could be rendered from: templates and manifests of the theme chain."""
    files = []
    for folder in theme.chain:
        files.append(folder / "theme.toml")
        for dirpath, dirnames, filenames in os.walk(folder / "templates"):
            dirnames.sort()
            files.extend(Path(dirpath) / name for name in sorted(filenames))
    return files


def template_signature(theme: Theme) -> tuple[Any, ...]:
    return (theme, tuple((path, file_signature(path)) for path in template_files(theme)))


class Inputs:
    """The config, releases and templates of the last read, each with the signature it was read at."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.progress: Report | None = None  # hears how far reading ahead is
        self.known_releases: dict[str, Release] = {}  # by release_key: a persistent cache's, or read ahead
        self.release_keys: dict[str, Release] = {}  # this read's releases by release_key
        self._config: tuple[Signature | None, Config, tuple[str, ...]] | None = None
        self._releases: dict[str, tuple[Signature | None, Release | NewsroomError]] = {}
        self._stale: set[str] = set()
        self._release_zone: str | None = None
        self._templates: tuple[Any, ...] | None = None

    def forget(self, paths: Iterable[Path] = (), *, config: bool = False) -> None:
        """Read these files again next time, whatever their signatures say."""
        if config:
            self._config = None
            self._release_zone = None
        self._stale.update(os.path.abspath(path) for path in paths)

    def config(self) -> tuple[Config, tuple[str, ...]]:
        """newsroom.toml (or the defaults), read again only when its signature changed."""
        path = self.options.config_file
        signature = file_signature(path)
        if self._config is None or self._config[0] != signature:
            config, notes = read_config(self.options)
            self._config = (signature, config, notes)
        return self._config[1], self._config[2]

    def templates_changed(self, theme: Theme) -> bool:
        return template_signature(theme) != self._templates

    def templates_read(self, theme: Theme) -> bool:
        """Note the templates as read now; True when they changed since the last time."""
        signature = template_signature(theme)
        changed, self._templates = signature != self._templates, signature
        return changed

    def releases(self, config: Config, replaced: Callable[[Release, Release], None]) -> tuple[Release, ...]:
        """Every release of the content folder; `replaced(old, new)` hears of each one read again."""
        if config.site.timezone != self._release_zone:
            self._releases.clear()
            self._release_zone = config.site.timezone
        content, tz = self.options.content, config.tz
        seen: set[str] = set()
        self.release_keys = {}
        if self.options.jobs > 1:
            self._read_ahead(content, tz)

        def load(path: Path) -> Release:
            key = os.path.abspath(path)
            seen.add(key)
            signature = file_signature(path)
            cached = self._releases.get(key)
            if cached is None or cached[0] != signature or key in self._stale:
                try:
                    result: Release | NewsroomError = self.read_release(path, tz)
                except NewsroomError as exc:
                    result = exc
                if cached is not None and isinstance(cached[1], Release) and isinstance(result, Release):
                    replaced(cached[1], result)
                cached = self._releases[key] = (signature, result)
            if isinstance(cached[1], NewsroomError):
                raise cached[1]
            return cached[1]

        try:
            return load_releases(content, tz, load)
        finally:
            self._stale.clear()
            for key in [k for k in self._releases if k not in seen]:
                del self._releases[key]

    def alive(self) -> set[int]:
        """The identities of the releases held now."""
        return {id(entry[1]) for entry in self._releases.values()}

    def reread(self, path: Path, config: Config) -> tuple[Release, Release, Signature] | Literal[False] | None:
        """A release file read again at the path the last full read found it: (old, new, the
        signature it was read at). False when it is no release at all (an editor's temporary
        file, gone or never read); None when it needs a full read (new, gone, broken)."""
        key = os.path.abspath(path)
        cached, signature = self._releases.get(key), file_signature(path)
        if cached is None and (signature is None or path.name.startswith(".") or path.suffix != ".md"):
            return False
        if cached is None or signature is None or not isinstance(cached[1], Release):
            return None
        try:
            release = self.read_release(cached[1].path, config.tz)
        except NewsroomError:
            return None  # the full read reports it, with every other error
        return cached[1], release, signature

    def keep(self, path: Path, signature: Signature, release: Release) -> None:
        """Take a release read by `reread` as the one at `path`."""
        self._releases[os.path.abspath(path)] = (signature, release)

    def unseen(self, stop: Callable[[], bool] = lambda: False) -> list[Path] | None:
        """Content files added, removed or changed since they were last read: changes the
        watcher missed (a full mount, an overflowed queue), found by one walk of the folder.
        None when `stop` said to give way (a save is waiting) before the walk was done."""
        found: set[str] = set()
        missed = []
        for folder, dirs, names in os.walk(self.options.content / RELEASES_DIR):
            if stop():
                return None
            dirs[:] = [name for name in dirs if not name.startswith(".")]  # as find_release_files
            for name in names:
                if name.endswith(".md") and not name.startswith("."):
                    key = os.path.abspath(os.path.join(folder, name))
                    found.add(key)
                    if key not in self._releases or self._releases[key][0] != file_signature(Path(key)):
                        missed.append(Path(key))
        return missed + [Path(key) for key in self._releases if key not in found]

    def read_release(self, path: Path, tz: Any) -> Release:
        """Parse a content file, unless the same text at the same path was parsed before."""
        text = read_text(path, self.options.content)
        key = release_key(path, text, tz)
        release = self.known_releases.get(key) or release_from_text(path, text, tz)
        if self.options.cache_dir is not None:
            self.release_keys[key] = release
        return release

    def _read_ahead(self, content: Path, tz: Any) -> None:
        """Parse, across processes, the files nothing parsed yet (a clean build has ten thousand).
        Files that fail are left to the serial pass, which reports them."""
        texts: dict[str, tuple[Path, str]] = {}
        for path in find_release_files(content):
            key = os.path.abspath(path)
            if key in self._releases and key not in self._stale and self._releases[key][0] == file_signature(path):
                continue
            try:
                text = read_text(path, content)
            except NewsroomError:
                continue
            if (found := release_key(path, text, tz)) not in self.known_releases:
                texts[found] = (path, text)

        def parse(item: tuple[Path, str]) -> Release | None:
            try:
                return release_from_text(item[0], item[1], tz)
            except NewsroomError:
                return None

        tick = ticker(self.progress, "reading releases", len(texts))
        for found, release in zip(texts, fork_map(parse, list(texts.values()), self.options.jobs, tick)):
            if release is not None:
                self.known_releases[found] = release

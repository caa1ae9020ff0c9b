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
from typing import Any, Callable, Collection, Iterable, Literal

from newsroom.errors import NewsroomError
from newsroom.project import BuildOptions
from newsroom.stages.attachments import files_changed
from newsroom.stages.config import Config, read_config
from newsroom.stages.content import (
    RELEASES_DIR,
    Release,
    holds_files,
    load_releases,
    read_text,
    release_from_text,
    scan_release_files,
)
from newsroom.stages.events import Event, load_events, scan_event_files
from newsroom.stages.theme import Theme
from newsroom.util.parallel import fork_map
from newsroom.util.progress import Report, ticker

Signature = tuple[int, int, int]


def file_signature(path: Path | str) -> Signature | None:
    """What tells us a file changed without reading it; None when it is gone."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def release_key(path: Path, text: str, tz: Any) -> str:
    """What a parsed release depends on: its file's place and text, and the site's zone."""
    return hashlib.sha256(f"{path}\0{os.path.abspath(path)}\0{tz}\0{text}".encode()).hexdigest()


def stale_files(entry: Any) -> bool:
    """A release read well whose image or attachments changed since (its text may not have)."""
    release = entry[1] if isinstance(entry, tuple) else entry
    return isinstance(release, Release) and (release.image is not None or bool(release.attachments)) \
        and files_changed(release.image, release.attachments)


def owner_of(path: Path, known: Collection[str]) -> str | None:
    """The release file (absolute) whose folder holds `path`: `2024/acme-q3/x.pdf` belongs to
    `2024/acme-q3.md`, when that is a release read (`known`: their absolute paths)."""
    where = Path(os.path.abspath(path))
    for folder in (where, *where.parents):
        candidate = os.fspath(folder.parent / f"{folder.name}.md")
        if candidate in known:
            return candidate
    return None


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
        self.ahead: dict[str, tuple[str, Release | None]] = {}  # read ahead, by path: text key, release (None: as before)
        self.keys: dict[str, tuple[str, Release]] = {}  # the text each file was last read with: its key, its release
        self.light: dict[str, tuple[Release, str]] = {}  # releases restored without their body, and its key
        self.seen: dict[str, Signature] = {}  # signatures taken already (record.py), for the next read to use
        self._config: tuple[tuple[Any, ...], Config, tuple[str, ...]] | None = None
        self._releases: dict[str, tuple[Signature | None, Release | NewsroomError]] = {}
        self._stale: set[str] = set()
        self._release_zone: str | None = None
        self._templates: tuple[Any, ...] | None = None
        self._events: dict[str, Signature | None] = {}  # each event file by path, as last read

    def forget(self, paths: Iterable[Path] = (), *, config: bool = False) -> None:
        """Read these files again next time, whatever their signatures say."""
        if config:
            self._config = None
            self._release_zone = None
        known = set(self._releases)
        for path in paths:
            self._stale.add(os.path.abspath(path))
            if (owner := owner_of(path, known)) is not None:
                self._stale.add(owner)  # a file of a release changed: read the release again

    def config(self) -> tuple[Config, tuple[str, ...]]:
        """newsroom.toml (or the defaults) with the command line's overrides, read again only
        when its signature or the overrides changed."""
        options = self.options
        read_as = (file_signature(options.config_file), str(options.config_file), str(options.root),
                   options.theme, options.base_url)
        if self._config is None or self._config[0] != read_as:
            config, notes = read_config(options)
            self._config = (read_as, config, notes)
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
            self._releases, self.keys, self.light = {}, {}, {}
            self._release_zone = config.site.timezone
        content, tz = self.options.content, config.tz
        found = dict(scan_release_files(content))
        seen, self.seen = self.seen, {}
        signatures = {key: seen[key] if key in seen else file_signature(key) for key in found.values()}
        if self.options.jobs > 1:
            self._read_ahead(found, signatures, tz)

        def load(shown: str) -> Release:
            key, signature = found[shown], signatures[found[shown]]
            cached = self._releases.get(key)
            if cached is None or cached[0] != signature or key in self._stale or stale_files(cached):
                try:
                    result: Release | NewsroomError = self._read_ahead_or_now(shown, key, tz)
                except NewsroomError as exc:
                    result = exc
                if cached is not None and isinstance(cached[1], Release) and isinstance(result, Release):
                    replaced(cached[1], result)
                cached = self._releases[key] = (signature, result)
            if isinstance(cached[1], NewsroomError):
                raise cached[1]
            return cached[1]

        try:
            return load_releases(content, tz, load, list(found))  # type: ignore[arg-type]
        finally:
            self._stale.clear()
            seen = set(found.values())
            for key in [k for k in self._releases if k not in seen]:
                del self._releases[key]
                self.keys.pop(key, None)
                self.light.pop(key, None)

    def events(self, config: Config) -> tuple[Event, ...]:
        """Every event of content/events/: a few files, read again at every plan."""
        self._events = {os.path.abspath(path): file_signature(path) for path in scan_event_files(self.options.content)}
        return load_events(self.options.content, config.site.timezone)

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

    def edited(self) -> list[Path] | None:
        """The release files whose signature changed since they were read; None when a file
        was added, removed, or never read well: a full read is due."""
        found = scan_release_files(self.options.content)
        if len(found) != len(self._releases):
            return None
        changed = []
        for shown, key in found:
            cached = self._releases.get(key)
            if cached is None or not isinstance(cached[1], Release):
                return None
            if stale_files(cached):
                return None  # an image or attachment changed: the full read takes it in
            if (self.seen[key] if key in self.seen else file_signature(key)) != cached[0] or key in self._stale:
                changed.append(Path(shown))
        return changed

    def keep(self, path: Path, signature: Signature, release: Release) -> None:
        """Take a release read by `reread` as the one at `path`."""
        self._releases[os.path.abspath(path)] = (signature, release)

    def light_body(self, release: Release) -> str | None:
        """The body key of a release restored without its body (disk.py), else None."""
        found = self.light.get(os.path.abspath(release.path))
        return found[1] if found is not None and found[0] is release else None

    def read(self) -> dict[str, tuple[Signature | None, Release]]:
        """Each release file read, by absolute path: the signature it was read at, and the release."""
        return {path: entry for path, entry in self._releases.items() if isinstance(entry[1], Release)}  # type: ignore[misc]

    def restore(self, config: tuple[tuple[Any, ...], Config, tuple[str, ...]], zone: str, templates: tuple[Any, ...],
                releases: dict[str, tuple[Signature | None, str, str, Release]]) -> None:
        """What an earlier build read (disk.py): each release by path with the signature and
        text key it was read at, its body key, and the release without its body."""
        self._config, self._release_zone, self._templates = config, zone, templates
        self._releases = {path: (signature, release) for path, (signature, _, _, release) in releases.items()}
        self.keys = {path: (key, release) for path, (_, key, _, release) in releases.items()}
        self.light = {path: (release, body) for path, (_, _, body, release) in releases.items()}

    @property
    def remembered(self) -> tuple[tuple[tuple[Any, ...], Config, tuple[str, ...]] | None, str | None, tuple[Any, ...] | None]:
        """The config, release zone and templates as last read, for disk.py to keep."""
        return self._config, self._release_zone, self._templates

    def unseen(self, stop: Callable[[], bool] = lambda: False) -> list[Path] | None:
        """Content files added, removed or changed since they were last read: changes the
        watcher missed (a full mount, an overflowed queue), found by one walk of the folder.
        None when `stop` said to give way (a save is waiting) before the walk was done."""
        found: set[str] = set()
        missed = []
        for folder, dirs, names in os.walk(self.options.content / RELEASES_DIR):
            if stop():
                return None
            # as scan_release_files
            dirs[:] = [name for name in dirs if not name.startswith(".") and not holds_files(name, names)]
            for name in names:
                if name.endswith(".md") and not name.startswith("."):
                    key = os.path.abspath(os.path.join(folder, name))
                    found.add(key)
                    if key not in self._releases or self._releases[key][0] != file_signature(Path(key)) \
                            or stale_files(self._releases[key]):
                        missed.append(Path(key))
        events = {os.path.abspath(path) for path in scan_event_files(self.options.content)}
        missed += [Path(key) for key in sorted(events | set(self._events))
                   if key not in self._events or self._events[key] != file_signature(key)]
        return missed + [Path(key) for key in self._releases if key not in found]

    def read_release(self, path: Path, tz: Any) -> Release:
        """Parse a content file, unless the same text at the same path was parsed before (its
        signature changed, its text did not: a checkout, a touch)."""
        text = read_text(path, self.options.content)
        key, where = release_key(path, text, tz), os.path.abspath(path)
        known = self.keys.get(where)
        if known is not None and known[0] == key and not stale_files(known[1]):
            return known[1]
        release = release_from_text(path, text, tz)
        self.keys[where] = (key, release)
        return release

    def _read_ahead_or_now(self, shown: str, where: str, tz: Any) -> Release:
        """The release at `shown`: as read ahead, or read now (a file that failed, to report it)."""
        if where not in self.ahead:
            return self.read_release(Path(shown), tz)
        key, release = self.ahead.pop(where)
        if release is None:  # the text was read before: the very same release
            return self.keys[where][1]
        self.keys[where] = (key, release)
        return release

    def _read_ahead(self, found: dict[str, str], signatures: dict[str, Signature | None], tz: Any) -> None:
        """Read and parse, across processes, the files not read yet or changed since (a clean
        build has ten thousand). A file that fails is left to the serial pass, which reports it."""
        todo = [(shown, key) for shown, key in found.items() if key in self._stale
                or (cached := self._releases.get(key)) is None or cached[0] != signatures[key] or stale_files(cached)]
        content = self.options.content

        def read(item: tuple[str, str]) -> tuple[str, Release | None] | None:
            path, where = Path(item[0]), item[1]
            try:
                text = read_text(path, content)
                key = release_key(path, text, tz)
                known = self.keys.get(where)
                same = known is not None and known[0] == key and not stale_files(known[1])
                return key, None if same else release_from_text(path, text, tz)
            except NewsroomError:
                return None

        self.ahead = {}
        tick = ticker(self.progress, "reading releases", len(todo))
        for (_, where), result in zip(todo, fork_map(read, todo, self.options.jobs, tick)):
            if result is not None:
                self.ahead[where] = result

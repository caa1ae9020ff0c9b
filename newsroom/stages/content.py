"""The Release model: read content files and validate their front matter once."""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from pathlib import Path
from typing import Any, Callable

from newsroom.errors import ContentError, NewsroomError, raise_all
from newsroom.stages.attachments import Attachment, release_files
from newsroom.stages.frontmatter import parse_front_matter, split_front_matter
from newsroom.util.slugs import is_safe_slug, slugify

MAX_FILE_BYTES = 2 * 1024 * 1024
RELEASES_DIR = "releases"


@dataclass(frozen=True)
class Release:
    """One press release as its author wrote it, validated."""

    path: Path
    title: str
    date: datetime
    slug: str
    body: str
    body_line: int = 1
    subtitle: str = ""
    summary: str = ""
    company: str = ""
    tickers: tuple[str, ...] = ()
    location: str = ""
    wire: str = ""
    tags: tuple[str, ...] = ()
    draft: bool = False
    updated: datetime | None = None
    source: str = ""
    source_hash: str = ""
    import_hash: str = ""
    image: Attachment | None = None
    attachments: tuple[Attachment, ...] = ()

    @property
    def url(self) -> str:
        """Site-relative URL of the release page."""
        return f"releases/{self.date:%Y}/{self.date:%m}/{self.slug}/"

    def is_published(self, now: datetime) -> bool:
        """Drafts never are; scheduled releases are once `now` reaches their date."""
        return not self.draft and self.date <= now


def scan_release_files(content_dir: Path) -> list[tuple[str, str]]:
    """Every *.md under content/releases/, sorted, as (path, absolute path) strings (no Path
    objects for files not read); links out of the folder too, so that loading them reports them."""
    root = content_dir / RELEASES_DIR
    if root.is_symlink() and not root.resolve().is_relative_to(content_dir.resolve()):
        return [(str(root), os.path.abspath(root))]
    if not root.is_dir():
        return []
    found: list[tuple[str, str]] = []
    top, absolute = str(root), os.path.abspath(root)
    for folder, dirs, files in os.walk(absolute):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not holds_files(d, files))
        shown = top + folder[len(absolute):]
        # os.walk does not follow linked folders; one leading outside is reported, not skipped.
        found += [(os.path.join(shown, d), os.path.join(folder, d)) for d in dirs
                  if os.path.islink(os.path.join(folder, d))
                  and not Path(folder, d).resolve().is_relative_to(content_dir.resolve())]
        found += [(os.path.join(shown, name), os.path.join(folder, name)) for name in sorted(files)
                  if name.endswith(".md") and not name.startswith(".")]
    return found


def holds_files(folder: str, files: list[str]) -> bool:
    """The folder beside a release (`acme-q3/` beside `acme-q3.md`) holds its files, not releases."""
    return f"{folder}.md" in files


def load_releases(content_dir: Path, tz: tzinfo, load: Callable[[Path], Release] | None = None,
                  paths: list[Path] | None = None) -> tuple[Release, ...]:
    """Load and validate every release (`load` reuses unchanged ones); errors come together."""
    releases: list[Release] = []
    errors: list[NewsroomError] = []
    for path in [Path(found) for found, _ in scan_release_files(content_dir)] if paths is None else paths:
        try:
            releases.append(load(path) if load else load_release(path, tz, content_dir))
        except NewsroomError as exc:
            errors.append(exc)
    errors.extend(duplicate_slug_errors(releases))
    errors.extend(tag_collision_errors(releases))
    raise_all(errors)
    return tuple(sorted(releases, key=lambda r: (r.date, r.slug), reverse=True))


def duplicate_slug_errors(releases: list[Release]) -> list[ContentError]:
    """Slugs identify releases, so two files with one slug is an error naming both."""
    if len({release.slug for release in releases}) == len(releases):
        return []  # the common case, without sorting ten thousand paths
    seen: dict[str, Release] = {}
    errors = []
    for release in sorted(releases, key=lambda r: str(r.path)):
        first = seen.setdefault(release.slug, release)
        if first is not release:
            errors.append(ContentError(release.path, 1, f"duplicate slug '{release.slug}' "
                                       f"(also used by {first.path}); set a different 'slug:'"))
    return errors


def tag_collision_errors(releases: list[Release]) -> list[ContentError]:
    """Two spellings of a tag with one URL would make one topic page overwrite the other."""
    slugs = {tag: slugify(tag) for release in releases for tag in release.tags}
    if len(set(slugs.values())) == len(slugs):
        return []  # no two spellings share a page: the common case, without sorting
    seen: dict[str, tuple[str, Release]] = {}
    errors = []
    for release in sorted(releases, key=lambda r: str(r.path)):
        for tag in release.tags:
            first_tag, first = seen.setdefault(slugs[tag], (tag, release))
            if first_tag != tag:
                errors.append(ContentError(release.path, None, f"tag '{tag}' and tag '{first_tag}' "
                                           f"(in {first.path}) would share the page "
                                           f"tags/{slugs[tag]}/; spell them the same"))
    return errors


def read_text(path: Path, content_dir: Path | None = None) -> str:
    """Read a content file as UTF-8 text, refusing what is not a sane text file."""
    if content_dir is not None and path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(content_dir.resolve()):
            raise ContentError(path, None, f"symbolic link points outside the content folder ({target})")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ContentError(path, None, "not a regular file (a pipe or device?); "
                               "a release must be a Markdown text file")
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(path, None, f"file is too large ({size:,} bytes; the limit is "
                               f"{MAX_FILE_BYTES:,}): is this really a press release?")
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(path, None, f"cannot read file: {exc.strerror}") from None
    text = decode(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Byte order marks, longest first (UTF-32's little-endian mark begins with UTF-16's).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, path: Path) -> str:
    """UTF-8, or the UTF-16 or UTF-32 a byte order mark names (Windows editors save both)."""
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        halves = (data[0::2], data[1::2])
        hint = (" (it looks like UTF-16 without a byte order mark: save it as UTF-8)"
                if any(half.count(0) > len(half) * 0.9 for half in halves) else "")
        raise ContentError(path, None, f"file is binary (contains NUL bytes), not Markdown text{hint}")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
        what = (f"UTF-8 (byte 0x{data[exc.start]:02x})" if encoding.startswith("utf-8")
                else f"{encoding.upper()} ({exc.reason})")
        raise ContentError(path, line, f"invalid {what}; save the file as UTF-8") from None
    if "\x00" in text:
        raise ContentError(path, None, "file is binary (contains NUL characters), not Markdown text")
    return text


def load_release(path: Path, tz: tzinfo, content_dir: Path | None = None) -> Release:
    """Read one content file into a Release, or raise ContentError(s) for it."""
    return release_from_text(path, read_text(path, content_dir), tz)


def release_from_text(path: Path, text: str, tz: tzinfo) -> Release:
    """A content file's text, already read, into a Release; the same text, path and zone, the same Release."""
    front, body, body_line = split_front_matter(text, path)
    data, lines = parse_front_matter(front, path)
    return validate_release(path, data, lines, body, body_line, tz)


FIELDS = ("title", "subtitle", "date", "slug", "summary", "company", "tickers", "location", "wire",
          "tags", "draft", "updated", "image", "attachments", "source", "source_hash", "import_hash")


def validate_release(path: Path, data: dict[str, Any], lines: dict[str, int], body: str,
                     body_line: int, tz: tzinfo) -> Release:
    """Check every field; collect all problems of the file before raising."""
    errors: list[NewsroomError] = []

    def field(key: str, check: Callable[[Any], Any], default: Any = None) -> Any:
        if key not in data or data[key] is None:
            return default
        try:
            return check(data[key])
        except ValueError as exc:
            errors.append(ContentError(path, lines.get(key, 1), f"'{key}': {exc}"))
            return default

    for key in data:
        if key not in FIELDS:
            errors.append(ContentError(path, lines.get(str(key), 1), f"unknown front matter key "
                                       f"'{key}' (known keys: {', '.join(FIELDS)})"))
    known_errors = len(errors)
    title = field("title", _text)
    if not title and len(errors) == known_errors:
        errors.append(ContentError(path, lines.get("title", 1), "'title' is required and must not be empty"))
    published = field("date", lambda v: _datetime(v, tz))
    if "date" not in data or data["date"] is None:
        errors.append(ContentError(path, lines.get("date", 1), "'date' is required (e.g. 2017-07-11 "
                                   "or 2017-07-11T08:00:00-06:00)"))
    slug = field("slug", _slug) or (slugify(title) if title else "")
    if title and not slug:
        errors.append(ContentError(path, lines.get("title", 1),
                                   "cannot derive a slug from the title; set 'slug:'"))
    release = dict(
        subtitle=field("subtitle", _text, ""),
        summary=field("summary", _text, ""),
        company=field("company", _text, ""),
        tickers=field("tickers", _tickers, ()),
        location=field("location", _text, ""),
        wire=field("wire", _text, ""),
        tags=field("tags", _tags, ()),
        draft=field("draft", _bool, False),
        updated=field("updated", lambda v: _datetime(v, tz)),
        source=field("source", _text, ""),
        source_hash=field("source_hash", _text, ""),
        import_hash=field("import_hash", _text, ""),
    )
    release["image"], release["attachments"], missing = release_files(path, data, lines)
    errors.extend(missing)
    raise_all(errors)
    # Pasted control characters (ESC, NEL…) are invisible in an editor and forbidden in HTML and
    # XML: removed from the text, as from every front matter value. Line ends stay where they are.
    return Release(path=path, title=title, date=published, slug=slug, body=strip_control(body),
                   body_line=body_line, **release)


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"must be text, not {type(value).__name__}")
    return " ".join(strip_control(str(value)).split())


def strip_control(text: str) -> str:
    """Drop characters XML and HTML forbid (pasted control characters), keeping tab and newline.

    Lone surrogates (YAML's "\\ud800") go too: they cannot be written as UTF-8.
    """
    return _CONTROL.sub("", text)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def shown(value: Any, limit: int = 60) -> str:
    """A value as an error message quotes it: short, whatever it holds."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[: limit - 1] + "\u2026")
    if isinstance(value, (int, float, bool)) or value is None:
        return repr(value)[:limit]
    return f"a {'list' if isinstance(value, list) else 'mapping' if isinstance(value, dict) else type(value).__name__}"


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {shown(value)}")
    return value


def _slug(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"must be text, not {shown(value)}")
    slug = str(value)
    if not is_safe_slug(slug):
        raise ValueError(f"{shown(slug)} is not a valid slug: use lowercase letters, digits and hyphens "
                         f"(e.g. {shown(slugify(slug) or 'my-release')})")
    return slug


def _list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in items):
        raise ValueError("must be a list of words, e.g. [earnings, management]")
    return [_text(item) for item in items if _text(item)]


def _ticker_items(value: Any) -> list[Any]:
    # `[NASDAQ: VIVE]` is a YAML mapping, and an easy thing to write: take it as meant.
    flat: list[Any] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            flat.extend(f"{_text(k)}:{_text(v)}" for k, v in item.items())
        else:
            flat.append(item)
    return flat


def _tickers(value: Any) -> tuple[str, ...]:
    tickers = []
    for item in _list(_ticker_items(value)):
        ticker = "".join(item.split()).upper()
        if not all(c.isalnum() or c in ":.-" for c in ticker):
            raise ValueError(f"{shown(item)} is not a ticker like 'NASDAQ:VIVE'")
        tickers.append(ticker)
    return tuple(dict.fromkeys(tickers))


def _tags(value: Any) -> tuple[str, ...]:
    tags = []
    for item in value if isinstance(value, list) else [value]:
        # A tag names a folder (tags/<slug>/): one written like a path is a mistake or an attack,
        # even though slugify would defuse it. "Oil/Gas" is fine; "../x", "/x", "a\\b" are not.
        if isinstance(item, str) and ("\\" in item or "\x00" in item or item.startswith("/")
                                      or ".." in item.split("/")):
            raise ValueError(f"tag {shown(item)} looks like a path: no '..' parts, leading '/', "
                             "'\\' or NUL in tags")
    for item in _list(value):
        tag = " ".join(item.lower().split())
        if not slugify(tag):
            raise ValueError(f"tag {shown(item)} has no letters or digits to make a URL from")
        tags.append(tag)
    return tuple(dict.fromkeys(tags))


def _datetime(value: Any, tz: tzinfo) -> datetime:
    """A date means midnight in the site's time zone; a naive time is in that zone too."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"must be a date like 2017-07-11, not {shown(value)}")
    else:
        text = str(value).strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            reason = f" ({exc})" if "range" in str(exc) else ""
            raise ValueError(f"{shown(text)} is not a valid date{reason}: use YYYY-MM-DD or "
                             "YYYY-MM-DDTHH:MM:SS+HH:MM, e.g. 2017-07-11T08:00:00-06:00") from None
    if not 1900 <= parsed.year <= 2999:
        raise ValueError(f"year {parsed.year} is out of range")
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=tz)
    offset = parsed.utcoffset()
    return parsed.replace(tzinfo=fixed_zone(offset)) if offset is not None and type(parsed.tzinfo) is timezone else parsed


@cache
def fixed_zone(offset: timedelta) -> timezone:
    """One zone object per offset: ten thousand releases dated -05:00 share one (kept smaller)."""
    return timezone(offset)

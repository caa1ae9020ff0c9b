"""The Event model: read content/events/*.md (earnings calls, webcasts, meetings) and validate
their front matter once, with `path:line` errors, as content.py does for releases."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsroom.errors import ContentError, MarkupError, NewsroomError, raise_all
from newsroom.stages.content import _datetime, _slug, _text, read_text, shown, strip_control
from newsroom.stages.frontmatter import parse_front_matter, split_front_matter
from newsroom.util.slugs import is_safe_slug, slugify

if TYPE_CHECKING:
    from newsroom.stages.markup import Renderer
    from newsroom.stages.site import ReleaseView

EVENTS_DIR = "events"
DEFAULT_DURATION = timedelta(hours=1)
FIELDS = ("title", "start", "end", "duration", "timezone", "location", "webcast", "dial_in",
          "release", "summary", "slug", "updated")
# 90, "90 minutes", "1h30m", "1 hour 30 min", "1:30", or ISO 8601's PT1H30M.
_DURATION = re.compile(r"(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d+)\s*m(?:inutes?|ins?)?)?", re.I)


@dataclass(frozen=True)
class Event:
    """One event as its author wrote it, validated: times are in the event's own zone."""

    path: Path
    title: str
    slug: str
    start: datetime
    end: datetime
    timezone: str
    location: str = ""
    webcast: str = ""
    dial_in: str = ""
    release: str = ""  # the slug of the release it belongs to (an earnings call's results)
    summary: str = ""
    updated: datetime | None = None
    body: str = ""
    body_line: int = 1
    release_line: int = 1  # where `release:` is written, for the error when no release has it

    @property
    def url(self) -> str:
        return f"{EVENTS_DIR}/{self.slug}/"


@dataclass(frozen=True)
class EventView:
    """What templates and calendars see of an event: its body rendered, the release it belongs
    to once that is published (never before: embargo), and whether it is still to come."""

    title: str
    slug: str
    url: str
    start: datetime
    end: datetime
    timezone: str
    location: str
    webcast: str
    dial_in: str
    summary: str
    updated: datetime | None
    html: str
    text: str
    release: ReleaseView | None
    upcoming: bool
    source_path: str


def event_views(events: tuple[Event, ...], slugs: set[str], published: Mapping[str, ReleaseView],
                renderer: Renderer, now: datetime) -> tuple[EventView, ...]:
    """Each event as templates see it. `slugs`: every release's, drafts and scheduled ones too
    (naming one is no mistake, it is linked once published); `published`: views by slug."""
    views: list[EventView] = []
    errors: list[NewsroomError] = []
    for event in events:
        if event.release and event.release not in slugs:
            errors.append(ContentError(event.path, event.release_line, f"'release': no release has the "
                                       f"slug '{event.release}' (a release's slug is the last part of its URL)"))
        try:
            body = renderer.render(event.body)
        except MarkupError as exc:
            errors.append(ContentError(event.path, event.body_line + exc.line - 1 if exc.line else None, exc.message))
            continue
        views.append(EventView(
            title=event.title, slug=event.slug, url=event.url, start=event.start, end=event.end,
            timezone=event.timezone, location=event.location, webcast=event.webcast, dial_in=event.dial_in,
            summary=event.summary, updated=event.updated, html=body.story_html,
            text=body.story_text, release=published.get(event.release) if event.release else None,
            upcoming=event.end > now, source_path=str(event.path)))
    raise_all(errors)
    return tuple(views)


def scan_event_files(content_dir: Path) -> list[Path]:
    """Every *.md directly in content/events/, sorted (hidden files and editors' temporaries not)."""
    folder = content_dir / EVENTS_DIR
    if not folder.is_dir():
        return []
    return sorted(folder / name for name in os.listdir(folder)
                  if name.endswith(".md") and not name.startswith((".", "#")))


def load_events(content_dir: Path, site_zone: str) -> tuple[Event, ...]:
    """Every event, soonest first; errors of all files come together."""
    events: list[Event] = []
    errors: list[NewsroomError] = []
    for path in scan_event_files(content_dir):
        try:
            events.append(load_event(path, site_zone, content_dir))
        except NewsroomError as exc:
            errors.append(exc)
    seen: dict[str, Event] = {}
    for event in events:
        first = seen.setdefault(event.slug, event)
        if first is not event:
            errors.append(ContentError(event.path, 1, f"duplicate event slug '{event.slug}' (also used by "
                                       f"{first.path}); set a different 'slug:'"))
    raise_all(errors)
    return tuple(sorted(events, key=lambda e: (e.start, e.slug)))


def load_event(path: Path, site_zone: str, content_dir: Path | None = None) -> Event:
    """Read one event file, or raise ContentError(s) naming its lines."""
    text = read_text(path, content_dir)
    front, body, body_line = split_front_matter(text, path)
    data, lines = parse_front_matter(front, path)
    return validate_event(path, data, lines, body, body_line, site_zone)


def validate_event(path: Path, data: dict[str, Any], lines: dict[str, int], body: str, body_line: int,
                   site_zone: str) -> Event:
    """Check every field; collect all problems of the file before raising."""
    errors: list[NewsroomError] = []

    def at(key: str) -> int:
        return lines.get(key, 1)

    def field(key: str, check: Callable[[Any], Any], default: Any = None) -> Any:
        if key not in data or data[key] is None:
            return default
        try:
            return check(data[key])
        except ValueError as exc:
            errors.append(ContentError(path, at(key), f"'{key}': {exc}"))
            return default

    for key in data:
        if key not in FIELDS:
            errors.append(ContentError(path, at(str(key)), f"unknown event key '{key}' "
                                       f"(known keys: {', '.join(FIELDS)})"))
    for key, example in (("title", "Q3 2024 Earnings Call"), ("start", "2024-11-07T16:30")):
        if data.get(key) in (None, ""):
            errors.append(ContentError(path, at(key), f"'{key}' is required (e.g. {example})"))
    zone_name = field("timezone", _zone, site_zone)
    zone = ZoneInfo(zone_name)
    title = field("title", _text, "")
    start = field("start", lambda v: _moment(v, zone))
    end = field("end", lambda v: _moment(v, zone))
    duration = field("duration", _duration)
    if end is not None and duration is not None:
        errors.append(ContentError(path, at("duration"), "give 'end' or 'duration', not both"))
    if start is not None and end is None:
        end = start + (duration or DEFAULT_DURATION)
    if start is not None and end is not None and end <= start:
        errors.append(ContentError(path, at("end"), f"'end' ({end:%Y-%m-%d %H:%M}) must be after "
                                   f"'start' ({start:%Y-%m-%d %H:%M})"))
    slug = field("slug", _slug) or stem_slug(path)
    if not slug:
        errors.append(ContentError(path, 1, "cannot make a URL from the file name; set 'slug:'"))
    event = dict(
        location=field("location", _text, ""),
        webcast=field("webcast", _web_url, ""),
        dial_in=field("dial_in", _text, ""),
        release=field("release", _slug, ""),
        summary=field("summary", _text, ""),
        updated=field("updated", lambda v: _datetime(v, zone)),
    )
    raise_all(errors)
    return Event(path=path, title=title, slug=slug, start=start, end=end, timezone=zone_name,
                 body=strip_control(body), body_line=body_line, release_line=at("release"), **event)


def stem_slug(path: Path) -> str:
    """The file's name as the event's slug: chosen on purpose, and kept when the title or time changes."""
    return path.stem if is_safe_slug(path.stem) else slugify(path.stem)


def _zone(value: Any) -> str:
    name = _text(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{shown(name)} is not a known time zone (e.g. 'America/New_York')") from None
    return name


def _moment(value: Any, zone: ZoneInfo) -> datetime:
    """A date and time: naive means the event's zone; an offset is kept as the instant and shown in the zone."""
    if isinstance(value, str) and len(value.strip()) <= 10:  # a bare date: an event has a time
        raise ValueError(f"{shown(value)} needs a time of day, e.g. 2024-11-07T16:30")
    return _datetime(value, zone).astimezone(zone)


def _duration(value: Any) -> timedelta:
    """Minutes as a number, or text like '90 minutes', '1h30m', '1:30' or 'PT1H30M'."""
    if isinstance(value, bool):
        raise ValueError(f"must be a length of time like '1h30m' or 90 (minutes), not {shown(value)}")
    if isinstance(value, int) and value > 0:
        return timedelta(minutes=value)
    text = str(value).strip()
    minutes = None
    if match := re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?", text.upper()):
        minutes = int(match[1] or 0) * 60 + int(match[2] or 0)
    elif match := re.fullmatch(r"(\d+):([0-5]\d)", text):
        minutes = int(match[1]) * 60 + int(match[2])
    elif text and (match := _DURATION.fullmatch(text)) and (match["h"] or match["m"]):
        minutes = int(match["h"] or 0) * 60 + int(match["m"] or 0)
    if not minutes or minutes > 14 * 24 * 60:
        raise ValueError(f"{shown(value)} is not a length of time like '1h30m', '90 minutes' or 90")
    return timedelta(minutes=minutes)


def _web_url(value: Any) -> str:
    url = _text(value)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in " <>\"'"):
        raise ValueError(f"{shown(url)} is not a web address like https://…")
    return url

"""Find a wire release's dateline: place, date, time of day and the wire that carried it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from newsroom.errors import WireError

MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), 1)
    for name in names.split()}
# Zones as releases print them, mapped to the zone whose offset applies on the day.
ZONES = {"ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
         "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
         "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
         "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
         "GMT": "UTC", "UTC": "UTC", "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris"}
WIRES = (("Marketwired", r"market ?wired?"), ("PR Newswire", r"prnewswire"),
         ("Business Wire", r"business ?wire"), ("GlobeNewswire", r"globe ?newswire"),
         ("Canada NewsWire", r"cnw|canada ?newswire"), ("Accesswire", r"access ?wire"),
         ("NewMediaWire", r"new ?media ?wire"))

_MONTH = r"(?:[A-Z][a-z]{2,8}\.?|[A-Z]{3,9}\.?)"
_DATE = rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:(?:st|nd|rd|th)?,?\s*(?P<year>\d{{4}}))?"
_DASH = r"(?:-{1,3}|\u2014|\u2013)"
# A city in capitals ("THORNTON", "SAN FRANCISCO & TEL AVIV"), a region as written.
_CITY = (r"(?P<city>[A-Z][A-Z'\u2019.\-]{0,30}(?:[ \t]+(?:&[ \t]+)?[A-Z][A-Z'\u2019.\-]{0,30}){0,5}"
         r"|(?m:^)[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})")  # "Pune" only where a line starts
_REGION = (r"(?:,[ \t]*(?P<region>(?!(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) +
           r")\b)[A-Z][A-Za-z.\-]{0,30}(?:[ \t]+[A-Z][A-Za-z.\-]{0,30}){0,3}))?")
_PLACE = _CITY + _REGION
FORMS = (
    ("marketwired", rf"{_PLACE}\s*--\s*\((?P<wire>[^()\n]*?)\s*-\s*{_DATE}\)\s*{_DASH}\s*"),
    ("marketwired-old", rf"{_PLACE}\s*--\s*\((?P<wire>[^()\n]*?)\)\s*--\s*"
                        r"(?P<mdy>\d{1,2}/\d{1,2}/\d{2,4})\s*--\s*"),
    ("slash-tag", rf"{_PLACE},\s*{_DATE}\s*/(?P<wire>[A-Za-z][A-Za-z .\-]{{0,40}})/\s*{_DASH}\s*"),
    ("paren-tag", rf"{_PLACE},\s*{_DATE}\s*\((?P<wire>[A-Za-z][A-Za-z ]*)\)\s*{_DASH}\s*"),
    ("business-wire", rf"{_PLACE}\s*--\s*\((?P<wire>BUSINESS WIRE|Business Wire)\)\s*--\s*(?:{_DATE}\s*--\s*)?"),
    ("accesswire", rf"{_PLACE}\s*/\s*(?P<wire>ACCESSWIRE|Accesswire)\s*/\s*{_DATE}\s*/\s*"),
    ("newmediawire", rf"{_PLACE}\s*-\s*{_DATE}\s*\((?P<wire>NEWMEDIAWIRE|NewMediaWire)\)\s*{_DASH}\s*"),
    ("newmediawire-2", rf"{_PLACE}\s*-\s*\((?P<wire>NEWMEDIAWIRE|NewMediaWire)\)\s*-\s*{_DATE}\s*-\s*"),
    ("no-wire", rf"{_PLACE},\s*{_DATE}\s*{_DASH}\s+"),
)
_FORMS = tuple((name, re.compile(r"(?<![A-Za-z0-9'\u2019.\-&])" + pattern)) for name, pattern in FORMS)
_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?")
_TIME = re.compile(r"\b(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*"
                   r"(?:\(?(?P<zone>" + "|".join(ZONES) + r")\)?)\b", re.I)
SEARCH_LIMIT = 4000


@dataclass(frozen=True)
class Dateline:
    """Where the dateline sits in the text and what it says."""

    start: int
    end: int
    location: str
    wire: str
    date: date | None
    partial_date: tuple[int, int] | None  # (month, day) when the year is missing


def split_date_prefix(text: str) -> tuple[date | None, str]:
    """The archive's ` date YYYY-MM-DD ` prefix, and the text after it."""
    match = _DATE_PREFIX.match(text)
    if not match:
        return None, text
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day), text[match.end():]
    except ValueError:
        raise WireError(f"the date line says {match.group(1)}-{match.group(2)}-{match.group(3)}, "
                        "which is not a date") from None


def find_dateline(text: str) -> Dateline | None:
    """The earliest dateline in the opening of the text, in any known form."""
    head = text[:SEARCH_LIMIT]
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for rank, (name, pattern) in enumerate(_FORMS):
        for match in pattern.finditer(head):
            if _acceptable(name, match, head):
                found.append((match.start(), rank, name, match))
                break
    if not found:
        return None
    _, _, name, match = min(found, key=lambda item: (item[0], item[1]))
    groups = match.groupdict()
    tag = (groups.get("wire") or "").strip()
    # '/EINPresswire/' is a wire tag too, even one we have no canonical name for.
    wire = canonical_wire(tag) or (tag if name == "slash-tag" else "")
    when, partial = _date_of(groups)
    return Dateline(match.start(), match.end(), location(groups["city"], groups.get("region")),
                    wire, when, partial)


def _acceptable(name: str, match: re.Match[str], head: str) -> bool:
    groups = match.groupdict()
    if groups.get("month") and groups["month"].lower().rstrip(".") not in MONTHS:
        return False
    if name in ("marketwired", "marketwired-old", "paren-tag"):
        return bool(canonical_wire(groups["wire"]))
    if name == "no-wire":
        # Without a wire tag, only a dateline that opens a paragraph is trusted.
        return match.start() == 0 or head[match.start() - 1] == "\n"
    return True


def canonical_wire(tag: str) -> str:
    """'PRNewswire-FirstCall', '(GLOBE NEWSWIRE)', 'Marketwire' → the service's own name."""
    for name, pattern in WIRES:
        if re.fullmatch(rf"(?:{pattern})(?:[ \-].*)?", tag.strip(), re.I):
            return name
    return ""


def location(city: str, region: str | None) -> str:
    """'SAINT-BRUNO-DE-MONTARVILLE', 'Quebec' → 'Saint-Bruno-De-Montarville, Quebec'."""
    words = re.split(r"([ \-&]+)", city.strip())
    titled = "".join(w if re.fullmatch(r"[ \-&]+", w) else _title_word(w) for w in words)
    return f"{titled}, {region.strip()}" if region else titled


def _title_word(word: str) -> str:
    if word.upper() in ("U.S.", "D.C.", "USA", "UK", "UAE"):
        return word.upper()
    return "'".join(part[:1].upper() + part[1:].lower() for part in word.replace("\u2019", "'").split("'"))


def _date_of(groups: dict[str, str | None]) -> tuple[date | None, tuple[int, int] | None]:
    if groups.get("mdy"):
        month, day, year = (int(p) for p in groups["mdy"].split("/"))  # type: ignore[union-attr]
        year += 2000 if year < 100 else 0
        return _safe_date(year, month, day), None
    if not groups.get("month"):
        return None, None
    month = MONTHS[groups["month"].lower().rstrip(".")]  # type: ignore[union-attr]
    day = int(groups["day"])  # type: ignore[arg-type]
    if groups.get("year"):
        return _safe_date(int(groups["year"]), month, day), None  # type: ignore[arg-type]
    return None, (month, day)


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise WireError(f"the dateline's date {year}-{month:02d}-{day:02d} does not exist") from None


def find_time(text: str) -> tuple[time | None, str]:
    """A time of day with its zone, as printed near the dateline ('16:01 ET', '8:00am EDT')."""
    match = _TIME.search(text)
    if not match:
        return None, ""
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None, ""
    return time(hour, minute), match.group("zone").upper()


def publish_time(day: date, at: time | None, zone: str) -> str:
    """Front matter date: a bare date, or an ISO time with the zone's offset on that day."""
    if at is None or zone not in ZONES:
        return day.isoformat()
    return datetime.combine(day, at, ZoneInfo(ZONES[zone])).isoformat()

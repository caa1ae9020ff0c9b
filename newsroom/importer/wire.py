"""Raw wire text → a draft release, and the draft → Markdown with front matter. No file I/O."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time

import yaml

from newsroom.errors import WireError
from newsroom.importer import dateline as dl
from newsroom.importer import lede
from newsroom.importer.body import CHROME, paragraphs, to_markdown
from newsroom.stages.content import strip_control
from newsroom.util.slugs import slugify

HASH_KEY = "import_hash"
LEDE_LIMIT = 3000  # what the lede's first sentences can need; bounds the work on a flattened release
_HASH_LINE = re.compile(rf"^{HASH_KEY}:[^\n]*\n", re.M)
_TIMESTAMP_LINE = re.compile(r"^[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4},?(?: \d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
                             r"\s*\w*)?$|^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \w+$", re.I)
_CHROME_HEAD = re.compile(r"^(?:(?:Marketwired|Marketwire|PR Newswire|Business Wire|GlobeNewswire|"
                          r"Accesswire|NewMediaWire|CNW Group|Cision)\b.*|Press Release|News Release|"
                          r"For Immediate Release|Research News.*|"
                          r"URL Source:.*|Published Time:.*|Markdown Content:.*)$", re.I)


@dataclass(frozen=True)
class WireDraft:
    """What the importer derived from one raw release; editors polish it afterwards."""

    title: str
    date: date
    time: time | None
    zone: str
    location: str
    wire: str
    company: str
    tickers: tuple[str, ...]
    summary: str
    tags: tuple[str, ...]
    body: str
    headline_found: bool
    notes: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.title, 60) or f"release-{self.date.isoformat()}"

    @property
    def published(self) -> str:
        """The front matter date: a bare date, or date and time with the zone's offset."""
        return dl.publish_time(self.date, self.time, self.zone)


def normalise(text: str) -> str:
    """Line ends, non-breaking spaces, control characters and HTML spaces as plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = text.replace("&nbsp;", " ").replace("\u00a0", " ").replace("\u2028", "\n")
    return unicodedata.normalize("NFC", strip_control(text.replace("\t", " ")))


def parse_wire(text: str) -> WireDraft:
    """Parse one raw release; raise WireError saying what is missing when it cannot be imported."""
    text = normalise(text)
    if not text.strip():
        raise WireError("the file is empty")
    prefix_date, text = dl.split_date_prefix(text)
    found = dl.find_dateline(text)
    if found is None:
        raise WireError("no dateline found (e.g. 'THORNTON, CO--(Marketwired - Jul 11, 2017) -' or "
                        "'NEW YORK, May 1, 2017 /PRNewswire/ --') in the opening of the release")
    when, notes = release_date(found, prefix_date)
    head = text[:found.start]
    at, zone = dl.find_time("\n".join(_head_lines(head)[-3:]) + " " + text[found.start:found.end])
    blocks = _body_blocks(text, found)
    if not blocks:
        raise WireError("the release has a dateline but no text after it")
    first = blocks[0][:LEDE_LIMIT]
    name = lede.company(first)
    headline_line = _headline_line(head)
    title = _headline_fit(headline_line) or lede.headline(first, name)
    if not title:
        title = lede.fit("", name or "Press Release")
    body_blocks = [first] + blocks[1:]
    return WireDraft(
        title=title, date=when, time=at, zone=zone, location=found.location, wire=found.wire,
        company=name, tickers=lede.tickers(first), summary=lede.summary(first),
        tags=lede.tags(f"{title} {lede.strip_tickers(first)}"), body=to_markdown(body_blocks),
        headline_found=bool(headline_line), notes=tuple(notes))


def _body_blocks(text: str, found: dl.Dateline) -> list[str]:
    """Paragraphs from the dateline's line on (so wrapping is judged on whole lines), minus the dateline."""
    line_start = text.rfind("\n", 0, found.start) + 1
    blocks = paragraphs(text[line_start:])
    prefix = " ".join(text[line_start:found.end].split())
    if blocks and blocks[0].startswith(prefix):
        rest = blocks[0][len(prefix):].strip()
        return ([rest] if rest else []) + blocks[1:]
    return paragraphs(text[found.end:])


def release_date(found: dl.Dateline, prefix: date | None) -> tuple[date, list[str]]:
    """The dateline's date wins over the archive's date line; say so when they differ."""
    notes: list[str] = []
    when = found.date
    if when is None and found.partial_date and prefix:
        month, day = found.partial_date
        when = _with_year(prefix.year, month, day)
        if when != prefix:
            notes.append(f"the dateline says {when:%b %d} with no year, the date line {prefix.isoformat()}; "
                         f"using {when.isoformat()}")
    if when is None:
        if prefix is None:
            missing = "has no year" if found.partial_date else "carries no date"
            raise WireError(f"no date: the dateline {missing} and there is no ' date YYYY-MM-DD ' line")
        return prefix, notes
    if prefix and prefix != when:
        notes.append(f"the date line says {prefix.isoformat()} but the dateline says "
                     f"{when.isoformat()}; using the dateline")
    return when, notes


def _with_year(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise WireError(f"the dateline's date {month:02d}-{day:02d} does not exist in {year}") from None


_LABEL = re.compile(r"^(?:(?:Press |News )?Release\s*[\u2013\u2014:-]|Title:)\s*", re.I)


def _head_lines(head: str) -> list[str]:
    lines = (_LABEL.sub("", line.strip().strip("*_").strip()) for line in head.split("\n"))
    return [line for line in lines if line]


def _headline_line(head: str) -> str:
    """The release's own headline: the first line before the dateline that is not wire chrome."""
    for line in _head_lines(head):
        if CHROME.match(line) or _CHROME_HEAD.match(line) or _TIMESTAMP_LINE.match(line):
            continue
        if re.search(r"https?://|\[!\[|^\W+$", line) or len(line) < 12:
            continue
        return " ".join(line.split())
    return ""


def _headline_fit(line: str) -> str:
    """A printed headline, shortened only at a colon or a clause boundary when over the limit."""
    if not line:
        return ""
    if len(line) <= lede.HEADLINE_LIMIT:
        return line
    if ": " in line:
        after = line.split(": ", 1)[1]
        if len(after) <= lede.HEADLINE_LIMIT:
            return after
    return lede.fit("", line) or ""


def source_hash(raw: bytes) -> str:
    """Identity of the raw text a content file was imported from."""
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def content_hash(markdown: str) -> str:
    """Hash of a generated file without its own hash line: any later edit changes it."""
    return "sha256:" + hashlib.sha256(_HASH_LINE.sub("", markdown, count=1).encode("utf-8")).hexdigest()


def recorded_hash(markdown: str) -> str:
    """The import hash a content file carries, or '' when it has none."""
    match = re.search(rf"^{HASH_KEY}:\s*(\S+)\s*$", markdown, re.M)
    return match.group(1).strip("'\"") if match else ""


def render_markdown(draft: WireDraft, source: str, raw_hash: str, slug: str | None = None) -> str:
    """The content file for a draft: front matter the loader accepts, then the body."""
    fields: list[tuple[str, object]] = [
        ("title", draft.title), ("date", draft.published), ("slug", slug or draft.slug),
        ("summary", draft.summary), ("company", draft.company), ("tickers", list(draft.tickers)),
        ("location", draft.location), ("wire", draft.wire), ("tags", list(draft.tags)),
        ("source", source), ("source_hash", raw_hash)]
    lines = ["---"]
    for key, value in fields:
        if value in ("", []) and key not in ("tickers", "tags"):
            continue
        lines.append(f"{key}: {yaml_value(value)}")
    lines.append("---")
    text = "\n".join(lines) + "\n" + draft.body
    digest = content_hash(text)
    return text.replace("\n---\n", f"\n{HASH_KEY}: {digest}\n---\n", 1)


def yaml_value(value: object) -> str:
    """A plain YAML scalar or flow list when it reads back unchanged, else a quoted string."""
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(str(item), flow=True) for item in value) + "]"
    return _scalar(str(value), flow=False)


def _scalar(text: str, flow: bool) -> str:
    wrapped = f"[{text}]" if flow else text
    try:
        loaded = yaml.safe_load(wrapped)
    except yaml.YAMLError:
        loaded = None
    plain_ok = (loaded == [text] if flow else loaded == text) and text == text.strip()
    date_like = re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]+)?", text) is not None
    if plain_ok or (date_like and not flow):
        return text
    return json.dumps(text, ensure_ascii=False)

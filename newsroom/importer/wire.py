"""Raw wire text → a draft release, and the draft → Markdown with front matter. No file I/O."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any

import yaml

from newsroom.errors import WireError
from newsroom.importer import lede
from newsroom.importer.body import Block, blocks, paragraphs, to_markdown
from newsroom.importer.chrome import CHROME
from newsroom.importer.dateline import find_dateline, find_signature
from newsroom.importer.dates import DATE_RE, find_time, first_date, publish_time
from newsroom.importer.headline import LEGAL_END_ANY_CASE, headline_of, initials
from newsroom.importer.opening import BULLETS, clean, read_opening
from newsroom.importer.passedon import linked_date, passed_on_by
from newsroom.importer.rawtext import normalise
from newsroom.importer.released import release_date
from newsroom.importer.tags import tags as suggest_tags
from newsroom.importer.tickers import TAG, named_listings, opens_with_tag, strip_tickers, tickers
from newsroom.importer.unwrap import wrap_width
from newsroom.util.slugs import slugify

HASH_KEY = "import_hash"
SEARCH_SPAN = 400  # where a dateline printed twice would stand again
LEDE_LIMIT = 3000  # what the lede's first sentences can need; bounds the work on a flattened release
_HASH_LINE = re.compile(rf"^{HASH_KEY}:[^\n]*\n", re.M)
_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b[ \t]*\n?")


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
    subtitle: str = ""

    @property
    def slug(self) -> str:
        return slugify(self.title, 60) or f"release-{self.date.isoformat()}"

    @property
    def published(self) -> str:
        """The front matter date: a bare date, or date and time with the zone's offset."""
        return publish_time(self.date, self.time, self.zone)


def parse_wire(text: str, today: date | None = None) -> WireDraft:
    """Parse one raw release; raise WireError only when it has no text or no date at all. A dateline
    whose year nothing in the text gives is put in the last year it has passed by `today`."""
    text = normalise(text)
    if not text.strip():
        raise WireError("the file is empty")
    hints, text = split_front_matter(text)
    prefix_date, text = split_date_prefix(text)
    width = wrap_width(text)
    found = find_dateline(text, first_text_end(text))
    notes: list[str] = []
    if found is not None:
        head, story = text[:found.start], text[found.end:]
        again = find_dateline(story[:SEARCH_SPAN * 2])
        if again is not None and (again.location, again.date) == (found.location, found.date) and (
                again.start == len(story) - len(story.lstrip()) or re.search(r"(?:\.\.\.|\u2026)\W*$", story[:again.start])):
            story = story[again.end:]  # a copy that prints its dateline twice (a page's teaser, cut, under the first)
    else:
        head, story = split_opening(text)
        notes.append("no dateline")
    signed = (find_signature(story) or find_signature(head)) if found is None else None
    opening = read_opening(head, width, hints.get("title", ""))
    wire = (found.wire if found else "") or opening.wire or passed_on_by(text)
    if found is not None and not wire:
        notes.append("no wire named")
    story_blocks = blocks(story, cut_first=found is not None and not story.startswith("\n"))
    paras = [block.text for block in story_blocks if block.kind == "para"]
    if not story_blocks:
        raise WireError("the release has a date but no text after its opening")
    # The lede: the first paragraph that is prose (a share buyback notice may open with a table's caption);
    # a release that is all tables (an excerpt of results) has none.
    first = next((para for para in paras if _prose(para)), paras[0] if paras else "")
    if not re.search(r"[.!?][\"'\u201d\u2019)]*$", first):  # a page's teaser, cut: the lede it opens, whole
        first = next((para[para.index(first):] for para in paras if len(para) > len(first) and first in para), first)
    first = first[:LEDE_LIMIT].lstrip("| ")  # a cell's bar, left by a converted exhibit
    if opening.headline and first.startswith(opening.headline + " ") and not opens_with_tag(first[len(opening.headline):]) \
            and not (len(opening.headline.split()) <= 5 and LEGAL_END_ANY_CASE.search(opening.headline)):
        # flattened copy repeats its headline (not a letterhead's name, which the lede opens with: 'Acme Inc. (TSX: A)')
        first = first[len(opening.headline) + 1:]
    when = release_date(found, prefix_date, hints.get("date") or (signed[1] if signed else None), opening, story,
                        notes, hints.get("url") or linked_date(text), text, today)
    at, zone = find_time(opening.clock + "\n" + (text[found.start:found.end] if found else ""))
    by = hints.get("author", "") if lede.short_name(hints.get("author", "")) != hints.get("author", "").strip() else ""
    announcer = _announcer(story)
    written = re.search(re.escape(opening.company), first, re.I) if opening.company else None  # 'PLC' the lede writes 'plc'
    name = written.group(0) if written else lede.with_own_case(opening.company, text) if opening.company else \
        by or announcer[0] or lede.company(first, opening.headline)
    name = lede.in_full(name, first) or name or _obliged(story) or lede.named_in_headline(opening.headline, text)
    name = next((line for line in opening.texts if name and len(line.split()) <= 6 and initials(line) == name), name)  # 'RTS'
    known_as = lede.short_name(name).removeprefix("The ").split(" ")[0]  # 'The Thomson Corporation': Thomson
    listed = issuer_tickers(first, name, paras) or announcer[1]
    listed = tuple(dict.fromkeys((*listed, *(ticker for ticker in tickers(opening.listed)
                                             if f"EURONEXT{ticker}" not in listed))))  # 'TSX: TML' / 'OTCQX: TSRMF' above the dateline too
    if not any(known_as.casefold() in text.casefold() for text in opening.texts):  # 'MSGI Reports …' for Marketing Services Group
        known_as = next((symbol for symbol in (ticker.split(":")[1] for ticker in listed)
                         if any(re.match(rf"{re.escape(symbol)}\b", text) for text in opening.texts)), known_as)
    chosen, subtitle = headline_of(list(opening.texts), bool(hints.get("title")), known_as)
    subtitle = subtitle if chosen else " ".join(opening.highlights)  # highlights where a headline would be
    headline = _without_switch(" ".join(chosen.split()), text[found.start:found.end] if found else "")
    title = headline or lede.headline(first, name) or lede.fit("", name or "Press Release")
    if len(title) > lede.HEADLINE_LIMIT and headline:
        notes.append(f"the headline has {len(title)} characters (over {lede.HEADLINE_LIMIT}): kept whole")
    if opening.contacts:
        story_blocks = story_blocks + [Block("section", "Contacts", section="contacts")] + \
            [Block("para", line) for line in opening.contacts]
    tags = suggest_tags(f"{title} {subtitle}", strip_tickers(first))
    if not tags:
        notes.append("no topic tag suggested")
    return WireDraft(
        title=title, date=when, time=at, zone=zone, location=found.location if found else (signed[0] if signed else lede.place_after_name(first)),
        wire=wire, company=name,
        tickers=listed or (tickers(headline, name) if name else ()),
        summary=_whole(lede.summary(first) if _prose(first) else "", text), tags=tags, body=to_markdown(story_blocks), headline_found=bool(headline),
        notes=tuple(notes), subtitle=" ".join(subtitle.split()))


def _without_switch(headline: str, dateline: str) -> str:
    """A wire's page in French links its English version at the end of the headline line
    ('… initiatives stratégiques English'), and the English page its French one."""
    french = bool(re.search(r",\s+le\s+\d", dateline))
    switch = " English" if french else " Fran\u00e7ais"
    return headline[:-len(switch)] if headline.endswith(switch) else headline


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A blog repost's YAML front matter: its title, date and author (a company by its legal name) are
    hints, the rest is not the release."""
    match = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", text, re.S)
    if not match:
        return {}, text
    hints: dict[str, Any] = {}
    for key in ("title", "date", "author", "url"):
        found = re.search(rf"^{key}:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", match.group(1), re.M)
        if found and found.group(1):
            hints[key] = found.group(1)
    if "date" in hints:
        hints["date"] = first_date(hints["date"])
    if "url" in hints:  # the page it was scraped from, when that is the wire's: the day is in its address
        hints["url"] = linked_date(hints["url"])
    return hints, text[match.end():]


def split_date_prefix(text: str) -> tuple[date | None, str]:
    """The archive's ` date YYYY-MM-DD ` prefix, and the text after it (a ` date YYYY-MM ` one
    is no day: the text's own date is)."""
    match = _DATE_PREFIX.match(text)
    if not match:
        return None, text
    if match.group(3) is None:
        return None, text[match.end():]
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day), text[match.end():]
    except ValueError:
        raise WireError(f"the date line says {match.group(1)}-{match.group(2)}-{match.group(3)}, "
                        "which is not a date") from None


def first_text_end(text: str) -> int:
    """Where the opening's first line of text (the headline) ends: a place and a dash after
    it may be an 8-K's dateline."""
    offset = 0
    for raw in text.split("\n"):
        offset += len(raw) + 1
        line = clean(raw)
        if line and not CHROME.match(line) and not DATE_RE.fullmatch(line.strip(" ,")):
            return offset
    return 0


def split_opening(text: str) -> tuple[str, str]:
    """Without a dateline: the opening is what comes before the first paragraph of prose, or
    before the story of an EQS release, under the notice that closes its header."""
    notice = _ISSUER_NOTICE.search(text, 0, SEARCH_SPAN * 5) or _RNS_HEADER.search(text, 0, SEARCH_SPAN * 8)
    if notice:
        return text[:notice.end()], text[notice.end():]
    at = chrome = 0  # where a page's chrome above the release ends ('Download "…"', 'Transcription')
    long = False
    for paragraph in paragraphs(text):
        line = clean(paragraph)
        found = text.find(paragraph.split("\n")[0][:40].strip(), at)
        at = found if found >= 0 else at
        if not long and len(line) < 200 and CHROME.match(line):
            chrome = len(text) if (end := text.find("\n", at)) < 0 else end
            continue  # a page's line, however long its sentence ('… Our AI picked it in March 2024.')
        long = long or len(line) >= 200
        sentences = re.search(r"[.!?][\"'\u201d\u2019)]?$|[a-z](?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bCo)[.!?]\s+[A-Z]", line) or (
            len(line) >= 120 and line.endswith(":") and _worded(line))  # '… presents the following highlights:'
        if len(line) >= 80 and sentences and not paragraph.lstrip().startswith("#"):
            return text[:at], text[at:]
        if at and (_STORY_OPENER.match(paragraph.lstrip()) or re.match(r"[ \t]*\|[^\n]*\|[ \t]*\n[ \t]*\|", paragraph)) \
                and not _worded(text[:at]) and _headlined(text[:at]):
            return text[:at], text[at:]  # the story's highlights (or its first table), after the headline
        if not text[:at].strip() and re.match(r"(?:summary|highlights)\s*:?\s*(?:\n|$)", paragraph.lstrip(), re.I):
            return "", text  # no headline: the text opens with its summary
    return text[:chrome], text[chrome:]


def _headlined(head: str) -> bool:
    """A line of the opening could be a headline: not a page's menus, a bullet, a place or a date."""
    return any(len(text.split()) >= 4 and not CHROME.match(text) and not first_date(line) and not BULLETS.match(line)
               for line, text in ((line, clean(line)) for line in head.split("\n")))


def _worded(head: str) -> bool:
    """A line of the opening reads as prose (a hard-wrapped lede), not as a headline."""
    return any(len(re.findall(r"\b[a-z]{2,}\b", line)) >= 6 and not CHROME.match(clean(line)) for line in head.split("\n"))


_ISSUER_NOTICE = re.compile(r"(?im)^[ \t]*(?:the issuer is solely responsible for the content of this announcement|"
                            r"f(?:\u00fc|ue)r den inhalt der mitteilung ist der emittent[^\n]*)\.?[ \t]*$")
# An RNS announcement's header: 'RNS Number : 8730H', the company and the date on the lines under it,
# and the short lines (the company's letterhead, the document's title) down to its first paragraph.
_RNS_HEADER = re.compile(r"(?m)^[ \t]*RNS\s+Number\s*:[^\n]*(?:\n[ \t]*\S[^\n]*){0,2}(?:\n[^\n]{0,59}(?=\n))*")
_STORY_OPENER = re.compile(r"(?:(?:[\w&,-]+\s+){0,5}highlights|summary|overview)\s*:?\s*(?:\n|$)|"  # 'Third Quarter 2022 Highlights'
                           r"[\u2022\u00a7\u25cf\u25aa\u00b7*-]\s+\S", re.I)


def _whole(summary: str, text: str) -> str:
    """A summary that ends a sentence, or ends where the copy does; never a lede a copy broke into
    pieces, cut mid-sentence ('… at a price of')."""
    ends = re.search(r"[.!?\u2026:][\"'\u201d\u2019]?$", summary) or text.rstrip().endswith(summary[-20:])
    return summary if ends else ""


def _obliged(story: str) -> str:
    """The issuer a Nordic release's notice names: 'This is information that Acme AB (publ) is
    obliged to make public pursuant to the EU Market Abuse Regulation'."""
    notice = re.search(r"\bThis (?:is )?information (?:is )?that (?P<name>[A-Z][^\n.]{1,60}?(?:\(publ\))?) (?:is|was) "
                       r"(?:obliged|required) to make public", story)
    return notice.group("name") if notice else ""


def _announcer(story: str) -> tuple[str, tuple[str, ...]]:
    """A company named on a line of its own atop the story, with its ticker tag: 'Verallia
    (Paris:VRLA):' under Business Wire's 'PARIS--(BUSINESS WIRE)--Regulatory News:'."""
    line = re.match(r"\s*(?:Regulatory News\s*:\s*)?(?P<name>[A-Z][\w&.,'\u2019 -]{1,60}?)\s*(?P<tag>\([^()\n]{2,60}\))"
                    r"[ \t]*:?[ \t]*\n", story)
    listed = tickers(line.group("tag")) if line else ()
    return (line.group("name"), listed) if listed else ("", ())


def _prose(paragraph: str) -> bool:
    """Sentences, not a table's caption, a row of figures or a highlight that lost its bullet."""
    return len(paragraph) >= 60 and len(re.findall(r"\b[a-z]{2,}\b", paragraph)) >= 6 and not re.search(r"[-=_]{5}", paragraph) \
        and bool(re.search(r"(?<!\bi\.e)(?<!\be\.g)[.!?:][\"'\u201d\u2019)]*(?:\s|$)", paragraph))  # 'i.e. ' ends no sentence


def issuer_tickers(first: str, name: str, paragraphs: list[str]) -> tuple[str, ...]:
    """The lede's tickers; else those that follow the company's name further on (a boilerplate
    paragraph: 'Casey's General Stores, Inc. is a Fortune 500 company (NASDAQ: CASY)')."""
    for paragraph in paragraphs:
        if found := tickers(paragraph, name):
            return found
    short = lede.short_name(name)
    for paragraph in paragraphs[1:]:  # a boilerplate paragraph: 'Acme Corp. is a leader … (NASDAQ: ACME)'
        if short and paragraph.startswith(short) and (found := tickers(paragraph[:300]) or tickers(
                " ".join(re.findall(r"(?<![^.])[^.]*\b(?:publicly\s+traded|traded|listed)\b[^.]*(?:\.\w[^.]*)*", paragraph)))):
            return found  # '… We are publicly traded on the Toronto Stock Exchange (TSX: RCI.A and RCI.B) …'
        if short and paragraph.startswith(short) and (found := named_listings(paragraph)):
            return found
    if owned := tickers(" ".join(tag.group(0) for tag in TAG.finditer(first) if _SECURITY.search(first[:tag.start()]))):
        return owned  # 'a dividend of $0.24 per common share (TSX:CWB)': the issuer's own shares
    if name and (opens := TAG.match(first.lstrip())):
        return tickers(opens.group(0))  # a lede that lost the name before its tag: '(NASDAQ: CBLI) today reported …'
    return () if name else tickers(first)


_SECURITY = re.compile(r"\b(?:shares?|stock|units?|notes|debentures|warrants)\s*$", re.I)


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
        ("title", draft.title), ("subtitle", draft.subtitle), ("date", draft.published), ("slug", slug or draft.slug),
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

"""Find a wire release's dateline: place, date, time of day and the wire that carried it.

A dateline is a small grammar:

    PLACE [SEP DATE] SEP TAG [SEP DATE] DASH      e.g. SAN JOSE, Calif., March 3, 2024--(BUSINESS WIRE)--
    PLACE SEP DATE DASH                           AUSTIN, Texas, January 28, 2026 --   (no wire)
    DATE SEP PLACE DASH                           October 5, 2017, Bremen -   (no wire)
    PLACE DASH                                    NEW YORK --  (an 8-K exhibit: no wire, no date)

TAG is one row of WIRE_TAGS, the table of how each wire service names itself in a dateline; the
first tag in the opening with a place before it is the release's own (a redistributor's
`/EIN News/` or `via NEWMEDIAWIRE` around it does not count). Without a tag, a place and a date
that open a paragraph are a dateline, and so is a capitalised place and a dash that open the
first paragraph after the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsroom.importer.dates import CLOCK, DATE, date_pattern, read_date

# (wire, its tag in a dateline). A tag may carry the date inside it (groups prefixed "t").
WIRE_TAGS = (
    ("Business Wire", r"\(\s*BUSINESS\s*WIRE\s*\)|(?<=[\u2013\u2014])[ \t]*BUSINESS[ \t]+WIRE[ \t]*(?=[\u2013\u2014])"),
    ("PR Newswire", r"/\s*(?:[A-Z][a-z]+[-\u2013])?PR\s?Newswire(?:[-\u2013=][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)*(?:\s+via\s+COMTEX(?:\s+News\s+Network)?)?\s*(?:/|(?=[ \t]*(?:\n|$)))|\(\s*PR\s?Newswire\s*\)"),
    ("GlobeNewswire", r"\(\s*GLOBE\s*NEWSWIRE\s*\)|/\s*Globe\s?Newswire\s*/|\(\s*PRIME\s?(?:ZONE|NEWSWIRE)\s*\)"),
    ("Canada NewsWire", r"/\s*(?:CNW(?:\s+Telbec)?|Canada\s+NewsWire|PRNewswire[-\u2013]CNW)\s*/"),
    ("Marketwired", rf"\(\s*Market\s?wired?\s*(?:[-\u2013\u2014]\s*{date_pattern('t')}\s*)?\)"),
    ("Newsfile", rf"\(\s*Newsfile\s+Corp\.?\s*[-\u2013\u2014]\s*{date_pattern('t')}\s*\)"),
    ("Accesswire", r"/\s*\[?ACCESS\s?(?:WIRE|Newswire)\]?(?:\(https?://[^)\s]*\))?\s*/|\(\s*ACCESS\s?WIRE\s*\)"),
    ("NewMediaWire", r"\(\s*NEW\s?MEDIA\s?WIRE\s*\)"),
    ("EQS", r"/\s*EQS\s+Newswire\s*/|\(\s*EQS\s+Newswire\s*\)"),
    # Any other service's slash tag before a dash: /EINPresswire.com/, /PRNewsfoto/
    ("", r"/\s*(?P<other>[A-Z][A-Za-z]*(?:[ .][A-Za-z]+){0,2})\s*/(?=\s*[-\u2013\u2014])"),
)
WIRE_NAMES = {name for name, _ in WIRE_TAGS if name} | {"Dow Jones"}
_TAGS = tuple((name, re.compile(pattern, re.I if name else 0)) for name, pattern in WIRE_TAGS)
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff"
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}'\u2019.\-]*[{_UPPER}.]|[{_UPPER}]"
# Capitalised words, not a region's abbreviation and the next place ('N.J. and TORONTO', 'N.C. & LONDON').
_CAPS_CITY = rf"(?![{_UPPER}]\.[{_UPPER}]\.[ \t]+(?:and|&)[ \t])(?:{_CAPS_WORD})(?:[ \t]+(?:&[ \t]+|and[ \t]+)?(?:{_CAPS_WORD})){{0,5}}"
_TITLE_CITY = rf"[{_UPPER}][{_LOWER}'\u2019]+(?:[ \-][{_UPPER}][{_LOWER}'\u2019]+){{0,2}}"
_NOT_A_DATE = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d|le[ \t]+\d|\d)"
_REGION_WORD = rf"[{_UPPER}][\w.\u2019']*(?:-[\w.\u2019']+)*"
_REGION_PART = rf"{_NOT_A_DATE}{_REGION_WORD}(?:[ \t]+(?:of[ \t]+)?{_REGION_WORD}){{0,3}}"
# ', Calif.', ', Ontario, Canada' — or in brackets: 'Mortsel (Belgium)'.
_REGION = (rf"(?:,[ \t]*\n?[ \t]*(?P<region>{_REGION_PART}(?:,[ \t]*{_REGION_PART})?)"
           rf"|[ \t]+\((?!(?:Reuters|AP|AFP|Bloomberg|Dow|Xinhua|Business|Wire)\b)"
           rf"(?P<bracketed>[{_UPPER}][{_LOWER}]+(?:[ \t]+[{_UPPER}][{_LOWER}]+){{0,2}})\))")
_PLACE = rf"(?P<city>{_CAPS_CITY}|{_TITLE_CITY})(?:{_REGION})?"
# A converted exhibit breaks its lines anywhere, a place's first word too ('Eau' / 'Claire, Wisconsin
# (April 30, 2010) --'): the first words of places named in two, alone on the line above the dateline.
_PLACE_STARTS = ("Las", "Los", "San", "Santa", "Saint", "St.", "New", "Eau", "Fort", "Salt", "Port", "Palm", "Baton",
                 "El", "Des", "Boca", "Palo", "Grand", "Rio", "Mount", "Lake", "Sioux", "Hong", "Tel", "Buenos", "Rancho",
                 "Corpus", "Menlo", "Redwood", "Overland", "Winston", "Bowling", "Research", "West", "East", "North", "South")
_BROKEN_PLACE = (rf"(?P<city>(?:(?i:{'|'.join(map(re.escape, _PLACE_STARTS))})[ \t]*\n[ \t]*)?(?:{_CAPS_CITY}|{_TITLE_CITY}))"
                 rf"(?:{_REGION})?")
_DASH = r"(?:-{1,3}|[\u2013\u2014]{1,2})"
# ... or nothing at all, where a scraper glued a capitalised place to the month: 'NEW YORKMarch 12, 2019'.
_GLUED = rf"(?<=[{_UPPER}])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d)"
_SEP = rf"(?:[ \t]*{_DASH}[ \t]*|[ \t]*[,.][ \t]*{_DASH}?[ \t]*|[ \t]*[/\u00b7\u2022|][ \t]*|[ \t]+|{_GLUED})"
_WHEN = rf"{DATE}(?:,?[ \t]+{CLOCK})?"
# A dateline of two places: 'OMAHA, Neb., SAN JOSE, Calif.,', 'San Rafael, CA and San Bernardino, CA'.
_ALSO = re.sub(r"\(\?P<\w+>", "(?:", _PLACE)
# [PLACE and] PLACE [SEP DATE] SEP, anchored at a tag.
_BEFORE_TAG = re.compile(rf"(?<![\w&\u2019.:])(?<!\w')(?<![\w.]-)(?P<place>{_PLACE})(?:{_SEP}(?:le[ \t]+)?{_WHEN})?{_SEP}?$")
_FIRST_PLACE = re.compile(rf"(?<![\w&'\u2019.\-])(?P<also>{_ALSO})(?P<joint>,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)$")
# After a tag: [SEP DATE] [via OTHER] DASH, slash or colon.
_AFTER_TAG = re.compile(rf"(?:[ \t]*+(?:{_DASH}|/)?[ \t]*+{date_pattern('a')}(?:,?[ \t]++{CLOCK})?)?"
                        rf"(?:[ \t]*+{_DASH}?[ \t]*+via[ \t]++[A-Za-z ]{{2,30}}?(?=[ \t]*+{_DASH}))?"
                        rf"[ \t]*+(?:{_DASH}|/|:)?(?:\*\*(?!\w))?[ \t]*+")  # '/**': a bold dateline's end
# No tag: PLACE, DATE DASH (or PLACE DASH DATE DASH, or an Accesswire-shaped PLACE / DATE / with no
# wire) where a paragraph starts.
_PLAIN = re.compile(rf"(?m:^)[ \t>*_]*(?P<place>{_BROKEN_PLACE})(?:[ \t]*[,;][ \t]*(?:{CLOCK}[ \t]+)?|{_SEP}|[ \t]+\((?=[^)\n]{{4,30}}\)))"
                    rf"(?:le[ \t]+)?{DATE}\)?[*_]*"
                    rf"(?:[ \t]*(?:{_DASH}|,)?[ \t]*{CLOCK}[ \t]*(?:{_DASH}|:)?|[ \t]*(?:{_DASH}|:|/(?=[ \t])|\.{{3}}|\u2026)|"
                    rf"(?<=\d)(?=[{_UPPER}][{_LOWER}])|(?<=\d)[,.]?(?=[ \t]+[{_UPPER}][{_LOWER}]*[ \t])|(?<=\))\.(?=[ \t]+[{_UPPER}]))[ \t]*")
# ('… October 16, 2003Equifax Inc.': the year glued to the story; 'Plainview, N.Y., October 28, 2015 Veeco …')
# The date first, where a paragraph starts: 'October 5, 2017, Bremen - The European Commission ...',
# 'August 14, 2009 – Vancouver, BC – Acme Ltd. …'.
_DATE_FIRST = re.compile(rf"(?m:^)[ \t>*_]*{DATE}[ \t]*(?:[,/]|{_DASH})[ \t]*(?P<place>{_PLACE})[ \t]*(?:{_DASH}[ \t]*"
                         rf"(?=[{_UPPER}\"\u201c])|(?m:$))")  # … or on a line of its own: 'March 30, 2004 - New York, New York'
# A place and date on a line of their own: a signature ('Oslo, 4 December 2015'), the last resort.
_SIGNED = re.compile(rf"^[ \t]*(?P<place>{_PLACE})(?:[ \t]+(?:and|&)[ \t]+{_ALSO})?,[ \t]*{DATE}[ \t]*$", re.M)
# No tag, no date: an 8-K's 'NEW YORK -- The Board ...' at the start of a paragraph.
_BARE = re.compile(rf"(?m:^)[ \t]*(?P<place>(?P<city>{_CAPS_CITY})(?:{_REGION})?)"
                   rf"(?:[ \t]+-{{1,2}}[ \t]+|[ \t]*(?:--|[\u2013\u2014]{{1,2}})[ \t]*)"
                   rf"(?=[{_UPPER}\"\u201c])")
# … or a place in title case with its region: 'Planegg-Martinsried, Germany – Acme AG today reports …'.
_BARE_TITLED = re.compile(rf"(?m:^)[ \t]*(?P<place>(?P<city>{_TITLE_CITY}),[ \t]*(?P<region>{_REGION_PART}))"
                          rf"[ \t]*(?:--|[\u2013\u2014])[ \t]*(?=[{_UPPER}\"\u201c])")
# A flattened copy's dateline, inside its one long line: '… 2018/2023 Berlin, 26. März 2021 - Die DEAG …'.
_INLINE = re.compile(rf"(?<=\s)(?P<place>{_PLACE})(?:,[ \t]*{DATE}[ \t]*{_DASH}|[ \t]+\({date_pattern('b')}\)[ \t]*(?:{_DASH}|:))[ \t]*"
                     rf"(?=[{_UPPER}\"\u201c])")  # … or 'Cambridge, Ontario (August 17, 2011): ATS …'

_FLATTENED = re.compile(r"[^\n]{400,}")
_PLACE_ONLY = re.compile(_PLACE)
_WIRE_AS_PLACE = re.compile(r"(?i:PR\s*Newswire|Business\s*Wire|Globe\s*Newswire|Marketwired?|Access\s*wire|NewMediaWire|"
                            r"Canada\s*NewsWire|Newsfile)")
SEARCH_LIMIT = 6000
_NO_PLACE = re.compile(r"(?i:on|in|at|as|by|for|from|since|until|dated|effective|today|through|before|after|during|of|"
                       r"published|updated|posted|contacts?|draft|interim\s+report|news\s+release|"
                       r"jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
                       r"nov(?:ember)?|dec(?:ember)?)|.+\s(?i:limited|ltd\.?|inc\.?|corp\.?|corporation|plc|ag|ab|asa|oyj)")  # a name  # 'On 8 November 2017, Acme issued


@dataclass(frozen=True)
class Dateline:
    """Where the dateline sits in the text and what it says."""

    start: int
    end: int
    location: str
    wire: str
    date: date | None
    partial_date: tuple[int, int] | None  # (month, day) when the year is missing


def find_dateline(text: str, story_from: int = 0) -> Dateline | None:
    """The release's dateline in the opening of the text, in any form of the grammar. A bare
    place and dash only counts from `story_from` on (after the headline)."""
    head = text[:SEARCH_LIMIT]
    tagged = _tagged(head)
    if tagged:
        return tagged
    plain = next((found for found in _PLAIN.finditer(head) if not _WIRE_AS_PLACE.fullmatch(found.group("place"))
                  and not _NO_PLACE.fullmatch(found.group("city"))), None)
    if plain:  # not a page's byline that names the wire: 'Business Wire 5-Aug-2024 4:05 PM'
        return _dateline(plain.start("place"), plain.end(), plain, "", read_date(plain))
    first = _DATE_FIRST.search(head)
    if first and _plausible_place(first.group("city"), 40) and (region(first) or not head[first.end():].startswith("\n")):
        # a place on its own after the date needs its region: 'New York, New York', not ADVFN's '19 Apr 2024 - Closed'
        return _dateline(first.start(), first.end(), first, "", read_date(first))
    for pattern in (_BARE, _BARE_TITLED):
        for bare in pattern.finditer(head, story_from):
            if _plausible_place(bare.group("city"), 40):
                return _dateline(bare.start("place"), bare.end(), bare, "", None)
    for line in _FLATTENED.finditer(head):
        at = line.start()
        while (inline := _INLINE.search(head, at, line.end())) and not (_plausible_place(inline.group("city"), 40) and not re.search(
                r"\b(?:RECORD|REVENUES?|EARNINGS|RESULTS)\b", inline.group("city"))):
            at = head.index(" ", inline.start("place")) + 1  # 'RECORD REVENUE & EARNINGS PITTSBURGH, PA, …': the place is the last
        if inline and (when := read_date(inline) or read_date(inline, "b")) is not None:
            return _dateline(inline.start("place"), inline.end(), inline, "", when)
    return None


def find_signature(text: str) -> tuple[str, date] | None:
    """A place and date signing the release off ('Oslo, 4 December 2015'): where and when,
    for a release with no dateline."""
    for signed in _SIGNED.finditer(text):
        when = read_date(signed)
        if isinstance(when, date) and _plausible_place(signed.group("city")) and not re.fullmatch(
                r"(?i:mon|tues|wednes|thurs|fri|satur|sun)day", signed.group("city")):  # 'Tuesday, July 15, 2003'
            return location(signed.group("city"), region(signed)), when
    return None


def _tagged(head: str) -> Dateline | None:
    """The earliest wire tag with a place before it."""
    best: Dateline | None = None
    for wire, pattern in _TAGS:
        for tag in pattern.finditer(head, 0, best.start if best else len(head)):
            line_start = max(head.rfind("\n", 0, tag.start()) + 1, tag.start() - 200)
            before = _BEFORE_TAG.search(head, line_start, tag.start())
            if (before is None and re.fullmatch(r"[ \t]*\d{1,2},?(?:[ \t]+\d{4})?[ \t]*", head[line_start:tag.start()])) or (
                    re.match(r"[ \t]*[A-Z][A-Za-z]{0,4}\.(?:[A-Z]\.)?,", head[line_start:tag.start()])
                    and head[:line_start].rstrip("\n").endswith(",")):  # 'BLUE BALL,' / 'Pa., Feb. 8 /PRNewswire/
                line_start = max(head.rfind("\n", 0, line_start - 1) + 1, tag.start() - 200)  # 'Conn., Feb.' / '22 /PRNewswire/'
                before = _BEFORE_TAG.search(head, line_start, tag.start())
            if before is None:
                continue
            cut = _after_headline_words(before.group("city"))  # '… FINANCIAL RESULTS BOCA RATON, Fla.'
            if not _plausible_place(before.group("city")[cut:]):
                continue
            after = _AFTER_TAG.match(head, tag.end())
            assert after is not None  # every part of it is optional
            name = wire or canonical_wire(tag.group("other")) or tag.group("other")
            when = read_date(before) or read_date(tag, "t") or read_date(after, "a")
            best = _dateline(before.start("place") + cut, after.end(), before, name, when, before.group("city")[cut:])
            if (both := _two_places(head, line_start, before.start("place") + cut, best.location)) is not None:
                best = Dateline(both[0], best.end, both[1], best.wire, best.date, best.partial_date)
            break
    return best


def _two_places(head: str, line_start: int, at: int, second: str) -> tuple[int, str] | None:
    """A place printed before the dateline's own ('OMAHA, Neb., SAN JOSE, Calif.'): where it
    starts, and both places. A place joined by a comma needs its region (not 'VANCOUVER, BC')."""
    before = _FIRST_PLACE.search(head, line_start, at)
    first = _PLACE_ONLY.fullmatch(before.group("also")) if before else None
    if before is None or first is None or not _plausible_place(first.group("city")):
        return None
    joint = before.group("joint")
    if not re.search(r"and|&", joint) and not region(first):
        return None
    between = ", " if "," in joint else " & " if "&" in joint else " and "
    return before.start("also"), f"{location(first.group('city'), region(first))}{between}{second}"


def _dateline(start: int, end: int, place: re.Match[str], wire: str,
              when: date | tuple[int, int] | None, city: str = "") -> Dateline:
    return Dateline(start, end, location(city or place.group("city"), region(place)), wire,
                    when if isinstance(when, date) else None, when if isinstance(when, tuple) else None)


def _after_headline_words(city: str) -> int:
    """Where a place starts after the headline's last words that no place has ('… FIRST QUARTER
    FINANCIAL RESULTS BOCA RATON', 'Full Release Nashville'): 0 when there are none."""
    last = None
    for last in _HEADLINE_WORD.finditer(city):
        pass
    return last.end() if last else 0


_HEADLINE_WORD = re.compile(r"\b(?i:results|quarter|financial|reports?|reported|announces?|announced|earnings|revenues?|"
                            r"release|full|update|highlights|fiscal|dividends?)\b[ \t]*")


def region(place: re.Match[str]) -> str | None:
    """The region a place names, after a comma or in brackets."""
    return place.groupdict().get("region") or place.groupdict().get("bracketed")


def _plausible_place(city: str, limit: int = 60) -> bool:
    """A place, not a run of capitalised headline words."""
    return len(city) <= limit and not _NO_PLACE.fullmatch(city.strip()) and not re.search(
        r"\b(?:ANNOUNCES?|REPORTS?|DECLARES?|INCREASES?|NEWS|RELEASE|THE|FOR|TO|IN)\b", city) and not (
        re.search(r"\bOF\b", city) and not re.fullmatch(r"[A-Z]+ OF [A-Z]+", city.strip()))  # 'KING OF PRUSSIA', not '… OF …'



def canonical_wire(tag: str) -> str:
    """'PRNewswire-FirstCall', '(GLOBE NEWSWIRE)', 'Marketwire' → the service's own name."""
    squeezed = re.sub(r"[^a-z]", "", tag.lower())
    for name, stem in (("Marketwired", "marketwire"), ("PR Newswire", "prnewswire"), ("Business Wire", "businesswire"),
                       ("GlobeNewswire", "globenewswire"), ("Canada NewsWire", "cnw"),
                       ("Canada NewsWire", "canadanewswire"), ("Accesswire", "accesswire"), ("Accesswire", "accessnewswire"),
                       ("NewMediaWire", "newmediawire"), ("Newsfile", "newsfile"), ("EQS", "eqs")):
        if squeezed.startswith(stem):
            return name
    return ""


def location(city: str, region: str | None) -> str:
    """'SAINT-BRUNO-DE-MONTARVILLE', 'Quebec' → 'Saint-Bruno-De-Montarville, Quebec'; 'TORONTO',
    'ONTARIO' → 'Toronto, Ontario'."""
    words = re.split(r"([ \-&]+)", " ".join(city.split()))
    titled = "".join(w if re.fullmatch(r"[ \-&]+", w) else _title_word(w) for w in words)
    titled = re.sub(r"\b(And|Of)\b", lambda m: m.group(1).lower(), titled)  # 'King of Prussia
    if not region:
        return titled
    # A region in capitals ('ONTARIO', 'BELGIUM') as a name is written; abbreviations ('B.C.', 'USA', 'CHNA') as printed.
    spelled = any(w.isupper() and len(w) >= 4 and "." not in w and len(re.findall("[AEIOUY]", w)) >= 2 for w in region.split())
    words = [_title_word(w) if spelled and w.isupper() and len(w) >= 3 and "." not in w and re.search("[AEIOUY]", w)
             else w for w in region.split()]  # 'NEW HAMPSHIRE' → 'New Hampshire', 'NEW YORK, USA' → 'New York, USA'
    return f"{titled}, {' '.join(words)}"


def _title_word(word: str) -> str:
    if word.upper() in ("U.S.", "D.C.", "USA", "UK", "UAE", "U.K.", "N.Y.", "L.A.") or (
            word.isalpha() and word.isupper() and len(word) <= 3 and not re.search("[AEIOUY]", word)):
        return word.upper()  # an abbreviation: 'MP Menashe'
    parts = word.replace("\u2019", "'").split("'")  # "O'FALLON" → "O'Fallon", "RA'ANANA" → "Ra'anana"
    return "'".join(part[:1].upper() + part[1:].lower() if i == 0 or len(parts[i - 1]) == 1 else part.lower()
                    for i, part in enumerate(parts))

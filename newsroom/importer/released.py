"""The day a release went out: its dateline's; else what the copy around it says, in order of trust.

The dateline's own date wins. A dateline with a month and day but no year takes the year from the
archive's date line, the front matter, a date line of the opening or the dates the story names
(never a year the story reports as over); else, at import, the last year that reached its day.
With no dateline: the archive's date line, the front matter, the wire's link, a date line of the
opening, the first date of the story that is not a period's end, the date in a link's path, then
any date the text prints.
Each fallback is said in a note.
"""

from __future__ import annotations

import re
from datetime import date

from newsroom.errors import WireError
from newsroom.importer.dateline import SEARCH_LIMIT, Dateline
from newsroom.importer.dates import (
    DATE_RE,
    MONTHS,
    after_what_it_reports,
    first_day_of_news,
    likely_year,
    read_date,
    with_year,
)
from newsroom.importer.opening import Opening
from newsroom.importer.passedon import linked_date


def release_date(found: Dateline | None, prefix: date | None, hinted: date | None, opening: Opening,
                 story: str, notes: list[str], linked: date | None = None, text: str = "",
                 today: date | None = None) -> date:
    """The dateline's date; else the archive's date line, the front matter's, a date line of
    the opening or the first date of the story, in that order, saying which."""
    when = found.date if found else None
    partial = found.partial_date if found else None
    if when is None and partial:
        known = prefix or hinted or (opening.dates[0] if opening.dates else None)
        told = "\n".join((*opening.texts, story))
        when = with_year(known.year, *partial) if known else likely_year(partial, told)
        if when is not None and known is not None and known is not prefix and known is not hinted:
            when = after_what_it_reports(when, told)  # a date the opening names is not the release's
        if when is None and today is not None:  # 'HOUSTON, Oct. 28 /PRNewswire/' and no year anywhere
            when = last_passed(partial, today)
            notes.append(f"the dateline has no year and the text names none: {when.year} assumed, check it")
        elif when is None:
            raise WireError("no date: the dateline has no year, and neither does anything near it")
        elif known is None:
            notes.append(f"the dateline has no year: {when.year} from the dates in the text")
        elif prefix and when != prefix:
            notes.append(f"the dateline says {when:%b %d} with no year, the date line {prefix.isoformat()}; "
                         f"using {when.isoformat()}")
    if when is None:
        # The wire's address for the release carries the day it went out; a page's date line above
        # a copy may be the day it was copied, or the page's own clock.
        for source, candidate in (("the date line", prefix), ("the front matter", hinted),
                                  ("the wire's link", linked or linked_date(story)),
                                  ("the opening", opening.dates[0] if opening.dates else None),
                                  ("the text", first_day_of_news(story[:1500]))):
            if candidate:
                if source != "the date line":  # the archive's date line is where a release's date belongs
                    notes.append(f"no date in the dateline: {candidate.isoformat()} from {source}")
                return candidate
        day = next((part for match in DATE_RE.finditer(story[:1500]) if isinstance(part := read_date(match), tuple)), None) \
            or next(((MONTHS[m.group(2).lower()], int(m.group(1))) for m in _DAY_MONTH.finditer(story[:1500])), None)
        if day and (when := likely_year(day, "\n".join((*opening.texts, story)))):
            notes.append(f"no date in the dateline: {when.isoformat()} from the text, the year from the years it names")
            return when  # '22 JULY AT 8.00 A.M.' in a report on '1 January - 30 June 2016'
        # Last, the copy around the story: an exhibit index's 'First Quarter Report dated May 10, 2005.', a file's
        # link ('…/bitonline/1998/12/02/…'), 'HKScan Abp MEDDELANDE 1 oktober 2008' above a headline printed again.
        for source, find in (("the lines above the story", lambda: first_day_of_news("\n".join(opening.texts))),
                             ("a link in the text", lambda: _link_day(text)),
                             ("the first date the text prints", lambda: first_day_of_news(text[:SEARCH_LIMIT]))):
            if named := find():
                notes.append(f"no date in the dateline: {named.isoformat()} from {source}")
                return named
        raise WireError("no date: the dateline carries no date, and nothing near it does" if found else
                        "no date: the text prints none (no dateline, no date line, no ' date YYYY-MM-DD ' line)")
    if prefix and prefix != when:
        notes.append(f"the date line says {prefix.isoformat()} but the dateline says "
                     f"{when.isoformat()}; using the dateline")
    return when


_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\.?\s+({'|'.join(sorted(MONTHS, key=len, reverse=True))})\b(?!\.?\s*\d)", re.I)


def last_passed(partial: tuple[int, int], today: date) -> date:
    """A month and day in the last year that has reached them by `today` (29 February: a leap year's)."""
    year = today.year if partial <= (today.month, today.day) else today.year - 1
    while True:
        try:
            return date(year, *partial)
        except ValueError:
            year -= 1


def _link_day(text: str) -> date | None:
    """The day in a link's path: 'http://www.bit.se/bitonline/1998/12/02/…'."""
    for link in _LINK_DAY.finditer(text):
        try:
            return date(*(int(part) for part in link.groups()))
        except ValueError:
            continue
    return None


_LINK_DAY = re.compile(r"https?://\S*?/((?:19|20)\d\d)/(0[1-9]|1[0-2])/([0-3]\d)/")

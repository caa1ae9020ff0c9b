"""Dates and times as wire copy prints them, in the languages of the wires' markets.

One pattern, DATE, finds any of them (`July 11, 2017`, `Sept. 22`, `11 July 2017`, `2024-03-05`,
`06.05.2024`, `05/10/17`, `le 22 avril 2024`, `4 december 2013`); `read_date` turns a match into
a date, or a (month, day) when the year is not printed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from newsroom.errors import WireError

# Month names and abbreviations: English, French, German, Swedish/Norwegian/Danish, Dutch, Spanish, Italian.
_MONTH_NAMES = (
    "jan january janvier januar januari janv enero ene gennaio",
    "feb february février fevrier februar februari févr fevr febrero febbraio",
    "mar march mars märz maerz maart marzo",
    "apr april avril abril avr aprile",
    "may mai maj mei mayo maggio",
    "jun june juin juni junio giugno",
    "jul july juillet juli julio juil luglio",
    "aug august août aout augusti augustus agosto",
    "sep sept september septembre septiembre setiembre settembre",
    "oct october octobre oktober octubre okt ottobre",
    "nov november novembre noviembre",
    "dec december décembre decembre dezember diciembre déc dez dicembre",
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_MONTH = r"(?P<{n}>(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)"
# Each form names its groups with a suffix, so one alternation can hold them all.
_FORMS = (
    rf"{_MONTH.format(n='m1')}\s+{_DAY.format(n='d1')}(?: ?,?\s*(?:de\s+)?{_YEAR.format(n='y1')})?",   # July 11, 2017 / Jul 11 / febrero 14 de 2019
    # 11 July 2017; le 6 août 2010, and a French dateline's 'le 6 août' with no year
    rf"(?P<le2>le\s+)?{_DAY.format(n='d2')}\.?\s+(?:of\s+|de\s+)?{_MONTH.format(n='m2')}(?:,?\s+(?:de\s+)?{_YEAR.format(n='y2')}|(?(le2)|(?!)))",
    rf"{_YEAR.format(n='y3')}-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)",                         # 2024-03-05
    r"(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>(?:19|20)\d\d)",                        # 06.05.2024
    r"(?P<m5>[01]?\d)/(?P<d5>[0-3]?\d)/(?P<y5>\d\d(?:\d\d)?)",                          # 05/10/17
    rf"{_DAY.format(n='d6')}-{_MONTH.format(n='m6')}-{_YEAR.format(n='y6')}",          # 5-Aug-2024
    r"(?P<d7>[0-3]?\d)\s+(?P<m7>1[0-2]|0?[1-9])\uc6d4\s+(?P<y7>(?:19|20)\d\d)",            # 30 8월 2019 (a Korean page)
    r"(?P<d8>[0-3]?\d)-(?P<m8>[0-3]?\d)-(?P<y8>(?:19|20)\d\d)",                           # 23-02-2010 (02-23-2010 too)
)
# A date ends at a word's end; a scraper may glue the next sentence's capital to it: '2003Equifax'.
DATE = r"(?:" + "|".join(f"(?:{form})" for form in _FORMS) + r")(?![\d_/]|(?-i:[a-z\u00df-\u00ff]))"
DATE_RE = re.compile(r"(?<![\w./-])" + DATE)
# A time of day as datelines print it after their date: 08:00 CET, 04:10 PM, 8.00 a.m. EDT.
CLOCK = r"[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4}(?:/[A-Z]{3,4})?)?"

# Zones as releases print them, mapped to the zone whose offset applies on the day.
ZONES = {"ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
         "EASTERN": "America/New_York", "EASTERN STANDARD TIME": "America/New_York",
         "EASTERN DAYLIGHT TIME": "America/New_York", "CT": "America/Chicago", "CST": "America/Chicago",
         "CDT": "America/Chicago", "CENTRAL STANDARD TIME": "America/Chicago",
         "CENTRAL DAYLIGHT TIME": "America/Chicago", "MT": "America/Denver", "MST": "America/Denver",
         "MDT": "America/Denver", "MOUNTAIN STANDARD TIME": "America/Denver",
         "MOUNTAIN DAYLIGHT TIME": "America/Denver", "PT": "America/Los_Angeles",
         "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
         "PACIFIC STANDARD TIME": "America/Los_Angeles", "PACIFIC DAYLIGHT TIME": "America/Los_Angeles",
         "GMT": "UTC", "UTC": "UTC", "BST": "Europe/London", "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
         "CET": "Europe/Paris", "CEST": "Europe/Paris", "CET/CEST": "Europe/Paris", "EET": "Europe/Helsinki",
         "EEST": "Europe/Helsinki", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
         "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore", "JST": "Asia/Tokyo", "IST": "Asia/Kolkata"}
_ZONE = "|".join(sorted((re.escape(z) for z in ZONES), key=len, reverse=True))
_TIME = re.compile(r"(?<![\d:.])(?P<hour>[0-2]?\d)(?:[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?|\s*h\s*(?P<hmin>[0-5]\d)?)"
                   r"\s*(?P<ampm>[ap]\.?\s?m\b\.?)?\s*\(?(?P<zone>" + _ZONE + r")\)?(?![A-Za-z])", re.I)


def date_pattern(prefix: str) -> str:
    """DATE with its groups renamed, for a pattern that holds more than one date."""
    return DATE.replace("(?P<", f"(?P<{prefix}").replace("(?(", f"(?({prefix}")


def read_date(match: re.Match[str], prefix: str = "") -> date | tuple[int, int] | None:
    """The date a DATE match names (its groups renamed with `prefix`); (month, day) when it has
    no year; None when it found none or an impossible one."""
    groups = match.groupdict()
    for n in "12345678":
        if groups.get(f"{prefix}d{n}"):
            day, month_text, year_text = (groups[f"{prefix}d{n}"], groups[f"{prefix}m{n}"],
                                          groups.get(f"{prefix}y{n}"))
            break
    else:
        return None
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    if n == "8" and month > 12 >= int(day):
        day, month = str(month), int(day)  # '02-23-2010': the month first, as US copies print it
    if not year_text:
        return (month, int(day)) if 1 <= month <= 12 and 1 <= int(day) <= 31 else None
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        return date(year, month, int(day))
    except ValueError:
        return None


def first_date(text: str) -> date | None:
    """The first full date printed in a piece of text (a date line, a timestamp)."""
    for match in DATE_RE.finditer(text):
        found = read_date(match)
        if isinstance(found, date):
            return found
    return None


def first_day_of_news(text: str) -> date | None:
    """The first date that is not the end of a period ('quarter ended September 30, 2021', 'as at
    June 30'): the day a release tells of, when it prints no date of its own; else the first date."""
    dates = [(found, match.start()) for match in DATE_RE.finditer(text) if isinstance(found := read_date(match), date)]
    news = next((found for found, at in dates if not _PERIOD_END.search(text, max(0, at - 30), at)), None)
    return news or (dates[0][0] if dates else None)


_PERIOD_END = re.compile(r"\b(?:ended|ending|as\s+(?:of|at)|through|until|to|periods?|year|quarter|months)[\s,]*$|"
                         r"\d\s*[-\u2013]\s*$", re.I)  # … or a range's: 'JANUARY 1 - MARCH 31, 2006'


def with_year(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise WireError(f"the dateline's date {month:02d}-{day:02d} does not exist in {year}") from None


def find_time(text: str) -> tuple[time | None, str]:
    """A time of day with its zone, as printed near the dateline ('16:01 ET', '8:00am EDT',
    '04:10 PM Eastern Standard Time', '08:00 CET')."""
    for match in _TIME.finditer(text):
        hour = int(match.group("hour"))
        minute = int(match.group("minute") or match.group("hmin") or 0)
        ampm = re.sub(r"[^apm]", "", (match.group("ampm") or "").lower())
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour <= 23:
            return time(hour, minute), " ".join(match.group("zone").upper().split())
    return None, ""


def publish_time(day: date, at: time | None, zone: str) -> str:
    """Front matter date: a bare date, or an ISO time with the zone's offset on that day."""
    if at is None or zone not in ZONES:
        return day.isoformat()
    return datetime.combine(day, at, ZoneInfo(ZONES[zone])).isoformat()


def likely_year(partial: tuple[int, int], story: str) -> date | None:
    """A dateline's month and day, in the year that puts it nearest the dates the story names
    ('Aug. 3' beside 'June 30, 2010 compared to $25.5 million on June 30, 2009': 2010)."""
    named = [found for match in DATE_RE.finditer(story) if isinstance(found := read_date(match), date)]
    best: tuple[int, date] | None = None
    for year in sorted({d.year + step for d in named for step in (-1, 0, 1)}):
        try:
            candidate = date(year, *partial)
        except ValueError:
            continue
        distance = min(abs((candidate - d).days) for d in named)
        if best is None or distance <= best[0]:  # a tie goes to the later year: news follows what it reports
            best = (distance, candidate)
    return after_what_it_reports(best[1], story) if best else _year_of_years(partial, story)


def after_what_it_reports(when: date, story: str) -> date:
    """A dateline's month and day put in a year: news follows what it reports, so never in a
    year the story reports as over ('Full year 2006' beside a note of 'May 17, 2005')."""
    over = [year for year in set(_years_named(story)) if year >= when.year and re.search(
        rf"\b(?:fourth[- ]quarter|q4)\b[^.\n]{{0,30}}\b(?:full[- ]year|year[- ]end(?:ed)?)\b\s*(?:\w+\s+){{0,2}}{year}\b|"
        rf"\byear\s+ended\s+December\s+31,?\s+{year}\b", story[:6000], re.I)]
    if not over:
        return when
    try:
        return date(max(over) + 1, when.month, when.day)
    except ValueError:
        return when


_YEAR = re.compile(r"(?<![\d$.,])(?:19[5-9]\d|20\d\d)(?![\d%])")
# A year's results reported as a whole ('1997 financial results', 'fourth quarter', 'year ended'):
# they are announced after the year is over.
_YEAR_OVER = r"(?:fourth[- ]quarter|q4|full[- ]year|year[- ]end(?:ed)?|fiscal(?: year)?|annual)"


def _year_of_years(partial: tuple[int, int], story: str) -> date | None:
    """A dateline's month and day when the story names years but no full date ('its 1997
    operating loss', a table's '2011  2010' columns): the latest year named, or the year after
    it when the story reports that year as over."""
    years = _years_named(story)
    if not years:
        return None
    latest = max(years)
    if current := re.search(r"\b(?:remainder|rest|balance)\s+of\s+(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?((?:19|20)\d\d)\b", story[:6000]):
        latest = int(current.group(1))  # 'revenue during the remainder of 2001 and … in 2002': the year is 2001
    try:
        return date(latest + (1 if _reported_over(latest, story) else 0), *partial)
    except ValueError:
        return None


def _years_named(story: str) -> list[int]:
    """The years a story names; a year a bond is due or a plan runs to is not the release's
    ('senior notes due 2020'), unless no other is named: then the earliest, as nothing is due
    before it is issued."""
    named = list(_YEAR.finditer(story[:6000]))
    return [int(match.group(0)) for match in named
            if not re.search(r"\b(?:due|matur\w*|until|through|expir\w*|by|to)\s+(?:\w+\s+)?$",
                             story[max(0, match.start() - 20):match.start()], re.I)] or [min(int(m.group(0)) for m in named)] if named else []


def _reported_over(year: int, story: str) -> bool:
    """Whether the story reports `year` as a whole, over: its fourth quarter, its full year."""
    return bool(re.search(rf"\b{_YEAR_OVER}\b[^.\n]{{0,60}}\b{year}\b|\b{year}\s+(?:financial|operating|annual|"
                          rf"year[- ]end|full[- ]year)?\s*results\b|\b{year}\b[^.\n]{{0,20}}\b{_YEAR_OVER}\b",
                          story[:6000], re.I))

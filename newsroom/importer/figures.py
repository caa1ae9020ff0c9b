"""The figures of a plain-text table line: what counts as a number, and where cells stand.

A wire table's line is a label and figures apart by runs of spaces; a figure may carry a
currency sign printed apart from it (`$   53`), parentheses for a negative (`(1,688  )`), a
dash for zero, a percent sign, a thousands separator that is a space (`12 000`) or a point
(`3.709,60`). `cells` reads a line into cells with their positions, so columns can be found
from where figures stand. Pure text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ISO = "USD|EUR|CAD|GBP|CHF|SEK|NOK|DKK|AUD|JPY|HKD"
_GROUPED = r"\d{1,3}(?:[,.'\u00a0\u202f ]\d{3})+"
NUMBER = re.compile(rf"""^
    [(\-\u2212\u2013]?\s*+(?:[A-Z]{{0,3}}[$€£¥]|[$€£¥][A-Z]{{0,3}}|{_ISO})?\s*+[(\-\u2212\u2013]?\s*+
    (?:(?:{_GROUPED}|\d+)(?:[.,]\d+)?|[.,]\d+)
    (?:\s*+(?:\)|%|x|×|bps|pts|pp))*+\s*+[*†‡]*+
$""", re.X)
DATE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^\d{4}-\d\d-\d\d$")
PLACEHOLDERS = {"-", "\u2013", "\u2014", "\u2212", "--", "---", "n/a", "na", "nm", "n.m.", "nil", "*"}
SIGNS = re.compile(r"^\(?\s*(?:[A-Z]{0,3}[$€£¥]|[$€£¥][A-Z]{0,3})\s*|\s*\)$")
YEAR = re.compile(r"^(?:FY\s?)?(?:19|20)\d\d[*†‡]*$")
CURRENCY = re.compile(rf"^(?:[A-Z]{{0,3}}[$€£¥]|[$€£¥][A-Z]{{0,3}}|{_ISO})$")
DOT_LEADER = re.compile(r"(?<=\S)(?: ?\.){3,} ?(?=\s|\$|\(|\d)")


def is_number(text: str) -> bool:
    """A figure as tables print it: 1,234 · (56) · $ 12.3 · 12.5% · — · $ - · 3.3.2015 · 12 000."""
    text = text.strip()
    bare = SIGNS.sub("", text).lower()
    return bool(text) and (bare in PLACEHOLDERS or bool(NUMBER.match(text)) or bool(DATE.match(text)))


@dataclass(frozen=True)
class Cell:
    """Text that stands apart on a line, and the columns it covers."""

    start: int
    end: int
    text: str

    @property
    def numeric(self) -> bool:
        return is_number(self.text)


def cells(line: str) -> list[Cell]:
    """The cells of a space-aligned line: runs of text apart by two spaces or more, a run of
    figures apart by single spaces split into one cell each, and a `$` or `)` or `%` printed
    apart from its figure joined to it."""
    line = DOT_LEADER.sub(lambda m: " " * len(m.group()), line.expandtabs(8))
    found: list[Cell] = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        found += split_figures(match.start(), match.group())
    joined: list[Cell] = []
    for cell in found:
        last = joined[-1] if joined else None
        if last and CURRENCY.match(last.text) and cell.numeric:
            joined[-1] = Cell(last.start, cell.end, f"{last.text}{cell.text}")
        elif last and last.numeric and cell.text in (")", "%", ")%"):
            joined[-1] = Cell(last.start, cell.end, f"{last.text}{cell.text}")
        else:
            joined.append(cell)
    return [Cell(c.start, c.end, tidy(c.text)) for c in joined]


def split_figures(start: int, text: str) -> list[Cell]:
    """`(32) (186)` is two figures; `12 000` and `$ 8,851` are one."""
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    if len(tokens) < 2 or not all(is_number(t) or CURRENCY.match(t) or t in (")", "%") for _, t in tokens):
        return [Cell(start, start + len(text), text)]
    pieces: list[list[tuple[int, str]]] = []
    for offset, token in tokens:
        previous = pieces[-1][-1][1] if pieces else ""
        grouping = re.fullmatch(r"\d{3}(?:[.,]\d+)?", token) and re.fullmatch(r"[(\-]?\d{1,3}", previous)
        if pieces and (grouping or CURRENCY.match(previous) or token in (")", "%")):
            pieces[-1].append((offset, token))
        else:
            pieces.append([(offset, token)])
    return [Cell(start + piece[0][0], start + piece[-1][0] + len(piece[-1][1]),
                 " ".join(token for _, token in piece)) for piece in pieces]


def tidy(text: str) -> str:
    """One space between words; none between a currency sign or parenthesis and its figure."""
    text = " ".join(text.split())
    if is_number(text):
        text = re.sub(r"(?<=[$€£¥(])\s+|\s+(?=[)%])", "", text)
    return text

"""Lines of prose as paragraphs again.

A wire's text comes one line per paragraph, hard-wrapped by a mailer at a column, or broken
anywhere by a converter (an exhibit's 'The' / 'investors will …'). Which it is decides where a
paragraph ends: at a short line of a mailer's wrap, at every line of a text that is not wrapped
unless the line stops mid-sentence, never before a line that starts in lower case.
"""

from __future__ import annotations

import re

from newsroom.importer.dates import MONTHS
from newsroom.importer.sections import CHROME, plain

BULLET = re.compile(r"^\s*(?:(?:[-*\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043\u2013\uf0b7\uf0a7\u00a7]|o(?=\s))\s+|--(?=[A-Z]))"
                    r"(?P<item>\S.*)$")  # '--Revenue up 12%': Business Wire's highlights
NUMBERED = re.compile(r"^\s*(?P<n>\d{1,2})[.)]\s+(?P<item>\S.*)$")  # not "(1)": a footnote


def prose(lines: list[str], cut_first: bool) -> list[str]:
    """Paragraphs from lines of prose: split at blank lines, hard-wrapped or broken lines joined."""
    result: list[str] = []
    for group in re.split(r"\n[ \t]*\n", "\n".join(lines)):
        rows = [line.strip() for line in group.split("\n") if line.strip()]
        for part in _apart(rows):
            result.extend(_unwrap(part, cut_first and not result))
    return result


def _apart(lines: list[str]) -> list[list[str]]:
    """A group's lines, with each line of wire chrome ('NOT FOR DISTRIBUTION …') a part of its own,
    so it is never joined to the paragraph it sits on."""
    parts: list[list[str]] = [[]]
    for line in lines:
        if len(line) <= 200 and CHROME.match(plain(line)):
            parts += [[line], []]
        else:
            parts[-1].append(line)
    return [part for part in parts if part]


def _unwrap(lines: list[str], cut_first: bool = False) -> list[str]:
    """Hard-wrapped lines joined into paragraphs. A line ends its paragraph when the next line's
    first word would have fitted on it: a mailer wraps a line only when the next word does not."""
    if len(lines) < 2:
        return lines
    if not _hard_wrapped(lines):
        return _rejoin(lines)
    width = max(len(line) for line in lines)
    out: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        if current and (BULLET.match(line) or NUMBERED.match(line)):
            out.append(" ".join(current))
            current = []
        current.append(line)
        following = lines[index + 1].split()[0] if index + 1 < len(lines) else ""
        room = len(line) + 1 + len(following) <= width - 2 and len(line) < 0.9 * width \
            and line.split()[-1].lower() not in _GOES_ON and not _goes_on(line, lines[index + 1:index + 2])
        if (room and not (cut_first and index == 0)) or BULLET.match(line):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def _goes_on(line: str, following: list[str]) -> bool:
    """A converted exhibit breaks its lines anywhere, even after a paragraph's first word ('The' /
    'investors will …'): a line goes on when the next starts with a word in lower case, or when it
    leaves a bracket open ('(NYSE:' / 'NPK)')."""
    return bool(following and re.match(r"[a-z]+\b(?![@.'\u2019/-]\w)", following[0])) or line.count("(") > line.count(")")


# no paragraph ends with 'of' ('… 1999 of' / '$2.4 million')
_GOES_ON = {"of", "to", "and", "or", "the", "a", "an", "in", "on", "at", "by", "for", "with", "from", "than", "about",
            "approximately", "was", "were", "is", "are", "be", "per", "its", "their", "nearly", "over", "under", "totaled",
            "totalled"}


def _rejoin(lines: list[str]) -> list[str]:
    """One line per paragraph, with here and there a sentence broken across two lines (a copy
    that kept a stray line break): the line goes on when the one before stops mid-sentence and
    it starts in lower case, or with a figure after 'of', 'to', 'and'…"""
    out = [lines[0]]
    for line in lines[1:]:
        before = out[-1]
        words = before.split()
        stops = bool(re.search(r"[.!?:;\"'\u201d\u2019)\]]$", before)) or len(before) < 30
        starts = line[:1].islower() or (line[:1] in "$\u20ac\u00a3" or line[:1].isdigit()) and words[-1].lower() in _GOES_ON \
            or bool(re.match(r"\d{1,2}\b", line)) and words[-1].rstrip(".").lower() in MONTHS  # 'ended March' / '31, 2011.'
        if not stops and starts and not (BULLET.match(line) or NUMBERED.match(line) or re.search(r"@|www\.|https?:", line)):
            out[-1] = f"{before} {line}"
        else:
            out.append(line)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """Long lines that mostly end mid-sentence were wrapped by a mailer, not by the author."""
    inner = lines[:-1]
    open_ended = sum(1 for line in inner if not re.search(r"[.!?:;\"'\u201d\u2019]$", line))
    median = sorted(len(line) for line in inner)[len(inner) // 2]
    widest = max(len(line) for line in inner)
    even = sum(1 for line in inner if len(line) >= 0.8 * widest)  # a mailer wraps every line near one width
    return median >= 50 and open_ended * 2 >= len(inner) and even * 2 >= len(inner)


def wrap_width(text: str) -> int:
    """The column a hard-wrapped text is wrapped at, or 0 when its lines are not wrapped."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if len(line.strip()) > 30)
    if len(lengths) < 8:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if width - 12 <= n <= width)
    return width if width <= 100 and near * 2 >= len(lengths) else 0

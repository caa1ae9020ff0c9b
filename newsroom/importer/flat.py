"""A flattened opening, back on lines of its own.

Aggregators and converters deliver a release as one long line. The story's sections are cut by
sections.py; the lines above the dateline are cut here, where their shape is known: an EQS header,
an exhibit's `For Immediate Release` and its `-Sub-headline-` lines.
"""

from __future__ import annotations

import re


def notice_apart(line: str) -> str:
    """A flattened opening's 'For Immediate Release', headline and '-Sub-headline-' lines, apart:
    'For Immediate Release ACME REPORTS RECORD RESULTS -Sales Grew 15%- -EPS Doubled-'."""
    line = re.sub(r"^([ \t]*(?:for\s+immediate\s+release|exhibit\s+99(?:\.\d+)?))[ \t]+(?=\S.{20,})", r"\1\n", line, flags=re.I)
    return re.sub(r"[ \t]+-(?=[A-Z0-9$])([^\n]{3,160}?(?<=[\w%).]))-(?=[ \t]|$)", r"\n\1", line) if len(line) > 80 else line


# A flattened EQS release runs its header into one line: the headline, 'DGAP-News: Acme AG /
# Schlagwort(e): Quartals-/Zwischenmitteilung', the headline again, '08.05.2019 / 08:00', the notice
# that the issuer answers for it, then the sub-headlines joined by ' - '.
_EQS_FLAT = re.compile(r"(?P<before>.*?)\s*(?P<header>(?:EQS|DGAP)-[\w-]+:\s*[^/\n]{2,80}?\s*/\s*(?:Key\s*words?(?:\(s\))?|"
                       r"Schlagw(?:o|\u00f6)rt(?:e|er)?(?:\(e\))?)\s*:)\s*(?P<after>.*)", re.I)
_EQS_STAMP = re.compile(r"\s*(\d{2}\.\d{2}\.\d{4}\s*/\s*\d{1,2}:\d{2}(?:\s+(?:CET|CEST|MEZ|MESZ|UTC|GMT)(?:/\w+)?)?)\s*"
                        r"(?:(F\u00fcr den Inhalt der Mitteilung ist der Emittent / Herausgeber verantwortlich\.|"
                        r"The issuer is solely responsible for the content of this announcement\.)\s*)?")


def eqs_unflattened(line: str) -> str:
    """An EQS header run into one line, back on lines of its own (see _EQS_FLAT)."""
    flat = _EQS_FLAT.match(line)
    stamp = _EQS_STAMP.search(line, flat.end("header")) if flat else None
    if not flat or not stamp:
        return line
    before, after = flat.group("before").strip(), line[flat.end("header"):stamp.start()].strip()
    words, again = (after[:after.index(before)].strip(), before) if before and before in after else (after, "")
    rest = [part for part in re.split(r"\s+-\s+", line[stamp.end():]) if part.strip()]
    return "\n".join(part for part in (before, f"{flat.group('header')} {words}", again, *stamp.groups(), *rest) if part)

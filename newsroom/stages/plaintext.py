"""The visible text of rendered HTML: a release's story for the search index, its lede for the summary.

Python's HTMLParser reads HTML of any shape, at a cost: a fifth of a clean build's Markdown
phase went to it. HTML that Markdown wrote itself is simpler: every tag is a name and
double-quoted attributes whose `<`, `>` and `"` are escaped, and text holds no `<`. That
HTML is read by one regular expression, to exactly the text the parser gives; anything
else (raw HTML a body carries, comments, scripts, a stray `<`) goes to the parser, metered.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from newsroom.stages.complexity import Meter, MeteredHTML

# Start tags that separate words: their text is kept apart from the text before them.
BREAKS = frozenset(("p", "li", "br", "h1", "h2", "h3", "h4", "tr", "blockquote"))
# A character reference of eight digits or more names no character (U+FFFD stands in), and one
# of thousands makes Python's int() refuse to read it.
_HUGE_CHARREF = re.compile(r"&#0*[1-9][0-9]{7,}")
_SIMPLE_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*\s*/?>')
# Elements whose content HTMLParser reads as raw text, not as tags and references.
_RAW_TEXT = frozenset(("script", "style"))


class _TextExtractor(MeteredHTML, HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in BREAKS:
            self.parts.append(" ")


def html_to_text(fragment: str, budget: Meter | None = None) -> str:
    """Visible text of an HTML fragment, whitespace folded."""
    fragment = _HUGE_CHARREF.sub("&#65533", fragment)
    text = simple_text(fragment)
    if text is None:
        parser = _TextExtractor()
        parser.meter = budget
        parser.feed(fragment)
        parser.close()
        text = "".join(parser.parts)
    return " ".join(text.split())


def simple_text(html: str) -> str | None:
    """The text HTMLParser gives of `html` (before whitespace is folded), when every `<` in it
    opens a simple tag; else None."""
    parts, at = [], 0
    for tag in _SIMPLE_TAG.finditer(html):
        text = html[at:tag.start()]
        if "<" in text:
            return None
        parts.append(unescape(text) if "&" in text else text)
        name = tag[2].lower()
        if name in _RAW_TEXT:
            return None
        if not tag[1] and name in BREAKS:
            parts.append(" ")
        at = tag.end()
    rest = html[at:]
    if "<" in rest:
        return None
    parts.append(unescape(rest) if "&" in rest else rest)
    return "".join(parts)

"""What rendering one body may cost, so every body under the size limit renders or is refused
in time linear in its length.

Python-Markdown does work quadratic in the length of a block or paragraph for some inputs
(brackets nested or left open, unclosed HTML tags, a thousand headings without a blank line,
thousands of footnotes) and recurses once per level of nested lists and quotes. A meter on the
Markdown instance counts what its scans pass over (characters a regular expression or a Python
loop reads, list entries a pop moves); a body whose count passes a budget linear in its length,
or that nests deeper than any release does, is refused, naming where it stopped. Output is
unchanged for every body within the budget: nothing here alters what Python-Markdown does.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Callable

import markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteInlineProcessor
from markdown.htmlparser import HTMLExtractor
from markdown.inlinepatterns import (
    BacktickInlineProcessor,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

from newsroom.errors import MarkupError

# Units are about a nanosecond each on this machine: what one character costs Python-Markdown's
# regular expressions to read (REGEX), Python's tolerant HTML tag expression (TAG), a Python loop
# (LOOP), a copy of the text (1 / COPY); what one footnote costs each footnote mark (FOOTNOTE).
REGEX, TAG, LOOP, COPY, FOOTNOTE = 2, 100, 60, 8, 20
BUDGET_BASE = 50_000_000
BUDGET_PER_CHARACTER = 2_000  # releases as written take 25 to 450 (a paragraph of 400 links)
MAX_DEPTH = 24  # lists and quotes nested deeper than any release (Python recurses ~3 frames a level)
MAX_INLINE_DEPTH = 100  # elements above a run of text: each copies the list of those above it
MAX_FOOTNOTES = 1000  # a release has a few dozen


class Meter:
    """The work one conversion may do, and where it is."""

    def __init__(self, text: str) -> None:
        self.limit = BUDGET_BASE + BUDGET_PER_CHARACTER * len(text)
        self.spent = 0
        self.depth = 0
        self.where = text  # the block or paragraph being worked on, to say where a refusal stopped

    def charge(self, units: int, why: str) -> None:
        self.spent += units
        if self.spent > self.limit:
            raise MarkupError(f"the Markdown is too complex to render in reasonable time ({why}); "
                              "simplify it", self.where)


def meter_of(md: markdown.Markdown | None) -> Meter | None:
    """The meter of the conversion under way (Renderer.to_html sets one), if any."""
    return getattr(md, "newsroom_meter", None)


class MeteredBrackets:
    """Links and images find their closing `]` and `)` with Python loops from each `[`: nested or
    unclosed brackets make those scans quadratic. Each scan is charged."""

    md: markdown.Markdown | None

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 - Python-Markdown's name
        text, end, handled = super().getText(data, index)  # type: ignore[misc]
        if (current := meter_of(self.md)) is not None:
            current.charge(((end if handled else len(data)) - index) * LOOP, "brackets nested or left open")
        return text, end, handled

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        href, title, end, handled = super().getLink(data, index)  # type: ignore[misc]
        if (current := meter_of(self.md)) is not None and data.startswith("(", index):
            current.charge(((end if handled else len(data)) - index) * LOOP, "parentheses left open in links")
        return href, title, end, handled


# name: (stock class, metered class, priority as Python-Markdown registers it)
METERED_INLINE = {
    name: (stock, type(f"Metered{stock.__name__}", (MeteredBrackets, stock), {}), priority)
    for name, stock, priority in (
        ("reference", ReferenceInlineProcessor, 170), ("link", LinkInlineProcessor, 160),
        ("image_link", ImageInlineProcessor, 150), ("image_reference", ImageReferenceInlineProcessor, 140),
        ("short_reference", ShortReferenceInlineProcessor, 130),
        ("short_image_ref", ShortImageReferenceInlineProcessor, 125))
}


_BACKTICKS = re.compile("`+")
_FOOTNOTE_OPEN = re.compile(r"\[\^")


def search_work(pattern: Any, data: str) -> int:
    """What the two inline patterns that read far from every place they try will read in a
    paragraph (charged once, before their first search): the code span finder reads, by a
    Python loop, from each run of backticks to the next run of the same length, or to the end;
    the footnote mark expression from each `[^` to the next `]` and back, or to the end."""
    if isinstance(pattern, BacktickInlineProcessor):
        following: dict[int, int] = {}  # run length -> where the next run of that length starts
        read = 0
        for run in reversed(list(_BACKTICKS.finditer(data))):
            # An escaped first backtick opens nothing: the run opens one shorter.
            opens = len(run.group()) - (run.start() > 0 and data[run.start() - 1] == "\\")
            if opens:
                read += following.get(opens, len(data)) - run.start()
            following[len(run.group())] = run.start()
        return read * LOOP
    if isinstance(pattern, FootnoteInlineProcessor):
        closes = [m.start() for m in re.finditer(r"\]", data)]
        read = 0
        for opening in _FOOTNOTE_OPEN.finditer(data):
            at = bisect.bisect_left(closes, opening.start())
            read += 2 * ((closes[at] if at < len(closes) else len(data)) - opening.start())
        return read * REGEX
    return 0


class MeteredHTML:
    """Python's HTML parser reads from each `<` that opens no complete tag to the end of the
    text (or the next `>`): thousands of them are quadratic. Mixed into an HTMLParser."""

    rawdata: str
    meter: Meter | None = None

    def _charged(self, method: Callable[..., int], i: int, *args: Any) -> int:
        end = method(i, *args)
        if self.meter is not None:
            # The shortest tag is three characters: ending sooner, it found none and read on to the end.
            self.meter.where = self.rawdata[i:i + 200]
            scanned = end - i if end >= i + 3 else len(self.rawdata) - i
            self.meter.charge(scanned * TAG, "'<' that opens no complete tag")
        return end

    def parse_starttag(self, i: int) -> int:
        return self._charged(super().parse_starttag, i)  # type: ignore[misc]

    def parse_endtag(self, i: int) -> int:
        return self._charged(super().parse_endtag, i)  # type: ignore[misc]

    def parse_html_declaration(self, i: int) -> int:
        try:
            return self._charged(super().parse_html_declaration, i)  # type: ignore[misc]
        except AssertionError:  # Python 3.11 asserts on `<![x` that is no marked section: it is text
            self.handle_data(self.rawdata[i:i + 2])  # type: ignore[attr-defined]
            return i + 2

    def parse_pi(self, i: int) -> int:
        return self._charged(super().parse_pi, i)  # type: ignore[misc]

    def parse_bogus_comment(self, i: int, *report: int) -> int:
        return self._charged(super().parse_bogus_comment, i, *report)  # type: ignore[misc]


class MeteredExtractor(MeteredHTML, HTMLExtractor):
    """Python-Markdown's raw HTML block finder, metered."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.meter = meter_of(md)


def extract_html_blocks(md: markdown.Markdown, lines: list[str]) -> list[str]:
    """HtmlBlockPreprocessor.run, with the metered extractor."""
    parser = MeteredExtractor(md)
    parser.feed("\n".join(lines))
    parser.close()
    return "".join(parser.cleandoc).split("\n")


class Limits(Extension):
    """Installs the meter's checks; registered after every other extension, so it sees theirs."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        patterns = md.inlinePatterns
        for name, (stock, metered, priority) in METERED_INLINE.items():
            if name in patterns and type(patterns[name]) is stock:
                patterns.register(metered(patterns[name].pattern, md), name, priority)
        if "footnote" in patterns:
            _meter_footnotes(patterns["footnote"], md)
        _meter_blocks(md)


def _meter_footnotes(processor: Any, md: markdown.Markdown) -> None:
    """Each footnote mark looks its number up in a list of every footnote (seen so far, or
    defined): quadratic in their count."""
    handle, footnotes = processor.handleMatch, processor.footnotes

    def handle_match(m: Any, data: str) -> Any:
        if (current := meter_of(md)) is not None:
            if len(footnotes.footnotes) > MAX_FOOTNOTES:
                raise MarkupError(f"more than {MAX_FOOTNOTES:,} footnotes", current.where)
            # …and the n-th mark of one footnote tries n names for its back-link, at a microsecond each.
            repeats = footnotes.found_refs.get(footnotes.makeFootnoteRefId(m.group(1)), 0)
            current.charge(FOOTNOTE * (len(footnotes.footnote_order) + len(footnotes.footnotes)) + 1000 * repeats,
                           "very many footnote marks")
        return handle(m, data)

    processor.handleMatch = handle_match


def _meter_blocks(md: markdown.Markdown) -> None:
    """BlockParser.parseBlocks, counting as it goes. Each block processor reads a block to test it
    and again to take its part, and taking a block off the front of the list moves the rest: a
    block of a thousand headings is read a thousand times. Nested lists and quotes are parsed by
    recursion: a few hundred levels exhaust Python's stack."""
    parser, parse_blocks = md.parser, md.parser.parseBlocks

    def metered(parent: Any, blocks: list[str]) -> None:
        current = meter_of(md)
        if current is None:
            return parse_blocks(parent, blocks)
        current.depth += 1
        try:
            if current.depth > MAX_DEPTH:
                raise MarkupError(f"lists or quotes nested more than {MAX_DEPTH} levels deep; "
                                  "a release needs a few", next((b for b in blocks if b.strip()), current.where))
            while blocks:  # Python-Markdown's own loop, with the count
                block = current.where = blocks[0]
                tried = 0
                for processor in parser.blockprocessors:
                    tried += 1
                    if processor.test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                        break
                scanned = tried * len(block) * REGEX
                current.charge(scanned + len(blocks), "a very long block without blank lines" if scanned > len(blocks)
                               else "very many paragraphs, headings or list items")
        finally:
            current.depth -= 1

    parser.parseBlocks = metered  # type: ignore[method-assign]

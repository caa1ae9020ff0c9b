"""Markdown to HTML, the recognised sections of a release, and plain text for summaries."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Iterable
from xml.etree.ElementTree import Element

import markdown
from markdown.blockprocessors import (
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.footnotes import FootnoteBlockProcessor, FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.preprocessors import HtmlBlockPreprocessor, NormalizeWhitespace
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import ETX, STX

from newsroom.errors import MarkupError
from newsroom.stages.complexity import (
    COPY,
    MAX_INLINE_DEPTH,
    REGEX,
    Limits,
    Meter,
    extract_html_blocks,
    meter_of,
    search_work,
)
from newsroom.stages.plaintext import html_to_text
from newsroom.util.parallel import Tick, fork_map

# The parts of Markdown Extra a press release uses: tables (financial results), footnotes,
# attribute lists; sane_lists: a numbered list after bullets stays numbered. Not abbr,
# def_list, fenced_code, md_in_html (a quarter of the Markdown time, unused in wire copy),
# nor smarty (it doubles the cost of every page, and wire copy has straight quotes).
# Ours: wide tables and preformatted blocks scroll in a box of their own (ScrollBoxes below).
EXTENSIONS = ("tables", "footnotes", "attr_list", "sane_lists", "newsroom.stages.markup:ScrollBoxes")

# The characters each inline pattern of Python-Markdown (3.5 and later) and of our extensions
# starts with ("linebreak" is two spaces before a newline). Text holding none of them is left
# as it is by every one of those patterns.
INLINE_TRIGGERS = {
    "backtick": "`\\", "escape": "\\", "reference": "[", "link": "[", "image_link": "[",
    "image_reference": "[", "short_reference": "[", "short_image_ref": "[", "footnote": "[",
    "autolink": "<", "automail": "<", "html": "<", "entity": "&", "linebreak": "",
    "not_strong": "*_", "em_strong": "*_", "em_strong2": "*_", "strong_em": "*_",
}

SECTION_KINDS = (
    ("about", re.compile(r"(?:about|\u00fcber|\u00e0 propos d|om)\b", re.I)),
    ("forward-looking", re.compile(r"(forward[- ]looking|safe harbou?r|cautionary)", re.I)),
    ("contacts", re.compile(r"(media |investor )?(contacts?|investor relations)\b", re.I)),
)
_SECTION_HEADING = re.compile(r"^##\s+(?P<title>[^#\n].*?)\s*#*\s*$")
SUMMARY_LIMIT = 300
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


@dataclass(frozen=True)
class Section:
    """A recognised part of a release rendered apart from the story."""

    kind: str
    title: str
    html: str


@dataclass(frozen=True)
class RenderedBody:
    story_html: str
    sections: tuple[Section, ...]
    story_text: str
    lede: str
    key: str = ""  # body_key of the Markdown it was rendered from

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)


def section_kind(title: str) -> str | None:
    """Which recognised section a `## ` heading opens, if any."""
    for kind, pattern in SECTION_KINDS:
        if pattern.match(title.strip()):
            return kind
    return None


def split_sections(body: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Split Markdown into the story and (kind, title, markdown) recognised sections."""
    story: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    in_fence = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _SECTION_HEADING.match(line)
        kind = section_kind(match.group("title")) if match else None
        if match and kind:
            sections.append((kind, match.group("title"), []))
        elif sections:
            sections[-1][2].append(line)
        else:
            story.append(line)
    return "\n".join(story), [(k, t, "\n".join(lines)) for k, t, lines in sections]


class PlainTextInline(InlineProcessor):
    """Python-Markdown tries each of its fifteen inline patterns on every paragraph, which is
    half of its time; most paragraphs of a release contain none of the characters those
    patterns start with, and skip them. Any pattern we don't know turns the shortcut off."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        names = tuple(item.name for item in self.md.inlinePatterns._priority)
        known = all(name in INLINE_TRIGGERS for name in names)
        chars = "".join(sorted({c for n in names for c in INLINE_TRIGGERS.get(n, "")}))
        self.triggers = re.compile(f"[{re.escape(chars)}]") if known and chars else None
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if (current := meter_of(self.md)) is not None:
            if patternIndex == 0 and (not self.ancestors or self.md.is_block_level(self.ancestors[-1])):
                current.where = data  # a paragraph, heading, cell…: what a refusal names the line of
            if len(self.ancestors) > MAX_INLINE_DEPTH:  # each level copies the list of those above it
                raise MarkupError(f"emphasis, links or quotes nested more than {MAX_INLINE_DEPTH} levels deep",
                                  current.where)
        if self.triggers is not None and not self.triggers.search(data) and "  \n" not in data:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]

    def _InlineProcessor__applyPattern(self, pattern: Any, data: str, patternIndex: int,  # noqa: N802, N803
                                       startIndex: int = 0) -> tuple[str, bool, int]:  # noqa: N803
        """Each pattern searches the rest of the text, and each match rebuilds it: charged."""
        if startIndex == 0 and (current := meter_of(self.md)) is not None:
            current.charge(search_work(pattern, data), "code marks (`) or footnote marks left open")
        result = super()._InlineProcessor__applyPattern(pattern, data, patternIndex, startIndex)  # type: ignore[misc]
        if (current := meter_of(self.md)) is not None:
            text, matched, end = result  # a search reads on to its match, or to the end
            read = end - startIndex + len(text) // COPY if matched else len(data) - startIndex
            current.charge(read * REGEX, "very many links, marks or tags in one paragraph")
        return result


class ScrollBoxTree(Treeprocessor):
    """Wrap each table and preformatted block in a box that scrolls sideways, so a wide financial
    table moves inside its box on a phone, not the whole page. The box is focusable and named,
    so it can be scrolled from the keyboard and a screen reader says what it holds."""

    NAMES = {"table": "Table", "pre": "Preformatted text"}

    def run(self, root: Element) -> None:
        counts = dict.fromkeys(self.NAMES, 0)
        for parent in [p for p in root.iter() if any(c.tag in self.NAMES for c in p)]:
            for index, child in enumerate(list(parent)):
                if child.tag not in self.NAMES:
                    continue
                counts[child.tag] += 1
                box = Element("div", {"class": "scroll-box", "role": "region", "tabindex": "0",
                                      "aria-label": f"{self.NAMES[child.tag]} {counts[child.tag]}"})
                box.tail, child.tail = child.tail, None
                parent.remove(child)
                box.append(child)
                parent.insert(index, box)


class ScrollBoxes(Extension):
    """Registers ScrollBoxTree after the inline patterns, before the HTML is pretty-printed."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(ScrollBoxTree(md), "scroll_boxes", 15)


# Block processors whose regular expressions scan every block for a character most blocks
# lack: look for the character first (a quarter of what was left of Python-Markdown's time).
class QuickBlockQuote(BlockQuoteProcessor):
    def test(self, parent: Any, block: str) -> bool:
        return ">" in block and super().test(parent, block)


class QuickHashHeader(HashHeaderProcessor):
    def test(self, parent: Any, block: str) -> bool:
        return "#" in block and super().test(parent, block)


class QuickSetextHeader(SetextHeaderProcessor):
    def test(self, parent: Any, block: str) -> bool:
        return ("\n=" in block or "\n-" in block) and super().test(parent, block)


class QuickHR(HRProcessor):
    def test(self, parent: Any, block: str) -> bool:
        return ("-" in block or "*" in block or "_" in block) and super().test(parent, block)


class QuickReference(ReferenceProcessor):
    def run(self, parent: Any, blocks: list[str]) -> bool:
        return "[" in blocks[0] and super().run(parent, blocks)


class QuickFootnoteBlock(FootnoteBlockProcessor):
    """Takes every block off the list and puts it back unless a line opens with '[^'."""

    def test(self, parent: Any, block: str) -> bool:
        return "[^" in block


class QuickHtmlBlock(HtmlBlockPreprocessor):
    """Runs an HTML parser over the whole text for raw HTML blocks and character references:
    there are none without a '<' or a '&'. The parser is metered (complexity.py)."""

    def run(self, lines: list[str]) -> list[str]:
        return extract_html_blocks(self.md, lines) if any("<" in line or "&" in line for line in lines) else lines


class QuickWhitespace(NormalizeWhitespace):
    """Python-Markdown's first pass, whose blank-line expression starts with a look-behind and so
    is tried at every character; this one starts with the newline it looks for, and removes the
    same spaces (ten times as fast, a tenth of what was left of a body's time)."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines).replace(STX, "").replace(ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        return _SPACES_LINE.sub("\n", source.expandtabs(self.md.tab_length)).split("\n")


_SPACES_LINE = re.compile(r"\n +(?=\n)")  # a line of spaces only: '(?<=\n) +\n' in Python-Markdown


# name: (stock class, quick class, priority as Python-Markdown registers it)
QUICK_BLOCKS = {
    "quote": (BlockQuoteProcessor, QuickBlockQuote, 20),
    "hashheader": (HashHeaderProcessor, QuickHashHeader, 70),
    "setextheader": (SetextHeaderProcessor, QuickSetextHeader, 60),
    "hr": (HRProcessor, QuickHR, 50),
    "reference": (ReferenceProcessor, QuickReference, 15),
}


class Shortcuts(Extension):
    """The same HTML as Python-Markdown, sooner: registered last, it only replaces stock parts."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        blocks = md.parser.blockprocessors
        for name, (stock, quick, priority) in QUICK_BLOCKS.items():
            if name in blocks and type(blocks[name]) is stock:
                blocks.register(quick(md.parser), name, priority)
        if "footnote" in blocks and type(blocks["footnote"]) is FootnoteBlockProcessor:
            blocks.register(QuickFootnoteBlock(blocks["footnote"].footnotes), "footnote", 17)
        if type(md.preprocessors["normalize_whitespace"]) is NormalizeWhitespace:
            md.preprocessors.register(QuickWhitespace(md), "normalize_whitespace", 30)
        if "html_block" in md.preprocessors and type(md.preprocessors["html_block"]) is HtmlBlockPreprocessor:
            md.preprocessors.register(QuickHtmlBlock(md), "html_block", 20)
        if type(md.treeprocessors["inline"]) is InlineProcessor:
            md.treeprocessors.register(PlainTextInline(md), "inline", 20)


def markdown_converter() -> markdown.Markdown:
    """Our Markdown: the extensions above, HTML5 output, the shortcuts, the limits on its work.
    Each extension is given made (a new one per converter: the footnotes keep state): by its
    name, Python-Markdown first looks it up among every installed package's entry points,
    which costs 27 ms, a thirtieth of a build after a one-line edit."""
    made = {"tables": TableExtension, "footnotes": FootnoteExtension, "attr_list": AttrListExtension,
            "sane_lists": SaneListExtension, "newsroom.stages.markup:ScrollBoxes": ScrollBoxes}
    return markdown.Markdown(extensions=[*(made[name]() for name in EXTENSIONS), Shortcuts(), Limits()],
                             output_format="html")


class Renderer:
    """Renders release bodies; keeps a cache by source hash so unchanged bodies cost nothing."""

    def __init__(self) -> None:
        self._md = markdown_converter()
        self._cache: dict[str, RenderedBody] = {}
        self._failed: dict[str, MarkupError] = {}

    def to_html(self, text: str) -> str:
        """HTML of a Markdown text; MarkupError when it is too complex to render in linear time."""
        self._md.reset()
        self._md.newsroom_meter = Meter(text)  # type: ignore[attr-defined]
        try:
            return self._md.convert(text)
        except (MarkupError, RecursionError) as exc:
            self._md = markdown_converter()  # an aborted conversion may leave its parser's state behind
            if isinstance(exc, MarkupError):
                raise
            raise MarkupError("nested too deeply to render (lists, quotes, links or emphasis)", text) from None
        finally:
            self._md.newsroom_meter = None  # type: ignore[attr-defined]

    def render(self, body: str) -> RenderedBody:
        """A body's HTML, sections and text; MarkupError (its `line` in the body) when it is too complex."""
        return self.keyed(body)[1]

    def keyed(self, body: str) -> tuple[str, RenderedBody]:
        """(body_key(body), the body rendered)."""
        key = body_key(body)
        cached = self._cache.get(key)
        if cached is None:
            if (failed := self._failed.get(key)) is not None:
                raise failed
            cached = self._cache[key] = self._render(body, key)
        return key, cached

    def render_all(self, bodies: Iterable[str], jobs: int = 1, tick: Tick | None = None) -> None:
        """Render every body not rendered yet, across `jobs` processes: Markdown is most of a clean
        build. A body too complex to render is kept as its error, raised when it is asked for."""
        todo = {key: body for body in bodies if (key := body_key(body)) not in self._cache and key not in self._failed}
        for key, result in zip(todo, fork_map(self._render_or_error, list(todo.items()), jobs, tick)):
            if isinstance(result, MarkupError):
                self._failed[key] = result
            else:
                self._cache[key] = result

    def _render_or_error(self, item: tuple[str, str]) -> RenderedBody | MarkupError:
        try:
            return self._render(item[1], item[0])
        except MarkupError as exc:
            return exc

    def _render(self, body: str, key: str) -> RenderedBody:
        try:
            story_md, parts = split_sections(body)
            story_html = self.to_html(story_md)
            sections = tuple(Section(kind, title, self.to_html(text)) for kind, title, text in parts)
            paragraphs = (html_to_text(m.group(1), Meter(story_html)) for m in _PARAGRAPH.finditer(story_html))
            lede = next((p for p in paragraphs if p), "")  # lazily: only the first with text
            return RenderedBody(story_html, sections, html_to_text(story_html, Meter(story_html)), lede, key)
        except MarkupError as exc:
            exc.line = line_of(body, exc.near)
            raise


def body_key(body: str) -> str:
    """What identifies a body's rendering: its text alone."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def line_of(body: str, near: str) -> int | None:
    """The line of `body` on which the text `near` (a block or paragraph being rendered) begins."""
    first = next((line.strip() for line in near.split("\n") if line.strip()), "")
    # Inline matches are placeholders by now: look for the longest stretch of the text between them.
    first = max(_PLACEHOLDER.split(first), key=len)[:60].strip()
    at = body.find(first) if first else -1
    return body.count("\n", 0, at) + 1 if at >= 0 else None


_PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*(?:{ETX}|$)")

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?(\s+)(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Dr|Mr|Mrs|Ms|Jr|Sr|St|No|U\.S|Jan|Feb|Mar|Apr"
                            r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|e\.g|i\.e|[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """Split prose into sentences, not at 'Inc.' or 'Dr.'."""
    text = text.strip()
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[start:match.start(1)])
        start = match.end(1)
    pieces.append(text[start:])
    result: list[str] = []
    for piece in pieces:
        if result and _ABBREVIATIONS.search(result[-1], max(0, len(result[-1]) - 8)):  # matches end the text
            result[-1] = f"{result[-1]} {piece}"
        elif piece:
            result.append(piece)
    return result


def summarize(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """The first sentence(s) within `limit` characters, ending at a sentence boundary."""
    chosen = ""
    for sentence in sentences(text):
        candidate = f"{chosen} {sentence}".strip()
        if len(candidate) > limit:
            break
        chosen = candidate
    if chosen:
        return chosen
    # One very long first sentence: cut at a word boundary and say so with an ellipsis.
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}\u2026" if cut else ""

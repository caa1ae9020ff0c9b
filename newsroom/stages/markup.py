"""Markdown to HTML, the recognised sections of a release, and plain text for summaries."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
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
from markdown.preprocessors import HtmlBlockPreprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor

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
        if self.triggers is not None and not self.triggers.search(data) and "  \n" not in data:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


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


class QuickHtmlBlock(HtmlBlockPreprocessor):
    """Runs an HTML parser over the whole text for raw HTML blocks and character references:
    there are none without a '<' or a '&'."""

    def run(self, lines: list[str]) -> list[str]:
        return super().run(lines) if any("<" in line or "&" in line for line in lines) else lines


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
        if "html_block" in md.preprocessors and type(md.preprocessors["html_block"]) is HtmlBlockPreprocessor:
            md.preprocessors.register(QuickHtmlBlock(md), "html_block", 20)
        if type(md.treeprocessors["inline"]) is InlineProcessor:
            md.treeprocessors.register(PlainTextInline(md), "inline", 20)


def markdown_converter() -> markdown.Markdown:
    """Our Markdown: the extensions above, HTML5 output, the shortcuts."""
    return markdown.Markdown(extensions=[*EXTENSIONS, Shortcuts()], output_format="html")


class Renderer:
    """Renders release bodies; keeps a cache by source hash so unchanged bodies cost nothing."""

    def __init__(self) -> None:
        self._md = markdown_converter()
        self._cache: dict[str, RenderedBody] = {}

    def to_html(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def render(self, body: str) -> RenderedBody:
        return self.keyed(body)[1]

    def keyed(self, body: str) -> tuple[str, RenderedBody]:
        """(body_key(body), the body rendered)."""
        key = body_key(body)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._render(body, key)
        return key, cached

    def render_all(self, bodies: Iterable[str], jobs: int = 1, tick: Tick | None = None) -> None:
        """Render every body not rendered yet, across `jobs` processes: Markdown is most of a clean build."""
        todo = {key: body for body in bodies if (key := body_key(body)) not in self._cache}
        self._cache.update(zip(todo, fork_map(lambda item: self._render(item[1], item[0]), list(todo.items()), jobs, tick)))

    def _render(self, body: str, key: str) -> RenderedBody:
        story_md, parts = split_sections(body)
        story_html = self.to_html(story_md)
        sections = tuple(Section(kind, title, self.to_html(text)) for kind, title, text in parts)
        paragraphs = (html_to_text(m.group(1)) for m in _PARAGRAPH.finditer(story_html))
        lede = next((p for p in paragraphs if p), "")  # lazily: only the first with text
        return RenderedBody(story_html, sections, html_to_text(story_html), lede, key)


def body_key(body: str) -> str:
    """What identifies a body's rendering: its text alone."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("p", "li", "br", "h1", "h2", "h3", "h4", "tr", "blockquote"):
            self.parts.append(" ")


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace folded."""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


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
        if result and _ABBREVIATIONS.search(result[-1]):
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

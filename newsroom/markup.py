"""Markdown to HTML, the recognised sections of a release, and plain text for summaries."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Iterable

import markdown

from newsroom.parallel import fork_map

# extra: tables, footnotes, attr_list…; sane_lists: a numbered list after bullets stays
# numbered. Not smarty: it doubles the cost of every page, and wire copy has straight quotes.
EXTENSIONS = ("extra", "sane_lists")

SECTION_KINDS = (
    ("about", re.compile(r"about\b", re.I)),
    ("forward-looking", re.compile(r"(forward[- ]looking|safe harbou?r|cautionary)", re.I)),
    ("contacts", re.compile(r"(media |investor )?(contacts?|investor relations)\b", re.I)),
)
_SECTION_HEADING = re.compile(r"^##\s+(?P<title>[^#\n].*?)\s*#*\s*$")
SUMMARY_LIMIT = 300


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


class Renderer:
    """Renders release bodies; keeps a cache by source hash so unchanged bodies cost nothing."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
        self._cache: dict[str, RenderedBody] = {}

    def to_html(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def render(self, body: str) -> RenderedBody:
        key = body_key(body)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._render(body)
        return cached

    def render_all(self, bodies: Iterable[str], jobs: int = 1) -> None:
        """Render every body not rendered yet, across `jobs` processes: Markdown is most of a clean build."""
        todo = {key: body for body in bodies if (key := body_key(body)) not in self._cache}
        self._cache.update(zip(todo, fork_map(self._render, list(todo.values()), jobs)))

    def cached(self, keys: Iterable[str]) -> dict[str, RenderedBody]:
        """The rendered bodies of these keys that are at hand, for a persistent cache to keep."""
        return {key: self._cache[key] for key in keys if key in self._cache}

    def remember(self, rendered: dict[str, RenderedBody]) -> None:
        """Bodies rendered by an earlier build (a persistent cache has checked them)."""
        self._cache.update(rendered)

    def _render(self, body: str) -> RenderedBody:
        story_md, parts = split_sections(body)
        story_html = self.to_html(story_md)
        sections = tuple(Section(kind, title, self.to_html(text)) for kind, title, text in parts)
        paragraphs = [html_to_text(p) for p in re.findall(r"<p>(.*?)</p>", story_html, re.S)]
        lede = next((p for p in paragraphs if p), "")
        return RenderedBody(story_html, sections, html_to_text(story_html), lede)


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

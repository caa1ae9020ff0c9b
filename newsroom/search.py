"""The lunr search index (lunr.py) and the small document store the search page shows results from.

The index is queried in the browser by lunr.js, so everything here is chosen for the
two to agree: one separator for both sides (shipped in docs.json), terms trimmed the
way search.js trims queries, lunr.js's own variant of the Porter stemmer, and terms
listed in the order JavaScript compares strings (UTF-16), which `lunr.Index.load`
requires.

A document's ref is its position in docs.json rather than its URL: refs repeat in
every posting, and short ones halve the index (see tests/benchmarks/bench_search.py).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from lunr import __TARGET_JS_VERSION__ as LUNR_JS_VERSION
from lunr.builder import Builder
from lunr.idf import idf as Idf
from lunr.stemmer import PorterStemmer, stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.vector import Vector

from newsroom.errors import AssetError
from newsroom.project import LUNR_FILE
from newsroom.render import date_long
from newsroom.site import ReleaseView, Site

INDEX_PATH = "search/index.json"
DOCS_PATH = "search/docs.json"
LUNR_ASSET = "lunr.min.js"
REPOSITORY = Path(__file__).resolve().parent.parent

# Whitespace exactly as JavaScript's \s has it, hyphens and dashes, and the slash.
# Written with \u escapes only, so the same pattern means the same in Python and JS.
SEPARATOR = ("[\\u0009-\\u000d\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f"
             "\\u3000\\ufeff\\u002d\\u2010-\\u2015\\u2212\\u002f]+")

# (field, boost): a word in the title says far more about a release than one in its body.
FIELDS = (("title", 10), ("summary", 3), ("body", 1), ("tags", 5), ("company", 1), ("tickers", 2))


@dataclass(frozen=True)
class SearchDocument:
    """What the index and the result list know of one published release."""

    url: str
    title: str
    date: str
    date_text: str
    summary: str
    body: str
    tags: tuple[str, ...]
    company: str
    tickers: tuple[str, ...]

    def result(self) -> dict[str, str]:
        """The entry of docs.json: what a search result shows."""
        return {"url": self.url, "title": self.title, "date": self.date,
                "date_text": self.date_text, "summary": self.summary}


def search_document(release: ReleaseView) -> SearchDocument:
    """The body is the story alone: About and Forward-Looking repeat in every release."""
    symbols = (t.rpartition(":")[2] for t in release.tickers)
    return SearchDocument(
        url=release.url, title=release.title, date=release.date.isoformat(),
        date_text=date_long(release.date), summary=release.summary, body=release.story_text,
        tags=tuple(t.name for t in release.tags), company=release.company,
        tickers=tuple(dict.fromkeys((*release.tickers, *symbols))))


class LunrJsStemmer(PorterStemmer):
    """lunr.py's Porter stemmer, corrected where lunr.js (which stems the queries) differs.

    lunr.js turns a final y into i only after a consonant ("always" stays "alway", not
    "alwai"), and its suffix rules need at least one letter before the suffix.
    """

    def step1c(self) -> None:
        if self.b[self.k] == "y" and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]

    def ends(self, s: str) -> int:
        return len(s) <= self.k - self.k0 and super().ends(s)


def is_word_char(char: str) -> bool:
    """A letter or a digit, as search.js's /[\\p{L}\\p{N}]/u sees it."""
    return unicodedata.category(char)[0] in "LN"


def trim(word: str) -> str:
    """Strip punctuation (and emoji) from both ends of a word, as search.js does for queries."""
    start, end = 0, len(word)
    while start < end and not is_word_char(word[start]):
        start += 1
    while end > start and not is_word_char(word[end - 1]):
        end -= 1
    return word[start:end]


class TermMaker:
    """Text to index terms: split, lowercase, trim, drop stop words, stem; memoised per word.

    The stemmer dominates an index build and a corpus repeats its words, so each
    distinct word is stemmed once.
    """

    def __init__(self) -> None:
        self._split = re.compile(SEPARATOR).split
        self._stem = LunrJsStemmer().stem
        self._terms: dict[str, str] = {}

    def term(self, word: str) -> str:
        term = self._terms.get(word)
        if term is None:
            trimmed = trim(word.lower())
            term = "" if trimmed in STOP_WORDS else self._stem(trimmed)
            self._terms[word] = term
        return term

    def terms(self, texts: Iterable[str]) -> list[str]:
        found = []
        for text in texts:
            for word in self._split(text):
                term = self.term(word) if word else ""
                if term:
                    found.append(term)
        return found


def utf16_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units; Python by code points (lunr.py#144)."""
    return term.encode("utf-16-be", "surrogatepass")


class TermsBuilder(Builder):
    """lunr.py's Builder, fed finished terms.

    Builder.add wraps every word in a Token with a deep-copied metadata dict, a third
    of the build; we store no term metadata, so add_terms records the same
    frequencies, lengths and postings directly, in the same order.
    """

    def add_terms(self, ref: str, fields: dict[str, list[str]]) -> None:
        self._documents[ref] = {}
        self.document_count += 1
        for name in self._fields:
            terms = fields[name]
            field_ref = f"{name}/{ref}"
            frequencies = Counter(terms)
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            for term in frequencies:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = self.inverted_index[term] = {field: {} for field in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                posting[name][ref] = {}

    def _create_field_vectors(self) -> None:
        """lunr's BM25 field vectors, each made in one go: Vector.insert's binary search per term
        was the largest cost left. Same scores, same order, same rounding as lunr.py."""
        k1, b = self._k1, self._b
        idf = {term: Idf(posting, self.document_count) for term, posting in self.inverted_index.items()}
        self.field_vectors = {}
        for field_ref, frequencies in self.field_term_frequencies.items():
            if not frequencies:
                self.field_vectors[field_ref] = Vector()
                continue
            name, _, ref = field_ref.partition("/")
            length = self.field_lengths[field_ref] / self.average_field_length[name]
            norm = k1 * (1 - b + b * length)
            field_boost, doc_boost = self._fields[name].boost, self._documents[ref].get("boost", 1)
            elements = []
            for term, tf in frequencies.items():
                score = idf[term] * ((k1 + 1) * tf) / (norm + tf)
                score *= field_boost
                score *= doc_boost
                elements.append((self.inverted_index[term]["_index"], round(score, 3)))
            elements.sort()
            self.field_vectors[field_ref] = Vector([value for pair in elements for value in pair])


def build_index(documents: Iterable[SearchDocument]) -> dict[str, Any]:
    """The serialised lunr index, ready for lunr.Index.load in the browser."""
    maker = TermMaker()
    builder = TermsBuilder()
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    # The search pipeline is serialised for lunr.js, which stems queries with its own "stemmer".
    builder.search_pipeline.add(stemmer)
    for ref, document in enumerate(documents):
        builder.add_terms(str(ref), {name: maker.terms(field_texts(document, name)) for name, _ in FIELDS})
    if not builder.document_count:  # lunr.py divides by the number of documents
        return {"version": LUNR_JS_VERSION, "fields": [name for name, _ in FIELDS], "fieldVectors": [],
                "invertedIndex": [], "pipeline": builder.search_pipeline.serialize()}
    serialised: dict[str, Any] = builder.build().serialize()
    serialised["invertedIndex"].sort(key=lambda entry: utf16_order(entry[0]))
    return serialised


def field_texts(document: SearchDocument, name: str) -> tuple[str, ...]:
    value = getattr(document, name)
    return value if isinstance(value, tuple) else (value,)


def to_json(data: Any) -> bytes:
    """Compact, deterministic JSON; <, > and & escaped so no title can ever read as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def render_search(site: Site, reuse: IndexCache | None = None) -> dict[str, bytes]:
    """search/index.json and search/docs.json for the releases the site publishes."""
    documents = tuple(search_document(release) for release in site.releases)
    return reuse.files(documents) if reuse is not None else search_files(documents)


class IndexCache:
    """The last index a preview made: rebuilt only when what is indexed changed
    (a template, stylesheet or config save that leaves the releases alone reuses it)."""

    def __init__(self) -> None:
        self._documents: tuple[SearchDocument, ...] | None = None
        self._files: dict[str, bytes] = {}

    def files(self, documents: tuple[SearchDocument, ...]) -> dict[str, bytes]:
        if documents != self._documents:
            self._files, self._documents = search_files(documents), documents
        return self._files


def search_files(documents: tuple[SearchDocument, ...]) -> dict[str, bytes]:
    """The files from the documents alone: equal documents, equal bytes, so a rebuild may reuse them."""
    store = {"separator": SEPARATOR, "docs": [document.result() for document in documents]}
    return {INDEX_PATH: to_json(build_index(documents)), DOCS_PATH: to_json(store)}


def find_lunr_js(root: Path, fallback: Path = REPOSITORY) -> Path:
    """lunr.min.js from node_modules: the project's own, else the one beside Newsroom."""
    for base in (root, fallback):
        candidate = base / LUNR_FILE
        if candidate.is_file():
            return candidate
    raise AssetError(f"{root / LUNR_FILE}: lunr.js is missing, and the search page needs it; "
                     f"install it with `npm ci` in {root.resolve()}")


def search_assets(root: Path) -> dict[str, Path]:
    """lunr.js is copied into the site's assets, never loaded from a CDN: offline and strict-CSP safe."""
    return {LUNR_ASSET: find_lunr_js(root)}

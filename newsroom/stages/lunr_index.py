"""A lunr index that lunr.js loads and queries exactly as lunr.py would have built it, faster.

The index is queried in the browser by lunr.js, so everything here is chosen for the
two to agree: one separator for both sides (shipped in the search manifest), terms
trimmed the way search.js trims queries, lunr.js's own variant of the Porter stemmer,
and terms listed in the order JavaScript compares strings (UTF-16), which
`lunr.Index.load` requires.

`build_index` writes what lunr.py's Builder + Index.serialize write for the same terms
(tests/test_lunr_index.py compares them), without the objects in between: Tokens with
deep-copied metadata, Vectors filled by binary search, a TokenSet nobody reads, and a
second rounding of every element on the way out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any, Iterable, Sequence

from lunr import __TARGET_JS_VERSION__ as LUNR_JS_VERSION
from lunr.idf import idf as Idf
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

# Whitespace exactly as JavaScript's \s has it, hyphens and dashes, and the slash.
# Written with \u escapes only, so the same pattern means the same in Python and JS.
SEPARATOR = ("[\\u0009-\\u000d\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f"
             "\\u3000\\ufeff\\u002d\\u2010-\\u2015\\u2212\\u002f]+")
K1, B = 1.2, 0.75  # lunr's BM25 defaults
ESCAPE = re.compile(r"\\u([0-9a-f]{4})(?:-\\u([0-9a-f]{4}))?")
PIPELINE = ["stemmer"]  # lunr.js stems each query term with its own stemmer
NO_METADATA: dict[str, Any] = {}  # shared by every posting: we store no term positions


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


class TermMaker(dict[str, str]):
    """Text to index terms: split, lowercase, trim, drop stop words, stem.

    A word's term is memoised (this dict: word -> term, "" for none): the stemmer
    dominated an index build, and a corpus repeats its words.
    """

    def __init__(self) -> None:
        super().__init__()
        self._spaces = separator_spaces()
        self._stem = LunrJsStemmer().stem

    def __missing__(self, word: str) -> str:
        trimmed = trim(word.lower())
        term = "" if not trimmed or trimmed in STOP_WORDS else self._stem(trimmed)
        self[word] = term
        return term

    def frequencies(self, texts: Iterable[str]) -> tuple[Counter[str], int]:
        """Each term of `texts` with how often it occurs (in order of first occurrence), and
        how many terms there are: counted straight from the split words, with no list of
        terms in between."""
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(map(self.__getitem__, text.translate(self._spaces).split(" ")))
        counts.pop("", None)
        return counts, sum(counts.values())

    def terms(self, texts: Iterable[str]) -> list[str]:
        """Separators become spaces and str.split cuts there: twice as fast as re.split; the
        empty words between two separators make no term."""
        found: list[str] = []
        for text in texts:
            found.extend(filter(None, map(self.__getitem__, text.translate(self._spaces).split(" "))))
        return found


def separator_spaces() -> dict[int, str]:
    """A str.translate table turning every character SEPARATOR matches into a space."""
    table = {}
    for first, last in ESCAPE.findall(SEPARATOR):
        for code in range(int(first, 16), int(last or first, 16) + 1):
            table[code] = " "
    return table


def utf16_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units; Python by code points (lunr.py#144)."""
    return term.encode("utf-16-be", "surrogatepass")


def build_index(fields: Sequence[tuple[str, int]], documents: Iterable[Sequence[Iterable[str]]],
                maker: TermMaker | None = None) -> dict[str, Any]:
    """The serialised lunr index of `documents` (per document, the texts of each field in
    `fields` order; a document's ref is its position), ready for lunr.Index.load. `maker`
    may be shared by the indexes a process builds: each distinct word is stemmed once."""
    maker = maker if maker is not None else TermMaker()
    names = [name for name, _ in fields]
    postings: dict[str, dict[str, Any]] = {}
    counted: list[tuple[str, int, Counter[str], int]] = []  # (field ref, field number, frequencies, length)
    totals = [0] * len(fields)
    count = 0
    for count, texts in enumerate(documents, 1):
        ref = str(count - 1)
        for number, (name, field_texts) in enumerate(zip(names, texts)):
            frequencies, length = maker.frequencies(field_texts)
            for term in frequencies:
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = {field: {} for field in names}
                    posting["_index"] = len(postings) - 1
                posting[name][ref] = NO_METADATA
            counted.append((f"{name}/{ref}", number, frequencies, length))
            totals[number] += length
    vectors = field_vectors(fields, postings, counted, [total / count for total in totals] if count else totals, count)
    inverted = sorted(postings.items(), key=lambda entry: utf16_order(entry[0]))
    return {"version": LUNR_JS_VERSION, "fields": names, "fieldVectors": vectors,
            "invertedIndex": [list(entry) for entry in inverted], "pipeline": PIPELINE}


def field_vectors(fields: Sequence[tuple[str, int]], postings: dict[str, dict[str, Any]],
                  counted: list[tuple[str, int, Counter[str], int]], averages: list[float],
                  count: int) -> list[list[Any]]:
    """lunr's BM25 weight of each term in each field of each document, as [term index, weight]
    pairs flattened, sorted by term index: lunr.py's arithmetic, in its order, rounded as it rounds."""
    idf = {term: Idf(posting, count) for term, posting in postings.items()}
    vectors = []
    for field_ref, number, frequencies, length in counted:
        if not frequencies:  # an empty field, perhaps in every document: no average to divide by
            vectors.append([field_ref, []])
            continue
        norm = K1 * (1 - B + B * (length / averages[number]))
        boost = fields[number][1]
        elements = sorted((postings[term]["_index"], round(idf[term] * ((K1 + 1) * tf) / (norm + tf) * boost, 3))
                          for term, tf in frequencies.items())
        vectors.append([field_ref, [value for pair in elements for value in pair]])
    return vectors

"""The lunr index builder: what lunr.py would build, with terms lunr.js finds (node tests in test_search.py)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from lunr.builder import Builder
from lunr.stemmer import stemmer

from newsroom.stages.config import default_config
from newsroom.stages.content import load_releases
from newsroom.stages.lunr_index import (SEPARATOR, LunrJsStemmer, TermMaker, build_index, separator_spaces, trim,
                                 utf16_order)
from newsroom.stages.markup import Renderer
from newsroom.stages.search import FIELDS, search_document
from newsroom.stages.site import plan_site
from tests.conftest import REPO
from tests.test_search import node


def stock_index(documents: list[dict[str, list[str]]]) -> dict:
    """lunr.py's own Builder on the same terms, serialised, terms in JavaScript's order."""
    builder = Builder()
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    builder.search_pipeline.add(stemmer)
    for ref, terms in enumerate(documents):
        builder.add({"id": str(ref), **terms})
    serialised = builder.build().serialize()
    serialised["invertedIndex"].sort(key=lambda entry: utf16_order(entry[0]))
    return serialised


def test_the_index_is_what_lunr_py_builds() -> None:
    utc = ZoneInfo("UTC")
    site = plan_site(default_config(REPO), load_releases(REPO / "content", utc), Renderer(), datetime(2030, 1, 1, tzinfo=utc))
    texts = [search_document(r).field_texts() for r in site.releases]
    # Odd documents too: an empty field in one, the same word in two fields, astral letters.
    texts.append((("Sun Sun 𝒮olar",), ("",), ("solar", "ｆｕｌｌ"), (), ("Sun Co",), ()))
    maker = TermMaker()
    documents = [{name: maker.terms(field) for (name, _), field in zip(FIELDS, fields)} for fields in texts]
    assert build_index(FIELDS, texts) == stock_index(documents)


def test_a_term_maker_shared_by_many_indexes_builds_each_as_its_own_would() -> None:
    utc = ZoneInfo("UTC")
    site = plan_site(default_config(REPO), load_releases(REPO / "content", utc), Renderer(), datetime(2030, 1, 1, tzinfo=utc))
    texts = [search_document(r).field_texts() for r in site.releases]
    shared = TermMaker()
    assert build_index(FIELDS, texts[1:], shared) == build_index(FIELDS, texts[1:])
    assert build_index(FIELDS, texts, shared) == build_index(FIELDS, texts)  # its memo warm from the first
    for fields in texts:
        for field in fields:
            counts, length = shared.frequencies(field)
            terms = shared.terms(field)
            assert list(counts) == list(dict.fromkeys(terms)) and length == len(terms)


def test_a_field_empty_in_every_document_divides_by_nothing() -> None:
    texts = [(("Alpha",), ("",), ("body",), (), ("Co",), ()), (("Beta",), ("",), ("more",), (), ("Co",), ())]
    index = build_index(FIELDS, texts)
    assert ["tickers/1", []] in index["fieldVectors"]
    assert build_index(FIELDS, []) == {"version": index["version"], "fields": [n for n, _ in FIELDS],
                                       "fieldVectors": [], "invertedIndex": [], "pipeline": ["stemmer"]}


def test_terms_are_trimmed_stopped_and_stemmed() -> None:
    maker = TermMaker()
    assert maker.terms(["Who is Contreras?", "(OTCQB: ASTI), thin-film U.S. 2017/07 — ok"]) == [
        "contrera", "otcqb", "asti", "thin", "film", "u.", "2017", "07", "ok"]
    assert maker.terms(["a\u2003b\u00a0c\ufeffd\u2212e  --  f"]) == ["b", "c", "d", "e", "f"]
    assert trim("¿«Hola»?") == "Hola" and trim("🌞") == "" and trim("Sun🌞Power!") == "Sun🌞Power"


def test_the_split_table_is_the_separator_pattern() -> None:
    """TermMaker splits with str.translate, the browser with the pattern: the same characters."""
    pattern = re.compile(SEPARATOR)
    assert sorted(separator_spaces()) == [c for c in range(0x110000) if pattern.fullmatch(chr(c))]


def test_stems_agree_with_lunr_js() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt")))
    tricky = "always try lay money attorneys days eed ies sses tries flying agreed sky ay".split()
    words = sorted(set(re.findall(r"[a-z]+", text.lower())) | set(tricky))
    result = node("stem_words.js", stdin="\n".join(words))
    assert result.returncode == 0, result.stderr
    js = dict(line.split(" ") for line in result.stdout.splitlines())
    stem = LunrJsStemmer().stem
    assert {w: stem(w) for w in words} == js

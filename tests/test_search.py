"""The search index: built by lunr.py, loaded and queried by the real lunr.js in node."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lunr.builder import Builder
from lunr.stemmer import stemmer

from newsroom.config import default_config
from newsroom.content import load_releases
from newsroom.errors import AssetError
from newsroom.markup import Renderer
from newsroom.search import (DOCS_PATH, FIELDS, INDEX_PATH, LunrJsStemmer, TermMaker, TermsBuilder,
                             field_texts, find_lunr_js, render_search, search_document, trim)
from newsroom.site import plan_site
from tests.conftest import REPO, run_cli, tree_digest, write_release

NOW = "2026-01-01T00:00:00+00:00"
NODE_DIR = REPO / "tests" / "node"
CONTRERAS = "releases/2017/07/ascent-solar-names-miguel-contreras/"
NOTES = "releases/2017/05/ascent-solar-to-redeem-secured-notes/"


def node(script: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run a script of tests/node with the real node; a missing node fails, never skips."""
    binary = shutil.which("node")
    if binary is None:
        pytest.fail("node is not installed: search tests need Node.js and `npm ci`")
    if not (REPO / "node_modules" / "lunr").is_dir():
        pytest.fail("node_modules/lunr is missing: run `npm ci`")
    return subprocess.run([binary, str(NODE_DIR / script), *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def query(site: Path, *queries: str) -> dict[str, list[dict]]:
    """Each query's results, as the search page's own search.js computes them with lunr.js."""
    result = node("query_index.js", str(site), *queries)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["warnings"] == [], "lunr.js warned while loading the index"
    return output["results"]


def build(project: Path) -> Path:
    run_cli("build", "--now", NOW, cwd=project, check=True)
    return project / "site"


def test_contreras_finds_the_july_2017_release_first(project: Path) -> None:
    results = query(build(project), "Contreras", "contreras", "Miguel Contreras")
    for found in results.values():
        assert found[0]["url"] == CONTRERAS
    assert results["Contreras"][0]["highlights"] == ["Contreras"]


def test_redeem_secured_notes_finds_the_may_2017_release(project: Path) -> None:
    found = query(build(project), "redeem secured notes")["redeem secured notes"]
    assert [r["url"] for r in found] == [NOTES]
    assert found[0]["highlights"] == ["Redeem", "Secured", "Notes"]


def test_punctuated_and_partial_queries_match(project: Path) -> None:
    results = query(build(project), "Who is Contreras?", "(Contreras),", "Contr", "redeem secu",
                     "ASTI", "OTCQB:ASTI")
    assert results["Who is Contreras?"][0]["url"] == CONTRERAS
    assert results["(Contreras),"][0]["url"] == CONTRERAS
    assert results["Contr"][0]["url"] == CONTRERAS
    assert [r["url"] for r in results["redeem secu"]] == [NOTES]
    assert {r["url"] for r in results["ASTI"]} == {CONTRERAS, NOTES}
    assert {r["url"] for r in results["OTCQB:ASTI"]} == {CONTRERAS, NOTES}


def test_every_word_must_match(project: Path) -> None:
    results = query(build(project), "Contreras redeem", "zebra", "the of and")
    assert results == {"Contreras redeem": [], "zebra": [], "the of and": []}


def test_lunr_syntax_characters_are_plain_text(project: Path) -> None:
    queries = [":", "~", "^", "+", "-", "*", "title:Contreras", "Contreras~1", "Contreras^10",
               "+Contreras -notes", "+Contreras", "Contr*", "\\", "\"Contreras\""]
    results = query(build(project), *queries)
    assert set(results) == set(queries)
    for text in ("Contr*", "\"Contreras\"", "+Contreras"):
        assert results[text][0]["url"] == CONTRERAS, text
    assert all(results[text] == [] for text in (":", "~", "^", "+", "-", "*", "\\"))


def test_about_and_forward_looking_sections_are_not_indexed(project: Path) -> None:
    site = build(project)
    terms = {term for term, _ in json.loads((site / INDEX_PATH).read_text())["invertedIndex"]}
    assert {"contrera", "redeem", "photovolta"} <= terms
    # "headquartered" is only in the About sections; "uncertainties" only in Forward-Looking.
    assert "headquart" not in terms and "uncertainti" not in terms
    assert query(site, "headquartered", "uncertainties") == {"headquartered": [], "uncertainties": []}


def test_emoji_and_astral_words_load_and_are_found(project: Path) -> None:
    # U+FF41 sorts after the surrogates of U+1F31E in JavaScript, before it in Python.
    write_release(project, "2018/sun.md", "title: 🌞 Ascent Solar Unveils Sun🌞Power Panels\ndate: 2018-03-01",
                  "Panels for ｆｕｌｌ sun and 𝒮olar 🚀 launches.\n")
    site = build(project)
    found = query(site, "Sun🌞Power", "sun🌞", "panels", "ｆｕｌｌ", "🌞")
    assert found["Sun🌞Power"][0]["title"].startswith("🌞 Ascent Solar Unveils")
    assert found["sun🌞"][0]["title"].startswith("🌞 Ascent Solar Unveils")
    assert found["Sun🌞Power"][0]["highlights"] == ["Sun🌞Power"]
    assert found["panels"][0]["highlights"] == ["Panels"]
    assert len(found["ｆｕｌｌ"]) == 1 and found["🌞"] == []
    # The same index with terms in Python's order is what lunr.Index.load rejects (lunr.py#144).
    index = json.loads((site / INDEX_PATH).read_text())
    index["invertedIndex"].sort(key=lambda entry: entry[0])
    (site / INDEX_PATH).write_text(json.dumps(index), encoding="utf-8")
    broken = node("query_index.js", str(site), "sun")
    assert broken.returncode != 0 and "Out of order word insertion" in broken.stderr


def test_drafts_and_scheduled_releases_are_never_indexed(project: Path) -> None:
    write_release(project, "2017/draft.md", "title: Zebra Draft Merger\ndate: 2017-06-01\ndraft: true")
    write_release(project, "2030/later.md", "title: Quokka Embargoed Results\ndate: 2030-06-01")
    site = build(project)
    for rel in (INDEX_PATH, DOCS_PATH):
        text = (site / rel).read_text(encoding="utf-8").lower()
        assert "zebra" not in text and "quokka" not in text
    assert query(site, "zebra", "quokka") == {"zebra": [], "quokka": []}
    docs = json.loads((site / DOCS_PATH).read_text())["docs"]
    assert [d["url"] for d in docs] == [CONTRERAS, NOTES]


def test_docs_store_what_a_result_shows(project: Path) -> None:
    docs = json.loads((build(project) / DOCS_PATH).read_text())["docs"]
    assert docs[0] == {
        "url": CONTRERAS,
        "title": "Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering",
        "date": "2017-07-11T00:00:00-06:00", "date_text": "July 11, 2017",
        "summary": docs[0]["summary"]}
    assert docs[0]["summary"].startswith("Ascent Solar Technologies, Inc. announced")
    assert "Dr. Miguel Contreras has joined" in docs[0]["summary"]


def test_titles_are_escaped_in_json(project: Path) -> None:
    write_release(project, "2017/xss.md", "title: '<img src=x onerror=alert(1)> & co'\ndate: 2017-01-02")
    site = build(project)
    for rel in (INDEX_PATH, DOCS_PATH):
        raw = (site / rel).read_bytes()
        assert b"<" not in raw and b">" not in raw and b"&" not in raw
    titles = [d["title"] for d in json.loads((site / DOCS_PATH).read_text())["docs"]]
    assert "<img src=x onerror=alert(1)> & co" in titles


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    run_cli("build", "--now", NOW, "--output", str(tmp_path / "a"), cwd=project, check=True)
    run_cli("build", "--now", NOW, "--output", str(tmp_path / "b"), cwd=project, check=True)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    [copied] = (tmp_path / "a" / "assets").glob("lunr.min.*.js")
    assert copied.read_bytes() == (REPO / "node_modules" / "lunr" / "lunr.min.js").read_bytes()


def test_stems_agree_with_lunr_js() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt")))
    tricky = "always try lay money attorneys days eed ies sses tries flying agreed sky ay".split()
    words = sorted(set(re.findall(r"[a-z]+", text.lower())) | set(tricky))
    result = node("stem_words.js", stdin="\n".join(words))
    assert result.returncode == 0, result.stderr
    js = dict(line.split(" ") for line in result.stdout.splitlines())
    stem = LunrJsStemmer().stem
    assert {w: stem(w) for w in words} == js


def test_terms_are_trimmed_stopped_and_stemmed() -> None:
    maker = TermMaker()
    assert maker.terms(["Who is Contreras?", "(OTCQB: ASTI), thin-film U.S. 2017/07 — ok"]) == [
        "contrera", "otcqb", "asti", "thin", "film", "u.", "2017", "07", "ok"]
    assert trim("¿«Hola»?") == "Hola" and trim("🌞") == "" and trim("Sun🌞Power!") == "Sun🌞Power"


def test_render_search_uses_only_the_sites_releases(tmp_path: Path) -> None:
    utc = ZoneInfo("UTC")
    write_release(tmp_path, "a.md", "title: Alpha Results\ndate: 2017-01-01")
    write_release(tmp_path, "b.md", "title: Beta Draft\ndate: 2017-01-02\ndraft: true")
    site = plan_site(default_config(tmp_path), load_releases(tmp_path / "content", utc), Renderer(),
                     datetime(2020, 1, 1, tzinfo=utc))
    files = render_search(site)
    assert [d["title"] for d in json.loads(files[DOCS_PATH])["docs"]] == ["Alpha Results"]
    assert json.loads(files[INDEX_PATH])["pipeline"] == ["stemmer"]


def test_missing_lunr_js_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"npm ci"):
        find_lunr_js(tmp_path / "project", fallback=tmp_path / "elsewhere")
    installed = tmp_path / "project" / "node_modules" / "lunr" / "lunr.min.js"
    installed.parent.mkdir(parents=True)
    installed.write_text("/* lunr */")
    assert find_lunr_js(tmp_path / "project", fallback=tmp_path / "elsewhere") == installed


def test_terms_builder_writes_what_lunr_py_would(project: Path) -> None:
    utc = ZoneInfo("UTC")
    config = default_config(project)
    site = plan_site(config, load_releases(project / "content", utc), Renderer(), datetime(2030, 1, 1, tzinfo=utc))
    maker = TermMaker()
    documents = [{name: maker.terms(field_texts(search_document(r), name)) for name, _ in FIELDS}
                 for r in site.releases]
    fast, stock = TermsBuilder(), Builder()
    for builder in (fast, stock):
        for name, boost in FIELDS:
            builder.field(name, boost=boost)
        builder.search_pipeline.add(stemmer)
    for ref, terms in enumerate(documents):
        fast.add_terms(str(ref), terms)
        stock.add({"id": str(ref), **terms})
    assert fast.build().serialize() == stock.build().serialize()


def test_a_site_without_releases_has_an_empty_index(project: Path) -> None:
    shutil.rmtree(project / "content" / "releases")
    site = build(project)
    assert json.loads((site / DOCS_PATH).read_text())["docs"] == []
    assert query(site, "solar") == {"solar": []}


def test_a_preview_rebuilds_the_index_only_when_indexed_content_changed(monkeypatch) -> None:
    """Watch mode keeps an IndexCache: a template or CSS save reuses the index; a release edit does not."""
    from newsroom import search

    built: list[int] = []
    real = search.build_index
    monkeypatch.setattr(search, "build_index", lambda documents: built.append(len(documents)) or real(documents))
    config = default_config(REPO)
    site = plan_site(config, load_releases(REPO / "content", config.tz), Renderer(), datetime.now(config.tz))
    documents = tuple(search.search_document(view) for view in site.releases)
    cache = search.IndexCache()
    first = cache.files(documents)
    assert cache.files(tuple(documents)) is first and built == [len(documents)]
    changed = (replace(documents[0], title=documents[0].title + " Amended"),) + documents[1:]
    assert cache.files(changed) != first and built == [len(documents)] * 2

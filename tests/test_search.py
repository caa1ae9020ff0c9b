"""The search index: built by lunr.py, loaded and queried by the real lunr.js in node."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.stages.config import default_config
from newsroom.stages.content import load_releases
from newsroom.errors import AssetError
from newsroom.stages.markup import Renderer
from newsroom.stages import search
from newsroom.build import render_documents
from newsroom.cache.documents import DocumentCache
from newsroom.stages.search import (MANIFEST_PATH, SearchDocument, by_period, find_lunr_js, render_search)
from newsroom.stages.site import plan_site
from newsroom.stages.sources import Spooled
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


def searched(site: Path, *queries: str) -> dict:
    """The node script's whole answer: every shard loaded by lunr.js, each query's results and
    the years the worker would search for it, which must hold every result."""
    result = node("query_index.js", str(site), *queries)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["warnings"] == [], "lunr.js warned while loading the index"
    for text, found in output["results"].items():
        if text.strip():  # filters alone search every shard
            assert {match["year"] for match in found} <= set(output["candidates"][text]), text
    return output


def query(site: Path, *queries: str) -> dict[str, list[dict]]:
    """Each query's results, as the search worker computes them with lunr.js and search.js."""
    return searched(site, *queries)["results"]


def manifest(site: Path) -> dict:
    return json.loads((site / MANIFEST_PATH).read_text())


def shard_files(site: Path) -> list[tuple[Path, Path]]:
    """(index, docs) of each shard, as the manifest lists them (then its stories)."""
    return [tuple(site / "search" / name for name in shard["files"][:2]) for shard in manifest(site)["shards"]]


def indexes(site: Path) -> list[dict]:
    return [json.loads(index.read_text()) for index, _ in shard_files(site)]


def stored_docs(site: Path) -> list[dict]:
    return [doc for _, docs in shard_files(site) for doc in json.loads(docs.read_text())["docs"]]


def build(project: Path, *args: str) -> Path:
    run_cli("build", "--now", NOW, *args, cwd=project, check=True)
    return project / "site"


def add_years(project: Path) -> None:
    """Releases in 2015, 2016 and 2019 beside the seeds' two of 2017, all mentioning Quarzite."""
    for n, (year, title) in enumerate([(2015, "Quarzite Pilot Line Opens"), (2016, "Quarzite Order Signed"),
                                       (2019, "Quarzite Modules Ship"), (2019, "Annual Meeting Results")]):
        body = "Quarzite panels in production.\n" if "Quarzite" not in title else "The lede.\n"
        write_release(project, f"{year}/q{n}.md", f"title: {title}\ndate: {year}-0{n + 1}-15\ntags: [product]", body)


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
    terms = {term for index in indexes(site) for term, _ in index["invertedIndex"]}
    assert {"contrera", "redeem", "photovolta"} <= terms
    # "headquartered" is only in the About sections; "uncertainties" only in Forward-Looking.
    assert "headquart" not in terms and "uncertainti" not in terms
    assert query(site, "headquartered", "uncertainties") == {"headquartered": [], "uncertainties": []}


def test_a_subtitle_is_searched_with_the_summary(project: Path) -> None:
    write_release(project, "2017/plant.md", "title: Ascent Solar Expands Its Plant\ndate: 2017-03-01\n"
                  "subtitle: Zirconium lines double capacity\nsummary: More modules.", "The lede.\n")
    site = build(project)
    found = query(site, "zirconium")["zirconium"]
    assert [r["url"] for r in found] == ["releases/2017/03/ascent-solar-expands-its-plant/"]
    [index] = [i for i in indexes(site) if any(term == "zirconium" for term, _ in i["invertedIndex"])]
    postings = dict(index["invertedIndex"])["zirconium"]
    assert len(postings["summary"]) == 1 and postings["title"] == postings["body"] == {}
    # A result shows the title and the summary, as before: the subtitle is on the page.
    plant = [d for d in stored_docs(site) if d["title"] == "Ascent Solar Expands Its Plant"]
    assert plant == [{**plant[0], "summary": "More modules."}] and "subtitle" not in plant[0]


def test_emoji_and_astral_words_load_and_are_found(project: Path) -> None:
    # U+FF41 sorts after the surrogates of U+1F31E in JavaScript, before it in Python.
    write_release(project, "2017/sun.md", "title: 🌞 Ascent Solar Unveils Sun🌞Power Panels\ndate: 2017-03-01",
                  "Panels for ｆｕｌｌ sun and 𝒮olar 🚀 launches.\n")
    site = build(project)
    found = query(site, "Sun🌞Power", "sun🌞", "panels", "ｆｕｌｌ", "🌞")
    assert found["Sun🌞Power"][0]["title"].startswith("🌞 Ascent Solar Unveils")
    assert found["sun🌞"][0]["title"].startswith("🌞 Ascent Solar Unveils")
    assert found["Sun🌞Power"][0]["highlights"] == ["Sun🌞Power"]
    assert found["panels"][0]["highlights"] == ["Panels"]
    assert len(found["ｆｕｌｌ"]) == 1 and found["🌞"] == []
    # The same index with terms in Python's order is what lunr.Index.load rejects (lunr.py#144).
    [(path, _)] = shard_files(site)
    index = json.loads(path.read_text())
    index["invertedIndex"].sort(key=lambda entry: entry[0])
    path.write_text(json.dumps(index), encoding="utf-8")
    broken = node("query_index.js", str(site), "sun")
    assert broken.returncode != 0 and "Out of order word insertion" in broken.stderr


def test_each_year_is_a_shard_and_results_come_newest_year_first(project: Path) -> None:
    add_years(project)
    site = build(project)
    found = searched(site, "quarzite", "Contreras", "quarz")
    assert found["shards"] == [{"year": 2019, "releases": 2}, {"year": 2017, "releases": 2},
                               {"year": 2016, "releases": 1}, {"year": 2015, "releases": 1}]
    # Newest first, within a year too: the April release before the March one.
    assert [(r["year"], r["title"]) for r in found["results"]["quarzite"]] == [
        (2019, "Annual Meeting Results"), (2019, "Quarzite Modules Ship"),
        (2016, "Quarzite Order Signed"), (2015, "Quarzite Pilot Line Opens")]
    assert [r["url"] for r in found["results"]["quarz"]] == [r["url"] for r in found["results"]["quarzite"]]
    assert [r["url"] for r in found["results"]["Contreras"]] == [CONTRERAS]
    # Each shard holds its own year's releases only, refs numbered from 0 in its store.
    for shard, (index_path, docs_path) in zip(manifest(site)["shards"], shard_files(site)):
        docs = json.loads(docs_path.read_text())["docs"]
        assert {doc["date"][:4] for doc in docs} == {str(shard["year"])}
        refs = {field_ref.split("/")[1] for field_ref, _ in json.loads(index_path.read_text())["fieldVectors"]}
        assert refs == {str(n) for n in range(len(docs))}


def test_the_manifest_gives_each_term_the_years_whose_index_has_it(project: Path) -> None:
    add_years(project)
    site = build(project)
    listed = manifest(site)
    terms, masks = listed["terms"].split(" "), [int(mask, 16) for mask in listed["term_shards"].split(" ")]
    years = [shard["year"] for shard in manifest(site)["shards"]]
    by_term = {term: {year for bit, year in enumerate(years) if mask >> bit & 1} for term, mask in zip(terms, masks)}
    expected: dict[str, set[int]] = {}
    for year, index in zip(years, indexes(site)):
        for term, _ in index["invertedIndex"]:
            expected.setdefault(term, set()).add(year)
    assert by_term == expected and len(terms) == len(expected)
    assert terms == sorted(terms, key=lambda term: term.encode("utf-16-be", "surrogatepass"))
    # The years the worker loads for a query: those that can answer it, newest first.
    found = searched(site, "quarzite", "pilot line", "quarz ship", "Contreras", "zebra", "the of")
    assert found["candidates"] == {"quarzite": [2019, 2016, 2015], "pilot line": [2015], "quarz ship": [2019],
                                   "Contreras": [2017], "zebra": [], "the of": []}
    assert [r["year"] for r in found["results"]["pilot line"]] == [2015]


def document(date: str, title: str = "Release") -> SearchDocument:
    return SearchDocument(int(date[:4]), f"releases/{date}/", title, f"{date}T08:00:00-05:00", date, "", "", (), "", ())


def test_a_big_year_is_split_into_the_fewest_equal_runs_of_months_that_fit() -> None:
    documents = [document(date) for date in ("2016-11-02", "2016-09-30", "2016-05-01", "2016-02-10",
                                             "2016-01-05", "2015-03-03", "2015-03-02", "2015-03-01")]
    periods = by_period(documents, size=2)
    # 2016: halves would hold 3 in January-June; thirds hold at most 2. 2015: three releases
    # in March alone, so months; with room, a year stays whole.
    assert {period.name: [d.date[:10] for d in docs] for period, docs in periods.items()} == {
        "2016-09": ["2016-11-02", "2016-09-30"], "2016-05": ["2016-05-01"], "2016-01": ["2016-02-10", "2016-01-05"],
        "2015-03": ["2015-03-03", "2015-03-02", "2015-03-01"]}
    assert [(p.first, p.last) for p in periods] == [(9, 12), (5, 8), (1, 4), (3, 3)]
    assert [p.name for p in by_period(documents, size=5)] == ["2016", "2015"]


def test_a_year_of_many_releases_is_searched_in_parts(project: Path) -> None:
    count = search.PART_SIZE + 10  # over twelve months: each half holds fewer than PART_SIZE
    for n in range(count):
        title = "Batch Item Zirconia" if n == 3 else f"Batch Item {n}"  # n = 3: April
        write_release(project, f"2016/many-{n}.md", f"title: {title}\ndate: 2016-{1 + n % 12:02d}-{1 + n % 28:02d}")
    first_half = sum(1 + n % 12 <= 6 for n in range(count))
    site = build(project)
    shards = [entry for entry in manifest(site)["shards"] if entry["year"] == 2016]
    assert [(entry["months"], entry["releases"]) for entry in shards] == [([7, 12], count - first_half),
                                                                          ([1, 6], first_half)]
    assert [entry["files"][0].split(".")[0] for entry in shards] == ["2016-07", "2016-01"]
    found = searched(site, "batch item", "zirconia")
    months = [int(r["url"].split("/")[2]) for r in found["results"]["batch item"]]
    later = count - first_half
    assert len(months) == count and all(m >= 7 for m in months[:later]) and all(m <= 6 for m in months[later:])
    assert found["candidates"] == {"batch item": [2016, 2016], "zirconia": [2016]}  # one part alone
    assert [r["title"] for r in found["results"]["zirconia"]] == ["Batch Item Zirconia"]


def test_every_json_file_has_a_gzip_twin(project: Path) -> None:
    add_years(project)
    site = build(project)
    files = sorted(p.relative_to(site / "search").as_posix() for p in (site / "search").glob("*.json*"))
    listed = [name for shard in manifest(site)["shards"] for name in shard["files"]] + ["shards.json"]
    assert files == sorted([*listed, *(f"{name}.gz" for name in listed)])
    for name in listed:
        assert gzip.decompress((site / "search" / f"{name}.gz").read_bytes()) == (site / "search" / name).read_bytes()


def test_a_changed_year_gets_new_file_names_the_others_keep_theirs(project: Path) -> None:
    add_years(project)
    before = manifest(build(project))["shards"]
    write_release(project, "2016/new.md", "title: Another 2016 Release\ndate: 2016-11-01")
    after = manifest(build(project))["shards"]
    changed = [old["year"] for old, new in zip(before, after) if old["files"] != new["files"]]
    assert changed == [2016]
    assert all(name.startswith("2016.") for name in after[2]["files"])
    assert not any((project / "site/search" / name).exists() for name in before[2]["files"])


def test_drafts_and_scheduled_releases_are_never_indexed(project: Path) -> None:
    write_release(project, "2017/draft.md", "title: Zebra Draft Merger\ndate: 2017-06-01\ndraft: true")
    write_release(project, "2016/draft.md", "title: Yak Draft Only Release Of Its Year\ndate: 2016-06-01\ndraft: true")
    write_release(project, "2030/later.md", "title: Quokka Embargoed Results\ndate: 2030-06-01",
                  "The lede.\n\nQuokka figures, in the story the passages come from.\n")
    site = build(project)
    for path in (site / "search").glob("*.json*"):
        text = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        assert b"zebra" not in text.lower() and b"quokka" not in text.lower() and b"yak" not in text.lower()
    # No shard, file or manifest entry for a year whose only releases are hidden.
    assert [shard["year"] for shard in manifest(site)["shards"]] == [2017]
    assert not list((site / "search").glob("2030*")) and not list((site / "search").glob("2016*"))
    assert query(site, "zebra", "quokka", "yak") == {"zebra": [], "quokka": [], "yak": []}
    assert [d["url"] for d in stored_docs(site)] == [CONTRERAS, NOTES]


def test_docs_store_what_a_result_shows(project: Path) -> None:
    docs = stored_docs(build(project))
    assert docs[0] == {
        "url": CONTRERAS,
        "title": "Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering",
        "date": "2017-07-11T00:00:00-06:00", "date_text": "July 11, 2017",
        "summary": docs[0]["summary"], "topics": ["management"]}
    assert docs[0]["summary"].startswith("Ascent Solar Technologies, Inc. announced")
    assert "Dr. Miguel Contreras has joined" in docs[0]["summary"]


def test_titles_are_escaped_in_json(project: Path) -> None:
    write_release(project, "2017/xss.md", "title: '<img src=x onerror=alert(1)> & co'\ndate: 2017-01-02")
    site = build(project)
    for path in (site / "search").glob("*.json"):
        raw = path.read_bytes()
        assert b"<" not in raw and b">" not in raw and b"&" not in raw
    titles = [d["title"] for d in stored_docs(site)]
    assert "<img src=x onerror=alert(1)> & co" in titles


def test_builds_are_byte_identical_twice_and_serial_or_parallel(project: Path, tmp_path: Path) -> None:
    add_years(project)
    for name, jobs in (("a", "1"), ("b", "1"), ("c", "2")):
        run_cli("build", "--now", NOW, "-j", jobs, "--output", str(tmp_path / name), cwd=project, check=True)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b") == tree_digest(tmp_path / "c")
    assert len(list((tmp_path / "a" / "search").glob("*.gz"))) == 13
    [copied] = (tmp_path / "a" / "assets").glob("lunr.min.*.js")
    assert copied.read_bytes() == (REPO / "node_modules" / "lunr" / "lunr.min.js").read_bytes()


def planned(root: Path, now: datetime = datetime(2030, 1, 1, tzinfo=ZoneInfo("UTC"))):
    config = default_config(root)
    return plan_site(config, load_releases(root / "content", config.tz), Renderer(), now)


def test_shards_built_across_processes_equal_serial_ones(project: Path) -> None:
    add_years(project)
    site = planned(project)
    assert render_search(site, jobs=2) == render_search(site, jobs=1)
    assert DocumentCache().render(site, jobs=2) == render_documents(site)


def test_shards_written_into_a_spool_are_the_bytes_made_in_memory(project: Path, tmp_path: Path) -> None:
    """A build with a spool gets each shard's files written by the process that built it, as
    paths into the spool: the same bytes, at the paths they have in the site."""
    add_years(project)
    site = planned(project)
    in_memory = {rel: data for shard in search.build_shards(by_period(search.searched(site)))
                 for rel, data in shard.files.items()}
    spooled = {rel: path for shard in search.build_shards(by_period(search.searched(site)), jobs=2, spool=tmp_path)
               for rel, path in shard.files.items()}
    assert spooled.keys() == in_memory.keys() and len(spooled) == 24
    for rel, path in spooled.items():
        assert isinstance(path, Spooled) and Path(path) == tmp_path / rel
        assert path.read_bytes() == in_memory[rel]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.text()
    | st.floats(-1e9, 1e9).map(lambda x: round(x, 3)),  # the index's weights are rounded to 3 places
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_search_json_is_what_json_dumps_writes_with_markup_characters_escaped(data) -> None:
    expected = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    expected = expected.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    assert search.to_json(data) == expected.encode("utf-8", "surrogatepass")


def test_render_search_uses_only_the_sites_releases(tmp_path: Path) -> None:
    write_release(tmp_path, "a.md", "title: Alpha Results\ndate: 2017-01-01")
    write_release(tmp_path, "b.md", "title: Beta Draft\ndate: 2017-01-02\ndraft: true")
    files = render_search(planned(tmp_path, datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC"))))
    [shard] = json.loads(files[MANIFEST_PATH])["shards"]
    index_name, docs_name, _ = shard["files"]
    assert [d["title"] for d in json.loads(files[f"search/{docs_name}"])["docs"]] == ["Alpha Results"]
    assert json.loads(files[f"search/{index_name}"])["pipeline"] == ["stemmer"]


def test_missing_lunr_js_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"npm ci"):
        find_lunr_js(tmp_path / "project", fallback=tmp_path / "elsewhere")
    installed = tmp_path / "project" / "node_modules" / "lunr" / "lunr.min.js"
    installed.parent.mkdir(parents=True)
    installed.write_text("/* lunr */")
    assert find_lunr_js(tmp_path / "project", fallback=tmp_path / "elsewhere") == installed


def test_a_site_without_releases_has_an_empty_index(project: Path) -> None:
    shutil.rmtree(project / "content" / "releases")
    shutil.rmtree(project / "content" / "events")  # one names a release no longer there
    site = build(project)
    assert manifest(site)["shards"] == []
    assert searched(site, "solar")["results"] == {"solar": []}


def test_a_preview_rebuilds_only_the_years_whose_indexed_content_changed(project: Path, monkeypatch) -> None:
    """Watch mode and the build command keep a DocumentCache: a template or CSS save reuses
    every shard; a release edit rebuilds its year's alone; the files are those of a fresh build."""
    add_years(project)
    built: list[int] = []
    real = search.build_shard
    monkeypatch.setattr(search, "build_shard", lambda period, documents, maker=None, spool=None: built.append(period.year) or real(period, documents, maker, spool))
    site = planned(project)
    cache = DocumentCache()
    first = cache.render(site)
    assert built == [2019, 2017, 2016, 2015]
    assert cache.render(replace(site)) == first and len(built) == 4
    at = next(n for n, view in enumerate(site.releases) if view.date.year == 2016)
    amended = replace(site.releases[at], title=site.releases[at].title + " Amended")
    changed = replace(site, releases=site.releases[:at] + (amended,) + site.releases[at + 1:])
    files = cache.render(changed)
    assert built[4:] == [2016] and files != first
    gone = replace(changed, releases=tuple(view for view in changed.releases if view.date.year != 2015))
    cache.render(gone)
    assert [shard.period.year for shard in cache.kept()] == [2019, 2017, 2016] and built[5:] == []
    assert files == render_documents(changed)


def test_best_match_ranks_title_matches_first_across_shards_newest_first_by_default(project: Path) -> None:
    add_years(project)
    site = build(project)
    by_date = [(r["year"], r["title"]) for r in query(site, "quarzite")["quarzite"]]
    assert by_date == [(2019, "Annual Meeting Results"), (2019, "Quarzite Modules Ship"),
                       (2016, "Quarzite Order Signed"), (2015, "Quarzite Pilot Line Opens")]
    best = searched(site, "--sort=best", "quarzite", "quarz")["results"]
    # The three title matches (2019, 2016, 2015 shards) before the newer release that only
    # mentions the word in its story: ranks compare across shards; equal ranks newest first.
    assert [(r["year"], r["title"]) for r in best["quarzite"]] == [
        (2019, "Quarzite Modules Ship"), (2016, "Quarzite Order Signed"), (2015, "Quarzite Pilot Line Opens"),
        (2019, "Annual Meeting Results")]
    assert [r["rank"] for r in best["quarzite"]] == [20, 20, 20, 6]  # whole word: title 2 x 10, summary 2 x 3
    assert [r["title"] for r in best["quarz"]] == [r["title"] for r in best["quarzite"]]


def test_filters_by_year_and_topic_with_counts_for_the_query(project: Path) -> None:
    add_years(project)
    site = build(project)
    found = searched(site, "quarzite", "ascent", "")
    assert found["counts"]["quarzite"] == {"years": {"2019": 2, "2016": 1, "2015": 1}, "topics": {"product": 4}}
    assert found["counts"]["ascent"] == {"years": {"2017": 2}, "topics": {"management": 1, "financing": 1}}
    assert found["results"][""] == []  # no words, no filter: nothing listed
    in_2019 = searched(site, "--year=2019", "quarzite")
    assert [r["title"] for r in in_2019["results"]["quarzite"]] == ["Annual Meeting Results", "Quarzite Modules Ship"]
    # A year's count is what choosing that year shows: the year filter leaves them as they were.
    assert in_2019["counts"]["quarzite"] == {"years": {"2019": 2, "2016": 1, "2015": 1}, "topics": {"product": 2}}
    # Filters alone list every release they hold, newest first.
    product = searched(site, "--topic=product", "")
    assert [r["year"] for r in product["results"][""]] == [2019, 2019, 2016, 2015]
    assert product["counts"][""]["years"] == {"2019": 2, "2016": 1, "2015": 1}
    assert product["counts"][""]["topics"] == {"product": 4, "management": 1, "financing": 1}
    assert searched(site, "--topic=management", "--year=2019", "")["results"][""] == []


def test_a_match_in_the_story_shows_a_marked_passage_around_it(project: Path) -> None:
    lede = "Ascent Solar reported results for the quarter. " * 6
    write_release(project, "2017/deep.md", "title: Ascent Solar Quarterly Update\ndate: 2017-09-01\n"
                  "summary: Results for the quarter.",
                  f"{lede}\n\n{'Filler words about nothing much. ' * 20}The Yttrium plant in Thornton "
                  "starts production next spring, the company said. " + "More filler text follows here. " * 20
                  + "\n\n## About Ascent Solar\n\nAscent Solar is headquartered in Thornton.\n")
    site = build(project)
    found = query(site, "yttrium", "quarter", "thornton plant")
    [deep] = found["yttrium"]
    assert deep["passage"].startswith("… ") and deep["passage"].endswith(" …")
    assert "The [Yttrium] plant in Thornton starts production" in deep["passage"]
    assert len(deep["passage"]) < 260
    # The summary shows the word already: no passage. Several words: each one marked.
    assert [r["passage"] for r in found["quarter"] if r["title"] == "Ascent Solar Quarterly Update"] == [None]
    assert "[Thornton] starts" in found["thornton plant"][0]["passage"]
    assert "[plant]" in found["thornton plant"][0]["passage"]
    # The stories are the story alone: no About section in the store either.
    texts = [name for name in (site / "search").glob("*.text.json")]
    assert texts and all(b"headquartered" not in path.read_bytes() for path in texts)

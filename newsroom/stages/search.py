"""The search index, a shard per year (or part of one), and the stores results are shown from.

A browser loads the shards (themes/default/static/search-worker.js) that can answer a
query, newest first, and shows results from those it has so far, so the first results
wait for one shard, not the whole archive. A year of more than PART_SIZE releases is split into equal runs
of months (halves, thirds, quarters…): a browser parses a shard in one go, and a query
waits for no more than one small shard. Per shard listed in search/shards.json:

- `YEAR.HASH.index.json` (or `YEAR-MM.HASH…` for the part of a year from month MM), a
  lunr index (newsroom/lunr_index.py) whose refs are positions in the shard's document
  store: refs repeat in every posting, and short ones halve an index;
- `YEAR.HASH.docs.json`, what a result shows (title, URL, date, summary, topics);
- `YEAR.HASH.text.json`, each release's story as plain text, for the passage a result that
  matched in the story shows around the match. It is fetched only once a result of its shard
  is shown, never before the first results, so the bytes a first answer waits for stay few.

HASH is of the three files' bytes: a changed shard gets new names, so a browser never pairs
an index with another build's store, and unchanged ones may be cached for good.

The manifest also lists every indexed term with the shards whose index has it. A word
only old releases use would otherwise wait for every newer shard to load and answer
nothing; with the list, the worker loads the shards that can answer a query first and
never searches one that cannot. It is in the manifest, not a file of its own, because
it changes whenever the manifest does, and one request fewer comes before the first
results. Each JSON file has a `.gz` twin (deterministic: no timestamp) for servers that
send it as is.

Shards are built independently: in parallel by a clean build, and in watch mode only
for the shards whose releases changed (cache/documents.py). Their lunr scores are not
comparable (each has its own term statistics), so the worker never sorts by them across
shards: results come newest first (shard by shard, and in each store's order, the site's),
or by a rank that depends on the release alone: which fields hold the query's words
(search-worker.js).
"""

from __future__ import annotations

import gzip
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, TypeVar

import orjson

from newsroom.errors import AssetError
from newsroom.project import LUNR_FILE
from newsroom.stages.lunr_index import SEPARATOR, TermMaker, build_index, utf16_order
from newsroom.stages.render import date_long
from newsroom.stages.site import ReleaseView, Site, published_site
from newsroom.stages.output import spool_files
from newsroom.stages.sources import Source
from newsroom.util.parallel import fork_map

SEARCH_DIR = "search/"
MANIFEST_PATH = SEARCH_DIR + "shards.json"
GZIP_LEVEL = 4  # on real releases 4% more bytes than zlib's default (6) in half the time; 9 saves 8% more at 3.5 times
LUNR_ASSET = "lunr.min.js"
PART_SIZE = 150  # releases a shard holds at most (unless a month alone has more)
PARTS = (1, 2, 3, 4, 6, 12)  # the ways a year splits into equal runs of months
REPOSITORY = Path(__file__).resolve().parents[2]

# (field, boost): a word in the title says far more about a release than one in its body.
FIELDS = (("title", 10), ("summary", 3), ("body", 1), ("tags", 5), ("company", 1), ("tickers", 2))

Files = dict[str, bytes]
Dated = TypeVar("Dated", "ReleaseView", "SearchDocument")


@dataclass(frozen=True)
class SearchDocument:
    """What the index and the result list know of one published release."""

    year: int
    url: str
    title: str
    date: str
    date_text: str
    summary: str
    body: str
    tags: tuple[str, ...]
    company: str
    tickers: tuple[str, ...]
    subtitle: str = ""
    topics: tuple[str, ...] = ()  # the tags' slugs, for the search page's topic filter

    @property
    def month(self) -> int:
        return int(self.date[5:7])

    def result(self) -> dict[str, str]:
        """The entry of a document store: what a search result shows."""
        return {"url": self.url, "title": self.title, "date": self.date,
                "date_text": self.date_text, "summary": self.summary, "topics": list(self.topics)}

    def field_texts(self) -> tuple[tuple[str, ...], ...]:
        """The texts of each indexed field, in FIELDS order. The sub-headline is indexed with the
        summary, at its boost: both say what the release is about in a line or two."""
        texts = []
        for name, _ in FIELDS:
            value = getattr(self, name)
            if name == "summary" and self.subtitle:
                value = (self.subtitle, value)
            texts.append(value if isinstance(value, tuple) else (value,))
        return tuple(texts)


def search_document(release: ReleaseView) -> SearchDocument:
    """The body is the story alone: About and Forward-Looking repeat in every release."""
    symbols = (t.rpartition(":")[2] for t in release.tickers)
    return SearchDocument(
        year=release.date.year, url=release.url, title=release.title, date=release.date.isoformat(),
        date_text=date_long(release.date), summary=release.summary, body=release.story_text,
        tags=tuple(t.name for t in release.tags), company=release.company,
        tickers=tuple(dict.fromkeys((*release.tickers, *symbols))), subtitle=release.subtitle,
        topics=tuple(t.slug for t in release.tags))


def to_json(data: Any) -> bytes:
    """Compact, deterministic JSON; <, > and & escaped so no title can ever read as markup.
    orjson writes what json.dumps(data, ensure_ascii=False, separators=(",", ":")) does, byte
    for byte (tests/test_search.py holds it to that), six times as fast: a clean build at
    10,000 releases spent a second encoding its search shards."""
    return orjson.dumps(data).replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


def with_gzip(files: Files) -> Files:
    """Each file and its .gz twin; mtime=0, so equal bytes in, equal bytes out."""
    return {name: out for path, data in files.items()
            for name, out in ((path, data), (path + ".gz", gzip.compress(data, GZIP_LEVEL, mtime=0)))}


@dataclass(frozen=True, order=True)
class Period:
    """The months of a year one shard covers: all twelve, or a run of them."""

    year: int
    first: int = 1
    last: int = 12

    @property
    def name(self) -> str:
        return str(self.year) if (self.first, self.last) == (1, 12) else f"{self.year}-{self.first:02d}"


def by_period(items: Iterable[Dated], size: int = PART_SIZE) -> dict[Period, tuple[Dated, ...]]:
    """The releases (views or documents) of each shard, newest first, in the site's order
    within a shard: a year whole, or in the fewest equal runs of months that hold at most
    `size` each (or in months, if even a month holds more). Runs follow the calendar, not
    counts, so a new release changes its own shard only, unless its year's split changes."""
    years: dict[int, list[tuple[int, Dated]]] = {}
    for item in items:
        year, month = year_month(item)
        years.setdefault(year, []).append((month, item))
    periods: dict[Period, list[Dated]] = {}
    for year in sorted(years, reverse=True):
        length = run_length([month for month, _ in years[year]], size)
        for month, item in years[year]:
            first = (month - 1) // length * length + 1
            periods.setdefault(Period(year, first, first + length - 1), []).append(item)
    return {period: tuple(periods[period]) for period in sorted(periods, reverse=True)}


def year_month(item: ReleaseView | SearchDocument) -> tuple[int, int]:
    if isinstance(item, SearchDocument):
        return item.year, item.month
    return item.date.year, item.date.month


def run_length(months: list[int], size: int) -> int:
    """Months per shard for one year's releases (their months): the longest equal run that
    holds at most `size` releases in each, down to one month."""
    for parts in PARTS:
        length = 12 // parts
        if max(Counter((month - 1) // length for month in months).values()) <= size:
            return length
    return 1


@dataclass(frozen=True)
class Shard:
    """One period's index and document store, under names that change with their bytes."""

    period: Period
    releases: int
    index_name: str
    docs_name: str
    text_name: str
    files: dict[str, Source]  # by path from the output folder, .gz twins included
    terms: tuple[str, ...]  # the index's terms, for the list of each term's shards

    def entry(self) -> dict[str, Any]:
        """The shard as search/shards.json lists it: file names relative to search/."""
        return {"year": self.period.year, "months": [self.period.first, self.period.last],
                "releases": self.releases, "files": [self.index_name, self.docs_name, self.text_name]}


def build_shard(period: Period, documents: tuple[SearchDocument, ...], maker: TermMaker | None = None,
                spool: Path | None = None) -> Shard:
    """A shard from its documents alone: equal documents, equal bytes (`maker`: see build_index).
    With a `spool` (output.make_spool) its files are written there and the shard holds their paths."""
    built = build_index(FIELDS, (document.field_texts() for document in documents), maker)
    index = to_json(built)
    docs = to_json({"docs": [document.result() for document in documents]})
    text = to_json({"texts": [document.body for document in documents]})
    digest = hashlib.sha256(index + b"\0" + docs + b"\0" + text).hexdigest()[:10]
    index_name, docs_name, text_name = (f"{period.name}.{digest}.{kind}.json" for kind in ("index", "docs", "text"))
    files = with_gzip({SEARCH_DIR + index_name: index, SEARCH_DIR + docs_name: docs, SEARCH_DIR + text_name: text})
    return Shard(period, len(documents), index_name, docs_name, text_name,
                 spool_files(spool, files) if spool is not None else dict(files),
                 tuple(term for term, _ in built["invertedIndex"]))


def build_shards(periods: dict[Period, tuple[ReleaseView, ...]], jobs: int = 1, spool: Path | None = None) -> list[Shard]:
    """Shards are independent: with jobs > 1 they are built across processes (each shard
    is big enough to be worth a process, so no minimum number per process). With a `spool`
    each process writes its shards' files there (a clean build's 70 MB of search files at
    10,000 releases then never travel between processes, nor stay in memory)."""
    maker = TermMaker()  # each process stems a word once, whichever of its shards has it first
    return fork_map(lambda item: build_shard(item[0], tuple(map(search_document, item[1])), maker, spool),
                    list(periods.items()), jobs, least=1)


def term_shards(shards: list[Shard]) -> dict[str, str]:
    """Every term with the shards that have it: {"terms": "t1 t2 …", "term_shards": "hex hex …"},
    space-separated (a separator, so never inside a term), terms in lunr.js's order for a
    binary search by prefix, each with a bit mask of shard positions in the manifest
    (bit 0 the newest shard) in hexadecimal."""
    masks: dict[str, int] = {}
    for position, shard in enumerate(shards):
        bit = 1 << position
        for term in shard.terms:
            masks[term] = masks.get(term, 0) | bit
    terms = sorted(masks, key=utf16_order)
    return {"terms": " ".join(terms), "term_shards": " ".join(f"{masks[term]:x}" for term in terms)}


def manifest_files(shards: list[Shard]) -> Files:
    """The manifest (shards newest first, and each term's shards) and its .gz twin."""
    manifest = to_json({"separator": SEPARATOR, "shards": [shard.entry() for shard in shards], **term_shards(shards)})
    return with_gzip({MANIFEST_PATH: manifest})


def search_files(shards: Iterable[Shard]) -> dict[str, Source]:
    """The manifest with the shards' files."""
    shards = list(shards)
    files = manifest_files(shards)
    for shard in shards:
        files.update(shard.files)
    return files


def searched(site: Site) -> tuple[ReleaseView, ...]:
    """The releases the search index holds: those the site publishes, never a draft or scheduled
    release, not even in a --drafts preview."""
    return published_site(site).releases


def render_search(site: Site, jobs: int = 1) -> dict[str, Source]:
    """The search manifest and its shards, for the releases the site publishes."""
    return search_files(build_shards(by_period(searched(site)), jobs))


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

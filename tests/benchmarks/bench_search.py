"""How long the search index takes to build, and how big it is, on a generated corpus.

    .venv/bin/python tests/benchmarks/bench_search.py [--releases 1000 10000] [--profile]

Prints a table (releases, builder, seconds, shards, bytes raw, bytes gzipped, gzipped
bytes of the manifest (with each term's years) and the largest shard: what a browser
fetches before the first results) comparing lunr.py's stock builder (one index, up to --stock-max releases) with
Newsroom's shards built serially and across 2 processes; --profile prints cProfile's top
functions of Newsroom's serial build. Search in a browser: bench_search_browser.py.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import random
import re
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import lunr  # noqa: E402

from newsroom.stages.config import default_config  # noqa: E402
from newsroom.stages.content import load_releases  # noqa: E402
from newsroom.stages.markup import Renderer  # noqa: E402
from newsroom.stages.search import MANIFEST_PATH, SearchDocument, render_search, search_document  # noqa: E402
from newsroom.stages.site import Site, plan_site  # noqa: E402
from tests.benchmarks.corpus import write_corpus as write_wire_corpus  # noqa: E402

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


def vocabulary(rng: random.Random) -> list[str]:
    """The seeds' own words, plus made-up names so the vocabulary grows as a real archive's does."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt")))
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", text)
    syllables = ["ka", "ren", "to", "vi", "sol", "tra", "mon", "ex", "pha", "li", "dor", "quin", "ze", "bri"]
    names = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title() for _ in range(8000)]
    return words + names


def write_corpus(root: Path, count: int) -> None:
    rng = random.Random(count)
    words = vocabulary(rng)
    tags = ["earnings", "management", "financing", "products", "partnerships", "awards"]
    for n in range(count):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(6, 12)))
        paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(60, 120))) + "."
                      for _ in range(rng.randint(3, 6))]
        about = " ".join(rng.choice(words) for _ in range(80))
        date = f"{2000 + n % 25}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        path = root / "content" / "releases" / f"{2000 + n % 25}" / f"release-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(paragraphs) + f"\n\n## About Example Corp\n\n{about}\n"
        path.write_text(f"---\ntitle: {title!r}\ndate: {date}\nslug: release-{n}\n"
                        f"company: Example Corp\ntickers: [NASDAQ:EXMP]\n"
                        f"tags: [{rng.choice(tags)}]\n---\n{body}", encoding="utf-8")


def make_site(count: int, random_words: bool = False) -> Site:
    """The wire-style corpus of bench_build.py (tests/benchmarks/corpus.py), or random words from
    a large vocabulary: a worst case, every release with hundreds of terms of its own."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (write_corpus if random_words else write_wire_corpus)(root, count)
        config = default_config(root)
        return plan_site(config, load_releases(root / "content", config.tz), Renderer(), NOW)


def stock_lunr(site: Site) -> dict[str, bytes]:
    """lunr.py as its README shows it: the default builder on the same documents, one index."""
    documents = [search_document(r) for r in site.releases]
    fields = [{"field_name": "title", "boost": 10}, {"field_name": "summary", "boost": 3}, "body",
              {"field_name": "tags", "boost": 5}, "company", {"field_name": "tickers", "boost": 2}]
    index = lunr.lunr("url", fields, [plain(d) for d in documents])
    data = json.dumps(index.serialize(), separators=(",", ":")).encode()
    return {"search/index.json": data, "search/index.json.gz": gzip.compress(data, 6, mtime=0)}


def plain(document: SearchDocument) -> dict[str, str]:
    return {"url": document.url, "title": document.title, "summary": document.summary,
            "body": document.body, "tags": " ".join(document.tags), "company": document.company,
            "tickers": " ".join(document.tickers)}


def measure(site: Site, render: Callable[[Site], dict[str, bytes]]) -> tuple[float, int, int, int, int]:
    """Best of three, so another process on the machine does not decide the figure."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        files = render(site)
        best = min(best, time.perf_counter() - started)
    raw = sum(len(data) for path, data in files.items() if path.endswith(".json"))
    gzipped = sum(len(data) for path, data in files.items() if path.endswith(".json.gz"))
    if MANIFEST_PATH not in files:
        return best, 1, raw, gzipped, gzipped
    manifest = json.loads(files[MANIFEST_PATH])
    shards = manifest["shards"]
    # Before the first results: the manifest (with the list of terms) and one year (the
    # largest: the first year that answers may be any).
    largest = max(sum(len(files[f"search/{name}.gz"]) for name in shard["files"]) for shard in shards) if shards else 0
    return best, len(shards), raw, gzipped, len(files[f"{MANIFEST_PATH}.gz"]) + largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--stock-max", type=int, default=1000, help="largest corpus lunr.py's own builder indexes")
    parser.add_argument("--random-words", action="store_true", help="the random-vocabulary corpus (a worst case)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    builders: list[tuple[str, Callable[[Site], dict[str, bytes]]]] = [
        ("lunr.py stock", stock_lunr), ("newsroom -j 1", render_search),
        ("newsroom -j 2", lambda site: render_search(site, jobs=2))]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; gzip level 6 (the build's .gz files); "
          f"corpus: {'random words' if args.random_words else 'wire-style (corpus.py)'}")
    print(f"{'releases':>8}  {'builder':<14} {'seconds':>8} {'shards':>6} {'bytes raw':>12} {'bytes gzipped':>14} "
          f"{'first gzipped':>14}")
    for count in args.releases:
        site = make_site(count, args.random_words)
        for name, render in builders:
            if render is stock_lunr and count > args.stock_max:
                continue
            seconds, shards, raw, gzipped, first = measure(site, render)
            print(f"{count:>8}  {name:<14} {seconds:>8.2f} {shards:>6} {raw:>12,} {gzipped:>14,} {first:>14,}",
                  flush=True)
    if args.profile:
        site = make_site(args.releases[-1], args.random_words)
        profile = cProfile.Profile()
        profile.runcall(render_search, site)
        pstats.Stats(profile).sort_stats("tottime").print_stats(18)


if __name__ == "__main__":
    main()

"""How long the search index takes to build, and how big it is, on a generated corpus.

    .venv/bin/python tests/benchmarks/bench_search.py [--releases 1000] [--profile]

Prints a table (releases, builder, seconds, bytes raw, bytes gzipped) comparing
lunr.py's stock builder with Newsroom's; --profile prints cProfile's top functions
of Newsroom's build.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
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

from newsroom.config import default_config  # noqa: E402
from newsroom.content import load_releases  # noqa: E402
from newsroom.markup import Renderer  # noqa: E402
from newsroom.search import DOCS_PATH, INDEX_PATH, SearchDocument, render_search, search_document  # noqa: E402
from newsroom.site import Site, plan_site  # noqa: E402

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


def make_site(count: int) -> Site:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root, count)
        config = default_config(root)
        return plan_site(config, load_releases(root / "content", config.tz), Renderer(), NOW)


def stock_lunr(site: Site) -> dict[str, bytes]:
    """lunr.py as its README shows it: the default builder on the same documents."""
    documents = [search_document(r) for r in site.releases]
    fields = [{"field_name": "title", "boost": 10}, {"field_name": "summary", "boost": 3}, "body",
              {"field_name": "tags", "boost": 5}, "company", {"field_name": "tickers", "boost": 2}]
    index = lunr.lunr("url", fields, [plain(d) for d in documents])
    return {INDEX_PATH: json.dumps(index.serialize(), separators=(",", ":")).encode()}


def plain(document: SearchDocument) -> dict[str, str]:
    return {"url": document.url, "title": document.title, "summary": document.summary,
            "body": document.body, "tags": " ".join(document.tags), "company": document.company,
            "tickers": " ".join(document.tickers)}


def measure(site: Site, render: Callable[[Site], dict[str, bytes]]) -> tuple[float, int, int]:
    """Best of three, so another process on the machine does not decide the figure."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        files = render(site)
        best = min(best, time.perf_counter() - started)
    data = b"".join(files[p] for p in (INDEX_PATH, DOCS_PATH) if p in files)
    return best, len(data), len(gzip.compress(data, 9, mtime=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print(f"{'releases':>8}  {'builder':<16} {'seconds':>8} {'bytes raw':>12} {'bytes gzipped':>14}")
    for count in args.releases:
        site = make_site(count)
        for name, render in (("lunr.py stock", stock_lunr), ("newsroom", render_search)):
            seconds, raw, gzipped = measure(site, render)
            print(f"{count:>8}  {name:<16} {seconds:>8.2f} {raw:>12,} {gzipped:>14,}")
    if args.profile:
        site = make_site(args.releases[-1])
        profile = cProfile.Profile()
        profile.runcall(render_search, site)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(18)


if __name__ == "__main__":
    main()

"""Build time, throughput, peak memory and search index size on a generated corpus (not a test).

    .venv/bin/python tests/benchmarks/bench_build.py [--releases 1000 10000] [--jobs N]

For each N: a clean build (no site, no cache), a warm build with nothing changed (persistent
cache), and a build after one release's body was edited. Each build is `newsroom build` in its
own process, as a user runs it; peak RSS is the largest resident set of that process or any
worker it forked (getrusage of the children). Edit-to-page latency in watch mode is measured by
bench_watch.py (`make benchmark` runs both). Pelican and Hugo build the same corpus in the same
run (peers.py; `make peers` installs them, --no-peers leaves them out), for issue 9's ratios.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.bench_watch import generate_site  # noqa: E402
from tests.benchmarks.measure import MEASURE  # noqa: E402
from tests.benchmarks.peers import comparison, count_files, find_tools, run_peers, table_rows  # noqa: E402

NOW = "2026-07-01T00:00:00+00:00"


def timed_build(root: Path, jobs: int | None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in KiB and the build's own output line of one `newsroom build`."""
    command = [sys.executable, "-m", "newsroom", "build", "--now", NOW]
    if jobs is not None:
        command += ["-j", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=root, env=env,
                          capture_output=True, text=True)
    seconds, rss, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"build failed in {root}:\n{done.stderr}")
    return float(seconds), int(rss), done.stderr.strip().splitlines()[0]


def edit_body(root: Path) -> None:
    """Append a sentence to the story of one release, as an editor would."""
    path = sorted((root / "content/releases").rglob("*.md"))[len(list((root / "content/releases").rglob("*.md"))) // 2]
    text = path.read_text(encoding="utf-8")
    story, rest = text.split("\n\n## ", 1)
    path.write_text(f"{story} An edited sentence, {time.time_ns()}.\n\n## {rest}", encoding="utf-8")


def search_bytes(site: Path) -> tuple[int, int]:
    """Bytes of every search JSON file the browser may fetch, raw and gzipped (level 9)."""
    files = sorted(p for p in (site / "search").rglob("*.json"))
    raw = b"".join(p.read_bytes() for p in files)
    return len(raw), len(gzip.compress(raw, 9, mtime=0))


def first_search_bytes(site: Path) -> int:
    """Gzipped bytes fetched before the first results show, at most: the manifest (with each
    term's shards) and the largest shard (the first that can answer a query may be any)."""
    manifest = site / "search" / "shards.json"
    if not manifest.is_file():
        return search_bytes(site)[1]
    shards = json.loads(manifest.read_text())["shards"]
    size = lambda p: len(gzip.compress(p.read_bytes(), 9, mtime=0))  # noqa: E731
    largest = max((sum(size(site / "search" / name) for name in shard["files"]) for shard in shards), default=0)
    return size(manifest) + largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=None, help="passed to newsroom build -j (default: its own)")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True,
                        help="also time Pelican and Hugo on the same corpus (`make peers` installs them)")
    args = parser.parse_args()
    if args.peers:
        find_tools()
    rows, peers, ours = [], {}, {}
    for count in args.releases:
        with tempfile.TemporaryDirectory() as tmp:
            root = generate_site(Path(tmp) / "site", count)
            pages = None
            for run in ("clean", "warm, no change", "one body edited"):
                if run == "clean":
                    shutil.rmtree(root / "site", ignore_errors=True)
                    shutil.rmtree(root / ".newsroom-cache", ignore_errors=True)
                if run == "one body edited":
                    edit_body(root)
                seconds, rss, line = timed_build(root, args.jobs)
                pages = pages or sum(1 for _ in (root / "site").rglob("*.html"))
                raw, gzipped = search_bytes(root / "site")
                rows.append((count, run, seconds, pages / seconds, rss / 1024, raw, gzipped,
                             first_search_bytes(root / "site"), line))
            if args.peers:
                ours[count] = count_files(root / "site")
                peers[count] = run_peers(Path(tmp), count)
    print(f"newsroom build -j {args.jobs or os.cpu_count()} on {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; search = every search/*.json, gzip -9")
    print(f"{'releases':>8}  {'build':<16} {'seconds':>7} {'pages/s':>8} {'peak MB':>7} "
          f"{'search raw':>11} {'search gz':>10} {'first gz':>9}")
    for count, run, seconds, rate, mb, raw, gzipped, first, _ in rows:
        print(f"{count:>8}  {run:<16} {seconds:>7.2f} {rate:>8.0f} {mb:>7.0f} "
              f"{raw:>11,} {gzipped:>10,} {first:>9,}")
    for count, runs in peers.items():
        print("\n".join(table_rows(count, runs)))
    print("\n".join(f"  {count} {run}: {line}" for count, run, *_, line in rows))
    for count, runs in peers.items():
        clean = next(seconds for n, run, seconds, *_ in rows if (n, run) == (count, "clean"))
        print("\n".join(comparison(count, (clean, *ours[count]), runs)))


if __name__ == "__main__":
    main()

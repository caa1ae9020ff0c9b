"""Edit-to-page latency of `newsroom serve`: a file saved -> the changed page served changed.

Runs the real server (a subprocess, as a user would) on a copy of the seeds' site and on a
generated site of N releases, saves edits to release files and polls the release page over
HTTP until it shows the edit, then the search files (and feed.xml, for a release it lists)
until they show it too. Prints a table; the targets (issue 9, at 10,000 releases): a body
edit's page served <= 150 ms median after the save, feeds and search consistent <= 2 s,
server peak RSS <= 500 MB.

    .venv/bin/python tests/benchmarks/bench_watch.py [--edits 25] [--releases 1000] [--work DIR]
        [--no-seeds] [--changes body title]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from newsroom.stages.content import load_release  # noqa: E402
from tests.benchmarks.corpus import write_corpus  # noqa: E402

NOW = "2026-01-01T00:00:00+00:00"


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(REPO / "newsroom.toml", target / "newsroom.toml")
    for folder in ("content", "themes"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def generate_site(target: Path, count: int) -> Path:
    """The repository's config and themes with `count` generated releases (~700 words each)."""
    copy_project(target)
    shutil.rmtree(target / "content")
    write_corpus(target, count)
    return target


class Server:
    def __init__(self, root: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "newsroom", "serve", "--port", "0", "--now", NOW],
                                        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=lambda: self.lines.extend(iter(self.process.stdout.readline, "")),
                         daemon=True).start()
        deadline = time.monotonic() + 300
        while not any(line.startswith("serving ") for line in self.lines):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"serve did not start: {''.join(self.lines)}")
            time.sleep(0.05)
        self.port = int(re.search(r":(\d+)/", next(l for l in self.lines if l.startswith("serving ")))[1])
        self.first_build = float(re.search(r"in ([\d.]+) s", next(l for l in self.lines if l.startswith("built ")))[1])

    def get(self, path: str) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request("GET", path)
            return connection.getresponse().read()
        finally:
            connection.close()

    def settle(self) -> None:
        """Wait until feeds and search of every rebuild are written too: the server is idle."""
        deadline = time.monotonic() + 60

        def last(prefix: str) -> int:
            return max((n for n, line in enumerate(self.lines) if line.startswith(prefix)), default=-1)

        while last("updated") < last("rebuilt") and time.monotonic() < deadline:
            time.sleep(0.02)

    def seconds(self, prefix: str) -> list[float]:
        """Times the server printed for its rebuilds ('rebuilt') or feeds and search ('updated')."""
        return [float(m[1]) for line in self.lines if (m := re.match(rf"{prefix} .* in ([\d.]+) s", line))]

    def peak_rss_mb(self) -> float:
        """The server process's high-water resident memory (Linux)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)


def search_files(root: Path) -> list[str]:
    """URLs of the search index files the served site has (one, or one per shard)."""
    folder = root / ".newsroom-cache/serve/search"
    return sorted(f"/search/{path.relative_to(folder).as_posix()}" for path in folder.rglob("*.json"))


def published(files: list[Path]) -> list[Path]:
    """The files of releases published at NOW, newest first: a scheduled one has no page to show."""
    dated = sorted(((re.search(r"^date: (\S+)", path.read_text(), re.M)[1], path) for path in files), reverse=True)
    return [path for date, path in dated if date < NOW]


def measure(server: Server, root: Path, files: list[Path], edits: int, change: str,
            rng: random.Random) -> tuple[list[float], list[float]]:
    """Seconds from each save to the first response of the release page that shows it, and
    (body edits) to the search files and, for a release it lists, feed.xml showing it too."""
    latencies, consistent = [], []
    latest = files[0]  # the newest: feed.xml lists it
    for n in range(edits):
        path = latest if change == "body" and n % 5 == 4 else files[rng.randrange(len(files))]
        text = path.read_text()
        token = f"edit{n}x{rng.randrange(10**9)}"
        if change == "body":
            story = text.rstrip("\n").split("\n\n## ")[0]
            edited = text.replace(story, f"{story} {token}", 1)
        else:
            title = re.search(r"^title: (.*)$", text, re.M)[1]
            edited = text.replace(f"title: {title}", f"title: {title} {token}", 1)
        scratch = Path(tempfile.mkdtemp()) / path.name
        scratch.write_text(edited)
        url = load_release(scratch, ZoneInfo("America/Denver")).url  # a new title may mean a new slug
        started = time.perf_counter()
        path.write_text(edited)
        deadline = started + 30
        while token.encode() not in server.get(f"/{url}"):
            if time.perf_counter() > deadline:
                raise SystemExit(f"edit never showed: {''.join(server.lines[-5:])}")
            time.sleep(0.005)  # a tighter loop steals the CPU the rebuild needs
        latencies.append(time.perf_counter() - started)
        if change == "body":
            feeds = ["/feed.xml"] if path == latest else []
            deadline = started + 300
            while not (any(token.encode() in server.get(url) for url in search_files(root))
                       and all(token.encode() in server.get(url) for url in feeds)):
                if time.perf_counter() > deadline:
                    raise SystemExit(f"feeds or search never showed the edit: {''.join(server.lines[-5:])}")
                time.sleep(0.1)  # each look downloads the search files: leave the server the CPU
            consistent.append(time.perf_counter() - started)
        server.settle()  # feeds and search follow the pages: let them finish, each save stands alone
    return latencies, consistent


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=25)
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--work", type=Path, help="folder for the sites (default: a temporary one)")
    parser.add_argument("--no-seeds", action="store_true", help="only the generated site")
    parser.add_argument("--changes", nargs="+", choices=("body", "title"), default=["body", "title"])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        sites = [] if args.no_seeds else [("seeds", copy_project(Path(tmp) / "seeds"))]
        sites.append(("generated", generate_site(Path(tmp) / "generated", args.releases)))
        for name, root in sites:
            files = published(sorted((root / "content/releases").rglob("*.md")))
            server = Server(root)
            rng = random.Random(6)
            try:
                for change in args.changes:
                    latencies, consistent = measure(server, root, files, args.edits, change, rng)
                    rebuilds = server.seconds("rebuilt")[-len(latencies):]
                    documents = server.seconds("updated") or [0.0]
                    rows.append((name, len(files), f"{change} edit", len(latencies), statistics.median(latencies),
                                 percentile(latencies, 0.9), max(latencies), statistics.median(rebuilds),
                                 statistics.median(documents), consistent, server.first_build,
                                 server.peak_rss_mb()))
            finally:
                server.stop()
    print("edit-to-page latency: save -> the release page served changed (feeds/search/sitemap follow);")
    print(f"server rebuild and feeds+search: medians of the times the server printed; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("consistent: save -> the search files (and feed.xml, every 5th edit: the newest release) "
          "served with the edit, median / max; peak RSS: the server process's")
    print(f"{'site':<10} {'releases':>8}  {'change':<11} {'edits':>5} {'median ms':>9} {'p90 ms':>7} "
          f"{'max ms':>7} {'rebuild ms':>10} {'feeds+search ms':>15} {'consistent ms':>15} "
          f"{'first build s':>13} {'peak RSS MB':>11}")
    for name, count, change, edits, median, p90, worst, rebuild, documents, consistent, first, rss in rows:
        both = f"{statistics.median(consistent) * 1000:.0f} / {max(consistent) * 1000:.0f}" if consistent else "-"
        print(f"{name:<10} {count:>8}  {change:<11} {edits:>5} {median * 1000:>9.0f} {p90 * 1000:>7.0f} "
              f"{worst * 1000:>7.0f} {rebuild * 1000:>10.0f} {documents * 1000:>15.0f} {both:>15} "
              f"{first:>13.2f} {rss:>11.0f}")


if __name__ == "__main__":
    main()

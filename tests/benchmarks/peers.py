"""Pelican and Hugo building the benchmark's corpus, side by side with Newsroom (not a test).

Issue 9's targets are relative to the peers, so bench_build.py times them in the same run, on
the same generated releases: a Pelican project (its Markdown reader, `Key: value` metadata, its
built-in default theme) and a Hugo project (hugo.toml and layouts of our own in
peer_projects/hugo/, comparable to our default theme's pages). Both make what Newsroom makes
but the search index: a page per release, home and tag pages of 10, a tag index, an archive
and one per year, RSS for the site and each tag. Install them with `make peers`.

    .venv/bin/python tests/benchmarks/peers.py [--releases 1000]   # the peers alone
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.corpus import release_text, write_corpus  # noqa: E402
from tests.benchmarks.measure import run_measured  # noqa: E402

PROJECTS = Path(__file__).resolve().parent / "peer_projects"
PELICAN = REPO / ".venv-peers" / "bin" / "pelican"
# Pelican's content cache on, for its rebuild after an edit (the clean build has it off).
PELICAN_CACHE = ("-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")


@dataclass(frozen=True)
class Peer:
    """A peer's project, ready to build: where it is, what builds it, where the site goes."""
    name: str
    version: str
    root: Path
    site: Path
    build: tuple[str, ...]
    cached_build: tuple[str, ...]
    clean: tuple[str, ...]


@dataclass(frozen=True)
class PeerRun:
    """One timed build of a peer, and what it wrote."""
    peer: str
    version: str
    run: str
    seconds: float
    rss_kib: int
    html: int
    files: int


def find_tools() -> tuple[Path, Path]:
    """The pelican and hugo executables, or SystemExit saying how to install them."""
    hugo = shutil.which("hugo")
    missing = [hint for found, hint in (
        (PELICAN.is_file(), "Pelican 4.12 in .venv-peers/"),
        (hugo is not None, "Hugo (Debian's hugo package)")) if not found]
    if missing:
        raise SystemExit(f"not installed: {', '.join(missing)}. Run `make peers` to install "
                         "them, or pass --no-peers to benchmark Newsroom alone.")
    return PELICAN, Path(hugo)


def version(command: list[str]) -> str:
    """The version number a peer prints about itself."""
    printed = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return re.search(r"\d+\.\d+(\.\d+)?", printed)[0]


def pelican_metadata(text: str) -> str:
    """Our release as Pelican's Markdown reader wants it: `Key: value` lines, a blank line, the body."""
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    lines = [f"Title: {meta['title']}", f"Date: {meta['date'].isoformat()}",
             "Category: Releases", f"Tags: {', '.join(meta['tags'])}", f"Company: {meta['company']}",
             f"Tickers: {', '.join(meta['tickers'])}", f"Location: {meta['location']}",
             f"Wire: {meta['wire']}"]
    return "\n".join(lines) + "\n\n" + body


def write_pelican(root: Path, count: int, pelican: Path) -> Peer:
    """A Pelican project of the corpus' releases, at the same paths as ours."""
    for path in write_corpus(root, count).rglob("*.md"):
        path.write_text(pelican_metadata(path.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy(PROJECTS / "pelican" / "pelicanconf.py", root / "pelicanconf.py")
    build = (str(pelican), "content", "-s", "pelicanconf.py", "-o", "output")
    return Peer("Pelican", version([str(pelican), "--version"]), root, root / "output",
                build, build + PELICAN_CACHE, ("output", "cache", "__pycache__"))


def write_hugo(root: Path, count: int, hugo: Path) -> Peer:
    """A Hugo project of the corpus' releases as they are (Hugo reads YAML front matter), with
    each year a section of its own so that Hugo lists it, as our year archives."""
    shutil.copytree(PROJECTS / "hugo", root)
    write_corpus(root, count)
    (root / "content" / "releases" / "_index.md").write_text("---\ntitle: Archive\n---\n")
    for year in (root / "content" / "releases").iterdir():
        if year.is_dir():
            (year / "_index.md").write_text(f'---\ntitle: "{year.name}"\n---\n')
    (root / "static").mkdir()
    shutil.copy(REPO / "themes" / "default" / "static" / "style.css", root / "static" / "style.css")
    return hugo_peer(root, hugo)


def hugo_peer(root: Path, hugo: Path) -> Peer:
    """The Hugo project write_hugo wrote at `root`, ready to build again."""
    build = (str(hugo), "--destination", "public", "--cacheDir", str(root / ".hugo-cache"))
    # Hugo keeps no content cache between runs: its rebuild is a build.
    return Peer("Hugo", version([str(hugo), "version"]), root, root / "public",
                build, build, ("public", "resources", ".hugo-cache", ".hugo_build.lock"))


def count_files(site: Path) -> tuple[int, int]:
    """HTML pages and all files of a built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix == ".html"), len(files)


def expected_tags(count: int) -> dict[str, int]:
    """How many of the corpus' releases carry each tag, by the tag's slug."""
    tags: dict[str, int] = {}
    for n in range(count):
        line = release_text(n).split("\ntags: [", 1)[1].split("]", 1)[0]
        for tag in line.split(", "):
            tags[tag.replace(" ", "-")] = tags.get(tag.replace(" ", "-"), 0) + 1
    return tags


def check_site(name: str, site: Path, count: int) -> None:
    """SystemExit unless a peer's site has what ours has: every release's page with its body,
    home and tag pages of 10, every tag's page and feed, the site's feed."""
    releases = list(site.glob("releases/*/*/*/index.html"))
    problems = [f"{len(releases)} release pages, not {count}"] if len(releases) != count else []
    n = count // 2
    page = next((p for p in releases if p.parent.name.endswith(f"-release-number-{n}")), None)
    body = release_text(n).split("\n---\n", 1)[1].split("\n\n")[1][:80]
    if page is None or body not in page.read_text(encoding="utf-8"):
        problems.append(f"release {n}'s page lacks its body text {body!r}")
    lists = {"": count, **{f"tags/{slug}/": tagged for slug, tagged in expected_tags(count).items()}}
    for folder, listed in lists.items():
        last = math.ceil(listed / 10)
        pages = [site / folder / "index.html", site / folder / f"page/{last}/index.html"]
        if any(not p.is_file() for p in pages) or (site / folder / f"page/{last + 1}").exists():
            problems.append(f"/{folder} is not {last} pages of 10")
    feeds = [p for p in site.rglob("*.xml") if p.name != "sitemap.xml"]
    if len(feeds) < len(lists):
        problems.append(f"{len(feeds)} feeds, fewer than one for the site and one per tag")
    if problems:
        raise SystemExit(f"{name}'s site in {site} is not comparable to ours: " + "; ".join(problems))


def clean(peer: Peer) -> None:
    """Move every output and cache of a previous build out of the way (set_aside)."""
    for name in peer.clean:
        set_aside(peer.root / name)


def set_aside(path: Path) -> None:
    """Move `path` into a folder beside the project that is removed with the benchmark's
    temporary folder, after every build is timed: a file system slows down making files for a
    minute or so after thousands were deleted (ext4 skips inodes freed recently), and the next
    build timed should not pay for the last one's removal."""
    if path.exists() or path.is_symlink():
        aside = path.parent.parent / "set-aside"
        aside.mkdir(exist_ok=True)
        path.rename(aside / f"{path.parent.name}-{path.name}-{time.time_ns()}")


def edit_release(root: Path, n: int) -> None:
    """Append a sentence to the story of release n, as an editor would."""
    path = next((root / "content" / "releases").rglob(f"release-{n:05d}.md"))
    story, rest = path.read_text(encoding="utf-8").split("\n\n## ", 1)
    path.write_text(f"{story} An edited sentence, {time.time_ns()}.\n\n## {rest}", encoding="utf-8")


def timed(peer: Peer, run: str, command: tuple[str, ...]) -> PeerRun:
    """One build of a peer in its own process: wall seconds, peak RSS, files written."""
    seconds, rss, _ = run_measured(list(command), peer.root)
    return PeerRun(peer.name, peer.version, run, seconds, rss, *count_files(peer.site))


def run_peers(workdir: Path, count: int, rebuilds: bool = True, clean_runs: int = 1) -> list[PeerRun]:
    """Each peer's clean build of `count` releases (`clean_runs` times), checked; then, with
    `rebuilds`, its build after one body edit (Pelican with its content cache, written by an
    untimed build first)."""
    pelican, hugo = find_tools()
    peers = [write_pelican(workdir / "pelican", count, pelican), write_hugo(workdir / "hugo", count, hugo)]
    runs = []
    for peer in peers:
        for _ in range(clean_runs):
            clean(peer)
            time.sleep(1)
            runs.append(timed(peer, "clean", peer.build))
        check_site(peer.name, peer.site, count)
        if rebuilds:
            if peer.cached_build != peer.build:
                run_measured(list(peer.cached_build), peer.root)
            edit_release(peer.root, count // 2)
            runs.append(timed(peer, "one body edited", peer.cached_build))
    return runs


def table_rows(count: int, runs: list[PeerRun]) -> list[str]:
    """The peers' rows for bench_build.py's table (no search index: its columns stay empty)."""
    return [f"{count:>8}  {run.peer + ' ' + run.run.split()[-1]:<16} {run.seconds:>7.2f} "
            f"{run.html / run.seconds:>8.0f} {run.rss_kib / 1024:>7.0f} {'-':>11} {'-':>10} {'-':>9}"
            for run in runs]


def comparison(count: int, ours: tuple[float, int, int], runs: list[PeerRun],
               judged: tuple[str, ...] = ("Pelican", "Hugo")) -> list[str]:
    """Files written next to ours, and the ratios of clean builds (medians), with PASS or FAIL
    for the `judged` peers: Newsroom <= 0.5 x Pelican and <= 1 x Hugo."""
    seconds, html, files = ours
    clean = {run.peer: run for run in runs if run.run == "clean"}
    theirs = [f"{run.peer} {run.version} {run.html:,} HTML of {run.files:,}" for run in clean.values()]
    lines = [f"  {count} files: Newsroom {html:,} HTML of {files:,}; " + "; ".join(theirs)]
    for name, target in (("Pelican", 0.5), ("Hugo", 1.0)):
        median = statistics.median(run.seconds for run in runs if run.peer == name and run.run == "clean")
        ratio = seconds / median
        verdict = f" (target <= {target}): {'PASS' if ratio <= target else 'FAIL'}" if name in judged else ""
        lines.append(f"  {count} Newsroom clean / {name} {clean[name].version} clean: {seconds:.2f} / "
                     f"{median:.2f} s = {ratio:.2f}{verdict}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, nargs="+", default=[1000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsroom-peers"),
                        help="where the projects are written (emptied first)")
    args = parser.parse_args()
    for count in args.releases:
        workdir = args.workdir / str(count)
        shutil.rmtree(workdir, ignore_errors=True)
        for run in run_peers(workdir, count):
            print(f"{count:>8}  {run.peer + ' ' + run.version:<16} {run.run:<16} {run.seconds:>7.2f} s "
                  f"{run.rss_kib / 1024:>6.0f} MB {run.html:>7,} pages {run.files:>7,} files")


if __name__ == "__main__":
    main()

"""Search in a real browser on a generated site: bytes before the first results, and how fast they come.

    .venv/bin/python tests/benchmarks/bench_search_browser.py [--releases 1000 10000] [--runs 5] [--work DIR]

For each N: a site of N generated releases (tests/benchmarks/corpus.py) is built under
/tmp/search2/ (the corpus is kept for the next run), served locally by the
preview server (which sends the .gz twins to clients that accept gzip), and searched by
Chromium (Playwright, /usr/bin/chromium) with a cold cache:

- typed at once: the search page opens (load event) and a query is typed straight away;
  the clock runs from the input event to the first result in the list, and the bytes
  are every response (encoded, as sent) to a request made by then;
- all loaded: the same page once every year's shard is in, a query typed again.

Prints a table of medians (and the worst) over several queries. Not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from newsroom.preview.server import PreviewServer, PreviewState  # noqa: E402
from tests.benchmarks.bench_watch import generate_site  # noqa: E402

NOW = "2026-07-01T00:00:00+00:00"
WORK = Path("/tmp/search2")
# Common words, and rare ones only older years have (release numbers, matched as prefixes:
# 42 and 420–429 are in 2005, 4200–4299 in 2014; 777 in 2006, 7770–7779 in 2021; 1234 in 2007 alone).
QUERIES = ["Falcon Networks", "clinical trial", "Release Number 42", "dividend", "backlog margin",
           "Cobalt", "shareholder meeting", "revenue", "Number 777", "1234"]
CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# In the page: the time of each input event, and of the first result after it (or of the
# answer that nothing matches: "1234" is a release number at 10,000 releases, not at 1,000).
PROBE = """
window.__bench = {input: null, shown: null};
document.addEventListener("input", () => { window.__bench = {input: performance.now(), shown: null}; }, true);
new MutationObserver(() => {
  const bench = window.__bench;
  const answered = document.querySelector("#search-results li")
    || document.getElementById("search-status").textContent.startsWith("No releases match");
  if (bench.input !== null && bench.shown === null && answered) {
    bench.shown = performance.now();
    window.__firstResults();
  }
}).observe(document, {childList: true, subtree: true});
"""


def built_site(count: int, work: Path = WORK) -> Path:
    """The site of `count` releases, built by the CLI (the corpus is generated once, and the
    build's own cache makes a rebuild of an unchanged site quick)."""
    root = work / f"bench-{count}"
    if not (root / "content").is_dir():
        shutil.rmtree(root, ignore_errors=True)
        generate_site(root, count)
        (root / "node_modules").symlink_to(REPO / "node_modules")
    shutil.rmtree(root / "themes")
    shutil.copytree(REPO / "themes", root / "themes")  # the repository's theme as it is now
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "newsroom", "build", "--now", NOW], cwd=root, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return root / "site"


class Served:
    """The preview server's handler (gzip twins, path checks) on an already built folder."""

    def __init__(self, site: Path) -> None:
        self.state = PreviewState()
        self.server = PreviewServer(("127.0.0.1", 0), site, self.state)
        with self.state.lock:
            self.state.site_changed(None)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.port}/"

    def close(self) -> None:
        self.state.close()
        self.server.shutdown()
        self.server.server_close()


def typed_at_once(browser, url: str, text: str) -> tuple[float, int, int]:
    """A cold page: ms from the input event to the first result; bytes (all, search JSON) by then."""
    context = browser.new_context()
    page = context.new_page()
    started: list[tuple[float, object]] = []
    shown: list[float] = []
    page.on("request", lambda request: started.append((time.monotonic(), request)))
    page.expose_function("__firstResults", lambda: shown.append(time.monotonic()))
    page.add_init_script(PROBE)
    page.goto(url + "search/")
    page.fill("#search-q", text)
    page.wait_for_function("window.__bench.shown !== null", timeout=60_000)
    ms = page.evaluate("window.__bench.shown - window.__bench.input")
    page.wait_for_timeout(50)  # let the binding's call land
    # Every request the browser had made by then, whole (its sizes once it has finished).
    asked = [request for at, request in started if at <= shown[0] and "/__newsroom/" not in request.url]  # type: ignore[attr-defined]
    for request in asked:
        request.response().finished()  # type: ignore[attr-defined]
    before = [(request.url, request.sizes()["responseBodySize"]) for request in asked]  # type: ignore[attr-defined]
    context.close()
    return ms, sum(size for _, size in before), sum(size for url, size in before if url.endswith(".json"))


def after_loading(browser, url: str, queries: list[str]) -> list[float]:
    """One page with every shard loaded: ms from the input event to the first result, per query."""
    context = browser.new_context()
    page = context.new_page()
    page.expose_function("__firstResults", lambda: None)
    page.add_init_script(PROBE)
    page.goto(url + "search/")
    page.focus("#search-q")
    page.wait_for_function("(document.getElementById('search').dataset.loaded || '').split('/')"
                           ".every((n, i, all) => all.length === 2 && n === all[1])", timeout=120_000)
    times = []
    for text in queries:
        page.fill("#search-q", "")
        page.fill("#search-q", text)
        page.wait_for_function("window.__bench.shown !== null", timeout=60_000)
        times.append(page.evaluate("window.__bench.shown - window.__bench.input"))
    context.close()
    return times


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=len(QUERIES), help="queries typed at once, each on a cold page")
    parser.add_argument("--work", type=Path, default=WORK, help="where the generated sites are kept")
    args = parser.parse_args()
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM)
        for count in args.releases:
            site = built_site(count, args.work)
            shards = len(list((site / "search").glob("*.index.json")))
            served = Served(site)
            try:
                queries = (QUERIES * args.runs)[:args.runs]
                cold = [typed_at_once(browser, served.url, text) for text in queries]
                warm = after_loading(browser, served.url, queries)
            finally:
                served.close()
            rows.append((count, shards, cold, warm))
        browser.close()
    print(f"Chromium /usr/bin/chromium, served by newsroom's preview server (gzip), "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; medians (worst) over the queries")
    print(f"{'releases':>8} {'shards':>6}  {'typed at once: ms':>18} {'KB gz before':>13} {'of it search':>13}"
          f"  {'all loaded: ms':>15}")
    for count, shards, cold, warm in rows:
        ms = [c[0] for c in cold]
        print(f"{count:>8} {shards:>6}  {statistics.median(ms):>9.0f} ({max(ms):>5.0f})"
              f" {statistics.median(c[1] for c in cold) / 1024:>13.0f} {statistics.median(c[2] for c in cold) / 1024:>13.0f}"
              f"  {statistics.median(warm):>6.0f} ({max(warm):>5.0f})")
    for count, _, cold, _ in rows:
        print(f"  {count} typed at once, ms per query: "
              + ", ".join(f"{text!r} {c[0]:.0f}" for text, c in zip(QUERIES * len(cold), cold)))
    print("target (issue 9): first results <= 300 ms; <= 512 KB gzipped per 1,000 releases before them")


if __name__ == "__main__":
    main()

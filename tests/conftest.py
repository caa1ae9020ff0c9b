"""Shared fixtures: a project copied from the repository, and helpers to run the CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent


def write_release(root: Path, name: str, front: str, body: str = "The lede.\n") -> Path:
    """Write content/releases/<name> with the given front matter lines."""
    path = root / "content" / "releases" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")
    return path


def add_generated_releases(root: Path, count: int, body: str = "Company announced item {n}.\n\nMore detail {n}.\n") -> None:
    """`count` small releases over 2015-2017 and three tags; `body` is formatted with n."""
    for n in range(count):
        write_release(root, f"{2015 + n % 3}/gen-{n}.md",
                      f"title: Generated Release {n}\ndate: {2015 + n % 3}-0{1 + n % 9}-1{n % 10}T08:00:00-05:00\n"
                      f"tags: [{['earnings', 'product', 'financing'][n % 3]}]",
                      body.format(n=n))


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under folder → sha256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run `python -m newsroom` as a user would."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "newsroom", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"newsroom {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def copy_project(root: Path) -> Path:
    """Copy the repository's newsroom (config, content, themes, seeds) into root."""
    root.mkdir()
    shutil.copy(REPO / "newsroom.toml", root / "newsroom.toml")
    for folder in ("content", "themes", "seeds"):
        shutil.copytree(REPO / folder, root / folder)
    if (REPO / "node_modules").is_dir():
        (root / "node_modules").symlink_to(REPO / "node_modules")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's newsroom: config, content, themes, seeds."""
    return copy_project(tmp_path / "project")


THEMES = ("default", "wire")
SAMPLE_SIGNUP_URL = "https://lists.example.com/subscribe?list=ir&source=newsroom"
SAMPLE_NOW = "2026-01-01T00:00:00+00:00"


SAMPLE_SUBTITLE = "First 5 MW of an 18 MW order; shipments & revenue through 2017"
SAMPLE_HOSTILE_SUBTITLE = 'Margins <b id="pwn">up</b> & "Record" </script><script>alert(4)</script>'
# A results table as the importer writes one (numbers right-aligned, `---:`), wider than a phone.
SAMPLE_WIDE_TABLE = """\
| (in thousands, except per share) | Q3 2016 | Q3 2015 | Change | Nine Months 2016 | Nine Months 2015 | Change |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| Revenue | $ 12,345 | $ 9,876 | 25.0% | $ 34,567 | $ 29,012 | 19.1% |
| Gross profit (loss) | (1,234) | (2,345) | 47.4% | (3,456) | (5,678) | 39.1% |
| Net loss per share | $ (0.12) | $ (0.25) | — | $ (0.41) | $ (0.77) | — |"""
# Columns the importer could not recover: kept as they were printed, in a preformatted block.
SAMPLE_PREFORMATTED = "\n".join("    " + line for line in (
    "                               Three Months Ended            Nine Months Ended",
    "                               September 30,                 September 30,",
    "                               2016          2015            2016          2015",
    "Modules shipped (kW)           5,012.5       1,230.0         9,876.5       3,210.0"))


def add_sample_releases(root: Path) -> None:
    """Releases beyond the seeds, so every part of a theme shows: several pages and years, an
    update, a subtitle, a release's own contacts, tables (one wider than a phone) and a
    preformatted block, a hostile title and subtitle, a draft and a scheduled one."""
    write_release(root, "2016/austin.md", (
        "title: Ascent Solar Ships Flexible Modules to an Austin Utility\n"
        f"subtitle: {SAMPLE_SUBTITLE}\n"
        "date: 2016-11-02T08:30:00-05:00\nupdated: 2016-11-03T09:15:00-05:00\n"
        "location: Austin, Texas\nwire: Business Wire\ntags: [contracts, products]"),
        "Ascent Solar shipped its first modules to a utility in Austin.\n\n"
        "| Quarter | Units |\n| --- | ---: |\n| Q3 | 1,200 |\n| Q4 | 3,400 |\n\n"
        f"{SAMPLE_WIDE_TABLE}\n\n{SAMPLE_PREFORMATTED}\n\n"
        "## Media Contact\n\nJane Roe, Roe Communications, <jane@roe.example>, +1 512-555-0100\n")
    write_release(root, "2018/results.md", (
        'title: "Ascent Solar Reports Q4 & Full-Year \\"Record\\" Results </script><script>alert(1)</script>"\n'
        f"subtitle: '{SAMPLE_HOSTILE_SUBTITLE}'\n"
        "date: 2018-02-14T16:05:00-07:00\nlocation: London, United Kingdom\nwire: GlobeNewswire\n"
        "tags: [earnings]"),
        "Revenue rose in the fourth quarter.\n\n## Forward-Looking Statements\n\nResults may vary.\n")
    write_release(root, "2015/office.md", (
        "title: Ascent Solar Opens an Office in Shenzhen\ndate: 2015-03-02\n"
        "location: Shenzhen, China\nwire: PR Newswire\ntags: [operations]"),
        "Ascent Solar opened an office in Shenzhen.\n")
    write_release(root, "2017/draft.md", "title: Draft Never Published\ndate: 2017-09-01\ndraft: true")
    write_release(root, "2030/embargoed.md", "title: Embargoed Until 2030\ndate: 2030-01-01T08:00:00Z")
    config = root / "newsroom.toml"
    config.write_text(config.read_text().replace("per_page = 10", "per_page = 2"))


@pytest.fixture(scope="session")
def theme_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds plus the sample releases, built once in each bundled theme."""
    root = copy_project(tmp_path_factory.mktemp("themes") / "project")
    add_sample_releases(root)
    with open(root / "newsroom.toml", "a", encoding="utf-8") as config:  # every page links it
        config.write(f'\n[alerts]\nsignup_url = "{SAMPLE_SIGNUP_URL}"\n')
    for theme in THEMES:
        run_cli("build", "--theme", theme, "--now", SAMPLE_NOW, "--output", f"site-{theme}",
                cwd=root, check=True)
    return {theme: root / f"site-{theme}" for theme in THEMES}


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    """Debian's Chromium; a missing browser fails the test (it never skips)."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium is not installed: `apt-get install chromium` (make test does this as root)")
    return path


@pytest.fixture(scope="session")
def browser():
    """Playwright driving Debian's Chromium, headless."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A plain static HTTP server on a free loopback port, for browser tests of a built site."""
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


from tests.publishing import publish  # noqa: F401 (a fixture: `newsroom publish` in a project)

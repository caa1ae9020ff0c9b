"""`newsroom serve` end to end: a real server process, real HTTP, raw sockets and Chromium."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tests.conftest import REPO, run_cli, tree_digest, write_release

NOW = "2026-01-01T00:00:00+00:00"
JULY = "content/releases/2017/ascent-solar-names-miguel-contreras.md"
JULY_URL = "/releases/2017/07/ascent-solar-names-miguel-contreras/"
TIMEOUT = 15.0


def poll(check: Callable[[], Any], timeout: float = TIMEOUT, what: str = "condition") -> Any:
    """Call `check` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


class Preview:
    """`python -m newsroom serve` in a project, its output collected as it runs."""

    def __init__(self, root: Path, *args: str, now: str | None = NOW) -> None:
        self.root = root
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        clock = ("--now", now) if now else ()  # without, the preview runs on the real clock
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsroom", "serve", "--port", "0", *clock, *args],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=lambda s=stream, l=lines: l.extend(iter(s.readline, "")), daemon=True).start()
        line = poll(lambda: next((l for l in self.out if l.startswith("serving ")), None) or self.exited(),
                    what="the server to start")
        match = re.match(r"serving (http://127\.0\.0\.1:(\d+)/)", line)
        assert match, f"no address: {self.out} {self.err}"
        self.url, self.port = match[1], int(match[2])

    def log(self) -> str:
        return "".join(self.out + self.err)

    def exited(self) -> str | None:
        if self.process.poll() is not None:
            raise AssertionError(f"serve exited {self.process.returncode}: {''.join(self.out + self.err)}")
        return None

    def get(self, path: str, method: str = "GET") -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def raw(self, request_line: str) -> tuple[int, str]:
        """Send a request line exactly as written (no client-side path normalisation)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(f"{request_line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head, _, body = data.decode("utf-8", "replace").partition("\r\n\r\n")
        return int(head.split()[1]), body

    def wait_for_text(self, path: str, text: str, status: int = 200) -> str:
        def check() -> str | None:
            code, _, body = self.get(path)
            return body if code == status and text in body else None
        return poll(check, what=f"{text!r} at {path}; the server said: {self.log()}")

    def stop(self) -> None:
        """Ctrl-C: a clean stop, no traceback."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=TIMEOUT)
        time.sleep(0.05)
        output = "".join(self.out + self.err)
        assert code == 0, output
        assert "Traceback" not in output and "stopped" in output


class Events:
    """The Server-Sent Events stream open pages listen to."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=5)
        self.connection.request("GET", "/__newsroom/events")
        self.response = self.connection.getresponse()
        assert self.response.getheader("Content-Type", "").startswith("text/event-stream")

    def next_state(self) -> dict[str, Any]:
        data = None
        while True:
            try:
                line = self.response.readline().decode().rstrip("\n")
            except TimeoutError:
                raise AssertionError(f"no event; the server said: {self.preview.log()}") from None
            if line.startswith("data: "):
                data = json.loads(line[6:])
            elif not line and data is not None:
                return data

    def until(self, check: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while not check(state := self.next_state()):
            assert time.monotonic() < deadline, f"no such state; the last was {state}; {self.preview.log()}"
        return state

    def close(self) -> None:
        self.connection.close()


@pytest.fixture
def serve(project: Path) -> Iterator[Callable[..., Preview]]:
    started: list[Preview] = []

    def start(*args: str, now: str | None = NOW) -> Preview:
        started.append(Preview(project, *args, now=now))
        return started[-1]

    yield start
    for preview in started:
        preview.stop()


def save(path: Path, text: str) -> None:
    """Save the way editors do: a temporary file renamed over the old one."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text)
    os.replace(temp, path)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    save(path, text.replace(old, new, 1))


@pytest.mark.parametrize("damage", ["cache-is-a-file", "preview-folder-is-a-file", "preview-folder-is-not-ours"])
def test_a_cache_folder_that_cannot_hold_the_preview_is_passed_over(project: Path, serve, damage: str) -> None:
    """.newsroom-cache is a file, or its serve/ folder is not what it should be: the preview runs
    from a temporary folder, says so in one line, and leaves what was there as it was."""
    cache = project / ".newsroom-cache"
    if damage == "cache-is-a-file":
        cache.write_text("not a folder\n")
    elif damage == "preview-folder-is-a-file":
        cache.mkdir()
        (cache / "serve").write_text("not a folder\n")
    else:
        (cache / "serve").mkdir(parents=True)
        (cache / "serve" / "notes.txt").write_text("someone's own file\n")
    before = {p: p.read_bytes() for p in [cache, *cache.rglob("*")] if p.is_file()}
    preview = serve()
    notes = [line for line in preview.out if line.startswith("note: ")]
    assert len(notes) == 1 and "cannot be used" in notes[0] and "previewing from" in notes[0], preview.log()
    temporary = Path(notes[0].split("previewing from ", 1)[1].split("/ instead")[0])
    assert preview.get("/")[0] == 200 and (temporary / "index.html").is_file()
    replace_in(project / JULY, "Dr. Contreras, formerly", "Dr. Contreras, until recently")
    preview.wait_for_text(JULY_URL, "Dr. Contreras, until recently")
    preview.stop()
    assert {p: p.read_bytes() for p in [cache, *cache.rglob("*")] if p.is_file()} == before
    assert not temporary.exists()  # the temporary folder goes with the preview


@pytest.mark.parametrize("args", [(), ("--drafts",)], ids=["serve", "serve --drafts"])
def test_a_release_falling_due_is_published_at_its_time_without_a_save(project: Path, serve, args) -> None:
    """On the real clock, a release scheduled a few seconds ahead turns from 404 (or, with
    --drafts, "Scheduled") into a published page by itself, and never before its time: every
    answer received before it is the unpublished one. Feeds and search follow."""
    from datetime import datetime, timedelta, timezone

    due = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=6)
    write_release(project, f"{due:%Y}/due.md", f"title: Zephyrquill Agreement Signed\ndate: {due.isoformat()}\n"
                  "slug: zephyrquill-due\ntags: [zephyrtopic]", "Ascent Solar signed the zephyrquill agreement.\n")
    preview = serve(*args, now=None)
    url = f"/releases/{due:%Y}/{due:%m}/zephyrquill-due/"
    answers = []
    deadline = time.monotonic() + 60
    while True:
        status, _, body = preview.get(url)
        published = status == 200 and "Scheduled: not published" not in body
        answers.append((datetime.now(timezone.utc), published))
        if published:
            break
        assert time.monotonic() < deadline, f"still unpublished a minute on: {preview.log()}"
        time.sleep(0.05)
    assert all(received >= due for received, published in answers if published), "published early"
    assert "Zephyrquill" in preview.get("/")[2] and "zephyrquill-due" in preview.get("/tags/zephyrtopic/")[2]
    preview.wait_for_text("/feed.xml", "Zephyrquill Agreement Signed")
    preview.wait_for_text("/search/shards.json", "zephyrquil")
    assert "scheduled release(s) now due: Zephyrquill Agreement Signed" in preview.log()


def test_serves_edits_creations_and_deletions(project: Path, serve) -> None:
    preview = serve()
    status, headers, home = preview.get("/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<script src="/__newsroom/livereload.js" data-generation="1"></script>\n</body>' in home
    served = project / ".newsroom-cache/serve"
    assert "__newsroom" not in (served / "index.html").read_text()
    assert not (project / "site").exists()
    assert f'href="{preview.url}"' in home  # base_url is the local address, so links work locally

    replace_in(project / JULY, "Dr. Contreras, formerly", "Dr. Contreras, until recently")
    preview.wait_for_text(JULY_URL, "Dr. Contreras, until recently")

    write_release(project, "2017/solar-farm.md", "title: Ascent Solar Powers a Farm\ndate: 2017-08-01\n"
                  "tags: [product]", "A farm runs on sunlight.\n")
    preview.wait_for_text("/releases/2017/08/ascent-solar-powers-a-farm/", "A farm runs on sunlight.")
    assert "Ascent Solar Powers a Farm" in preview.get("/")[2]
    assert preview.get("/tags/product/")[0] == 200

    (project / "content/releases/2017/solar-farm.md").unlink()
    page = preview.wait_for_text("/releases/2017/08/ascent-solar-powers-a-farm/", "Page not found", status=404)
    assert "/__newsroom/livereload.js" in page
    poll(lambda: preview.get("/tags/product/")[0] == 404, what="the emptied tag page to go")

    run_cli("build", "--now", NOW, "--base-url", preview.url, "--output", "full", cwd=project, check=True)
    full = tree_digest(project / "full")  # feeds and search follow the pages: wait for them
    poll(lambda: tree_digest(served) == full, what="the served site to equal a full build")


def test_a_body_edit_serves_its_page_then_lists_feeds_and_search(project: Path, serve) -> None:
    preview = serve()
    served = project / ".newsroom-cache/serve"
    text = (project / JULY).read_text()
    save(project / JULY, text.replace("Dr. Contreras, formerly", "Dr. Contreras, famously")
         .replace("summary: Ascent Solar Technologies, Inc. announced", "summary: Ascent Solar lately announced"))
    preview.wait_for_text(JULY_URL, "Dr. Contreras, famously")
    preview.wait_for_text("/", "Ascent Solar lately announced")  # the lists that show it
    preview.wait_for_text("/tags/management/", "Ascent Solar lately announced")
    preview.wait_for_text("/feed.xml", "Dr. Contreras, famously")
    search = sorted((served / "search").rglob("*.json"))
    poll(lambda: any("famous" in preview.get(f"/search/{p.relative_to(served / 'search').as_posix()}")[2]
                     for p in search), what="the search index to have the edit")
    rebuilt = poll(lambda: next((l for l in preview.out if l.startswith("rebuilt ")), None), what="the rebuild line")
    written = int(re.search(r": (\d+) written", rebuilt)[1])
    assert written == 1, rebuilt  # its page first; the lists that show it follow: not a full build
    run_cli("build", "--now", NOW, "--base-url", preview.url, "--output", "full", cwd=project, check=True)
    full = tree_digest(project / "full")
    poll(lambda: tree_digest(served) == full, what="the served site to equal a full build")


def test_a_new_seed_is_imported_and_served(project: Path, serve) -> None:
    preview = serve()
    fixture = REPO / "tests/fixtures/wire/accesswire-gold-terra-town-hall.txt"
    (project / "seeds/2024-09-26-gold-terra.txt").write_bytes(fixture.read_bytes())
    home = preview.wait_for_text("/", "Gold Terra Announces Town Hall Meeting")
    assert home.index("Gold Terra") < home.index("Miguel Contreras")
    imported = list((project / "content/releases/2024").glob("*.md"))
    assert len(imported) == 1 and "source: seeds/2024-09-26-gold-terra.txt" in imported[0].read_text()
    poll(lambda: "import: created: content/releases/2024/" in preview.log(), what="the import line")
    events = Events(preview)
    (project / "seeds/2024-10-01-empty.txt").write_text("")
    state = events.until(lambda s: bool(s["errors"]))
    assert state["errors"][0]["file"] == "seeds/2024-10-01-empty.txt"
    events.close()


def test_broken_edit_shows_the_error_and_keeps_the_last_good_site(project: Path, serve) -> None:
    preview = serve()
    events = Events(preview)
    first = events.next_state()
    assert first["errors"] == [] and first["generation"] == 1

    replace_in(project / JULY, "date: 2017-07-11", "date: 2017-13-45")
    state = events.until(lambda s: bool(s["errors"]))
    assert state["errors"][0]["file"] == JULY and state["errors"][0]["line"] == 3
    assert "not a valid date" in state["errors"][0]["message"] and state["generation"] == 1
    poll(lambda: f"error: {JULY}:3: 'date'" in "".join(preview.err), what="the error in the terminal")
    status, _, page = preview.get(JULY_URL)
    assert status == 200 and "Dr. Contreras, formerly" in page

    late = Events(preview)  # a page opened while the build is broken is told at once
    assert late.next_state()["errors"][0]["line"] == 3
    late.close()

    text = (project / JULY).read_text().replace("date: 2017-13-45", "date: 2017-07-11")
    save(project / JULY, text.replace("Dr. Contreras, formerly", "Dr. Contreras, lately"))
    state = events.until(lambda s: not s["errors"])
    assert state["generation"] == 2
    preview.wait_for_text(JULY_URL, "Dr. Contreras, lately")

    template = project / "themes/default/templates/release.html"
    replace_in(template, "{{ release.title }}", "{{ release.title }")
    state = events.until(lambda s: bool(s["errors"]))
    assert state["errors"][0]["file"].endswith("themes/default/templates/release.html")
    assert state["errors"][0]["line"] and "template syntax error" in state["errors"][0]["message"]
    replace_in(template, "{{ release.title }", "{{ release.title }}")
    assert events.until(lambda s: not s["errors"])["generation"] == 2  # same bytes as before: no reload
    events.close()


TRAVERSALS = (
    "GET /../newsroom.toml HTTP/1.1",
    "GET /../../../../etc/passwd HTTP/1.1",
    "GET /%2e%2e/newsroom.toml HTTP/1.1",
    "GET /%2E%2E%2Fnewsroom.toml HTTP/1.1",
    "GET /assets/..%2f..%2f..%2fnewsroom.toml HTTP/1.1",
    "GET /assets/%2e%2e/%2e%2e/%2e%2e/newsroom.toml HTTP/1.1",
    "GET /..%5c..%5cnewsroom.toml HTTP/1.1",
    "GET /%00/etc/passwd HTTP/1.1",
    "GET //etc/passwd HTTP/1.1",
    "GET http://127.0.0.1/../newsroom.toml HTTP/1.1",
    "GET /.newsroom-site HTTP/1.1",
    "GET /%ff%fe HTTP/1.1",
)


def test_nothing_outside_the_site_folder(project: Path, serve, tmp_path: Path) -> None:
    preview = serve()
    for request_line in TRAVERSALS:
        status, body = preview.raw(request_line)
        assert status in (400, 403, 404), request_line
        assert "[site]" not in body and "root:" not in body, request_line
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    served = project / ".newsroom-cache/serve"
    (served / "leak.txt").symlink_to(secret)
    (served / "leakdir").symlink_to(tmp_path)
    assert preview.raw("GET /leak.txt HTTP/1.1")[0] == 403
    status, body = preview.raw("GET /leakdir/secret.txt HTTP/1.1")
    assert status == 403 and "top secret" not in body


def test_types_folders_and_the_404_page(project: Path, serve) -> None:
    preview = serve()
    stylesheet = re.search(r'href="(/assets/style\.[0-9a-f]+\.css)"', preview.get("/")[2])[1]
    expected = {stylesheet: "text/css; charset=utf-8", "/robots.txt": "text/plain; charset=utf-8",
                "/archive/": "text/html; charset=utf-8", "/__newsroom/livereload.js": "text/javascript; charset=utf-8"}
    for path, content_type in expected.items():
        status, headers, _ = preview.get(path)
        assert (status, headers["Content-Type"]) == (200, content_type), path
        assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, _ = preview.get(JULY_URL.rstrip("/"))
    assert status == 301 and headers["Location"] == JULY_URL
    status, headers, body = preview.get("/no/such/page/")
    assert status == 404 and "<h1>Page not found</h1>" in body and "livereload.js" in body
    status, headers, body = preview.get("/", method="HEAD")
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 0
    assert "livereload" not in preview.get(stylesheet)[2]


def test_drafts_preview_uses_its_own_folder_and_shows_banners(project: Path, serve) -> None:
    write_release(project, "2017/draft.md", "title: Secret Merger\ndate: 2017-09-01\ndraft: true")
    write_release(project, "2026/embargo.md", "title: Embargoed Results\ndate: 2026-02-01")
    preview = serve("--drafts")
    banner = 'data-banner="Preview with drafts and scheduled releases: this is not the published site."'
    status, _, page = preview.get("/releases/2017/09/secret-merger/")
    assert status == 200 and "Draft: not published" in page and banner in page
    status, _, page = preview.get("/releases/2026/02/embargoed-results/")
    assert status == 200 and "Scheduled: not published" in page
    assert banner in preview.get("/")[2] and banner in preview.get("/no/such/page")[2]
    folder = project / ".newsroom-cache/preview"
    assert (folder / "releases/2017/09/secret-merger/index.html").is_file()
    assert "never publish it" in (folder / ".newsroom-site").read_text()
    run_cli("build", "--drafts", "--now", NOW, "--base-url", preview.url, "--output", "full", cwd=project, check=True)
    full = tree_digest(project / "full")
    poll(lambda: tree_digest(folder) == full, what="the drafts preview to equal `build --drafts`")
    assert not (project / "site").exists() and not (project / ".newsroom-cache/serve").exists()
    refused = run_cli("serve", "--drafts", "--output", "site", "--port", "0", cwd=project)
    assert refused.returncode == 2 and "never writes to the published ./site" in refused.stderr


def test_poll_mode_and_other_hosts(project: Path, serve) -> None:
    preview = serve("--poll", "--host", "0.0.0.0")
    assert "warning: serving on 0.0.0.0" in "".join(preview.err)
    replace_in(project / JULY, "Dr. Contreras, formerly", "Dr. Contreras, polled")
    preview.wait_for_text(JULY_URL, "Dr. Contreras, polled")


def test_a_restarted_preview_serves_its_unchanged_folder(project: Path, serve) -> None:
    """The second start finds its folder already up to date (nothing written) and still serves it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    first = serve("--port", port)
    first.wait_for_text("/", "Miguel Contreras")
    first.stop()
    second = serve("--port", port)
    assert "0 written" in second.log()
    second.wait_for_text("/", "Miguel Contreras")


def test_port_in_use_is_a_clear_error(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli("serve", "--port", str(taken.getsockname()[1]), cwd=project)
    assert result.returncode == 1 and "cannot listen on 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


def test_browser_reloads_itself_and_swaps_stylesheets(project: Path, serve, page) -> None:
    preview = serve()
    page.goto(preview.url + JULY_URL.lstrip("/"))
    page.evaluate("window.notReloaded = true")
    replace_in(project / JULY, "Dr. Contreras, formerly", "Dr. Contreras, reloaded")
    page.wait_for_function("document.body.innerText.includes('Dr. Contreras, reloaded')", timeout=TIMEOUT * 1000)
    assert page.evaluate("window.notReloaded") is None
    page.evaluate("window.notReloaded = true")
    css = project / "themes/default/static/style.css"
    save(css, css.read_text() + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
    page.wait_for_function("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'",
                           timeout=TIMEOUT * 1000)
    assert page.evaluate("window.notReloaded") is True  # swapped in place, no reload


def test_an_edit_reloads_only_the_tabs_showing_a_page_it_changed(project: Path, serve, page) -> None:
    preview = serve()
    events = Events(preview)
    start = events.next_state()["generation"]
    page.goto(preview.url + "tags/")  # the topics page: a body edit does not change it
    page.evaluate("window.notReloaded = true")
    replace_in(project / JULY, "Dr. Contreras, formerly", "Dr. Contreras, elsewhere")
    state = events.until(lambda s: s["generation"] > start)
    assert state["pages"] == [JULY_URL]
    preview.wait_for_text(JULY_URL, "Dr. Contreras, elsewhere")
    page.goto(preview.url + JULY_URL.lstrip("/"))
    page.evaluate("window.notReloaded = true")
    replace_in(project / JULY, "Dr. Contreras, elsewhere", "Dr. Contreras, here")
    page.wait_for_function("document.body.innerText.includes('Dr. Contreras, here')", timeout=TIMEOUT * 1000)
    assert page.evaluate("window.notReloaded") is None
    page.goto(preview.url + "tags/")
    page.evaluate("window.notReloaded = true")
    replace_in(project / JULY, "Dr. Contreras, here", "Dr. Contreras, there")
    events.until(lambda s: s["pages"] == [JULY_URL] and "there" in preview.get(JULY_URL)[2])
    time.sleep(0.5)  # the tab has had the event too
    assert page.evaluate("window.notReloaded") is True
    events.close()


def test_browser_shows_and_clears_the_error_overlay(project: Path, serve, page) -> None:
    preview = serve()
    page.goto(preview.url + JULY_URL.lstrip("/"))
    overlay = page.locator("#newsroom-error-overlay")
    replace_in(project / JULY, "tags: [management]", "tags: [management]\n<img src=x onerror=alert(1)>: 1")
    overlay.wait_for(state="visible", timeout=TIMEOUT * 1000)
    assert f"{JULY}:11" in overlay.inner_text()
    assert "unknown front matter key '<img src=x onerror=alert(1)>'" in overlay.inner_text()
    assert overlay.locator("img").count() == 0
    assert "Dr. Contreras, formerly" in page.locator("article").inner_text()  # the last good page
    replace_in(project / JULY, "\n<img src=x onerror=alert(1)>: 1", "")
    overlay.wait_for(state="detached", timeout=TIMEOUT * 1000)

    template = project / "themes/default/templates/release.html"
    replace_in(template, "<h1>{{ release.title }}</h1>", "<h1>{{ release.title }</h1>")
    overlay.wait_for(state="visible", timeout=TIMEOUT * 1000)
    assert re.search(r"release\.html:\d+", overlay.inner_text())
    replace_in(template, "<h1>{{ release.title }</h1>", "<h1>{{ release.title }} (fixed)</h1>")
    page.wait_for_function("document.querySelector('h1').innerText.endsWith('(fixed)')", timeout=TIMEOUT * 1000)
    assert overlay.count() == 0


def fetch(preview: Preview, path: str, accept: str | None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """A request with the Accept-Encoding a client sends (None: the header left out)."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        if accept is not None:
            connection.putheader("Accept-Encoding", accept)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_json_goes_gzipped_to_clients_that_accept_gzip(project: Path, serve) -> None:
    preview = serve()
    served = project / ".newsroom-cache/serve"
    manifest = json.loads((served / "search/shards.json").read_text())
    paths = ["/search/shards.json", *(f"/search/{name}" for name in manifest["shards"][0]["files"])]
    for path in paths:
        plain = (served / path.lstrip("/")).read_bytes()
        for accept in ("gzip", "br, gzip, deflate", "GZIP;q=0.5", "*"):
            status, headers, body = fetch(preview, path, accept)
            assert (status, headers["Content-Encoding"]) == (200, "gzip"), (path, accept)
            assert headers["Content-Type"] == "application/json; charset=utf-8"
            assert headers["Vary"] == "Accept-Encoding"
            assert int(headers["Content-Length"]) == len(body) < len(plain)
            assert gzip.decompress(body) == plain
        for accept in (None, "identity", "gzip;q=0", "br", "*;q=0"):
            status, headers, body = fetch(preview, path, accept)
            assert (status, body) == (200, plain), (path, accept)
            assert "Content-Encoding" not in headers and headers["Vary"] == "Accept-Encoding"
    status, headers, body = fetch(preview, paths[0], "gzip", method="HEAD")
    assert (status, headers["Content-Encoding"], body) == (200, "gzip", b"")
    # The .gz itself is a file like any other; HTML, and JSON without a twin, are never encoded.
    status, headers, body = fetch(preview, "/search/shards.json.gz", "gzip")
    assert status == 200 and "Content-Encoding" not in headers and body == (served / "search/shards.json.gz").read_bytes()
    assert "Content-Encoding" not in fetch(preview, "/search/", "gzip")[1]
    status, headers, body = fetch(preview, "/search/none.json", "gzip")
    assert status == 404 and "Content-Encoding" not in headers and b"Page not found" in body
    # The same path checks: no twin is read from outside the site folder.
    secret = project / "secret.json"
    secret.write_text('{"secret": 1}')
    (project / "secret.json.gz").write_bytes(gzip.compress(b'{"secret": 1}'))
    (served / "leak.json.gz").symlink_to(project / "secret.json.gz")
    for path in ("/leak.json", "/../secret.json", "/%2e%2e/secret.json", "/search/..%2fsecret.json"):
        status, _, body = fetch(preview, path, "gzip")
        assert status in (403, 404) and b"secret" not in body and gzip.compress(b'{"secret": 1}') != body, path


def test_search_page_through_the_preview_server(project: Path, serve, page) -> None:
    """Chromium asks for gzip, gets the .gz twins and searches them."""
    preview = serve()
    encodings: dict[str, str] = {}
    page.on("response", lambda response: response.url.endswith(".json")
            and encodings.update({response.url: response.headers.get("content-encoding", "")}))
    page.goto(preview.url + "search/?q=Contreras")
    page.locator("#search-results h2 a").first.wait_for()
    assert page.locator("#search-results h2 a").first.inner_text().startswith("Ascent Solar Names Dr. Miguel Contreras")
    # The manifest, the index and the store; not the stories: the summary shows the match.
    assert len(encodings) == 3 and set(encodings.values()) == {"gzip"}, encodings

"""The local preview server: the last good site, live reload over Server-Sent Events, build errors.

Files are read while holding the lock a rebuild holds to commit, so a page never mixes two
builds. HTML responses get one script tag (the live-reload client) added on the way out; the
files on disk never contain it.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import sys
import threading
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

INTERNAL = "/__newsroom/"
EVENTS_PATH = INTERNAL + "events"
SCRIPT_PATH = INTERNAL + "livereload.js"
KEEPALIVE_SECONDS = 15.0
TEXT_TYPES = {"application/json", "application/xml", "application/rss+xml", "application/atom+xml",
              "text/javascript", "application/javascript", "image/svg+xml"}
MIME_OVERRIDES = {".js": "text/javascript", ".json": "application/json", ".xml": "application/xml",
                  ".webmanifest": "application/manifest+json", ".woff2": "font/woff2", ".svg": "image/svg+xml"}
WAITING_PAGE = (b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Newsroom preview"
                b"</title></head><body><h1>Newsroom preview</h1><p>The site has not been built yet: the "
                b"build failed. The error is shown here and in the terminal; save a fix and this page "
                b"reloads by itself.</p></body></html>\n")


@dataclass(frozen=True)
class Snapshot:
    """What open pages are told: the site's generation and the current build errors."""

    seq: int = 0
    generation: int = 0
    stylesheets: tuple[tuple[str, str], ...] | None = None
    errors: tuple[dict[str, Any], ...] = ()
    pages: tuple[str, ...] | None = None  # the URL paths this generation changed, when only those

    def event(self) -> bytes:
        data = {"generation": self.generation, "errors": list(self.errors),
                "pages": None if self.pages is None else list(self.pages),
                "stylesheets": None if self.stylesheets is None else [list(pair) for pair in self.stylesheets]}
        return f"event: state\ndata: {json.dumps(data)}\n\n".encode()


class PreviewState:
    """Shared by the rebuild loop (writer) and the request threads (readers)."""

    def __init__(self, banner: str = "") -> None:
        self.banner = banner
        self.lock = threading.Lock()
        self._changed = threading.Condition()
        self._snapshot = Snapshot()
        self._closed = False

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def site_changed(self, stylesheets: tuple[tuple[str, str], ...] | None,
                     pages: tuple[str, ...] | None = None) -> None:
        """A rebuild committed new files: call while holding `lock`, so readers see both at once.
        `stylesheets` (old URL, new URL) says only CSS changed: pages may swap instead of reloading;
        `pages` says only these pages changed: others need not reload."""
        now = self._snapshot
        self._publish(replace(now, generation=now.generation + 1, stylesheets=stylesheets, errors=(),
                              pages=pages))

    def build_ok(self) -> None:
        """A rebuild succeeded without changing a page: clear any error shown."""
        if self._snapshot.errors:
            self._publish(replace(self._snapshot, errors=()))

    def build_failed(self, errors: tuple[dict[str, Any], ...]) -> None:
        self._publish(replace(self._snapshot, errors=errors))

    def _publish(self, snapshot: Snapshot) -> None:
        with self._changed:
            self._snapshot = replace(snapshot, seq=self._snapshot.seq + 1)
            self._changed.notify_all()

    def wait(self, seq: int, timeout: float) -> Snapshot | None:
        """The next snapshot after `seq`, or None after `timeout` or once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._snapshot.seq != seq, timeout)
            return None if self._closed or self._snapshot.seq == seq else self._snapshot

    def close(self) -> None:
        """Let event streams end, so the server stops promptly."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed


class PreviewServer(ThreadingHTTPServer):
    """One thread per request; event streams are daemon threads that end on close."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], site_dir: Path, state: PreviewState) -> None:
        self.site_dir = site_dir
        self.state = state
        self.script = resources.files("newsroom.preview").joinpath("livereload.js").read_bytes()
        super().__init__(address, PreviewHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser closing a tab mid-response is normal, not an error to print."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "NewsroomPreview"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for builds and errors."""

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        raw, _, query = self.path.split("#", 1)[0].partition("?")
        if raw == EVENTS_PATH:
            return self.stream_events()
        if raw == SCRIPT_PATH:
            return self.respond(HTTPStatus.OK, "text/javascript; charset=utf-8", self.server.script, body)
        segments = url_segments(raw)
        if segments is None:
            return self.respond(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"Forbidden\n", body)
        state = self.server.state
        with state.lock:
            snapshot = state.snapshot
            if snapshot.generation == 0:
                status, path, data = HTTPStatus.SERVICE_UNAVAILABLE, Path("waiting.html"), WAITING_PAGE
            else:
                status, path, data, encoding = self.read_json_gzipped(segments, raw)
                if not encoding:
                    status, path, data = self.read_file(segments, raw)
        if status == HTTPStatus.MOVED_PERMANENTLY:
            return self.redirect(raw + "/" + (f"?{query}" if query else ""))
        content_type = mime_type(path)
        if content_type.startswith("text/html"):
            data = inject_script(data, snapshot.generation, state.banner)
        self.respond(status, content_type, data, body, encoding)

    def read_json_gzipped(self, segments: list[str], raw: str) -> tuple[HTTPStatus, Path, bytes, str]:
        """x.json's precompressed twin x.json.gz, for a client that accepts gzip ("" when not sent)."""
        if not segments or not segments[-1].endswith(".json") or not accepts_gzip(self.headers.get("Accept-Encoding")):
            return HTTPStatus.NOT_FOUND, Path(), b"", ""
        status, path, data = self.read_file([*segments[:-1], segments[-1] + ".gz"], raw + ".gz")
        return (status, path.with_suffix(""), data, "gzip") if status == HTTPStatus.OK else (status, path, b"", "")

    def read_file(self, segments: list[str], raw: str) -> tuple[HTTPStatus, Path, bytes]:
        """The file a URL names inside the site folder, its folder's index.html, or the 404 page."""
        root = os.path.realpath(self.server.site_dir)
        target = os.path.realpath(os.path.join(root, *segments))
        if os.path.commonpath([root, target]) != root:
            return HTTPStatus.FORBIDDEN, Path("403.txt"), b"Forbidden\n"
        if os.path.isdir(target):
            if not raw.endswith("/"):
                return HTTPStatus.MOVED_PERMANENTLY, Path(target), b""
            target = os.path.join(target, "index.html")
        try:
            with open(target, "rb") as handle:
                return HTTPStatus.OK, Path(target), handle.read()
        except OSError:
            pass
        try:
            return HTTPStatus.NOT_FOUND, Path("404.html"), (Path(root) / "404.html").read_bytes()
        except OSError:
            return HTTPStatus.NOT_FOUND, Path("404.txt"), b"Not found\n"

    def respond(self, status: HTTPStatus, content_type: str, data: bytes, body: bool = True,
                encoding: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if content_type.startswith("application/json"):
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream_events(self) -> None:
        """Server-Sent Events: the current state at once, then every change until the page goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.server.state
        snapshot = state.snapshot
        try:
            self.wfile.write(b"retry: 500\n\n" + snapshot.event())
            self.wfile.flush()
            seq = snapshot.seq
            while True:
                waited = state.wait(seq, KEEPALIVE_SECONDS)
                if state.closed:
                    return
                self.wfile.write(waited.event() if waited else b": keepalive\n\n")
                self.wfile.flush()
                seq = waited.seq if waited else seq
        except (ConnectionError, TimeoutError):
            pass


def url_segments(raw: str) -> list[str] | None:
    """Decoded path segments, or None for anything that could leave the site folder.

    `..` in any spelling (%2e%2e, %2f inside a segment), backslashes, NUL, and hidden
    files (the build marker, temporary files of a rebuild) are refused.
    """
    if not raw.startswith("/"):
        return None
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    segments = [s for s in decoded.split("/") if s]
    if any(s.startswith(".") or ":" in s for s in segments):
        return None
    return segments


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip: named (or `*`) with a q-value above 0."""
    weights: dict[str, float] = {}
    for item in (header or "").split(","):
        name, _, params = item.partition(";")
        quality = params.strip().lower()
        try:
            weight = float(quality[2:]) if quality.startswith("q=") else 1.0
        except ValueError:
            weight = 0.0
        weights[name.strip().lower()] = weight
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


def mime_type(path: Path) -> str:
    """Sane types: our overrides, then the system's table; text gets a charset."""
    suffix = path.suffix.lower()
    kind = MIME_OVERRIDES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in TEXT_TYPES:
        kind += "; charset=utf-8"
    return kind


def inject_script(page: bytes, generation: int, banner: str = "") -> bytes:
    """Add the live-reload client before </body> (or at the end when there is none)."""
    attributes = f' data-generation="{generation}"'
    if banner:
        attributes += f' data-banner="{html.escape(banner, quote=True)}"'
    tag = f'<script src="{SCRIPT_PATH}"{attributes}></script>\n'.encode()
    at = page.lower().rfind(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]

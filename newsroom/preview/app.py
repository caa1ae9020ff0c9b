"""`newsroom serve`: build, serve, watch, and rebuild what each save touched, until Ctrl-C.

The loop is here; what one rebuild does is session.Session, what the browser is sent is
server.PreviewServer, where files go is livesite.LiveSite, what changed is watch.Watcher.
"""

from __future__ import annotations

import errno
import gc
import ipaddress
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from newsroom.errors import OutputError
from newsroom.preview.livesite import LiveSite
from newsroom.preview.server import PreviewServer, PreviewState
from newsroom.preview.session import Report, Say, Session
from newsroom.preview.watch import Layout, Watcher
from newsroom.project import BUNDLED_THEMES, CONFIG_NAME, BuildOptions
from newsroom.stages.output import MARKER, output_lock

CACHE_DIR = ".newsroom-cache"
IDLE_SECONDS = 0.05
# Each draft or scheduled release says so itself (the theme marks it); this covers every page.
DRAFTS_BANNER = "Preview with drafts and scheduled releases: this is not the published site."


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    poll: bool = False


def preview_folder(root: Path, drafts: bool) -> Path:
    """Never ./site: the preview links to a local address, and may show drafts."""
    return root / CACHE_DIR / ("preview" if drafts else "serve")


def usable_preview_folder(root: Path, drafts: bool) -> tuple[Path, str | None]:
    """The preview folder in the cache, or, when the cache cannot hold it (a file where a folder
    should be, a folder Newsroom did not make), a temporary one and a note saying so: a cache
    that cannot be used is never fatal."""
    folder = preview_folder(root, drafts)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if any(folder.iterdir()) and not (folder / MARKER).is_file():
            raise OSError(errno.ENOTEMPTY, "not made by Newsroom")
    except OSError as exc:
        temporary = Path(tempfile.mkdtemp(prefix=f"newsroom-{folder.name}-"))
        return temporary, (f"note: {folder} cannot be used ({exc.strerror or exc}): "
                           f"previewing from {temporary}/ instead")
    return folder, None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def local_url(host: str, port: int) -> str:
    """The address to open; a wildcard host is opened on loopback."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def layout_of(options: BuildOptions) -> Layout:
    themes = [folder for folder in (options.root / "themes", BUNDLED_THEMES) if folder.is_dir()]
    return Layout.of(options.content, themes, options.config_path or options.root / CONFIG_NAME,
                     options.root / "seeds")


def run_preview(options: BuildOptions, serve: ServeOptions, say: Say, report: Report) -> None:
    """Serve until Ctrl-C; a failed rebuild keeps the last good site and shows the error."""
    state = PreviewState(banner=DRAFTS_BANNER if options.drafts else "")
    try:
        server = PreviewServer((serve.host, serve.port), options.output, state)
    except OSError as exc:
        raise OutputError(f"cannot listen on {serve.host}:{serve.port}: {exc.strerror}; "
                          "is another preview running? Try another --port") from None
    url = local_url(serve.host, server.port)
    options = replace(options, base_url=url)
    session = Session(options, LiveSite(options.output, state.lock, preview=options.drafts), state, say, report)
    http = threading.Thread(target=server.serve_forever, args=(0.1,), name="newsroom-http", daemon=True)
    # Watch before the first build, so a save made while it runs is not lost.
    with server, output_lock(options.output), Watcher(layout_of(options), poll=serve.poll) as watcher:
        try:
            session.live.open()
            session.rebuild(None)
            gc.freeze()  # the first build's objects live on: spare the collector walking them each rebuild
            http.start()
            say(f"serving {url} from {options.output}/ (watching for changes; Ctrl-C stops)")
            while True:
                # Wake for the next scheduled release too: it is published at its time, unsaved.
                due = session.due_in()
                wait = min(IDLE_SECONDS if session.busy else 1.0, 1.0 if due is None else due)
                changes = watcher.next_changes(timeout=wait)
                if changes is not None:
                    session.rebuild(changes)
                elif session.due_in() == 0:
                    session.publish_due()
                else:
                    session.finish(stop=watcher.waiting)
        except KeyboardInterrupt:
            say("stopped")
        finally:
            state.close()
            if http.is_alive():
                server.shutdown()

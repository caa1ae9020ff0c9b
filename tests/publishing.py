"""Running `newsroom publish` in tests: a process of its own, its log, a deploy command that
records each run, and a release scheduled a few seconds ahead."""

from __future__ import annotations

import json
import math
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent

TIMEOUT = 20.0
TITLE = "Ascent Solar Reports Zebra Quarter"
SLUG = "ascent-solar-reports-zebra-quarter"
# Writes one JSON line per run: the folder it was given, and whether the release was in it.
DEPLOY_SCRIPT = """\
import json, os, pathlib, sys
out = pathlib.Path(os.environ["NEWSROOM_OUTPUT"])
runs = pathlib.Path("deploys.jsonl")
n = len(runs.read_text().splitlines()) if runs.exists() else 0
with runs.open("a") as log:
    log.write(json.dumps({"output": str(out), "zebra": (out / "index.html").read_text().count("Zebra Quarter")}) + "\\n")
sys.exit(3 if n < int(sys.argv[1]) else 0)
"""


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


class Publishing:
    """`python -m newsroom publish` in a project, its output collected as it runs."""

    def __init__(self, root: Path, *args: str) -> None:
        self.root = root
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "newsroom", "publish", "-j", "1", *args],
                                        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=lambda s=stream, l=lines: l.extend(iter(s.readline, "")), daemon=True).start()

    def log(self) -> str:
        return "".join(self.out + self.err)

    def said(self, text: str, count: int = 1) -> bool:
        if self.process.poll() is not None and self.log().count(text) < count:
            raise AssertionError(f"publish exited {self.process.returncode}:\n{self.log()}")
        return self.log().count(text) >= count

    def wait_for(self, text: str, count: int = 1) -> None:
        poll(lambda: self.said(text, count), what=f"{text!r} x{count} in:\n{self.log()}")

    def stop(self) -> int:
        """SIGTERM, as systemd stops it: a clean exit."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"publish did not stop on SIGTERM:\n{self.log()}") from None
        poll(lambda: "stopped" in self.log() or code != 0, what="the last lines")
        return code


@pytest.fixture
def publish(project: Path) -> Iterator[Callable[..., Publishing]]:
    started: list[Publishing] = []
    (project / "deploy.py").write_text(DEPLOY_SCRIPT, encoding="utf-8")

    def start(*args: str, failures: int = 0) -> Publishing:
        command = f"{shlex.quote(sys.executable)} deploy.py {failures}"
        started.append(Publishing(project, "--deploy", command, *args))
        return started[-1]

    yield start
    for publishing in started:
        if publishing.process.poll() is None:
            publishing.process.kill()
            publishing.process.wait()


def deploys(root: Path) -> list[dict[str, Any]]:
    runs = root / "deploys.jsonl"
    return [json.loads(line) for line in runs.read_text().splitlines()] if runs.exists() else []


def schedule(root: Path, seconds_ahead: float) -> float:
    """A release due `seconds_ahead` from now (on a whole second); its POSIX time."""
    due = math.ceil(time.time() + seconds_ahead)
    when = datetime.fromtimestamp(due, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    path = root / "content" / "releases" / "2026" / "zebra.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {TITLE}\ndate: {when}\ntags: [earnings]\n---\n"
                    "The Zebra quarter beat every estimate.\n", encoding="utf-8")
    return due


def holding(site: Path, text: bytes) -> list[Path]:
    """The output files with `text` in their bytes (gzipped twins are checked by their source).

    The site folder is opened once and walked by file descriptor: a build that swaps a new site
    in while we walk cannot mix the old site's top pages with the new site's folders."""
    found = []
    try:
        top = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return found
    try:
        for folder, _, names, folder_fd in os.fwalk(".", dir_fd=top):
            for name in names:
                try:
                    handle = os.open(name, os.O_RDONLY, dir_fd=folder_fd)
                except FileNotFoundError:  # the old site, being removed while we read
                    continue
                with os.fdopen(handle, "rb") as file:
                    if text in file.read():
                        found.append(site / folder / name)
    finally:
        os.close(top)
    return [Path(os.path.normpath(path)) for path in found]

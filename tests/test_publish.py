"""`newsroom publish` end to end: real processes, the real clock, a real deploy command."""

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
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tests.conftest import REPO, run_cli, write_release

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
        code = self.process.wait(timeout=TIMEOUT)
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
    when = datetime.fromtimestamp(due, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    write_release(root, "2026/zebra.md", f"title: {TITLE}\ndate: {when}\ntags: [earnings]",
                  "The Zebra quarter beat every estimate.\n")
    return due


def holding(site: Path, text: bytes) -> list[Path]:
    """The output files with `text` in their bytes (gzipped twins are checked by their source)."""
    found = []
    for path in site.rglob("*"):
        try:
            if path.is_file() and text in path.read_bytes():
                found.append(path)
        except FileNotFoundError:  # the old site, swapped out while we read
            pass
    return found


def test_a_scheduled_release_is_published_at_its_time_and_deployed_once_per_publish(project: Path, publish) -> None:
    due = schedule(project, 7)
    site = project / "site"
    running = publish()
    running.wait_for("deployed: exit status 0")
    assert f"next: {TITLE!r} at " in running.log()
    assert time.time() < due, f"the first publish took too long for this test:\n{running.log()}"
    assert deploys(project) == [{"output": str(site.resolve()), "zebra": 0}]
    # Until its time no output byte holds it; within 2 s after, the site does.
    while (before := time.time()) < due - 0.05:
        assert not holding(site, b"Zebra") or time.time() >= due, "published before its time"
        time.sleep(0.05)
    published = poll(lambda: holding(site, b"Zebra"), timeout=10, what="the release in the output")
    assert time.time() - due <= 2.0, f"published {time.time() - due:.2f} s after its time"
    # Each file that holds it was written at or after its time (coarse file clocks: 20 ms).
    assert min(path.stat().st_mtime for path in published) >= due - 0.02
    assert {p.relative_to(site).as_posix() for p in published} >= {
        "index.html", "feed.xml", "atom.xml", f"releases/2026/{datetime.fromtimestamp(due, timezone.utc):%m}/{SLUG}/index.html"}
    assert before < due
    running.wait_for("deployed: exit status 0", 2)
    assert "newly published: " + repr(TITLE) in running.log()
    assert [run["zebra"] for run in deploys(project)] == [0, 1]  # once per publish, after the build
    assert "next: nothing scheduled" in running.log()
    # A content change is built and deployed too.
    (project / "content/releases/2026/zebra.md").write_text(
        (project / "content/releases/2026/zebra.md").read_text().replace("every estimate", "every Zebra estimate"))
    running.wait_for("deployed: exit status 0", 3)
    assert "zebra.md changed: built" in running.log()
    assert len(deploys(project)) == 3
    assert running.stop() == 0
    assert running.log().rstrip().endswith("stopped"), running.log()
    assert "Traceback" not in running.log()


def test_a_restart_publishes_what_fell_due_at_once_and_never_twice(project: Path, publish) -> None:
    due = schedule(project, 4)
    first = publish()
    first.wait_for("deployed: exit status 0")
    assert first.stop() == 0
    assert time.time() < due, "the first run took too long for this test"
    poll(lambda: time.time() > due + 0.5, what="the release's time to pass")
    assert not holding(project / "site", b"Zebra")  # nothing ran at its time
    second = publish()
    second.wait_for("deployed: exit status 0")
    assert "started: built 3 releases" in second.log()
    assert "newly published: " + repr(TITLE) in second.log()
    assert holding(project / "site", b"Zebra")
    assert [run["zebra"] for run in deploys(project)] == [0, 1]
    assert second.stop() == 0
    third = publish()
    third.wait_for("deploy: nothing new since the last deploy")
    assert third.stop() == 0
    assert len(deploys(project)) == 2
    assert "newly published" not in third.log()


def test_a_failing_deploy_is_retried_with_backoff_and_reported(project: Path, publish) -> None:
    running = publish("--retry-delay", "0.3", failures=2)
    running.wait_for("deployed: exit status 0")
    errors = "".join(running.err)
    assert "error: deploy failed (exit status 3, attempt 1); retrying in 0.3 s" in errors
    assert "error: deploy failed (exit status 3, attempt 2); retrying in 0.6 s" in errors
    assert len(deploys(project)) == 3
    time.sleep(1.0)  # no more retries once it went through
    assert running.stop() == 0
    assert len(deploys(project)) == 3


def test_publish_refuses_drafts_and_a_fixed_clock(project: Path) -> None:
    for args in (("--drafts", "--output", "preview"), ("--now", "2026-01-01")):
        result = run_cli("publish", *args, cwd=project)
        assert result.returncode == 2, result
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("newsroom: error: ")


def test_a_broken_release_is_reported_and_its_fix_published(project: Path, publish) -> None:
    broken = write_release(project, "2026/broken.md", "title: Broken\ndate: not a date")
    running = publish()
    running.wait_for("the build failed")
    assert "error: content/releases/2026/broken.md:3: 'date': 'not a date' is not a valid date" in "".join(running.err)
    assert "Traceback" not in running.log()
    assert deploys(project) == []
    broken.write_text(broken.read_text().replace("not a date", "2017-01-02"))
    running.wait_for("deployed: exit status 0")
    assert running.stop() == 0

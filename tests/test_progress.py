from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_cli, write_release
from newsroom.util.parallel import fork_map
from newsroom.util.progress import ProgressBar, ticker


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bar_shows_after_the_delay_and_is_erased_at_the_end() -> None:
    stream, clock = Terminal(), Clock()
    bar = ProgressBar(stream, delay=2.0, clock=clock)
    bar("rendering pages", 10, 100)
    assert stream.getvalue() == ""  # a quick build stays quiet
    clock.now += 2.5
    bar("rendering pages", 5_480, 13_053)
    assert stream.getvalue() == "\r[##########..............]  41% rendering pages 5,480/13,053\x1b[K"
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_bar_is_silent_when_not_on_a_terminal() -> None:
    stream, clock = io.StringIO(), Clock()
    bar = ProgressBar(stream, delay=0.0, clock=clock)
    bar("rendering pages", 50, 100)
    bar.close()
    assert stream.getvalue() == ""


def test_fork_map_ticks_reach_the_total_across_processes() -> None:
    seen: list[tuple[str, int, int]] = []
    items = list(range(200))
    assert fork_map(lambda n: n * n, items, 2, ticker(lambda *a: seen.append(a), "squaring", 200)) == [
        n * n for n in items]
    counts = [done for _, done, _ in seen]
    assert seen[0] == ("squaring", 0, 200) and counts[-1] == 200
    assert counts == sorted(counts) and len(set(counts)) > 10  # it moved, in steps


def test_cli_draws_the_bar_on_a_terminal_only(project: Path) -> None:
    for n in range(40):
        write_release(project, f"2015/gen-{n}.md", f"title: Generated {n}\ndate: 2015-03-{n % 28 + 1:02d}")
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSROOM_PROGRESS_DELAY": "0"}
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "newsroom", "build", "--no-cache", "-j", "2"], cwd=project,
                               env=env, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the build is over
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=120) == 0
    os.close(controller)
    text = seen.decode()
    assert "rendering Markdown" in text and "rendering pages" in text and "100%" in text
    assert "\r\x1b[K" in text and "built " in text.split("\r\x1b[K")[-1]  # erased before the last line
    piped = run_cli("build", "--no-cache", cwd=project, check=True)
    assert "rendering" not in piped.stdout + piped.stderr and "\r" not in piped.stdout + piped.stderr

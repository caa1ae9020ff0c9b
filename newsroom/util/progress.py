"""A one-line progress bar for builds long enough to wonder about, on a terminal only.

The build reports (phase, done, total) through a callback; only the CLI makes one of these,
so library code still never prints.
"""

from __future__ import annotations

import os
import time
from typing import Callable, TextIO

DELAY = 2.0  # seconds before the bar shows: a quick build stays quiet
WIDTH = 24


def delay_from(text: str) -> float:
    """NEWSROOM_PROGRESS_DELAY in seconds; the default when unset or not a number."""
    try:
        return max(0.0, float(text))
    except ValueError:
        return DELAY


class ProgressBar:
    """Draws `[#####.....]  42% rendering pages 5,480/13,053` over itself on a terminal;
    nothing at all when the stream is not one (a pipe, a CI log) or before DELAY seconds."""

    def __init__(self, stream: TextIO, delay: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.delay = delay if delay is not None else delay_from(os.environ.get("NEWSROOM_PROGRESS_DELAY", ""))
        self.clock = clock
        self.started = clock()
        self.shown = False
        self._last = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled or self.clock() - self.started < self.delay:
            return
        filled = WIDTH * done // total if total else WIDTH
        line = (f"[{'#' * filled}{'.' * (WIDTH - filled)}] {100 * done // total if total else 100:3d}% "
                f"{phase} {done:,}/{total:,}")
        if line != self._last:
            self.stream.write(f"\r{line}\x1b[K")
            self.stream.flush()
            self._last, self.shown = line, True

    def close(self) -> None:
        """Erase the bar, so what the build prints next starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


Report = Callable[[str, int, int], None]  # (phase, done, total)


def ticker(report: Report | None, phase: str, total: int) -> Callable[[int], None] | None:
    """A tick for parallel.fork_map that reports the phase's running count; None without a report."""
    if report is None:
        return None
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done = min(total, done + count)
        report(phase, done, total)

    report(phase, 0, total)
    return tick

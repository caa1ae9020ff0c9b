"""Wall time and peak memory of one command in a process of its own (benchmarks, not tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Run in a fresh Python that does nothing but wait for the command, so RUSAGE_CHILDREN's peak
# resident set is the command's or that of any process it started, never the benchmark's own.
MEASURE = ("import resource, subprocess, sys, time\n"
           "started = time.perf_counter()\n"
           "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
           "seconds = time.perf_counter() - started\n"
           "sys.stderr.write(done.stdout + done.stderr)\n"
           "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)\n")


def run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in KiB and the output of `command`; SystemExit if it fails. Run as
    installed Python runs: with its bytecode cached, even where the shell turned that off
    (PYTHONDONTWRITEBYTECODE), which would charge every process with compiling its modules
    again (0.3 s for Newsroom's, and Pelican's too)."""
    env = {name: value for name, value in (os.environ if env is None else env).items()
           if name != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=env,
                          capture_output=True, text=True)
    seconds, rss, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{done.stderr}")
    return float(seconds), int(rss), done.stderr

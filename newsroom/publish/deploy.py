"""Run the user's deploy command (rsync, a cloud CLI, a git push) after a publish.

The command is the user's own, given on the command line; it reads the output folder from
NEWSROOM_OUTPUT, so no release text is ever put into a command line.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

OUTPUT_VARIABLE = "NEWSROOM_OUTPUT"


@dataclass(frozen=True)
class Deployed:
    """How one run of the deploy command ended."""

    status: int | None  # its exit status; None when it could not start or ran out of time
    seconds: float
    problem: str = ""  # why there is no status

    @property
    def ok(self) -> bool:
        return self.status == 0

    def describe(self) -> str:
        return f"exit status {self.status}" if self.status is not None else self.problem


def run_deploy(command: str, output: Path, cwd: Path, timeout: float) -> Deployed:
    """Run `command` with the shell (so it may use $NEWSROOM_OUTPUT, pipes, &&) in `cwd`;
    its output goes where ours goes (the journal, the CI log)."""
    env = {**os.environ, OUTPUT_VARIABLE: str(output.resolve())}
    started = time.monotonic()
    try:
        done = subprocess.run(command, shell=True, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Deployed(None, time.monotonic() - started, f"timed out after {timeout:g} s")
    except OSError as exc:
        return Deployed(None, time.monotonic() - started, f"could not start: {exc.strerror or exc}")
    return Deployed(done.returncode, time.monotonic() - started)


@dataclass(frozen=True)
class Backoff:
    """Seconds to wait before retry number `attempt` (1, 2, …): doubling from `first`, at most `most`."""

    first: float = 5.0
    most: float = 300.0

    def delay(self, attempt: int) -> float:
        return min(self.most, self.first * 2 ** (attempt - 1))

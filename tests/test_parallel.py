"""fork_map and beside: the results of a serial run, in order, with the same errors."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsroom.errors import ContentError
from newsroom.util.parallel import beside, fork_map


def test_fork_map_keeps_order_and_really_forks() -> None:
    items = list(range(100))

    def work(n: int) -> tuple[int, int]:
        time.sleep(0.01)  # work that takes a while: every process gets some
        return n * n, os.getpid()

    results = fork_map(work, items, 3)
    assert [square for square, _ in results] == [n * n for n in items]
    assert len({pid for _, pid in results}) == 3  # two children and the parent


def test_fork_map_shares_uneven_work_as_processes_become_free() -> None:
    """One slow item holds up only the process that took it: the others take the rest."""
    def work(n: int) -> int:
        time.sleep(1.0 if n == 0 else 0.01)
        return os.getpid()

    pids = fork_map(work, list(range(64)), 2)
    assert pids.count(pids[0]) < 20  # whoever took the slow item did few others, not half


def test_a_failed_child_s_items_are_computed_by_the_parent(tmp_path: Path) -> None:
    parent = os.getpid()

    def work(n: int) -> int:
        if os.getpid() != parent:
            os._exit(1)  # a child that dies without a word
        time.sleep(0.002)
        return n + 1

    assert fork_map(work, list(range(64)), 2) == [n + 1 for n in range(64)]


def test_ticks_count_every_item_once_whoever_computed_it() -> None:
    """A progress bar reaches 100% exactly, even when the children do nearly all the work."""
    parent, ticks = os.getpid(), []

    def work(n: int) -> int:
        time.sleep(0.05 if os.getpid() == parent else 0.001)  # a slow parent: children take most
        return n

    assert fork_map(work, list(range(200)), 2, ticks.append) == list(range(200))
    assert sum(ticks) == 200 and all(tick >= 0 for tick in ticks)


def test_fork_map_small_work_stays_in_process() -> None:
    assert {pid for pid in fork_map(lambda _: os.getpid(), list(range(10)), 4)} == {os.getpid()}


def test_fork_map_raises_the_serial_error() -> None:
    def check(n: int) -> int:
        if n == 77:
            raise ContentError(f"release-{n}.md", 3, "bad front matter")
        return n

    with pytest.raises(ContentError, match="release-77.md:3: bad front matter"):
        fork_map(check, list(range(100)), 2)


def test_fork_map_results_from_closures_over_unpicklable_state() -> None:
    state = {"lock": __import__("threading").Lock(), "offset": 5}  # a lock cannot be pickled
    assert fork_map(lambda n: n + state["offset"], list(range(64)), 2) == [n + 5 for n in range(64)]


def test_beside_runs_the_background_elsewhere() -> None:
    background, foreground = beside(lambda: os.getpid(), lambda: os.getpid())
    assert foreground == os.getpid() != background


ORPHAN = r"""
import os, signal, sys, time
from pathlib import Path
from newsroom.util.parallel import fork_map
folder = Path(sys.argv[1])
def work(item):
    if os.getpid() != parent:  # a worker: say who it is, then take its time
        (folder / f"worker-{os.getpid()}").touch()
        time.sleep(60)
    else:
        while not any(folder.glob("worker-*")):
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGKILL)  # the build is killed while its worker works
    return item
parent = os.getpid()
fork_map(work, list(range(64)), 2)
"""


def test_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    """A killed build's workers must not go on writing beside the next build."""
    from conftest import REPO
    done = subprocess.run([sys.executable, "-c", ORPHAN, str(tmp_path)], env={**os.environ, "PYTHONPATH": str(REPO)},
                          timeout=60)
    assert done.returncode == -9
    worker = int(next(tmp_path.glob("worker-*")).name.split("-")[1])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and Path(f"/proc/{worker}").exists() and \
            Path(f"/proc/{worker}/stat").read_text().split()[2] != "Z":
        time.sleep(0.05)
    alive = Path(f"/proc/{worker}").exists() and Path(f"/proc/{worker}/stat").read_text().split()[2] != "Z"
    assert not alive, "the worker outlived its build"


def test_workers_are_stopped_when_the_build_fails(tmp_path: Path) -> None:
    """An error in this process's share (a full disk, a template error) ends the build: its
    workers must not go on writing into a spool folder the build then removes."""
    parent = os.getpid()
    workers = []

    def work(item: int) -> int:
        if os.getpid() != parent:  # a worker: say who it is, then wait for a go that never comes
            (tmp_path / f"worker-{os.getpid()}").touch()
            while True:
                time.sleep(0.01)
        while len(list(tmp_path.glob("worker-*"))) < 2:
            time.sleep(0.01)
        raise ContentError("x.md", 1, "this share fails")

    try:
        with pytest.raises(ContentError, match="this share fails"):
            fork_map(work, list(range(64)), 3)
        workers = [int(path.name.split("-")[1]) for path in tmp_path.glob("worker-*")]
        assert len(workers) == 2
        for pid in workers:  # stopped and reaped by fork_map itself before it raised
            with pytest.raises(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
    finally:
        for pid in [int(path.name.split("-")[1]) for path in tmp_path.glob("worker-*")]:
            try:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass

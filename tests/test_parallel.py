"""fork_map and beside: the results of a serial run, in order, with the same errors."""

from __future__ import annotations

import os

import pytest

from newsroom.errors import ContentError
from newsroom.parallel import beside, fork_map


def test_fork_map_keeps_order_and_really_forks() -> None:
    items = list(range(100))
    results = fork_map(lambda n: (n * n, os.getpid()), items, 3)
    assert [square for square, _ in results] == [n * n for n in items]
    assert len({pid for _, pid in results}) == 3  # two children and the parent


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

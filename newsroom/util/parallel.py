"""Spread independent work (Markdown bodies, HTML pages) over forked processes, in order."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Tick = Callable[[int], None]  # told how many more items are done, for a progress bar
MIN_PER_PROCESS = 16  # below this, forking costs more than it saves
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fork_map(function: Callable[[Item], Result], items: Sequence[Item], jobs: int,
             tick: Tick | None = None, least: int = MIN_PER_PROCESS) -> list[Result]:
    """[function(item) for item in items], computed by `jobs` processes, each given at least
    `least` items; the same list, in order.

    Children are forked, so `function` may be any closure over the parent's state (a Jinja
    environment, a site plan) with nothing to pickle but results. A child that fails reports
    only that it failed: the parent computes that share itself, so the error raised is the
    very one a serial run raises. `tick` hears of the items this process computes, counted
    as `jobs` each: the children move at about the same pace.
    """
    tick = tick or (lambda n: None)
    jobs = min(jobs, len(items) // least)
    if jobs <= 1 or not hasattr(os, "fork"):
        return [_ticked(function, item, tick, 1) for item in items]
    shares = [list(range(start, len(items), jobs)) for start in range(jobs)]  # interleaved: even loads
    children = [_fork(function, [items[i] for i in share]) for share in shares[1:]]
    results: list[Result | None] = [None] * len(items)
    try:
        for i in shares[0]:
            results[i] = _ticked(function, items[i], tick, jobs)
    except BaseException:
        _stop(children)  # a failed build leaves no worker writing after it
        raise
    for share, (pid, reader) in zip(shares[1:], children):
        with os.fdopen(reader, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
        ok, values = pickle.loads(payload) if payload else (False, None)
        if not ok:
            values = [function(items[i]) for i in share]
        for i, value in zip(share, values):
            results[i] = value
    return results  # type: ignore[return-value]


def _stop(children: list[tuple[int, int]]) -> None:
    for pid, reader in children:
        os.close(reader)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


def _ticked(function: Callable[[Item], Result], item: Item, tick: Tick, count: int) -> Result:
    result = function(item)
    tick(count)
    return result


def _fork(function: Callable[[Item], Result], share: list[Item]) -> tuple[int, int]:
    """Start a child computing its share; it writes (ok, results) pickled to a pipe and exits."""
    reader, writer = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    os.close(reader)
    _die_with(parent)
    try:
        payload = pickle.dumps((True, [function(item) for item in share]), pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the parent repeats this share and raises the error itself
        payload = pickle.dumps((False, None))
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(0)


def _die_with(parent: int) -> None:
    """A worker whose build was killed must not go on writing beside the next build: on Linux
    the kernel kills it with its parent (PR_SET_PDEATHSIG)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the wish was made
        os._exit(1)


def later(background: Callable[[], Result]) -> Callable[[], Result]:
    """Start background() in a forked process now; the function returned waits for its result
    (or, if the process failed, computes it here)."""
    if not hasattr(os, "fork"):
        return background
    pid, reader = _fork(lambda _: background(), [None])

    def result() -> Result:
        with os.fdopen(reader, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
        ok, values = pickle.loads(payload) if payload else (False, None)
        return values[0] if ok else background()  # type: ignore[no-any-return]
    return result


def beside(background: Callable[[], Result], foreground: Callable[[], Item]) -> tuple[Result, Item]:
    """(background(), foreground()), the first computed in a forked process meanwhile."""
    if not hasattr(os, "fork"):
        return background(), foreground()
    pid, reader = _fork(lambda _: background(), [None])
    try:
        here = foreground()
    finally:
        with os.fdopen(reader, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
    ok, values = pickle.loads(payload) if payload else (False, None)
    return (values[0] if ok else background()), here

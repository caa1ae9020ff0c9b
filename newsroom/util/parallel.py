"""Spread independent work (Markdown bodies, HTML pages) over forked processes, in order."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import signal
import struct
import tempfile
from typing import Any, Callable, Sequence, TypeVar

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
    environment, a site plan) with nothing to pickle but results. Each process takes the next
    few items as it becomes free (a slow page or a long body makes no process wait for
    another), and the children hand their results over as they go: the parent unpickles them
    between its own items, so the last of them is soon read once all are done. An item a child
    did not deliver (it failed) is computed by the parent at the end, so the error raised is
    the very one a serial run raises. `tick` hears of each item as its result arrives here, so
    its counts add up to len(items).
    """
    tick = tick or (lambda n: None)
    jobs = min(jobs, len(items) // least)
    if jobs <= 1 or not hasattr(os, "fork"):
        return [_ticked(function, item, tick, 1) for item in items]
    claims = Claims(len(items), max(1, min(32, len(items) // (jobs * 8))))
    children = [_fork_worker(function, items, claims) for _ in range(jobs - 1)]
    results: list[Any] = [_MISSING] * len(items)
    try:
        while share := claims.take():
            for i in share:
                results[i] = function(items[i])
                tick(1)
            for _, inbox in children:
                tick(inbox.collect(results))
    except BaseException:
        _stop(children)  # a failed build leaves no worker writing after it
        raise
    for pid, inbox in children:
        os.waitpid(pid, 0)
        tick(inbox.collect(results))
        inbox.close()
    for i, value in enumerate(results):
        if value is _MISSING:  # a child failed: computed here, raising the serial error
            results[i] = _ticked(function, items[i], tick, 1)
    return results


_MISSING = object()
_FRAME = struct.Struct("<Q")  # the length of one pickled (start, results) in an inbox


class Claims:
    """Which items are taken: the processes of one fork_map take the next `size` in turn."""

    def __init__(self, count: int, size: int) -> None:
        self.count, self.size = count, size
        self._next = multiprocessing.RawValue("q", 0)
        self._lock = multiprocessing.Lock()

    def take(self) -> range:
        """The next items to compute; empty when all are taken."""
        with self._lock:
            start = self._next.value
            self._next.value = start + self.size
        return range(min(start, self.count), min(start + self.size, self.count))


class Inbox:
    """A child's results, in a file it appends to and its parent reads as they come."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()
        self.fd = self.file.fileno()
        self.offset = 0

    def send(self, start: int, values: list[Any]) -> None:
        """(In the child) results of the items from `start` on, as one frame."""
        payload = pickle.dumps((start, values), pickle.HIGHEST_PROTOCOL)
        data = memoryview(_FRAME.pack(len(payload)) + payload)
        while data:
            data = data[os.write(self.fd, data):]

    def collect(self, results: list[Any]) -> int:
        """(In the parent) every whole frame written since the last look, into `results`; how
        many results that was."""
        size, count = os.fstat(self.fd).st_size, 0
        while self.offset + _FRAME.size <= size:
            (length,) = _FRAME.unpack(os.pread(self.fd, _FRAME.size, self.offset))
            end = self.offset + _FRAME.size + length
            if end > size:
                return count  # the child is writing it now
            try:
                start, values = pickle.loads(os.pread(self.fd, length, self.offset + _FRAME.size))
            except Exception:  # noqa: BLE001 - a child killed mid-frame: its items are computed again
                self.offset = size
                return count
            results[start:start + len(values)] = values
            self.offset, count = end, count + len(values)
        return count

    def close(self) -> None:
        self.file.close()


def _fork_worker(function: Callable[[Item], Result], items: Sequence[Item], claims: Claims) -> tuple[int, Inbox]:
    """A child taking items until none are left, sending each share's results as it goes."""
    inbox = Inbox()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid, inbox
    _die_with(parent)
    try:
        while share := claims.take():
            inbox.send(share.start, [function(items[i]) for i in share])
    except BaseException:  # noqa: BLE001 - the parent computes what was not sent, and raises the error itself
        pass
    finally:
        os._exit(0)


def _stop(children: list[tuple[int, Inbox]]) -> None:
    for pid, inbox in children:
        inbox.close()
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

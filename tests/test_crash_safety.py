"""Crash safety: a build killed with SIGKILL at any moment leaves a complete site, old or new.

Builds run as real subprocesses on a generated newsroom of a few hundred releases. Some are
killed after measured fractions of a build's time; others are killed at exact moments (mid
render, mid staging, just before and after the swap, half-way through removing the old site)
by a wrapper that wraps one of Newsroom's own functions and sends itself SIGKILL. Nothing in
Newsroom knows about the test.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, tree_digest

NOW = "2026-01-01T00:00:00Z"
RELEASES = 150
TAGS = ("earnings", "management", "financing", "products", "partnerships", "legal")

# Runs `newsroom ARGS…` after wrapping MODULE.FUNCTION so that its Nth call (in any one of the
# build's processes) SIGKILLs the build's process group before or after the real call, or ("half") its Nth call given an existing folder removes half
# of that folder's files and then SIGKILLs.
KILLER = r"""
import importlib, os, shutil, signal, sys
from pathlib import Path
module_name, function, nth, when, no_exchange = sys.argv[1:6]
module = importlib.import_module(module_name)
original, calls = getattr(module, function), [0]
def die():  # the whole build, forked workers too, as when its session is killed
    os.killpg(os.getpgrp(), signal.SIGKILL)
def wrapped(*args, **kwargs):
    if when != "half" or Path(args[0]).is_dir():
        calls[0] += 1
    hit = calls[0] == int(nth)
    if hit and when == "before":
        die()
    if hit and when == "half" and Path(args[0]).is_dir():
        # The marker goes last (only a marked folder is removed), so half-way it is still there.
        files = sorted(p for p in Path(args[0]).rglob("*") if p.is_file() and p.name != ".newsroom-site")
        for path in files[: len(files) // 2]:
            path.unlink()
        die()
    result = original(*args, **kwargs)
    if hit and when == "after":
        die()
    return result
setattr(module, function, wrapped)
if no_exchange == "1":
    import newsroom.stages.output
    newsroom.stages.output._rename_exchange = lambda a, b: False
from newsroom.cli import main
sys.exit(main(sys.argv[6:]))
"""


def write_corpus(root: Path, edition: int) -> None:
    """RELEASES generated releases over four years; edition 2 retitles some, adds and drops one."""
    releases = root / "content" / "releases"
    for i in range(RELEASES + (edition == 2)):
        if edition == 2 and i == 7:
            continue
        year = 2015 + i % 4
        title = f"Generated Release Number {i}" + (" (Revised)" if edition == 2 and i % 10 == 0 else "")
        paragraphs = "\n\n".join(f"Paragraph {j} of release {i}: Ascent Solar announced results. " * 5
                                 for j in range(6))
        path = releases / str(year) / f"gen-{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {title}\ndate: {year}-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00-06:00\n"
                        f"tags: [{TAGS[i % 6]}, {TAGS[(i + 2) % 6]}]\n---\n{paragraphs}\n\n"
                        f"## About Ascent Solar\n\nA company.\n")


def make_project(root: Path, edition: int) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "newsroom.toml", root / "newsroom.toml")
    for folder in ("content", "themes"):
        shutil.copytree(REPO / folder, root / folder)
    write_corpus(root, edition)
    return root


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Digests of the site built from edition 1 and from edition 2, and edition 1's build time."""
    base = tmp_path_factory.mktemp("editions")
    one, two = make_project(base / "one", 1), make_project(base / "two", 2)
    started = time.perf_counter()
    run_cli("build", "--now", NOW, cwd=one, check=True)
    seconds = time.perf_counter() - started
    run_cli("build", "--now", NOW, cwd=two, check=True)
    old, new = tree_digest(one / "site"), tree_digest(two / "site")
    assert old != new and len(old) > RELEASES
    return {"one": one, "old": old, "new": new, "seconds": seconds}


@pytest.fixture
def live(editions: dict, tmp_path: Path) -> Path:
    """A project whose site is edition 1, with the content already changed to edition 2."""
    root = tmp_path / "project"
    shutil.copytree(editions["one"], root, symlinks=True)
    shutil.rmtree(root / "content" / "releases")
    shutil.copytree(REPO / "content" / "releases", root / "content" / "releases")
    write_corpus(root, 2)
    assert tree_digest(root / "site") == editions["old"]
    return root


@pytest.fixture
def cached_live(editions: dict, tmp_path: Path) -> Path:
    """A project built from edition 1 with a cache (its record, memory and spare all its own),
    with the content then changed to edition 2."""
    root = make_project(tmp_path / "cached", 1)
    run_cli("build", "--now", NOW, cwd=root, check=True)
    path = root / "content" / "releases" / "2016" / "gen-0001.md"
    path.write_text(path.read_text() + "\nA sentence.\n")  # a build with its spare caught up
    run_cli("build", "--now", NOW, cwd=root, check=True)
    path.write_text(path.read_text().replace("\nA sentence.\n", ""))
    run_cli("build", "--now", NOW, cwd=root, check=True)
    assert tree_digest(root / "site") == editions["old"]
    shutil.rmtree(root / "content" / "releases")
    shutil.copytree(REPO / "content" / "releases", root / "content" / "releases")
    write_corpus(root, 2)
    return root


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site") and p.name != ".site.lock")


def assert_recovers(root: Path, editions: dict, changed: bool = False) -> None:
    """The next build succeeds, leaves exactly edition 2 (with `changed`, what a clean build
    makes of the content now), and cleans up what the killed one left."""
    result = run_cli("build", "--now", NOW, cwd=root)
    assert result.returncode == 0, result.stderr
    if changed:
        clean = run_cli("build", "--now", NOW, "--no-cache", "--output", "clean", cwd=root)
        assert clean.returncode == 0, clean.stderr
        assert tree_digest(root / "site") == tree_digest(root / "clean")
        shutil.rmtree(root / "clean")
    else:
        assert tree_digest(root / "site") == editions["new"]
    assert leftovers(root) == []


def edit_again(root: Path) -> None:
    path = root / "content" / "releases" / "2016" / "gen-0001.md"
    path.write_text(path.read_text().replace("Paragraph 0 of", "The first paragraph of"))


# Without a cache (`--no-cache`) the site is staged whole beside the output folder and the old
# one removed after the swap; with one, it is staged in the spare (stages/spare.py), pages
# written straight into it, and the old site kept as the next spare.
STAGED_WHOLE = [
    pytest.param("newsroom.cache.pages", "render_page", 40, "before", "old", id="mid-render"),
    pytest.param("newsroom.stages.output", "_stage_file", 1, "before", "old", id="staging-started"),
    pytest.param("newsroom.stages.output", "_staged_already", 60, "after", "old", id="half-staged"),
    pytest.param("newsroom.stages.output", "_stage_file", 10, "after", "old", id="documents-half-staged"),
    pytest.param("newsroom.stages.output", "_swap", 1, "before", "old", id="all-staged-not-swapped"),
    pytest.param("newsroom.stages.output", "_rename_exchange", 1, "after", "new", id="just-swapped"),
    pytest.param("newsroom.stages.output", "_remove", 1, "half", "new", id="removing-old-site"),
]
IN_THE_SPARE = [
    pytest.param("newsroom.cache.pages", "render_page", 10, "before", "old", id="spare-mid-render"),
    pytest.param("newsroom.cache.pages", "same_bytes", 20, "after", "old", id="spare-pages-half-written"),
    pytest.param("newsroom.stages.spare", "_write", 3, "after", "old", id="spare-documents-half-written"),
    pytest.param("newsroom.stages.output", "_swap", 1, "before", "old", id="spare-all-staged-not-swapped"),
    pytest.param("newsroom.stages.output", "_rename_exchange", 1, "after", "new", id="spare-just-swapped"),
    pytest.param("newsroom.cache.record", "output_signatures", 1, "before", "new", id="spare-record-unwritten"),
]


@pytest.mark.parametrize("module, function, nth, when, expect", STAGED_WHOLE)
def test_killed_at_an_exact_moment(live: Path, editions: dict, module: str, function: str, nth: int,
                                   when: str, expect: str) -> None:
    killed = subprocess.run([sys.executable, "-c", KILLER, module, function, str(nth), when, "0",
                             "build", "--now", NOW, "--no-cache"], cwd=live, env=env(), capture_output=True,
                            timeout=300, start_new_session=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert tree_digest(live / "site") == editions[expect]
    assert_recovers(live, editions)


@pytest.mark.parametrize("module, function, nth, when, expect", IN_THE_SPARE)
def test_killed_at_an_exact_moment_with_a_cache(cached_live: Path, editions: dict, module: str, function: str,
                                                nth: int, when: str, expect: str) -> None:
    killed = subprocess.run([sys.executable, "-c", KILLER, module, function, str(nth), when, "0",
                             "build", "--now", NOW], cwd=cached_live, env=env(), capture_output=True, timeout=300,
                            start_new_session=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert tree_digest(cached_live / "site") == editions[expect]
    assert_recovers(cached_live, editions)
    edit_again(cached_live)  # and the build after that, from what the recovery left, is right too
    assert_recovers(cached_live, editions, changed=True)


@pytest.mark.parametrize("cache", [False, True], ids=["staged-whole", "in-the-spare"])
def test_killed_between_renames_without_rename_exchange(live: Path, cached_live: Path, editions: dict,
                                                        cache: bool) -> None:
    """Where the OS cannot exchange two folders, the old site waits beside it and is put back.
    (Staged whole, the first rename makes the pages written in place the staging folder and
    the second moves the old site aside; staged in the spare, the first moves it aside.)"""
    root = cached_live if cache else live
    nth = "1" if cache else "2"
    killed = subprocess.run([sys.executable, "-c", KILLER, "os", "rename", nth, "after", "1",
                             "build", "--now", NOW, *([] if cache else ["--no-cache"])], cwd=root, env=env(),
                            capture_output=True, timeout=300, start_new_session=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not (root / "site").exists() and tree_digest(root / ".site.old") == editions["old"]
    assert_recovers(root, editions)


def test_killed_after_measured_delays(live: Path, editions: dict) -> None:
    """Plain `newsroom build` processes killed at fractions of a build's time, one after another."""
    seen = set()
    for fraction in (0.05, 0.3, 0.6, 0.85, 1.0):
        process = subprocess.Popen([sys.executable, "-m", "newsroom", "build", "--now", NOW], cwd=live,
                                   env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(editions["seconds"] * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        digest = tree_digest(live / "site")
        assert digest in (editions["old"], editions["new"]), f"a mixed site after a kill at {fraction:.0%}"
        seen.add("new" if digest == editions["new"] else "old")
        if digest == editions["new"]:  # that build finished: start over from edition 1's site
            shutil.rmtree(live / "site")
            shutil.copytree(editions["one"] / "site", live / "site")
    assert "old" in seen
    assert_recovers(live, editions)


PAUSE = r"""
import importlib, sys, time
from pathlib import Path
module = importlib.import_module(sys.argv[3])
original, ready, go = getattr(module, sys.argv[4]), Path(sys.argv[1]), Path(sys.argv[2])
def paused(*args, **kwargs):
    if not ready.exists():
        ready.touch()
        while not go.exists():
            time.sleep(0.02)
    return original(*args, **kwargs)
setattr(module, sys.argv[4], paused)
from newsroom.cli import main
sys.exit(main(sys.argv[5:]))
"""


def wait_for(path: Path, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


@pytest.mark.parametrize("cache", [False, True], ids=["staged-whole", "in-the-spare"])
def test_a_second_build_during_a_write_is_refused(live: Path, cached_live: Path, editions: dict,
                                                  tmp_path: Path, cache: bool) -> None:
    ready, go = tmp_path / "ready", tmp_path / "go"
    root = cached_live if cache else live
    where = ("newsroom.stages.output", "bring_up_to_date") if cache else ("newsroom.stages.output", "_stage_file")
    first = subprocess.Popen([sys.executable, "-c", PAUSE, str(ready), str(go), *where, "build", "--now", NOW,
                              *([] if cache else ["--no-cache"])],
                             cwd=root, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(ready, first)
        second = run_cli("build", "--now", NOW, cwd=root)
        assert second.returncode == 1 and "Traceback" not in second.stderr
        assert "another build is writing" in second.stderr and "wait for it to finish" in second.stderr
        assert tree_digest(root / "site") == editions["old"]
    finally:
        go.touch()
        out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert tree_digest(root / "site") == editions["new"] and leftovers(root) == []


def test_two_builds_started_at_once_leave_one_complete_site(live: Path, editions: dict) -> None:
    builds = [subprocess.Popen([sys.executable, "-m", "newsroom", "build", "--now", NOW], cwd=live, env=env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(build.wait(timeout=300), build.communicate()) for build in builds]
    assert any(code == 0 for code, _ in results)
    for code, (_, err) in results:
        assert code == 0 or (code == 1 and "another build is writing" in err and "Traceback" not in err), err
    assert tree_digest(live / "site") == editions["new"] and leftovers(live) == []


def finished_pid() -> int:
    """The number of a process that has ended (what a killed build's spool folder is named for)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.parametrize("name", [".site.old", ".site.staging", ".site.spool.{pid}"])
def test_a_folder_beside_the_site_that_newsroom_did_not_make_is_left_alone(live: Path, editions: dict,
                                                                          name: str) -> None:
    """Recovery and clean-up remove only folders carrying Newsroom's marker; a user's own folder
    of the same name is left byte for byte, and the build says so and stops."""
    folder = live / name.format(pid=finished_pid())
    (folder / "drafts").mkdir(parents=True)
    (folder / "drafts" / "mine.txt").write_text("an editor's own notes\n")
    (folder / "index.html").write_text("<p>a copy kept by hand</p>\n")
    mine = tree_digest(folder)
    for _ in range(2):
        result = run_cli("build", "--now", NOW, cwd=live)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"error: {folder.name} is in the way: Newsroom did not make it" in result.stderr
        assert "left as it is" in result.stderr
        assert tree_digest(folder) == mine and tree_digest(live / "site") == editions["old"]
        assert leftovers(live) == [folder.name]
    shutil.rmtree(folder)
    assert_recovers(live, editions)


def test_the_site_kept_beside_its_folder_by_a_killed_build_is_put_back(live: Path, editions: dict) -> None:
    """Only a marked `.site.old` is a site to put back; it still is after the marker check."""
    os.rename(live / "site", live / ".site.old")
    result = run_cli("build", "--now", NOW, cwd=live)
    assert result.returncode == 0, result.stderr
    assert tree_digest(live / "site") == editions["new"] and leftovers(live) == []


# Runs `newsroom ARGS…` with every write (open for writing, mkdir, link, rename, copy) to a path
# containing FRAGMENT failing with ERRNO once COUNT such writes have succeeded: a disk that fills
# up, or a read-only mount (COUNT 0). In every process of the build, forked ones too.
FAULT = r"""
import builtins, errno, io, os, shutil, sys
name, fragment, allowed = sys.argv[1], sys.argv[2], int(sys.argv[3])
code, done = getattr(errno, name), [0]
def check(path):
    if fragment in os.path.abspath(os.fsdecode(path)):
        done[0] += 1
        if done[0] > allowed:
            raise OSError(code, os.strerror(code), os.fsdecode(path))
def opener(original):
    def open_(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and set(str(mode)) & set("wax+"):
            check(file)
        return original(file, mode, *args, **kwargs)
    return open_
def first_arg(original, index=0):
    def call(*args, **kwargs):
        check(args[index])
        return original(*args, **kwargs)
    return call
builtins.open = io.open = opener(io.open)
os.mkdir = first_arg(os.mkdir)
os.link, os.rename, os.replace = first_arg(os.link, 1), first_arg(os.rename, 1), first_arg(os.replace, 1)
shutil.copyfile = first_arg(shutil.copyfile, 1)
from newsroom.cli import main
sys.exit(main(sys.argv[4:]))
"""


@pytest.mark.parametrize("error, fragment, allowed, message", [
    pytest.param("EROFS", "/project/", 0, "Read-only file system", id="read-only"),
    pytest.param("ENOSPC", "/project/", 0, "No space left on device", id="full-from-the-start"),
    pytest.param("ENOSPC", "/project/.site.spool.", 60, "No space left on device", id="full-while-rendering"),
    pytest.param("ENOSPC", "/project/.site.staging", 3, "No space left on device", id="full-while-staging"),
])
def test_a_full_disk_or_read_only_folder_is_one_line_and_keeps_the_site(live: Path, editions: dict, error: str,
                                                                         fragment: str, allowed: int,
                                                                         message: str) -> None:
    result = subprocess.run([sys.executable, "-c", FAULT, error, fragment, str(allowed), "build", "--no-cache",
                             "--now", NOW], cwd=live, env=env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write into ") and message in lines[0], lines
    assert tree_digest(live / "site") == editions["old"] and leftovers(live) == []
    assert_recovers(live, editions)

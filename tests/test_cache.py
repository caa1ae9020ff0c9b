"""Cached, parallel and incremental builds write the bytes of a clean serial build; a bad cache is not believed."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from newsroom.build import BuildOptions, build
from newsroom.cache.store import Store, code_version
from newsroom.stages.content import Release
from newsroom.stages.markup import RenderedBody
from tests.conftest import add_generated_releases, run_cli, tree_digest, write_release

NOW = "2026-01-01T00:00:00+00:00"


def add_releases(root: Path, count: int) -> None:
    """Enough releases that pages and bodies are shared between processes."""
    add_generated_releases(root, count, "Company announced *item* {n}.\n\nMore detail {n}.\n\n## About Generated\n\nAbout {n}.\n")


def clean_serial(options: BuildOptions, name: str) -> dict[str, str]:
    """The reference: one process, no cache, a fresh output folder."""
    reference = replace(options, jobs=1, cache_dir=None, output_dir=options.root / name)
    shutil.rmtree(reference.output, ignore_errors=True)
    build(reference)
    return tree_digest(reference.output)


@pytest.fixture
def cached(project: Path) -> BuildOptions:
    add_releases(project, 60)
    return BuildOptions(root=project, now=NOW, jobs=2, cache_dir=project / ".newsroom-cache")


def test_parallel_cached_warm_and_edited_builds_equal_clean_serial(cached: BuildOptions) -> None:
    first = build(cached)
    assert not first.unchanged_build and first.releases > 60
    version = code_version()
    stored = cached.cache_dir / "build"
    assert len(Store(stored / "releases.pickle", "releases", version).load(Release)) == first.releases
    assert len(Store(stored / "bodies.pickle", "bodies", version).load(RenderedBody)) == first.releases
    assert tree_digest(cached.output) == clean_serial(cached, "reference")

    warm = build(cached)
    assert warm.unchanged_build and warm.stats is None and warm.files == first.files
    assert tree_digest(cached.output) == clean_serial(cached, "reference")

    release = cached.root / "content/releases/2016/gen-4.md"
    release.write_text(release.read_text().replace("More detail 4.", "More detail 4, **edited**."))
    edited = build(cached)
    assert not edited.unchanged_build
    assert "edited" in (cached.output / "releases/2016/05/generated-release-4/index.html").read_text()
    assert tree_digest(cached.output) == clean_serial(cached, "after-edit")


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "other-version"])
@pytest.mark.parametrize("name", ["bodies.pickle", "releases.pickle"])
def test_corrupt_cache_is_rebuilt_not_believed(cached: BuildOptions, damage: str, name: str) -> None:
    build(cached)
    stored = cached.cache_dir / "build" / name
    data = stored.read_bytes()
    damaged = {"flip": data.replace(b"detail 7", b"detail 9"),  # a rendered body or parsed release altered
               "truncate": data[: len(data) // 2],
               "garbage": b"\x00\xff" * 100,
               "other-version": data.replace(b'"version": "', b'"version": "0', 1)}[damage]
    assert damaged != data
    stored.write_bytes(damaged)
    for record in (cached.cache_dir / "build").glob("last-build-*"):
        record.unlink()  # so the build must render, and meet the damaged cache
    result = build(cached)
    assert not result.unchanged_build
    assert tree_digest(cached.output) == clean_serial(cached, "reference")
    assert b"detail 7" in stored.read_bytes()  # the cache is whole again


def test_a_cache_file_cannot_name_code(cached: BuildOptions) -> None:
    """The body cache unpickles strings and tuples only: a sealed pickle naming a function is refused."""
    import hashlib
    import json
    import pickle

    build(cached)
    bodies = cached.cache_dir / "build" / "bodies.pickle"
    header = json.loads(bodies.read_bytes().split(b"\n", 1)[0])
    evil = pickle.dumps({"x": (print, (), "", "")})
    header["sha256"] = hashlib.sha256(evil).hexdigest()
    bodies.write_bytes(json.dumps(header).encode() + b"\n" + evil)
    for record in (cached.cache_dir / "build").glob("last-build-*"):
        record.unlink()  # so the build must render, and meet the evil cache
    build(cached)
    assert tree_digest(cached.output) == clean_serial(cached, "reference")


def test_stale_cache_after_template_output_or_clock_change(cached: BuildOptions) -> None:
    build(cached)
    template = cached.root / "themes/default/templates/release.html"
    template.write_text(template.read_text().replace("</article>", "<!-- changed --></article>", 1))
    assert not build(cached).unchanged_build
    assert "<!-- changed -->" in (cached.output / "releases/2016/05/generated-release-4/index.html").read_text()
    assert tree_digest(cached.output) == clean_serial(cached, "after-template")

    page = cached.output / "archive/index.html"
    page.write_text("edited by hand")
    assert not build(cached).unchanged_build
    assert tree_digest(cached.output) == clean_serial(cached, "after-template")

    scheduled = write_release(cached.root, "2026/later.md", "title: Later News\ndate: 2026-03-01T08:00:00-05:00")
    assert build(cached).scheduled == 1
    assert build(cached).unchanged_build
    later = replace(cached, now="2026-04-01T00:00:00+00:00")
    result = build(later)
    assert not result.unchanged_build and result.scheduled == 0
    assert "Later News" in (cached.output / "index.html").read_text()
    assert tree_digest(cached.output) == clean_serial(later, "after-embargo")
    assert scheduled.is_file()


def test_cli_build_uses_the_cache_and_all_cores(project: Path) -> None:
    add_releases(project, 40)
    first = run_cli("build", "--now", NOW, "-j", "2", cwd=project, check=True)
    assert "written" in first.stdout and (project / ".newsroom-cache/build/bodies.pickle").is_file()
    second = run_cli("build", "--now", NOW, cwd=project, check=True)
    assert "nothing changed since the last build" in second.stdout
    uncached = run_cli("build", "--now", NOW, "--no-cache", "-j", "1", cwd=project, check=True)
    assert "0 written" in uncached.stdout
    bad = run_cli("build", "-j", "0", cwd=project)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_files_saved_just_before_a_build_are_judged_by_their_bytes(cached: BuildOptions, monkeypatch) -> None:
    """A file saved within a clock tick of a build could change again unseen by its signature; its
    bytes decide instead. So whether nothing changed never depends on how soon a build followed a
    save: here every input was saved "just now" as far as the first build knows."""
    import newsroom.cache.record as record

    newest = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in cached.root.rglob("*") if p.is_file())
    with monkeypatch.context() as clock:
        clock.setattr(record.time, "time_ns", lambda: newest + 1)
        assert not build(cached).unchanged_build
    assert build(cached).unchanged_build

    release = cached.root / "content/releases/2016/gen-4.md"
    signature = release.stat()
    text = release.read_text()
    release.write_text(text.replace("More detail 4.", "More detail X."))  # same size, same mtime: one tick
    os.utime(release, ns=(signature.st_atime_ns, signature.st_mtime_ns))
    result = build(cached)
    assert not result.unchanged_build
    assert "More detail X." in (cached.output / "releases/2016/05/generated-release-4/index.html").read_text()
    release.write_text(text)
    assert not build(cached).unchanged_build
    assert build(cached).unchanged_build


def make_file(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not what it should be\n")


def make_folder(path: Path) -> None:
    if path.is_file():
        path.unlink()
    (path / "inside").mkdir(parents=True, exist_ok=True)


def make_pipe(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def record_path(root: Path) -> Path:
    return next((root / ".newsroom-cache/build").glob("last-build-*.json"))


@pytest.mark.parametrize("damage", [
    pytest.param(lambda root: make_file(root / ".newsroom-cache"), id="cache-folder-is-a-file"),
    pytest.param(lambda root: make_file(root / ".newsroom-cache/build"), id="build-folder-is-a-file"),
    pytest.param(lambda root: make_folder(root / ".newsroom-cache/build/bodies.pickle"), id="bodies-is-a-folder"),
    pytest.param(lambda root: make_folder(root / ".newsroom-cache/build/releases.pickle"), id="releases-is-a-folder"),
    pytest.param(lambda root: make_folder(record_path(root)), id="record-is-a-folder"),
    pytest.param(lambda root: make_pipe(root / ".newsroom-cache/build/bodies.pickle"), id="bodies-is-a-named-pipe"),
    pytest.param(lambda root: make_pipe(record_path(root)), id="record-is-a-named-pipe"),
])
def test_a_cache_path_that_is_not_what_it_should_be_is_passed_over_with_a_note(project: Path, damage) -> None:
    add_releases(project, 20)
    run_cli("build", "--now", NOW, cwd=project, check=True)
    reference = tree_digest(project / "site")
    damage(project)
    shutil.rmtree(project / "site")
    for _ in range(2):
        result = run_cli("build", "--now", NOW, "-j", "2", cwd=project)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        notes = [line for line in result.stdout.splitlines() if line.startswith("note: the build cache")]
        assert len(notes) == 1 and "cannot be used" in notes[0] and "built without it" in notes[0], result.stdout
        assert tree_digest(project / "site") == reference


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cache_that_cannot_be_saved_is_a_note_not_a_failure(project: Path, jobs: str) -> None:
    """The disk holding .newsroom-cache fills up: the site is built all the same."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO
    from tests.test_crash_safety import FAULT

    add_releases(project, 20)
    run_cli("build", "--now", NOW, "--no-cache", "--output", "reference", cwd=project, check=True)
    reference = tree_digest(project / "reference")
    result = subprocess.run([sys.executable, "-c", FAULT, "ENOSPC", "/.newsroom-cache/build/", "0", "build",
                             "--now", NOW, "-j", jobs], cwd=project, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "note: the build cache cannot be used (it could not be saved: No space left on device)" in result.stdout
    assert tree_digest(project / "site") == reference
    assert [p.name for p in (project / ".newsroom-cache/build").iterdir()] == []  # no half-written file
    assert "nothing changed" not in run_cli("build", "--now", NOW, cwd=project, check=True).stdout

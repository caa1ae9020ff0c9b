from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsroom.errors import OutputError
from newsroom.stages.output import MARKER, Spooled, output_lock, safe_relpath, write_site


def test_writes_then_swaps_and_removes_stale(tmp_path: Path) -> None:
    out = tmp_path / "site"
    stats = write_site(out, {"index.html": b"one", "a/b.html": b"two"})
    assert stats.written == 2 and (out / "a" / "b.html").read_bytes() == b"two"
    stats = write_site(out, {"index.html": b"one", "c.html": b"three"})
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 1)
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == [MARKER, "c.html", "index.html"]
    assert not list(tmp_path.glob(".site.staging*"))


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(out, {"index.html": b"same", "x.html": b"old"})
    before = (out / "index.html").stat()
    write_site(out, {"index.html": b"same", "x.html": b"new"})
    after = (out / "index.html").stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_copies_source_files(tmp_path: Path) -> None:
    source = tmp_path / "style.css"
    source.write_text("body{}")
    write_site(tmp_path / "site", {"assets/style.css": source})
    assert (tmp_path / "site" / "assets" / "style.css").read_text() == "body{}"


@pytest.mark.parametrize("rel", ["../x", "/etc/passwd", "a/../../b", "a\\b", "a\x00b", "", "C:/x", "./a"])
def test_unsafe_paths_are_refused(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutputError, match="unsafe output path"):
        safe_relpath(rel)
    with pytest.raises(OutputError):
        write_site(tmp_path / "site", {rel: b"x"})
    assert not (tmp_path / "site").exists()


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.doc").write_text("precious")
    with pytest.raises(OutputError, match="not built by Newsroom"):
        write_site(tmp_path / "mine", {"index.html": b"x"})
    assert (tmp_path / "mine" / "thesis.doc").read_text() == "precious"


def test_second_writer_is_told(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with output_lock(out):
        pid = os.fork()
        if pid == 0:  # the second build, in another process as it would be for real
            try:
                write_site(out, {"index.html": b"x"})
                os._exit(0)
            except OutputError as error:
                os._exit(3 if "another build" in str(error) else 1)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 3
    assert not out.exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_pages_written_in_place_become_the_site(tmp_path: Path, jobs: int) -> None:
    """Pages rendered straight into a laid-out folder are neither copied nor moved one by one;
    those whose bytes did not change are linked to the old site's files all the same."""
    out = tmp_path / "site"
    write_site(out, {"a/index.html": b"same", "b/index.html": b"old"})
    old_a = (out / "a/index.html").stat().st_ino
    for attempt in range(2):
        laid = tmp_path / f"spool{attempt}"
        pages = {f"p{n}/index.html": f"page {n}".encode() for n in range(40)}
        pages.update({"a/index.html": b"same", "b/index.html": b"new"})
        for rel, data in pages.items():
            (laid / rel).parent.mkdir(parents=True, exist_ok=True)
            (laid / rel).write_bytes(data)
        inodes = {rel: (laid / rel).stat().st_ino for rel in pages}
        files = {rel: Spooled(os.path.join(laid, rel)) for rel in pages}
        stats = write_site(out, {**files, "feed.xml": b"<rss/>"}, jobs=jobs, laid_out=laid)
        assert not laid.exists()
        assert {rel: (out / rel).read_bytes() for rel in pages} == pages and (out / "feed.xml").read_bytes() == b"<rss/>"
        assert (out / "a/index.html").stat().st_ino == old_a  # unchanged: the old file, linked
        if attempt == 0:
            assert (out / "p7/index.html").stat().st_ino == inodes["p7/index.html"]  # new: the very file written
            assert (stats.written, stats.unchanged) == (42, 1)
        else:
            assert (stats.written, stats.unchanged) == (0, 43)  # the second time, nothing is new


def test_an_empty_folder_made_for_the_output_is_replaced_and_nothing_is_left(tmp_path: Path) -> None:
    """`mkdir site` before the first build: that empty folder is swapped out and removed (it holds
    nothing to lose), although it carries no marker."""
    (tmp_path / "site").mkdir()
    write_site(tmp_path / "site", {"index.html": b"one"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


@pytest.mark.parametrize("name", [".site.old", ".site.staging"])
def test_a_foreign_folder_beside_the_output_is_left_and_named(tmp_path: Path, name: str) -> None:
    write_site(tmp_path / "site", {"index.html": b"one"})
    (tmp_path / name).mkdir()
    (tmp_path / name / "mine.txt").write_text("mine")
    with pytest.raises(OutputError, match=rf"{name} is in the way: Newsroom did not make it"):
        write_site(tmp_path / "site", {"index.html": b"two"})
    assert (tmp_path / name / "mine.txt").read_text() == "mine"
    assert (tmp_path / "site" / "index.html").read_bytes() == b"one"


def test_make_folders_makes_each_folder_once_parents_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom.util import files
    (tmp_path / "a").mkdir()
    made: list[str] = []
    real = os.mkdir
    monkeypatch.setattr(files.os, "mkdir", lambda path, *a: (made.append(os.path.relpath(path, tmp_path)), real(path, *a)))
    files.make_folders(tmp_path, ["a/b/c", "a/b", "d/e", "", "a/b/c"])
    assert made == ["a", "a/b", "a/b/c", "d", "d/e"]  # "a" was there: one failed mkdir, no stat
    assert all((tmp_path / folder).is_dir() for folder in made)


def test_write_over_keeps_the_file_and_leaves_no_old_bytes(tmp_path: Path) -> None:
    from newsroom.stages.spare import write_over
    path = tmp_path / "page.html"
    write_over(str(path), b"a longer first version")
    inode = path.stat().st_ino
    write_over(str(path), b"short")
    assert path.read_bytes() == b"short" and path.stat().st_ino == inode
    write_over(str(path), b"")
    assert path.read_bytes() == b""

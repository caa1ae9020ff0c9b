"""The preview's output folder: changed files only, each swapped in whole, under the readers' lock."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from newsroom.errors import OutputError
from newsroom.preview.livesite import LiveSite
from newsroom.stages.output import MARKER, MARKER_TEXT, Packed
from tests.conftest import tree_digest


def live(folder: Path) -> LiveSite:
    site = LiveSite(folder, threading.Lock())
    site.open()
    return site


def test_writes_only_what_changed_and_removes_what_went(tmp_path: Path) -> None:
    site = live(tmp_path / "out")
    first = site.update({"index.html": b"home", "a/b/index.html": b"page", "feed.xml": b"<rss/>"})
    assert first.written == ("a/b/index.html", "feed.xml", "index.html") and first.removed == ()
    inode = (tmp_path / "out/index.html").stat().st_ino
    second = site.update({"index.html": b"home", "feed.xml": b"<rss>1</rss>"})
    assert (second.written, second.removed) == (("feed.xml",), ("a/b/index.html",))
    assert (tmp_path / "out/index.html").stat().st_ino == inode
    assert not (tmp_path / "out/a").exists()  # emptied folders go, as a full build would not have them
    assert tree_digest(tmp_path / "out").keys() == {MARKER, "index.html", "feed.xml"}
    assert (tmp_path / "out" / MARKER).read_text() == MARKER_TEXT
    assert first.shown and second.shown  # a page went: open pages reload
    assert not site.update({"index.html": b"home", "feed.xml": b"<rss>2</rss>"}).shown  # feeds alone: no reload


def test_a_restarted_preview_keeps_identical_files_and_drops_leftovers(tmp_path: Path) -> None:
    live(tmp_path / "out").update({"index.html": b"home", "old.html": b"gone soon"})
    (tmp_path / "out/.~newsroom-deadbeef").write_bytes(b"a temp file a killed preview left")
    inode = (tmp_path / "out/index.html").stat().st_ino
    update = live(tmp_path / "out").update({"index.html": b"home"})
    assert update.written == () and update.removed == (".~newsroom-deadbeef", "old.html")
    assert (tmp_path / "out/index.html").stat().st_ino == inode


def test_copies_a_static_file_when_it_changes(tmp_path: Path) -> None:
    css = tmp_path / "style.css"
    css.write_text("body{}")
    site = live(tmp_path / "out")
    site.update({"assets/style.css": css})
    assert site.update({"assets/style.css": css}).written == ()
    css.write_text("body{color:red}")
    update = site.update({"assets/style.css": css})
    assert update.written == ("assets/style.css",) and update.shown
    assert (tmp_path / "out/assets/style.css").read_text() == "body{color:red}"


def test_readers_holding_the_lock_see_no_new_file(tmp_path: Path) -> None:
    site = live(tmp_path / "out")
    site.update({"index.html": b"one"})
    committed = threading.Event()
    with site.lock:
        writer = threading.Thread(target=lambda: (site.update({"index.html": b"two"}), committed.set()))
        writer.start()
        assert not committed.wait(0.2)
        assert (tmp_path / "out/index.html").read_bytes() == b"one"
    writer.join(5)
    assert (tmp_path / "out/index.html").read_bytes() == b"two"
    assert not list((tmp_path / "out").glob(".~newsroom-*"))


def test_refuses_folders_it_did_not_make_and_unsafe_paths(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/thesis.doc").write_text("precious")
    with pytest.raises(OutputError, match="not built by Newsroom"):
        live(tmp_path / "mine")
    site = live(tmp_path / "out")
    with pytest.raises(OutputError, match="unsafe output path"):
        site.update({"../escape.html": b"x"})
    assert not (tmp_path / "escape.html").exists()


def test_packed_pages_are_written_unpacked_and_compared_packed(tmp_path: Path) -> None:
    site = live(tmp_path / "out")
    page = Packed.of(b"<p>home</p>" * 100)
    assert site.update({"index.html": page}).written == ("index.html",)
    assert (tmp_path / "out/index.html").read_bytes() == b"<p>home</p>" * 100
    assert site.update({"index.html": Packed.of(b"<p>home</p>" * 100)}).written == ()
    assert site.write({"index.html": Packed.of(b"<p>new</p>")}).written == ("index.html",)
    assert site.update({"index.html": Packed.of(b"<p>new</p>"), "a.xml": b"<a/>"}).written == ("a.xml",)
    assert (tmp_path / "out/index.html").read_bytes() == b"<p>new</p>"
    restarted = live(tmp_path / "out")  # a new preview finds the packed page's bytes on disk
    assert restarted.update({"index.html": Packed.of(b"<p>new</p>"), "a.xml": b"<a/>"}).written == ()


def test_a_full_disk_keeps_the_served_site_and_says_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    site = live(tmp_path / "out")
    site.update({"index.html": b"home", "a/index.html": b"page"})
    before = tree_digest(tmp_path / "out")
    written = []

    def full(self: Path, data: bytes) -> int:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(self)
        return self.open("wb").write(data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OutputError, match=r"^cannot write into .*out/: No space left on device$"):
        site.update({"index.html": b"home 2", "a/index.html": b"page 2"})
    monkeypatch.undo()
    assert tree_digest(tmp_path / "out") == before  # nothing half-written, no temporary file left

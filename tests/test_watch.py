"""The watcher: what a changed path is to the build, editor noise ignored, a save burst as one batch."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from newsroom.preview.watch import Kind, Layout, Watcher, classify, is_editor_temp


@pytest.fixture
def layout(tmp_path: Path) -> Layout:
    for folder in ("content/releases/2017", "themes/default/templates", "themes/default/static", "seeds"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "newsroom.toml").write_text("[site]\n")
    return Layout.of(tmp_path / "content", [tmp_path / "themes"], tmp_path / "newsroom.toml", tmp_path / "seeds")


@pytest.mark.parametrize("rel, kind", [
    ("content/releases/2017/a.md", Kind.CONTENT),
    ("content/releases/2018", Kind.CONTENT),
    ("themes/default/templates/release.html", Kind.TEMPLATE),
    ("themes/default/templates/partials/meta.html", Kind.TEMPLATE),
    ("themes/default/static/style.css", Kind.STATIC),
    ("themes/default/static/img/logo.svg", Kind.STATIC),
    ("themes/default/theme.toml", Kind.THEME),
    ("themes/fresh", Kind.THEME),
    ("newsroom.toml", Kind.CONFIG),
    ("seeds/2017-07-11-ascent.txt", Kind.SEED),
    ("site/index.html", None),
    (".newsroom-cache/serve/index.html", None),
    ("README.md", None),
])
def test_classify(layout: Layout, rel: str, kind: Kind | None) -> None:
    root = layout.config.parent
    assert classify(root / rel, layout) is kind
    assert classify(Path(os.path.relpath(root / rel)), layout) is kind


@pytest.mark.parametrize("name", [".a.md.swp", ".a.md.swx", ".a.md.swo", "a.md~", ".#a.md", "#a.md#", "4913",
                                  ".DS_Store"])
def test_editor_temp_files_are_ignored(layout: Layout, name: str) -> None:
    path = layout.content / "releases/2017" / name
    assert is_editor_temp(path) and classify(path, layout) is None


@pytest.mark.parametrize("name", ["a.md", "swap.md", "4913.md", "2017", "intro.swf"])
def test_ordinary_names_are_not_temp_files(name: str) -> None:
    assert not is_editor_temp(Path(name))


def vim_save(path: Path, text: str) -> None:
    """What vim does on :w with its defaults: a write test, a backup by rename, a new file."""
    test = path.parent / "4913"
    test.write_text("")
    test.unlink()
    backup = path.with_name(path.name + "~")
    path.rename(backup)
    path.write_text(text)
    backup.unlink()


def test_a_save_burst_is_one_batch(layout: Layout) -> None:
    release = layout.content / "releases/2017/a.md"
    release.write_text("one")
    with Watcher(layout) as watcher:
        time.sleep(0.05)
        assert not watcher.waiting()
        vim_save(release, "two")
        deadline = time.monotonic() + 5
        while not watcher.waiting() and time.monotonic() < deadline:  # what stops a walk for missed changes
            time.sleep(0.01)
        assert watcher.waiting()
        changes = watcher.next_changes(timeout=5)
        assert changes is not None
        assert changes.of(Kind.CONTENT) == [release]
        assert watcher.next_changes(timeout=0.3) is None and not watcher.waiting()


def test_kinds_in_one_batch(layout: Layout) -> None:
    with Watcher(layout, settle=0.2) as watcher:
        time.sleep(0.05)
        (layout.themes[0] / "default/static/style.css").write_text("body{}")
        layout.config.write_text("[site]\ntitle = 'x'\n")
        (layout.seeds / "new.txt").write_text("raw")
        changes = watcher.next_changes(timeout=5)
        assert changes is not None
        assert changes.has(Kind.STATIC) and changes.has(Kind.CONFIG) and changes.has(Kind.SEED)
        assert not changes.has(Kind.CONTENT, Kind.TEMPLATE)


def test_editor_noise_and_other_folders_wake_nothing(layout: Layout) -> None:
    root = layout.config.parent
    with Watcher(layout) as watcher:
        time.sleep(0.05)
        (layout.content / "releases/2017/.a.md.swp").write_text("swap")
        (layout.content / "releases/2017/a.md~").write_text("backup")
        (root / "site").mkdir()
        (root / "site/index.html").write_text("built")
        (root / "notes.txt").write_text("hello")
        assert watcher.next_changes(timeout=0.4) is None


def test_polling_observer_sees_changes(layout: Layout) -> None:
    template = layout.themes[0] / "default/templates/base.html"
    template.write_text("<html>")
    with Watcher(layout, poll=True) as watcher:
        time.sleep(0.3)
        template.write_text("<html lang=en>")
        changes = watcher.next_changes(timeout=5)
        assert changes is not None and changes.of(Kind.TEMPLATE) == [template]


def test_renamed_folder_reports_both_sides(layout: Layout) -> None:
    old = layout.content / "releases/2017"
    (old / "a.md").write_text("x")
    with Watcher(layout) as watcher:
        time.sleep(0.05)
        old.rename(layout.content / "releases/2016")
        changes = watcher.next_changes(timeout=5)
        assert changes is not None
        assert {old, layout.content / "releases/2016"} <= set(changes.of(Kind.CONTENT))

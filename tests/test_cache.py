"""A build that starts from the cache writes the bytes of a clean serial build with no cache,
whatever changed since the last one; a damaged cache or output folder is not believed."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import random
import re
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

import newsroom.cache.disk
import newsroom.cache.images
import newsroom.cache.record
from newsroom.build import BuildOptions, build
from newsroom.errors import ContentError
from newsroom.project import BuildResult
from tests.conftest import add_generated_releases, run_cli, tree_digest, write_release

NOW = "2026-01-01T00:00:00+00:00"
RELEASES = Path("content/releases")


def add_releases(root: Path, count: int) -> None:
    """Enough releases that pages and bodies are shared between processes."""
    add_generated_releases(root, count, "Company announced *item* {n}.\n\nMore detail {n}.\n\n## About Generated\n\nAbout {n}.\n")


def clean_serial(options: BuildOptions, name: str = "reference") -> dict[str, str]:
    """The reference: one process, no cache, a fresh output folder."""
    reference = replace(options, jobs=1, cache_dir=None, output_dir=options.root / name)
    shutil.rmtree(reference.output, ignore_errors=True)
    build(reference)
    digest = tree_digest(reference.output)
    shutil.rmtree(reference.output)
    return digest


def append(path: Path, paragraph: str) -> None:
    """A paragraph more at the end of the story, before its About section."""
    story, about = path.read_text().split("\n## ", 1)
    path.write_text(f"{story}{paragraph}\n\n## {about}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def cached(project: Path) -> BuildOptions:
    add_releases(project, 60)
    options = BuildOptions(root=project, now=NOW, jobs=2, cache_dir=project / ".newsroom-cache")
    assert not build(options).unchanged_build
    return options


def same_as_clean(options: BuildOptions) -> BuildResult:
    """Build from the cache; the output must be the clean serial build's, byte for byte."""
    result = build(options)
    assert tree_digest(options.output) == clean_serial(options)
    return result


def gen(n: int) -> Path:
    return RELEASES / f"{2015 + n % 3}/gen-{n}.md"


MEETING = Path("content/events/2027-annual-meeting.md")  # an event of the repository's content
NOTES = RELEASES / "2017/ascent-solar-to-redeem-secured-notes.md"  # the release an event belongs to


def write_event(root: Path, name: str, front: str) -> None:
    (root / "content/events" / name).write_text(f"---\n{front}\n---\nDetails to follow.\n")


# Each change to the project, applied to a built one; the next build from the cache must equal
# a clean build. The number is what it may make again (pages and documents rendered, not
# reused), where that is not everything: a body edit makes the release's page, its neighbours'
# and the list pages that show it (home, tag, year: 6), its search shard and the manifest (8:
# index, documents, stories, each with its .gz), and its tag's feed (1). A release that comes
# or goes changes the year and topic counts of the home list's filters: every home page.
CHANGES = {
    "body": (lambda root: append(root / gen(4), "More detail, **edited**."), 15),
    "lede (list summaries)": (lambda root: edit(root / gen(4), "announced *item* 4.", "announced *item* four."), 15),
    "title (the page moves)": (lambda root: edit(root / gen(5), "title: Generated Release 5", "title: Renamed Release 5"), 18),
    "summary": (lambda root: edit(root / gen(6), "tags:", "summary: A summary of six.\ntags:"), 15),
    "slug": (lambda root: edit(root / gen(6), "tags:", "slug: chosen-slug\ntags:"), 16),
    "tag added": (lambda root: edit(root / gen(7), "tags: [product]", "tags: [product, people]"), None),
    "tag removed": (lambda root: edit(root / gen(8), "tags: [financing]", "tags: []"), None),
    "date, same year": (lambda root: edit(root / gen(9), "2015-01-19T08:00", "2015-12-01T08:00"), None),
    "date, another year": (lambda root: edit(root / gen(10), "2016-02-10T08:00", "2014-02-10T08:00"), None),
    "offset only, same instant": (lambda root: edit(root / gen(11), "2017-03-11T08:00:00-05:00", "2017-03-11T13:00:00+00:00"), None),
    "updated": (lambda root: edit(root / gen(12), "tags:", "updated: 2018-01-01T09:00:00-05:00\ntags:"), 14),
    "new, the newest": (lambda root: write_release(root, "2025/new.md", "title: Newest News\ndate: 2025-12-01\ntags: [product]"), None),
    "new, in the middle": (lambda root: write_release(root, "2016/mid.md", "title: Middle News\ndate: 2016-06-15\ntags: [earnings]"), 27),
    "deleted": (lambda root: (root / gen(13)).unlink(), 25),
    "renamed file": (lambda root: (root / gen(14)).rename(root / RELEASES / "2017/renamed.md"), 15),
    "moved to a new folder": (lambda root: (root / gen(15)).rename(root / RELEASES / "archive-2015.md"), 15),
    "drafted": (lambda root: edit(root / gen(16), "tags:", "draft: true\ntags:"), 25),
    "scheduled": (lambda root: write_release(root, "2026/later.md", "title: Later News\ndate: 2026-03-01T08:00:00-05:00"), 0),
    "touched, not changed": (lambda root: os.utime(root / gen(17)), 0),
    "template": (lambda root: edit(root / "themes/default/templates/release.html", "</article>", "<!-- changed --></article>"), None),
    "stylesheet": (lambda root: (root / "themes/default/static/style.css").write_text("body { color: red }\n"), None),
    "config": (lambda root: edit(root / "newsroom.toml", "per_page = 10", "per_page = 7"), None),
    "config, feed items": (lambda root: edit(root / "newsroom.toml", "feed_items = 20", "feed_items = 3"), None),
    "config, time zone": (lambda root: edit(root / "newsroom.toml", 'timezone = "America/Denver"', 'timezone = "Asia/Tokyo"'), None),
    "event edited": (lambda root: edit(root / MEETING, "title: 2027 Annual Meeting", "title: 2027 Annual General Meeting"), 8),
    "event moved": (lambda root: edit(root / MEETING, "start: 2027-06-15T10:00", "start: 2027-06-15T08:00"), 8),
    "event added": (lambda root: write_event(root, "2026-webcast.md", "title: Investor Webcast\nstart: 2026-02-10T11:00"), 10),
    "event deleted": (lambda root: (root / MEETING).unlink(), 8),
    "events folder removed": (lambda root: shutil.rmtree(root / "content/events"), None),
    "release an event shows, retitled": (lambda root: edit(root / NOTES, "title: Ascent Solar Agrees", "title: Ascent Solar Has Agreed"), None),
    "event and release body at once": (lambda root: (append(root / gen(4), "More, **edited**."),
                                                     edit(root / MEETING, "Stockholders of record may", "Holders may")), None),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_kind_of_change_builds_what_a_clean_build_does(cached: BuildOptions, change: str) -> None:
    apply, at_most = CHANGES[change]
    apply(cached.root)
    result = same_as_clean(cached)
    assert not result.unchanged_build
    if at_most is not None:
        assert result.made <= at_most, f"{change}: {result.made} made again"
    assert build(cached).unchanged_build  # and the build after it has nothing to do
    assert tree_digest(cached.output) == clean_serial(cached)


def test_a_body_edit_writes_its_page_search_shard_and_feed_again(cached: BuildOptions) -> None:
    append(cached.root / gen(4), "More detail 4, **edited**.")
    result = same_as_clean(cached)
    assert result.stats is not None  # its page, its shard (6 files), the manifest (2), its tag's feed
    assert sorted(result.stats.fresh) == ["releases/2016/05/generated-release-4/index.html", *sorted(
        rel for rel in result.stats.fresh if rel.startswith("search/")), "tags/product/feed.xml"]
    assert len(result.stats.fresh) == 10
    [stories] = [rel for rel in result.stats.fresh if rel.endswith(".text.json")]  # the passages' text
    assert "More detail 4, edited." in (cached.output / stories).read_text()
    assert "edited" in (cached.output / "releases/2016/05/generated-release-4/index.html").read_text()


def test_a_retitled_page_moves_alone_unless_its_date_is_shared_or_its_slug_taken(cached: BuildOptions) -> None:
    """A new slug moves the release's own page (its old file goes); with another release of
    the same date the order may change, and a full plan is made; a slug another release has
    is refused, as a clean build refuses it."""
    edit(cached.root / gen(5), "title: Generated Release 5", "title: Renamed Release 5")
    result = same_as_clean(cached)
    assert result.made <= 18 and not (cached.output / "releases/2017/06/generated-release-5").exists()
    write_release(cached.root, "2017/twin.md", "title: Twin Of Five\ndate: 2017-06-15T08:00:00-05:00")
    same_as_clean(cached)
    edit(cached.root / gen(5), "title: Renamed Release 5", "title: Zebra Release 5")  # after "twin" now
    same_as_clean(cached)
    before = tree_digest(cached.output)
    edit(cached.root / gen(5), "title: Zebra Release 5", "title: Generated Release 6")
    with pytest.raises(ContentError, match="duplicate slug"):
        build(cached)
    assert tree_digest(cached.output) == before
    edit(cached.root / gen(5), "title: Generated Release 6", "title: Generated Release Five")
    same_as_clean(cached)


def test_a_sequence_of_changes_equals_a_clean_build_at_every_step(cached: BuildOptions) -> None:
    """Each build starts from the one before: its memory, its output folder, its spare."""
    names = ["body", "title (the page moves)", "new, the newest", "deleted", "tag added", "body",
             "renamed file", "template", "body", "new, in the middle", "config", "date, another year"]
    for name in names:
        CHANGES[name][0](cached.root)
        same_as_clean(cached)


def test_random_changes_equal_a_clean_build(cached: BuildOptions) -> None:
    rng = random.Random(16)
    root = cached.root
    for step in range(12):
        files = sorted((root / RELEASES).rglob("*.md"))
        path = rng.choice(files)
        action = rng.choice(["body", "title", "tags", "date", "new", "delete", "rename", "draft"])
        text = path.read_text()
        if action == "body":
            path.write_text(text + f"\nA sentence added at step {step}.\n")
        elif action == "title":
            path.write_text(text.replace("title: ", f"title: Step {step} ", 1))
        elif action == "tags":
            path.write_text(text.replace("tags: [", f"tags: [step-{step % 3}, ", 1))
        elif action == "date":
            path.write_text(re.sub(r"date: \d{4}-\d\d", f"date: {2011 + step % 8}-0{1 + step % 9}", text, count=1))
        elif action == "new":
            write_release(root, f"2016/step-{step}.md", f"title: Step {step} News\ndate: 2016-0{1 + step % 9}-0{1 + step % 9}")
        elif action == "delete" and len(files) > 5:
            path.unlink()
        elif action == "rename":
            path.rename(path.with_name(f"renamed-{step}.md"))
        elif action == "draft":
            path.write_text(text.replace("---\n", "---\ndraft: true\n", 1) if "draft:" not in text else text)
        same_as_clean(cached)


def test_a_release_falling_due_and_the_clock_going_back(cached: BuildOptions) -> None:
    write_release(cached.root, "2026/later.md", "title: Later News\ndate: 2026-03-01T08:00:00-05:00\ntags: [product]")
    assert build(cached).scheduled == 1
    due = replace(cached, now="2026-04-01T00:00:00+00:00")
    result = same_as_clean(due)
    assert result.scheduled == 0 and "Later News" in (due.output / "index.html").read_text()
    edit(cached.root / gen(4), "More detail 4.", "More detail, four.")  # an edit, and the clock goes back
    result = same_as_clean(cached)
    assert result.scheduled == 1 and "Later News" not in (cached.output / "index.html").read_text()


def test_an_event_ending_and_the_clock_going_back(cached: BuildOptions) -> None:
    """An event is upcoming until its end: a build before then has nothing to do; one after it
    lists the event as past, as a clean build does; so does one with the clock set back."""
    assert build(replace(cached, now="2027-06-15T17:29:59+00:00")).unchanged_build  # 11:29:59 in Denver
    ended = replace(cached, now="2027-06-15T17:30:00+00:00")
    result = same_as_clean(ended)
    assert not result.unchanged_build and "No events are scheduled" in (ended.output / "events/index.html").read_text()
    assert build(ended).unchanged_build
    edit(cached.root / gen(4), "More detail 4.", "More detail, four.")  # an edit, and the clock goes back
    same_as_clean(cached)
    assert "Upcoming events" in (cached.output / "index.html").read_text()


def test_drafts_preview_and_another_theme(cached: BuildOptions) -> None:
    write_release(cached.root, "2017/draft.md", "title: Draft Never Published\ndate: 2017-09-01\ndraft: true")
    preview = replace(cached, drafts=True, output_dir=cached.root / "preview")
    build(preview)
    edit(cached.root / gen(4), "More detail 4.", "More detail, four.")
    same_as_clean(preview)
    wire = replace(cached, theme="wire")
    same_as_clean(wire)
    edit(cached.root / gen(5), "More detail 5.", "More detail, five.")
    same_as_clean(wire)


def test_a_failed_build_leaves_the_site_and_its_fix_equals_a_clean_build(cached: BuildOptions) -> None:
    before = tree_digest(cached.output)
    bad = cached.root / gen(4)
    text = bad.read_text()
    bad.write_text(text.replace("title: ", "title: [unclosed ", 1))
    with pytest.raises(ContentError):
        build(cached)
    assert tree_digest(cached.output) == before
    bad.write_text(text.replace("More detail 4.", "More detail, fixed."))
    same_as_clean(cached)


def test_another_newsroom_version_starts_again(cached: BuildOptions, monkeypatch) -> None:
    edit(cached.root / gen(4), "More detail 4.", "More detail, four.")
    real = newsroom.cache.record.code_version
    monkeypatch.setattr(newsroom.cache.record, "code_version", lambda: "0" + real())
    result = same_as_clean(cached)
    assert result.made > 60  # every page and document made again: nothing of other code is reused


def test_an_output_folder_edited_by_hand_is_built_again(cached: BuildOptions) -> None:
    site = cached.output
    (site / "archive/index.html").write_text("edited by hand")
    (site / "tags/index.html").unlink()
    (site / "releases/2016/stray.html").write_text("added by hand")
    (site / "releases/2016/05/generated-release-4/extra.html").write_text("added by hand")
    result = same_as_clean(cached)
    assert not result.unchanged_build
    edit(cached.root / gen(4), "More detail 4.", "More detail, four.")
    same_as_clean(cached)


def cache_files(options: BuildOptions) -> dict[str, Path]:
    folder = options.cache_dir / "build"
    found = {"record": next(folder.glob("last-build-*.pickle")), "spare": next(folder.glob("site-*.pickle")),
             "memory": next(p for p in folder.glob("memory-*.pickle") if p.stem.count("-") == 1)}
    found["bucket"] = max((p for p in folder.glob("memory-*-*.pickle")), key=lambda p: p.stat().st_size)
    return found


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "other-version", "gone"])
@pytest.mark.parametrize("name", ["record", "memory", "bucket", "spare"])
def test_a_damaged_cache_is_not_believed(cached: BuildOptions, damage: str, name: str) -> None:
    edit(cached.root / gen(4), "More detail 4.", "More detail, four.")
    build(cached)  # the spare now holds a site of its own
    stored = cache_files(cached)[name]
    data = stored.read_bytes()
    header, payload = data.split(b"\n", 1)
    middle = len(payload) // 2
    damaged = {"flip": header + b"\n" + payload[:middle] + bytes([payload[middle] ^ 1]) + payload[middle + 1:],
               "truncate": data[: len(data) // 2], "garbage": b"\x00\xff" * 100,
               "other-version": data.replace(b'"version": "', b'"version": "0', 1), "gone": b""}[damage]
    stored.unlink() if damage == "gone" else stored.write_bytes(damaged)
    edit(cached.root / gen(5), "More detail 5.", "More detail, five.")
    same_as_clean(cached)
    edit(cached.root / gen(6), "More detail 6.", "More detail, six.")
    same_as_clean(cached)


def test_a_body_the_store_lost_or_damaged_is_rendered_again(cached: BuildOptions) -> None:
    database = cached.cache_dir / "build" / "bodies.sqlite"
    with sqlite3.connect(database) as db:  # what neighbours and list pages show comes from the store
        rows = db.execute("SELECT key, data FROM bodies").fetchall()
        db.executemany("UPDATE bodies SET data = ? WHERE key = ?", [(data[:-1] + b"\x00", key) for key, data in rows[::2]])
        db.executemany("DELETE FROM bodies WHERE key = ?", [(key,) for key, _ in rows[1::2]])
    edit(cached.root / gen(4), "title: Generated Release 4", "title: Generated Release Four")
    same_as_clean(cached)
    database.write_bytes(b"not a database")
    edit(cached.root / gen(5), "title: Generated Release 5", "title: Generated Release Five")
    same_as_clean(cached)


def test_bodies_stored_by_a_forked_process_serve_the_next_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean build's many new bodies are stored beside the rest of the cache, in another process."""
    monkeypatch.setattr(newsroom.cache.disk, "PARALLEL_BODIES", 1)
    add_releases(project, 60)
    options = BuildOptions(root=project, now=NOW, jobs=2, cache_dir=project / ".newsroom-cache")
    build(options)
    with sqlite3.connect(options.cache_dir / "build" / "bodies.sqlite") as db:
        stored = {key for key, in db.execute("SELECT key FROM bodies")}
    assert len(stored) >= 60  # the generated releases' bodies, and those of the project's own
    append(project / gen(4), "More detail, **edited**.")
    result = same_as_clean(options)
    assert 0 < result.made <= 15


def test_a_cache_file_cannot_name_code(cached: BuildOptions) -> None:
    """Cache files unpickle plain values and our value classes only: a sealed pickle naming a
    function is refused, and the build goes on as if there were no cache."""
    for stored in cache_files(cached).values():
        header = json.loads(stored.read_bytes().split(b"\n", 1)[0])
        evil = pickle.dumps({"token": (print, ("unpickled",))})
        header["sha256"] = hashlib.sha256(evil).hexdigest()
        stored.write_bytes(json.dumps(header).encode() + b"\n" + evil)
    edit(cached.root / gen(4), "More detail 4.", "More detail, four.")
    same_as_clean(cached)


def test_a_spare_changed_by_hand_is_looked_at_not_trusted(cached: BuildOptions) -> None:
    edit(cached.root / gen(4), "More detail 4.", "More detail, four.")
    build(cached)
    spare = next(p for p in (cached.cache_dir / "build").glob("site-*") if p.is_dir())
    (spare / "stray.html").write_text("not ours")
    next(spare.rglob("index.html")).unlink()
    for holdings in (cached.cache_dir / "build").glob("site-*.pickle"):
        holdings.unlink()  # what the spare holds is not known: it is looked at
    edit(cached.root / gen(5), "More detail 5.", "More detail, five.")
    same_as_clean(cached)


def test_cli_build_uses_the_cache_and_all_cores(project: Path) -> None:
    add_releases(project, 40)
    first = run_cli("build", "--now", NOW, "-j", "2", cwd=project, check=True)
    assert "written" in first.stdout and (project / ".newsroom-cache/build/bodies.sqlite").is_file()
    second = run_cli("build", "--now", NOW, cwd=project, check=True)
    assert "nothing changed since the last build" in second.stdout
    edit(project / gen(4), "More detail 4.", "More detail, four.")
    third = run_cli("build", "--now", NOW, cwd=project, check=True)
    written = int(re.search(r"(\d+) written", third.stdout)[1])  # its page, its shard, the manifest, feeds
    assert 0 < written <= 12, third.stdout
    uncached = run_cli("build", "--now", NOW, "--no-cache", "-j", "1", cwd=project, check=True)
    assert "0 written" in uncached.stdout
    bad = run_cli("build", "-j", "0", cwd=project)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


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


def built(root: Path, pattern: str, folder: bool = False) -> Path:
    """The cache's file (or folder) named by `pattern`; a key is hex, so the two are told apart by kind."""
    return next(p for p in (root / ".newsroom-cache/build").glob(pattern) if p.is_dir() == folder)


@pytest.mark.parametrize("damage", [
    pytest.param(lambda root: make_file(root / ".newsroom-cache"), id="cache-folder-is-a-file"),
    pytest.param(lambda root: make_file(root / ".newsroom-cache/build"), id="build-folder-is-a-file"),
    pytest.param(lambda root: make_folder(built(root, "last-build-*.pickle")), id="record-is-a-folder"),
    pytest.param(lambda root: make_folder(built(root, "memory-*.pickle")), id="memory-is-a-folder"),
    pytest.param(lambda root: make_file(built(root, "site-*", folder=True)), id="spare-is-a-file"),
    pytest.param(lambda root: make_pipe(built(root, "bodies.sqlite")), id="bodies-is-a-named-pipe"),
    pytest.param(lambda root: make_pipe(built(root, "last-build-*.pickle")), id="record-is-a-named-pipe"),
])
def test_a_cache_path_that_is_not_what_it_should_be_is_passed_over_with_a_note(project: Path, damage) -> None:
    add_releases(project, 20)
    run_cli("build", "--now", NOW, cwd=project, check=True)
    run_cli("build", "--now", NOW, "--base-url", "https://other.example/", cwd=project, check=True)  # a spare too
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
    assert "nothing changed" not in run_cli("build", "--now", NOW, cwd=project, check=True).stdout


def with_files(root: Path, n: int = 4) -> Path:
    """Release `n` with a picture and an attachment in the folder beside it."""
    from PIL import Image

    folder = (root / gen(n)).with_suffix("")
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1000, 600), (20, 80, 140)).save(folder / "chart.png")
    (folder / "deck.pdf").write_bytes(b"%PDF-1.4 the deck\n")
    edit(root / gen(n), "tags:", "image: {file: chart.png, alt: Revenue by quarter}\nattachments: [deck.pdf]\ntags:")
    return folder


def test_a_releases_files_are_inputs_of_the_build(cached: BuildOptions) -> None:
    """A changed, added or removed picture or attachment makes what shows it again, as a clean
    build would; a touched one makes nothing again; a missing one fails and leaves the site."""
    from PIL import Image

    folder = with_files(cached.root)
    md, out = cached.root / gen(4), cached.output / "releases/2016/05/generated-release-4"
    same_as_clean(cached)
    assert len(list(out.glob("chart-480w.*.png"))) == 1 and len(list(out.glob("chart-960w.*.png"))) == 1
    steps = {
        "attachment changed": lambda: (folder / "deck.pdf").write_bytes(b"%PDF-1.4 the corrected deck\n"),
        "picture replaced": lambda: Image.new("RGB", (700, 500), (200, 30, 30)).save(folder / "chart.png"),
        "attachment added": lambda: ((folder / "notes.txt").write_text("Notes.\n"),
                                     edit(md, "attachments: [deck.pdf]", "attachments: [deck.pdf, notes.txt]")),
        "attachment dropped": lambda: edit(md, "attachments: [deck.pdf, notes.txt]", "attachments: [notes.txt]"),
        "file touched, not changed": lambda: os.utime(folder / "notes.txt"),
    }
    for name, apply in steps.items():
        apply()
        result = same_as_clean(cached)
        assert not result.unchanged_build, name
        if name.endswith("not changed"):
            assert result.made == 0
        assert build(cached).unchanged_build, name
    assert not list(out.glob("deck.*")) and not list(out.glob("chart-960w.*"))  # 700 px wide now
    assert [p.read_bytes() for p in out.glob("notes.*.txt")] == [b"Notes.\n"]
    before = tree_digest(cached.output)
    (folder / "notes.txt").unlink()
    with pytest.raises(ContentError, match=r"gen-4.md:5: attachment 'notes.txt' not found"):
        build(cached)
    assert tree_digest(cached.output) == before
    (folder / "notes.txt").write_text("Notes, again.\n")
    same_as_clean(cached)
    assert [p.read_bytes() for p in out.glob("notes.*.txt")] == [b"Notes, again.\n"]


def test_a_warm_build_resizes_no_picture(cached: BuildOptions, monkeypatch: pytest.MonkeyPatch) -> None:
    with_files(cached.root)
    build(cached)
    assert len(list((cached.cache_dir / "images").glob("*.png"))) == 3  # its 480 and 960, the sample's 480
    append(cached.root / gen(7), "More detail, edited.")

    def resize(_: object) -> bytes:
        raise AssertionError("a picture was resized again")

    monkeypatch.setattr(newsroom.cache.images, "resize", resize)
    build(cached)
    monkeypatch.undo()
    assert tree_digest(cached.output) == clean_serial(cached)


def test_a_file_saved_as_the_build_read_it_is_judged_by_its_bytes(cached: BuildOptions) -> None:
    """Saved again within one clock tick, same size, same inode: the signature is the same, the
    bytes are not (git's "racily clean" files)."""
    folder = with_files(cached.root)
    deck = folder / "deck.pdf"
    build(cached)  # the deck was saved just before: within RACY_NS of the build's start
    info = deck.stat()
    with open(deck, "r+b") as file:
        file.write(b"%PDF-1.4 THE DECK\n")
    os.utime(deck, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (deck.stat().st_mtime_ns, deck.stat().st_size, deck.stat().st_ino) == (info.st_mtime_ns, info.st_size, info.st_ino)
    same_as_clean(cached)
    out = cached.output / "releases/2016/05/generated-release-4"
    assert [p.read_bytes() for p in out.glob("deck.*.pdf")] == [b"%PDF-1.4 THE DECK\n"]

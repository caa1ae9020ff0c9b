"""Incremental rebuilds (watch mode) produce exactly the bytes of a full build of the same inputs."""

from __future__ import annotations

import os
import random
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from newsroom.build import Builder, BuildOptions, build, render_documents
from newsroom.errors import ContentError, ThemeError
from newsroom.preview.livesite import LiveSite
from newsroom.stages.output import Source
from tests.conftest import add_generated_releases, run_cli, tree_digest, write_release

NOW = "2026-01-01T00:00:00+00:00"
RELEASES = Path("content/releases")
JULY_PAGE = "releases/2017/07/ascent-solar-names-miguel-contreras/index.html"
JULY_FEEDS = {"feed.xml", "atom.xml", "tags/management/feed.xml",  # they carry the body
              "search/shards.json", "search/shards.json.gz"}  # it names the 2017 shard's new files


class Incremental:
    """A long-lived Builder writing a live folder, checked against a fresh full build each step."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.options = BuildOptions(root=root, now=NOW, output_dir=root / "live")
        self.builder = Builder(self.options)
        self.builder.pages.packed = True  # as `newsroom serve` does
        self.live = LiveSite(root / "live", threading.Lock())
        self.live.open()
        self.steps = 0
        self.shown: dict[str, Source] = {}  # pages and assets, as the last render made them

    def rebuild(self, *paths: Path, config: bool = False, templates: bool = False) -> tuple[str, ...]:
        """What watch mode does after a save: forget what changed, render, write what changed."""
        self.builder.forget([self.root / p for p in paths], config=config, templates=templates)
        rendered = self.builder.render()
        documents = render_documents(rendered.site)
        self.shown = {rel: source for rel, source in rendered.files.items() if rel not in documents}
        update = self.live.update(rendered.files, touched=[self.root / p for p in paths])
        full = replace(self.options, output_dir=self.root / f"full{self.steps}")
        build(full)
        assert tree_digest(self.root / "live") == tree_digest(full.output), f"step {self.steps}"
        shutil.rmtree(full.output)
        self.steps += 1
        return update.written + update.removed


    def save(self, *paths: Path) -> tuple[str, ...] | None:
        """What watch mode does after a save that moves no page: the replanned pages, then feeds
        and search; None when the save needs a full rebuild. Checked like `rebuild`."""
        planned = self.builder.replan([self.root / p for p in paths])
        if planned is None:
            return None
        site, own, others = planned
        pages = self.builder.render_again(own + others)
        self.shown.update(pages)
        written = self.live.write(pages).written
        update = self.live.update({**self.shown, **render_documents(site)})
        written += update.written + update.removed
        assert self.live.update(self.builder.render().files).written == ()  # a full plan agrees
        self.rebuild()
        return written


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def site(project: Path) -> Incremental:
    edit(project / "newsroom.toml", "per_page = 10", "per_page = 3")
    add_generated_releases(project, 6)
    state = Incremental(project)
    state.rebuild()
    return state


def test_edits_creations_renames_and_deletions_equal_a_full_build(site: Incremental) -> None:
    root = site.root
    july = RELEASES / "2017/ascent-solar-names-miguel-contreras.md"
    edit(root / july, "Dr. Contreras, formerly", "Dr. Contreras, previously")
    changed = site.rebuild(july)
    shard = {path for path in changed if path.startswith("search/2017.")}  # 6 files written, 6 removed
    assert set(changed) - shard == {JULY_PAGE, *JULY_FEEDS} and len(shard) == 12
    edit(root / july, "title: Ascent Solar Names", "title: Ascent Solar Appoints")
    changed = site.rebuild(july)
    assert "index.html" in changed and "releases/2017/06/generated-release-5/index.html" in changed
    edit(root / july, "tags: [management]", "tags: [management, people]")
    assert "tags/people/index.html" in site.rebuild(july)
    new = write_release(root, "2018/new-plant.md", "title: New Plant Opens\ndate: 2018-03-01\ntags: [product]")
    assert "2018/index.html" in site.rebuild(new.relative_to(root))
    renamed = new.with_name("renamed-plant.md")
    new.rename(renamed)
    site.rebuild(new.relative_to(root), renamed.relative_to(root))
    edit(renamed, "title: New Plant Opens", "title: New Plant Opens\nslug: plant-opens")
    assert "releases/2018/03/new-plant-opens/index.html" in site.rebuild(renamed.relative_to(root))
    edit(renamed, "date: 2018-03-01", "date: 2016-12-31")
    assert "2018/index.html" in site.rebuild(renamed.relative_to(root))
    edit(renamed, "date: 2016-12-31", "date: 2016-12-31T00:00:00-07:00")  # the same instant, another spelling
    site.rebuild(renamed.relative_to(root))
    edit(renamed, "tags: [product]", "tags: [product]\ndraft: true")
    site.rebuild(renamed.relative_to(root))
    renamed.unlink()
    site.rebuild(renamed.relative_to(root))
    write_release(root, "2027/embargoed.md", "title: Embargoed Results\ndate: 2027-01-01")
    assert site.rebuild(Path("content/releases/2027/embargoed.md")) == ()
    (root / "content/releases/2016/gen-1.md").unlink()
    (root / "content/releases/2016/gen-4.md").unlink()
    assert "2016/index.html" in site.rebuild(RELEASES / "2016/gen-1.md", RELEASES / "2016/gen-4.md")


def test_theme_and_config_changes_equal_a_full_build(site: Incremental) -> None:
    root, templates = site.root, Path("themes/default/templates")
    edit(root / templates / "release.html", "<h1>{{ release.title }}</h1>", "<h1 class=t>{{ release.title }}</h1>")
    changed = site.rebuild(templates / "release.html", templates=True)
    assert "releases/2017/07/ascent-solar-names-miguel-contreras/index.html" in changed
    assert "index.html" not in changed
    edit(root / templates / "base.html", "<footer", "<footer data-x")
    site.rebuild(templates / "base.html", templates=True)
    static = Path("themes/default/static")
    (root / static / "style.css").write_text("body { color: #222; }\n")
    (root / static / "print.css").write_text("nav { display: none; }\n")
    changed = {p for p in site.rebuild(static / "style.css", static / "print.css") if p.startswith("assets/")}
    now = {f"assets/{p.name}" for p in (root / "live/assets").glob("*.css")}
    assert now <= changed and len(changed - now) == 1  # names carry a hash: the old stylesheet went
    (root / static / "print.css").unlink()
    changed = site.rebuild(static / "print.css")
    assert [p for p in changed if p.startswith("assets/")] == [next(p for p in changed if p.startswith("assets/print."))]
    edit(root / "newsroom.toml", "per_page = 3", "per_page = 2")
    site.rebuild(Path("newsroom.toml"), config=True)
    edit(root / "newsroom.toml", 'title = "Ascent Solar Newsroom"', 'title = "ASTI News"')
    assert "index.html" in site.rebuild(Path("newsroom.toml"), config=True)


def test_a_failed_rebuild_then_its_fix_equals_a_full_build(site: Incremental) -> None:
    july = site.root / RELEASES / "2017/ascent-solar-names-miguel-contreras.md"
    before = tree_digest(site.root / "live")
    edit(july, "date: 2017-07-11", "date: 2017-13-45")
    site.builder.forget([july])
    with pytest.raises(ContentError, match=r"ascent-solar-names-miguel-contreras\.md:3: 'date'"):
        site.builder.render()
    assert tree_digest(site.root / "live") == before
    edit(july, "date: 2017-13-45", "date: 2017-07-12")
    site.rebuild(july.relative_to(site.root))
    template = site.root / "themes/default/templates/list.html"
    original = template.read_text()
    template.write_text(original + "{% if %}")
    with pytest.raises(ThemeError, match=r"list\.html:\d+: template syntax error"):
        site.builder.render()
    template.write_text(original)
    site.rebuild(template.relative_to(site.root), templates=True)


def test_a_save_within_one_clock_tick_is_seen_when_named(site: Incremental) -> None:
    july = site.root / RELEASES / "2017/ascent-solar-names-miguel-contreras.md"
    stat = july.stat()
    edit(july, "Dr. Contreras holds a M.S.", "Dr. Contreras holds A M.S.")
    os.utime(july, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, inode and mtime as before
    assert JULY_PAGE in site.rebuild(july.relative_to(site.root))


def test_random_sequence_of_changes_equals_a_full_build(site: Incremental) -> None:
    chooser = random.Random(6)
    folder = site.root / RELEASES
    for step in range(40):
        files = sorted(folder.rglob("*.md"))
        target = chooser.choice(files)
        action = chooser.choice(["body", "title", "tags", "date", "create", "delete", "rename", "draft"])
        if action == "create" or len(files) < 3:
            target = write_release(site.root, f"{chooser.randint(2014, 2019)}/step-{step}.md",
                                   f"title: Step {step} Release\ndate: {chooser.randint(2014, 2019)}-05-0{step % 9 + 1}")
        elif action == "delete":
            target.unlink()
        elif action == "rename":
            moved = target.with_name(f"moved-{step}.md")
            target.rename(moved)
            site.rebuild(target.relative_to(site.root), moved.relative_to(site.root))
            continue
        else:
            text = target.read_text()
            head, body = text.split("\n---\n", 1)
            if action == "body":
                body += f"\nA new paragraph {step}.\n"
            elif action == "title":
                head = "\n".join(f"title: Retitled {step}" if line.startswith("title:") else line
                                 for line in head.splitlines())
            elif action == "tags":
                head = "\n".join(line for line in head.splitlines() if not line.startswith("tags:"))
                head += f"\ntags: [{chooser.choice(['earnings', 'product', 'legal'])}]"
            elif action == "date":
                head = "\n".join(f"date: {chooser.randint(2014, 2019)}-0{chooser.randint(1, 9)}-15"
                                 if line.startswith("date:") else line for line in head.splitlines())
            else:
                head = "\n".join(line for line in head.splitlines() if not line.startswith("draft:"))
                head += f"\ndraft: {chooser.choice(['true', 'false'])}"
            target.write_text(f"{head}\n---\n{body}")
        site.rebuild(target.relative_to(site.root))


def test_live_folder_equals_the_build_command(site: Incremental) -> None:
    july = site.root / RELEASES / "2017/ascent-solar-names-miguel-contreras.md"
    edit(july, "Dr. Contreras, formerly", "Dr. Contreras, until recently")
    site.rebuild(july.relative_to(site.root))
    run_cli("build", "--now", NOW, "--output", "by-cli", cwd=site.root, check=True)
    assert tree_digest(site.root / "live") == tree_digest(site.root / "by-cli")


def test_saves_that_move_no_page_are_replanned_and_equal_a_full_build(site: Incremental) -> None:
    root, july = site.root, RELEASES / "2017/ascent-solar-names-miguel-contreras.md"
    edit(root / july, "Dr. Contreras, formerly", "Dr. Contreras, previously")
    temp = RELEASES / "2017/.ascent-solar-names-miguel-contreras.md.tmp"  # an editor's, renamed over it
    changed = site.save(july, temp) or ()
    shard = {path for path in changed if path.startswith("search/2017.")}  # 6 files written, 6 removed
    assert set(changed) - shard == {JULY_PAGE, *JULY_FEEDS} and len(shard) == 12
    gen = RELEASES / "2016/gen-1.md"
    edit(root / gen, "Company announced item 1.", "Company announced a new item 1.")  # the lede: lists show it
    written = site.save(gen) or ()
    assert written[0] == "releases/2016/02/generated-release-1/index.html"
    assert {"2016/index.html", "tags/product/index.html"} <= set(written)
    edit(root / july, "title: Ascent Solar Names", "title: Ascent Solar Appoints")  # its slug is set: it stays
    assert "releases/2017/06/generated-release-5/index.html" in (site.save(july) or ())
    edit(root / gen, "title: Generated Release 1", "title: Generated Release 1\nsummary: Item one.")
    edit(root / RELEASES / "2016/gen-4.md", "More detail 4.", "More detail, four.")
    assert "2016/index.html" in (site.save(gen, RELEASES / "2016/gen-4.md") or ())
    edit(root / july, "tags: [management]", "tags: [management, people]")
    assert site.save(july) is None  # a new tag page: a full plan
    site.rebuild(july)
    edit(root / july, "date: 2017-07-11", "date: 2017-07-12")
    assert site.save(july) is None
    site.rebuild(july)
    new = write_release(root, "2018/new-plant.md", "title: New Plant Opens\ndate: 2018-03-01")
    assert site.save(new.relative_to(root)) is None  # a file no plan has read yet
    site.rebuild(new.relative_to(root))
    edit(root / gen, "date:", "date: [")
    assert site.save(gen) is None  # the full plan reports the error, with any other
    with pytest.raises(ContentError, match=r"gen-1\.md"):
        site.builder.render()
    edit(root / gen, "date: [", "date:")
    site.rebuild(gen)
    assert site.save(gen) is not None  # a good full plan: saves are replanned again


def test_unseen_finds_what_no_event_named(site: Incremental) -> None:
    root = site.root
    assert site.builder.unseen() == []
    added = write_release(root, "2018/added.md", "title: Added\ndate: 2018-03-01")
    write_release(root, "2018/.hidden.md", "title: Hidden\ndate: 2018-03-01")  # no build reads it
    (root / RELEASES / "2016/gen-1.md").unlink()
    edit(root / RELEASES / "2016/gen-4.md", "More detail 4.", "More detail, four.")
    assert sorted(site.builder.unseen() or ()) == sorted(
        [added.resolve(), (root / RELEASES / "2016/gen-4.md").resolve(), (root / RELEASES / "2016/gen-1.md").resolve()])
    assert site.builder.unseen(stop=lambda: True) is None

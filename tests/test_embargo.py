"""Embargo: a draft or a release dated after the build's "now" is in no output file, byte for byte.

The checks walk every output file (compressed ones opened), so feeds, the search index and
the sitemap are covered the day they exist, without this file knowing their names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, tree_digest, write_release
from tests.site_files import broken_links, files_mentioning, site_files

BASE_URL = "https://newsroom.ascentsolar.example/"
BEFORE = "2030-06-15T13:30:00Z"  # the offset release is out (13:00Z), the naive one is not (14:00Z)
AFTER = "2030-06-15T14:00:00Z"    # both are out; the draft never is

# Each hidden release has words, a tag and a slug that nothing else in the site uses.
OFFSET = dict(file="2030/offset.md", slug="zorblax-offset-release", title_word="Zorblax",
              body_word="quintessor", tags=("zorblaxtopic",),
              date="2030-06-15T09:00:00-04:00")            # 13:00 UTC
NAIVE = dict(file="2030/naive.md", slug="vantrellic-naive-release", title_word="Vantrellic",
             body_word="plumquadrant", tags=("vantrelltopic", "partnerships"),
             date="2030-06-15 08:00")                      # 08:00 in America/Denver = 14:00 UTC
DRAFT = dict(file="2017/draft.md", slug="mirthwold-draft-release", title_word="Mirthwold",
             body_word="glimmerhusk", tags=("mirthtopic",),
             date="2017-06-01", draft=True)                # in the past, but a draft
# A published release sharing a tag and the year with NAIVE: where it is listed, NAIVE must be too.
CONTROL = dict(file="2030/control.md", slug="control-release-june", title_word="Controlled",
               body_word="ordinaryword", tags=("partnerships",), date="2030-06-01")


def add_release(root: Path, spec: dict) -> None:
    tags = ", ".join(spec["tags"])
    draft = "\ndraft: true" if spec.get("draft") else ""
    write_release(root, spec["file"],
                  f"title: Ascent Solar {spec['title_word']} Agreement Signed\ndate: {spec['date']}\n"
                  f"slug: {spec['slug']}\ntags: [{tags}]{draft}",
                  f"Ascent Solar announced the {spec['body_word']} agreement today.\n\n"
                  f"## About Ascent Solar\n\nA company.\n")


def words(spec: dict) -> tuple[str, ...]:
    return spec["title_word"], spec["body_word"], spec["tags"][0], spec["slug"]


def leaks(site: Path, spec: dict) -> list[str]:
    files = site_files(site)
    return [f"{word!r} in {rel}" for word in words(spec) for rel in files_mentioning(files, word)]


@pytest.fixture
def newsroom(project: Path) -> Path:
    """The repository's newsroom plus a control release, two scheduled ones and a draft."""
    for spec in (CONTROL, OFFSET, NAIVE, DRAFT):
        add_release(project, spec)
    return project


def build(root: Path, *args: str) -> str:
    return run_cli("build", *args, cwd=root, check=True).stdout


def test_hidden_releases_are_in_no_output_file(newsroom: Path) -> None:
    out = build(newsroom, "--now", BEFORE)
    site = newsroom / "site"
    assert leaks(site, NAIVE) == [] and leaks(site, DRAFT) == []
    assert leaks(site, OFFSET) != [], "the release whose time has come is published"
    assert broken_links(site, BASE_URL) == []
    assert "scheduled: 1 (next: 2030-06-15T08:00:00-06:00)" in out


def test_hidden_releases_change_no_byte_at_all(newsroom: Path, tmp_path: Path) -> None:
    """The strongest form: the site is identical to one built without those files."""
    build(newsroom, "--now", "2030-06-15T12:00:00Z")
    bare = tmp_path / "bare"
    shutil.copytree(newsroom, bare, symlinks=True, ignore=shutil.ignore_patterns("site"))
    for spec in (OFFSET, NAIVE, DRAFT):
        (bare / "content/releases" / spec["file"]).unlink()
    build(bare, "--now", "2030-06-15T12:00:00Z")
    assert tree_digest(newsroom / "site") == tree_digest(bare / "site")


def test_scheduled_line_counts_releases_not_drafts(newsroom: Path) -> None:
    out = build(newsroom, "--now", "2030-06-15T12:59:59Z")
    assert "scheduled: 2 (next: 2030-06-15T09:00:00-04:00)" in out
    assert "scheduled: 2 (next: 2030-06-15T09:00:00-04:00)" in run_cli(
        "check", "--now", "2030-06-15T12:59:59Z", cwd=newsroom, check=True).stdout
    assert "scheduled" not in build(newsroom, "--now", AFTER)


def test_once_its_time_comes_it_is_everywhere_it_should_be(newsroom: Path) -> None:
    build(newsroom, "--now", AFTER)
    site = newsroom / "site"
    files = site_files(site)
    page = files[f"releases/2030/06/{NAIVE['slug']}/index.html"].decode()
    assert "Vantrellic" in page and "plumquadrant" in page and "preview-banner" not in page
    for listing in ("index.html", "tags/vantrelltopic/index.html", "tags/partnerships/index.html",
                    "2030/index.html"):
        assert NAIVE["slug"] in files[listing].decode(), listing
    # Wherever the control release is listed (home, tag, year, feeds, sitemap, search…), so is it.
    listed_control = {rel for rel in files_mentioning(files, CONTROL["slug"]) if not rel.startswith("releases/")}
    listed_naive = set(files_mentioning(files, NAIVE["slug"]))
    assert listed_control and listed_control <= listed_naive, listed_control - listed_naive
    newer_link = f'href="/releases/2030/06/{NAIVE["slug"]}/"'
    assert newer_link in files[f"releases/2030/06/{OFFSET['slug']}/index.html"].decode()
    assert leaks(site, DRAFT) == [] and broken_links(site, BASE_URL) == []


def test_neighbours_link_past_a_hidden_release(newsroom: Path) -> None:
    build(newsroom, "--now", BEFORE)
    offset_page = (newsroom / "site/releases/2030/06" / OFFSET["slug"] / "index.html").read_text()
    control_page = (newsroom / "site/releases/2030/06" / CONTROL["slug"] / "index.html").read_text()
    assert 'rel="next"' not in offset_page.split('class="neighbours"')[1], "nothing newer is public"
    assert f'rel="next" href="/releases/2030/06/{OFFSET["slug"]}/"' in control_page


def test_drafts_preview_shows_everything_with_a_banner(newsroom: Path) -> None:
    build(newsroom, "--now", BEFORE, "--drafts", "--output", "preview")
    preview = newsroom / "preview"
    for spec, label in ((NAIVE, "Scheduled: not published until June 15, 2030"), (DRAFT, "Draft: not published")):
        year, month = ("2030", "06") if spec is NAIVE else ("2017", "06")
        page = (preview / "releases" / year / month / spec["slug"] / "index.html").read_text()
        assert spec["title_word"] in page and 'class="preview-banner"' in page and label in page
    home = (preview / "index.html").read_text()
    assert home.count('class="preview-banner"') == 2
    published = (preview / "releases/2030/06" / OFFSET["slug"] / "index.html").read_text()
    assert "preview-banner" not in published
    assert not (newsroom / "site").exists()


def test_drafts_preview_search_and_sitemap_are_the_published_sites(newsroom: Path) -> None:
    """A --drafts preview shows drafts and scheduled releases in its pages, but its search index
    and sitemap are byte for byte those of the published site: no draft is found by searching,
    and no page only drafts make (a draft-only topic or year, an extra list page) is listed."""
    build(newsroom, "--now", BEFORE, "--drafts", "--output", "preview")
    build(newsroom, "--now", BEFORE, "--output", "public")
    preview, public = site_files(newsroom / "preview"), site_files(newsroom / "public")
    machine_read = [rel for rel in public if rel.startswith("search/") or rel == "sitemap.xml"]
    assert "sitemap.xml" in machine_read and "search/shards.json" in machine_read
    assert {rel: preview.get(rel) for rel in machine_read} == {rel: public[rel] for rel in machine_read}
    assert sorted(rel for rel in preview if rel.startswith("search/")) == sorted(
        rel for rel in public if rel.startswith("search/"))
    for spec in (NAIVE, DRAFT):
        assert "tags/" + spec["tags"][0] + "/index.html" in preview  # the preview shows its topic…
        hidden = [f"{word!r} in {rel}" for word in words(spec) for rel in files_mentioning(preview, word)
                  if rel.startswith("search/") or rel == "sitemap.xml"]
        assert hidden == []  # …which neither search nor the sitemap knows


def test_preview_banner_is_visible_in_a_browser(newsroom: Path, page) -> None:
    from tests.conftest import serve_folder

    build(newsroom, "--now", BEFORE, "--drafts", "--output", "preview")
    with serve_folder(newsroom / "preview") as url:
        page.goto(f"{url}releases/2017/06/{DRAFT['slug']}/")
        banner = page.locator(".preview-banner")
        assert banner.is_visible() and banner.inner_text().startswith("Draft: not published")
        box = banner.bounding_box()
        assert box is not None and box["height"] > 10 and box["width"] > 100


@pytest.mark.parametrize("output", [None, "site", "./site/../site"])
def test_drafts_never_write_the_default_folder(newsroom: Path, output: str | None) -> None:
    build(newsroom, "--now", BEFORE)
    before = tree_digest(newsroom / "site")
    args = ("--output", output) if output else ()
    result = run_cli("build", "--drafts", "--now", BEFORE, *args, cwd=newsroom)
    assert result.returncode == 2 and "--drafts never writes to the published ./site" in result.stderr
    assert tree_digest(newsroom / "site") == before


def drafts_run(root: Path, command: str, output: str) -> "subprocess.CompletedProcess[str]":
    """`newsroom build|serve --drafts --output OUTPUT`; a serve that starts is stopped after a minute."""
    port = ("--port", "0") if command == "serve" else ()
    return subprocess.run([sys.executable, "-m", "newsroom", command, "--drafts", "--now", BEFORE,
                           "--output", output, *port], cwd=root, env={**os.environ, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("output", ["here/site", "./here/./site/../site", "here/site/drafts", "site/drafts"])
@pytest.mark.parametrize("built", [False, True], ids=["no-site-yet", "site-built"])
def test_drafts_never_reach_the_published_folder_however_it_is_spelled(newsroom: Path, command: str,
                                                                         output: str, built: bool) -> None:
    """Through a link to the project (`ln -s . here`), or inside it: every command resolves the
    path the way the file system does before a preview writes a byte."""
    (newsroom / "here").symlink_to(".", target_is_directory=True)
    if built:
        build(newsroom, "--now", BEFORE)
    before = tree_digest(newsroom / "site") if built else None
    result = drafts_run(newsroom, command, output)
    assert result.returncode == 2 and "--drafts never writes to the published ./site" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tree_digest(newsroom / "site") if built else (newsroom / "site").exists()) == (before if built else False)


def test_a_drafts_preview_never_reaches_the_published_folder_through_the_cache(newsroom: Path) -> None:
    """`serve --drafts` writes to .newsroom-cache/preview/ by default: a cache folder that is a
    link to ./site must not carry drafts into it."""
    build(newsroom, "--now", BEFORE, "--no-cache")
    before = tree_digest(newsroom / "site")
    (newsroom / ".newsroom-cache").symlink_to("site", target_is_directory=True)
    result = subprocess.run([sys.executable, "-m", "newsroom", "serve", "--drafts", "--now", BEFORE, "--port", "0"],
                            cwd=newsroom, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and "--drafts never writes to the published ./site" in result.stderr
    assert tree_digest(newsroom / "site") == before


@pytest.mark.parametrize("command", ["build", "serve"])
def test_drafts_never_write_inside_a_published_build(newsroom: Path, command: str) -> None:
    build(newsroom, "--now", BEFORE, "--output", "public")
    before = tree_digest(newsroom / "public")
    (newsroom / "deploy").symlink_to("public", target_is_directory=True)
    for output in ("public/drafts", "deploy/drafts", "deploy"):
        result = drafts_run(newsroom, command, output)
        assert result.returncode == 1 and "published site" in result.stderr, (output, result.stderr)
        assert "Traceback" not in result.stderr
        assert tree_digest(newsroom / "public") == before


def test_drafts_never_replace_a_published_site(newsroom: Path) -> None:
    build(newsroom, "--now", BEFORE, "--output", "public")
    before = tree_digest(newsroom / "public")
    result = run_cli("build", "--drafts", "--now", BEFORE, "--output", "public", cwd=newsroom)
    assert result.returncode == 1 and "holds a published site" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(newsroom / "public") == before
    # The other way round is fine: a real build replaces a preview, and nothing hidden survives.
    build(newsroom, "--now", BEFORE, "--drafts", "--output", "preview")
    assert leaks(newsroom / "preview", DRAFT) != []
    build(newsroom, "--now", BEFORE, "--output", "preview")
    assert leaks(newsroom / "preview", DRAFT) == [] and leaks(newsroom / "preview", NAIVE) == []
    build(newsroom, "--now", BEFORE, "--drafts", "--output", "preview-2")


def test_the_leak_hunter_reads_compressed_files(tmp_path: Path) -> None:
    """The grep above must see through .gz files, or a compressed feed could hide a leak."""
    import gzip

    (tmp_path / "feed.xml.gz").write_bytes(gzip.compress(b"<title>Zorblax</title>"))
    (tmp_path / "plain.txt").write_bytes(b"nothing here")
    assert files_mentioning(site_files(tmp_path), "zorblax") == ["feed.xml.gz"]


def test_repository_content_has_no_hidden_release_today() -> None:
    """Guard for the fixture: the words above are unique, so a leak can only come from the test's files."""
    for spec in (OFFSET, NAIVE, DRAFT):
        for word in words(spec):
            for path in (REPO / "content").rglob("*"):
                if path.is_file():
                    assert word.lower() not in path.read_text(errors="replace").lower()

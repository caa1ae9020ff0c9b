"""`{% memo %}`: a fragment rendered once per render pass and key, never stale in the next pass."""

from __future__ import annotations

from pathlib import Path

import jinja2

from newsroom.build import BuildOptions, Builder
from newsroom.stages.fragments import FragmentMemo, forget_fragments
from tests.conftest import run_cli, tree_digest, write_release

NOW = "2026-01-01T00:00:00+00:00"


def counting_env() -> tuple[jinja2.Environment, list[str]]:
    calls: list[str] = []
    env = jinja2.Environment(extensions=[FragmentMemo], autoescape=True)
    env.globals["seen"] = lambda name: calls.append(name) or name
    return env, calls


def test_a_fragment_is_rendered_once_per_key_until_the_pass_ends() -> None:
    env, calls = counting_env()
    template = env.from_string("{% for x in items %}{% memo x %}<{{ seen(x) }}>{% endmemo %}{% endfor %}")
    assert template.render(items=["a", "b", "a", "<"]) == "<a><b><a><&lt;>"
    assert calls == ["a", "b", "<"]
    assert template.render(items=["a"]) == "<a>" and calls == ["a", "b", "<"]
    forget_fragments(env)
    assert template.render(items=["a"]) == "<a>" and calls == ["a", "b", "<", "a"]


def test_two_memos_never_share_a_key_and_an_unhashable_key_is_rendered_every_time() -> None:
    env, calls = counting_env()
    template = env.from_string("{% memo 1 %}{{ seen('one') }}{% endmemo %}{% memo 1 %}{{ seen('two') }}{% endmemo %}"
                               "{% memo [1] %}{{ seen('list') }}{% endmemo %}")
    assert template.render() + template.render() == "onetwolistonetwolist"
    assert calls == ["one", "two", "list", "list"]


def test_an_overlay_memoises_apart() -> None:
    env, calls = counting_env()
    text = env.overlay(autoescape=False)
    source = "{% memo 1 %}{{ seen('<b>') }}{% endmemo %}"
    assert env.from_string(source).render() == "&lt;b&gt;" and text.from_string(source).render() == "<b>"
    assert env.fragment_memo is not text.fragment_memo  # type: ignore[attr-defined]


def lists_of(site: Path) -> dict[str, str]:
    """Every list page of the site (main list, years, topics) by path."""
    return {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("index.html")
            if not p.relative_to(site).as_posix().startswith(("releases/", "search/", "events/"))}


def test_a_drafts_preview_marks_the_cards_of_unpublished_releases_on_every_list(project: Path) -> None:
    write_release(project, "2017/wip.md", "title: Work in Progress\ndate: 2017-08-01\ndraft: true\ntags: [product]")
    run_cli("build", "--drafts", "--output", "preview", cwd=project, check=True)
    shown = {path: html for path, html in lists_of(project / "preview").items() if "Work in Progress" in html}
    assert {"index.html", "2017/index.html", "tags/product/index.html"} <= set(shown)
    for html in shown.values():
        card = html[html.rindex('<article class="release-item">', 0, html.index("Work in Progress")):]
        assert card.split("</article>")[0].count("Draft: not published") == 1
        assert html.count("Draft: not published") == 1  # the other cards are the published ones'


def test_an_edit_shows_on_every_list_page_in_the_next_render(project: Path) -> None:
    builder = Builder(BuildOptions(root=project, now=NOW))
    before = builder.render()
    release = next((project / "content/releases").rglob("*.md"))
    text = release.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    release.write_text(text.replace(title, "title: A Title Edited in Watch Mode", 1))
    builder.forget([release])
    after = builder.render()
    fresh = Builder(BuildOptions(root=project, now=NOW)).render()
    assert after.files == fresh.files
    edited = [path for path, data in after.files.items() if b"A Title Edited in Watch Mode" in bytes(data)]  # type: ignore[arg-type]
    assert "index.html" in edited and any(path.startswith("tags/") for path in edited)
    assert before.files["index.html"] != after.files["index.html"]


def test_a_drafts_build_and_a_build_agree_on_published_cards(project: Path) -> None:
    run_cli("build", cwd=project, check=True)
    run_cli("build", "--drafts", "--output", "preview", cwd=project, check=True)
    site, preview = tree_digest(project / "site"), tree_digest(project / "preview")
    assert site["index.html"] == preview["index.html"]  # no draft or scheduled release: the same lists

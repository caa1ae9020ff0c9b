from __future__ import annotations

from pathlib import Path

import pytest

from newsroom.errors import ThemeError
from newsroom.stages.theme import asset_names, hashed_name, load_theme, make_environment, static_files
from tests.conftest import REPO


def make_theme(themes: Path, name: str, extends: str | None = None,
               templates: dict[str, str] | None = None, static: dict[str, str] | None = None) -> None:
    folder = themes / name
    (folder / "templates").mkdir(parents=True)
    (folder / "static").mkdir()
    (folder / "theme.toml").write_text(f'name = "{name}"\n' + (f'extends = "{extends}"\n' if extends else ""))
    for rel, text in (templates or {}).items():
        (folder / "templates" / rel).write_text(text)
    for rel, text in (static or {}).items():
        (folder / "static" / rel).write_text(text)


def test_default_theme_loads() -> None:
    theme = load_theme(REPO / "themes", "default")
    assert theme.chain == (REPO / "themes" / "default",)
    assert "style.css" in static_files(theme)


def test_child_overrides_only_what_it_ships(tmp_path: Path) -> None:
    make_theme(tmp_path, "base", templates={"a.html": "base a", "b.html": "base b"},
               static={"x.css": "base", "y.css": "base"})
    make_theme(tmp_path, "child", extends="base", templates={"a.html": "child a"}, static={"x.css": "child"})
    theme = load_theme(tmp_path, "child")
    env = make_environment(theme)
    assert env.get_template("a.html").render() == "child a"
    assert env.get_template("b.html").render() == "base b"
    files = static_files(theme)
    assert files["x.css"].read_text() == "child" and files["y.css"].read_text() == "base"


def test_missing_theme_lists_available(tmp_path: Path) -> None:
    make_theme(tmp_path, "default")
    with pytest.raises(ThemeError, match=r"theme 'nope' not found .*available: default"):
        load_theme(tmp_path, "nope")


def test_extends_cycle(tmp_path: Path) -> None:
    make_theme(tmp_path, "a", extends="b")
    make_theme(tmp_path, "b", extends="a")
    with pytest.raises(ThemeError, match="a -> b -> a"):
        load_theme(tmp_path, "a")


def test_theme_name_cannot_escape(tmp_path: Path) -> None:
    with pytest.raises(ThemeError):
        load_theme(tmp_path, "../etc")


def test_autoescape_and_strict_undefined(tmp_path: Path) -> None:
    make_theme(tmp_path, "t", templates={"a.html": "{{ x }}", "b.html": "{{ missing }}"})
    env = make_environment(load_theme(tmp_path, "t"))
    assert env.get_template("a.html").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(Exception, match="missing"):
        env.get_template("b.html").render()


def test_child_reaches_parent_template_by_theme_prefix(tmp_path: Path) -> None:
    make_theme(tmp_path, "base", templates={"base.html": "<{% block body %}base{% endblock %}>"})
    make_theme(tmp_path, "child", extends="base",
               templates={"base.html": '{% extends "base/base.html" %}{% block body %}child+{{ super() }}{% endblock %}',
                          "page.html": '{% extends "base.html" %}'})
    env = make_environment(load_theme(tmp_path, "child"))
    assert env.get_template("page.html").render() == "<child+base>"


def test_project_theme_extends_a_bundled_one(tmp_path: Path) -> None:
    make_theme(tmp_path, "mine", extends="default", templates={"list.html": "mine"})
    theme = load_theme((tmp_path, REPO / "themes"), "mine")
    assert theme.chain == (tmp_path / "mine", REPO / "themes" / "default")


def test_extends_a_missing_theme_names_the_manifest(tmp_path: Path) -> None:
    make_theme(tmp_path, "child", extends="nope")
    with pytest.raises(ThemeError, match=r"child/theme.toml: theme 'child' extends 'nope', but theme "
                                         r"'nope' not found"):
        load_theme(tmp_path, "child")


def test_hashed_name_changes_with_the_bytes() -> None:
    assert hashed_name("style.css", b"a") == "style.ca978112.css"
    assert hashed_name("js/lunr.min.js", b"a") == "js/lunr.min.ca978112.js"
    assert hashed_name("style.css", b"b") != hashed_name("style.css", b"a")


def test_asset_names_follow_the_chain(tmp_path: Path) -> None:
    make_theme(tmp_path, "base", static={"x.css": "base", "y.css": "base"})
    make_theme(tmp_path, "child", extends="base", static={"x.css": "child"})
    names = asset_names(static_files(load_theme(tmp_path, "child")))
    assert names == {"x.css": hashed_name("x.css", b"child"), "y.css": hashed_name("y.css", b"base")}


def test_wire_theme_overrides_only_some_files() -> None:
    theme = load_theme(REPO / "themes", "wire")
    assert theme.chain == (REPO / "themes" / "wire", REPO / "themes" / "default")
    files = static_files(theme)
    assert files["wire.css"].parent.parent.name == "wire"
    assert files["style.css"].parent.parent.name == "default"
    shipped = {p.name for p in (REPO / "themes" / "wire" / "templates").iterdir()}
    assert "release.html" not in shipped and {"base.html", "_list.html"} <= shipped


def test_static_link_out_of_the_theme_is_refused(tmp_path: Path) -> None:
    make_theme(tmp_path / "themes", "t", static={"style.css": "body{}"})
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    (tmp_path / "themes" / "t" / "static" / "leak.txt").symlink_to(secret)
    with pytest.raises(ThemeError, match=r"leak\.txt: symbolic link points outside theme 't'"):
        static_files(load_theme(tmp_path / "themes", "t"))


def test_a_named_pipe_among_templates_is_no_template(tmp_path: Path) -> None:
    """Jinja lists every file of templates/, but finds only regular ones: a pipe there would end
    the build in a traceback; it is passed over, and nothing waits on it."""
    import os

    from newsroom.stages.render import compile_templates

    make_theme(tmp_path, "piped", templates={"a.html": "A"})
    os.mkfifo(tmp_path / "piped/templates/pipe.html")
    theme = load_theme(tmp_path, "piped")
    env = make_environment(theme)
    assert sorted(env.list_templates()) == ["a.html", "piped/a.html"]
    compile_templates(env, theme)

"""Rendering through a theme: inheritance in a built site, hashed assets, and template mistakes
reported with theme, file and line (exit 1, no traceback, the previous site untouched)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import THEMES, run_cli, tree_digest, write_release

RELEASE = "releases/2017/07/ascent-solar-names-miguel-contreras/index.html"


def linked_assets(html: str) -> list[str]:
    """Assets a page links, loads, or hands its scripts (the search worker, lunr.js) in data- attributes."""
    return re.findall(r'(?:href|src|data-[a-z]+)="/(assets/[^"]+)"', html)


def test_wire_uses_its_own_templates_and_defaults_otherwise(theme_sites: dict[str, Path]) -> None:
    default, wire = (theme_sites[t] for t in THEMES)
    assert '<ol class="wire-list">' in (wire / "index.html").read_text()
    assert '<ol class="wire-list">' in (wire / "tags/management/index.html").read_text()
    assert '<ol class="releases">' in (default / "index.html").read_text()
    # release.html is the default theme's in both; only the stylesheets differ.
    strip = lambda html: re.sub(r'<link rel="(stylesheet|icon)"[^>]*>\n', "", html)
    assert strip((wire / RELEASE).read_text()) == strip((default / RELEASE).read_text())


def test_hashed_assets_resolve(theme_sites: dict[str, Path]) -> None:
    for theme, site in theme_sites.items():
        html = (site / "index.html").read_text()
        assets = linked_assets(html)
        names = [re.sub(r"\.[0-9a-f]{8}\.", ".", a.removeprefix("assets/")) for a in assets]
        assert names == (["favicon.svg", "style.css", "wire.css"] if theme == "wire"
                         else ["favicon.svg", "style.css"]), assets
        for asset in assets:
            assert (site / asset).is_file(), asset
        search_assets = linked_assets((site / "search/index.html").read_text())
        release_assets = linked_assets((site / "releases/2017/07/ascent-solar-names-miguel-contreras/index.html").read_text())
        on_disk = sorted(p.relative_to(site).as_posix() for p in (site / "assets").iterdir())
        assert on_disk == sorted(set(assets) | set(search_assets) | set(release_assets))


def test_changed_static_file_gets_a_new_name(project: Path) -> None:
    run_cli("build", cwd=project, check=True)
    before = linked_assets((project / "site/index.html").read_text())
    css = project / "themes/default/static/style.css"
    css.write_text(css.read_text() + "\n/* changed */\n")
    run_cli("build", cwd=project, check=True)
    after = linked_assets((project / "site/index.html").read_text())
    assert before[0] == after[0] and before[1] != after[1]
    assert not (project / "site" / before[1]).exists() and (project / "site" / after[1]).is_file()


def test_template_syntax_error_names_theme_file_and_line(project: Path) -> None:
    run_cli("build", cwd=project, check=True)
    before = tree_digest(project / "site")
    template = project / "themes/wire/templates/_list.html"
    template.write_text("{% if releases %}\n<ol>\n{% for release in releases %}\n</ol>\n{% endif %}\n")
    result = run_cli("build", "--theme", "wire", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"themes/wire/templates/_list\.html:\d: template syntax error in theme 'wire'",
                     result.stderr), result.stderr
    assert tree_digest(project / "site") == before


def test_syntax_error_in_an_unused_template_is_found_by_check(project: Path) -> None:
    (project / "themes/default/templates/unused.html").write_text("ok\n{{ broken(\n")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "themes/default/templates/unused.html:2: template syntax error in theme 'default'" in result.stderr


def test_unknown_asset_names_the_template_line(project: Path) -> None:
    base = project / "themes/default/templates/base.html"
    base.write_text(base.read_text().replace("asset('style.css')", "asset('missing.css')"))
    result = run_cli("build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"themes/default/templates/base\.html:\d+: template error: asset\('missing.css'\): "
                     r"no such file in the static/ folder of theme 'default'", result.stderr), result.stderr


def test_undefined_variable_names_the_template_line(project: Path) -> None:
    tag = project / "themes/default/templates/tag.html"
    tag.write_text(tag.read_text().replace("<h1>{{ tag.label }}", "<h1>{{ tag.nmae }}"))
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert re.search(r"themes/default/templates/tag\.html:\d+: template error: .*nmae", result.stderr), result.stderr


def test_extends_cycle_and_missing_parent_from_the_cli(project: Path) -> None:
    (project / "themes/default/theme.toml").write_text('name = "default"\nextends = "wire"\n')
    result = run_cli("build", "--theme", "wire", cwd=project)
    assert result.returncode == 1 and "wire -> default -> wire" in result.stderr
    (project / "themes/wire/theme.toml").write_text('name = "wire"\nextends = "defualt"\n')
    result = run_cli("build", "--theme", "wire", cwd=project)
    assert result.returncode == 1
    assert "themes/wire/theme.toml: theme 'wire' extends 'defualt', but theme 'defualt' not found" in result.stderr


def test_theme_from_config_or_command_line(project: Path) -> None:
    config = project / "newsroom.toml"
    config.write_text(config.read_text().replace('theme = "default"', 'theme = "wire"'))
    run_cli("build", cwd=project, check=True)
    assert "wire-list" in (project / "site/index.html").read_text()
    run_cli("build", "--theme", "default", cwd=project, check=True)
    assert "wire-list" not in (project / "site/index.html").read_text()


def test_a_drafts_preview_marks_unpublished_releases(project: Path) -> None:
    write_release(project, "2017/wip.md", "title: Work in Progress\ndate: 2017-08-01\ndraft: true")
    run_cli("build", "--drafts", "--output", "preview", cwd=project, check=True)
    page = (project / "preview/releases/2017/08/work-in-progress/index.html").read_text()
    assert "Draft: not published. This is a preview." in page
    published = (project / "preview" / RELEASE).read_text()
    assert "Preview:" not in published

"""End to end: the `newsroom` command on the repository's own content."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli, tree_digest, write_release


def test_build_repository_content(project: Path) -> None:
    result = run_cli("build", cwd=project, check=True)
    assert re.match(r"built 2 releases into site/: \d+ files", result.stdout)
    site = project / "site"
    july = (site / "releases/2017/07/ascent-solar-names-miguel-contreras/index.html").read_text()
    assert "<h1>Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering</h1>" in july
    assert "National Renewable Energy Laboratory" in july
    assert re.search(r'class="about".*Ascent Solar Technologies, Inc\., an ISO 9001', july, re.S)
    assert re.search(r'class="forward-looking".*forward-looking statements', july, re.S)
    assert july.index('class="story"') < july.index('class="about"') < july.index('class="forward-looking"')
    home = (site / "index.html").read_text()
    assert home.index("Miguel Contreras") < home.index("Redeem")
    for rel in ("404.html", "2017/index.html", "archive/index.html", "tags/management/index.html",
                "tags/financing/index.html", "releases/2017/05/ascent-solar-to-redeem-secured-notes/index.html"):
        assert (site / rel).is_file(), rel


def test_second_build_rewrites_nothing(project: Path) -> None:
    run_cli("build", cwd=project, check=True)
    cached = run_cli("build", cwd=project, check=True)
    assert "(nothing changed since the last build" in cached.stdout
    result = run_cli("build", "--no-cache", cwd=project, check=True)
    assert "(0 written" in result.stdout and "0 removed" in result.stdout


def test_bad_front_matter_reports_path_line_and_keeps_site(project: Path) -> None:
    run_cli("build", cwd=project, check=True)
    before = tree_digest(project / "site")
    path = project / "content/releases/2017/ascent-solar-names-miguel-contreras.md"
    path.write_text(path.read_text().replace("date: 2017-07-11", "date: 2017-13-45"))
    write_release(project, "2017/dup.md", "title: T\ndate: 2017-01-01\nslug: ascent-solar-to-redeem-secured-notes")
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/releases/2017/ascent-solar-names-miguel-contreras.md:3: 'date'" in result.stderr
    assert "duplicate slug 'ascent-solar-to-redeem-secured-notes'" in result.stderr
    assert "2 errors; nothing was written" in result.stderr
    assert tree_digest(project / "site") == before


def test_template_error_names_file_and_line(project: Path) -> None:
    run_cli("build", cwd=project, check=True)
    before = tree_digest(project / "site")
    template = project / "themes/default/templates/release.html"
    template.write_text(template.read_text().replace("{{ release.title }}", "{{ release.title }", 1))
    result = run_cli("build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"release\.html:\d+: template syntax error", result.stderr)
    template.write_text(template.read_text().replace("{{ release.title }", "{{ release.nosuchfield }}", 1))
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert re.search(r"release\.html:\d+: template error: .*nosuchfield", result.stderr)
    assert tree_digest(project / "site") == before


def test_missing_theme_and_bad_config(project: Path) -> None:
    result = run_cli("build", "--theme", "nope", cwd=project)
    assert result.returncode == 1 and "theme 'nope' not found" in result.stderr
    (project / "newsroom.toml").write_text('[site]\ntimezone = "Nowhere/City"\n')
    result = run_cli("build", cwd=project)
    assert result.returncode == 1 and "newsroom.toml:2: 'site.timezone'" in result.stderr
    assert not (project / "site").exists()


def test_usage_errors_exit_2(project: Path) -> None:
    assert run_cli("build", "--bogus", cwd=project).returncode == 2
    result = run_cli("build", "--drafts", cwd=project)
    assert result.returncode == 2 and "--output" in result.stderr


def test_check_writes_nothing(project: Path) -> None:
    result = run_cli("check", cwd=project, check=True)
    assert result.stdout.startswith("ok: 2 releases")
    assert not (project / "site").exists()


def test_build_without_config_uses_defaults(tmp_path: Path) -> None:
    write_release(tmp_path, "a.md", "title: Hello World\ndate: 2020-05-01")
    result = run_cli("build", "--content", "content", "--output", "out", cwd=tmp_path, check=True)
    assert "no newsroom.toml: using defaults" in result.stdout and "http://localhost:8000/" in result.stdout
    assert (tmp_path / "out/releases/2020/05/hello-world/index.html").is_file()


def test_new_scaffolds_a_draft(project: Path) -> None:
    result = run_cli("new", "Acme Wins Big Contract", "--now", "2026-03-04T09:30", cwd=project, check=True)
    path = project / result.stdout.strip()
    assert path == project / "content/releases/2026/acme-wins-big-contract.md"
    assert "draft: true" in path.read_text()
    run_cli("check", cwd=project, check=True)
    again = run_cli("new", "Acme Wins Big Contract", cwd=project)
    assert again.returncode == 1 and "already exists" in again.stderr

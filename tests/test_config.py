from __future__ import annotations

from pathlib import Path

import pytest

from newsroom.stages.config import DEFAULT_BASE_URL, default_config, load_config
from newsroom.errors import ConfigError
from tests.conftest import REPO, run_cli, write_release


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsroom.toml"
    path.write_text(text)
    return path


def test_repository_config_loads() -> None:
    config = load_config(REPO / "newsroom.toml")
    assert config.site.title == "Ascent Solar Newsroom"
    assert config.site.timezone == "America/Denver"
    assert config.company.tickers == ("OTCQB:ASTI",)
    assert [c.role for c in config.contacts] == ["Media", "Investor Relations"]


def test_base_url_gets_trailing_slash_and_base_path(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[site]\nbase_url = "https://ex.com/news"\n'))
    assert config.site.base_url == "https://ex.com/news/"
    assert config.base_path == "/news/"


def test_defaults_without_file(tmp_path: Path) -> None:
    config = default_config(tmp_path)
    assert config.site.base_url == DEFAULT_BASE_URL
    assert config.site.per_page == 10


@pytest.mark.parametrize("text, expected", [
    ('[site]\ntitel = "x"\n', "newsroom.toml:2: unknown key 'site.titel'"),
    ('[site]\nper_page = "ten"\n', "newsroom.toml:2: 'site.per_page' must be a whole number"),
    ('[site]\ntimezone = "Mars/Olympus"\n', "newsroom.toml:2: 'site.timezone' is not a known time zone"),
    ('[site]\nbase_url = "example.com"\n', "'base_url' must be an absolute http(s) URL"),
    ('[sight]\ntitle = "x"\n', "newsroom.toml:1: unknown section or key 'sight'"),
    ('[company]\ntickers = "ASTI"\n', "'company.tickers' must be a list of strings"),
    ('[[contacts]]\nname = "A"\n', "'contacts' needs 'role'"),
    ('[site\n', "newsroom.toml"),
])
def test_config_errors_name_the_key(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text))
    assert expected in str(error.value)


def test_override_base_url_is_validated(tmp_path: Path) -> None:
    config = default_config(tmp_path)
    assert config.with_overrides(base_url="https://a.b").site.base_url == "https://a.b/"
    with pytest.raises(ConfigError, match="--base-url"):
        config.with_overrides(base_url="nope")


def test_config_file_must_set_base_url(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[site]\ntitle = "x"\n'))
    with pytest.raises(ConfigError, match=r"newsroom\.toml: 'site\.base_url' is not set.*--base-url"):
        config.require_base_url()
    config.with_overrides(base_url="https://a.b/").require_base_url()
    with pytest.raises(ConfigError):
        config.with_overrides(theme="default").require_base_url()
    load_config(write(tmp_path, '[site]\nbase_url = "https://a.b/"\n')).require_base_url()
    default_config(tmp_path).require_base_url()


def test_build_without_base_url_fails_unless_given(tmp_path: Path) -> None:
    write(tmp_path, '[site]\ntitle = "Acme"\n')
    write_release(tmp_path, "a.md", "title: Hello\ndate: 2020-05-01")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "newsroom.toml: 'site.base_url' is not set" in result.stderr
    assert not (tmp_path / "site").exists()
    run_cli("build", "--base-url", "https://ir.acme.example/", cwd=tmp_path, check=True)
    assert "https://ir.acme.example/releases/2020/05/hello/" in (tmp_path / "site/feed.xml").read_text()

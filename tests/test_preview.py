"""The serve loop's pieces: errors for the overlay, draft banners, addresses, the preview folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from newsroom.config import default_config
from newsroom.content import load_releases
from newsroom.errors import ConfigError, ContentError, ErrorGroup, ThemeError
from newsroom.markup import Renderer
from newsroom.preview import draft_banners, error_items, is_loopback, local_url, preview_folder
from newsroom.site import plan_site
from tests.conftest import write_release

UTC = ZoneInfo("UTC")


def test_error_items_name_file_and_line() -> None:
    errors = ErrorGroup([ContentError(Path("content/releases/a.md"), 3, "'date': bad"),
                         ThemeError("themes/x/templates/release.html:12: template syntax error: oops"),
                         ConfigError("newsroom.toml:2: 'site.timezone' is not a known time zone"),
                         ThemeError("theme 'nope' not found")])
    assert error_items(errors) == (
        {"file": "content/releases/a.md", "line": 3, "message": "'date': bad"},
        {"file": "themes/x/templates/release.html", "line": 12, "message": "template syntax error: oops"},
        {"file": "newsroom.toml", "line": 2, "message": "'site.timezone' is not a known time zone"},
        {"file": None, "line": None, "message": "theme 'nope' not found"},
    )


def test_draft_banners_mark_drafts_and_scheduled_releases(tmp_path: Path) -> None:
    write_release(tmp_path, "a.md", "title: Draft One\ndate: 2020-01-01\ndraft: true")
    write_release(tmp_path, "b.md", "title: Later One\ndate: 2030-01-01")
    write_release(tmp_path, "c.md", "title: Out Now\ndate: 2020-02-01")
    site = plan_site(default_config(tmp_path), load_releases(tmp_path / "content", UTC), Renderer(),
                     datetime(2025, 1, 1, tzinfo=UTC), drafts=True)
    banners = draft_banners(site)
    assert banners["releases/2020/01/draft-one/"].startswith("Draft: not published.")
    assert banners["releases/2030/01/later-one/"].startswith("Scheduled for 2030-01-01T00:00:00+00:00")
    assert "releases/2020/02/out-now/" not in banners and banners["*"].startswith("Preview with drafts")


def test_addresses_and_folders(tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.com")
    assert local_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert local_url("::1", 8001) == "http://[::1]:8001/"
    assert preview_folder(tmp_path, drafts=False) == tmp_path / ".newsroom-cache/serve"
    assert preview_folder(tmp_path, drafts=True) == tmp_path / ".newsroom-cache/preview"

"""The built seeds' site opens in a real browser (Playwright driving Debian's Chromium)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli, serve_folder


def test_site_opens_and_links_work(project: Path, page) -> None:
    run_cli("build", cwd=project, check=True)
    with serve_folder(project / "site") as base:
        page.goto(base)
        assert page.title() == "Ascent Solar Newsroom"
        page.get_by_role("link", name="Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering").click()
        page.wait_for_url("**/releases/2017/07/ascent-solar-names-miguel-contreras/")
        assert "Dr. Contreras" in page.locator("article").inner_text()

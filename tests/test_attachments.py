"""A release's image and attachments: read from the folder beside it, checked, and every
problem an error naming the front-matter line; a scheduled release's files are in no output."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from newsroom.errors import ContentError, ErrorGroup
from newsroom.stages.content import load_release, load_releases
from tests.conftest import run_cli, tree_digest, write_release

TZ = ZoneInfo("America/Denver")


def picture(path: Path, size: tuple[int, int] = (1200, 800), kind: str = "PNG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (30, 90, 160)).save(path, kind)
    return path


def release_with(root: Path, front: str, name: str = "2024/acme-q3.md") -> Path:
    """content/releases/2024/acme-q3.md with `front` added, and its folder."""
    (root / "content/releases" / name).with_suffix("").mkdir(parents=True, exist_ok=True)
    return write_release(root, name, f"title: Acme Q3 Results\ndate: 2024-10-20T08:00:00-04:00\n{front}")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    picture(tmp_path / "content/releases/2024/acme-q3/plant.png")
    (tmp_path / "content/releases/2024/acme-q3/statements.pdf").write_bytes(b"%PDF-1.4 statements\n")
    return tmp_path / "content/releases/2024/acme-q3"


def test_files_are_read_with_their_digest_size_type_and_pixels(tmp_path: Path, folder: Path) -> None:
    path = release_with(tmp_path, "image:\n  file: plant.png\n  alt: The plant\n"
                        "attachments:\n  - statements.pdf\n  - file: plant.png\n    title: Photo\n")
    release = load_release(path, TZ)
    assert release.image is not None and (release.image.width, release.image.height) == (1200, 800)
    assert release.image.alt == "The plant" and release.image.mime == "image/png" and release.image.line == 5
    pdf, png = release.attachments
    assert (pdf.name, pdf.mime, pdf.size, pdf.line) == ("statements.pdf", "application/pdf", 20, 8)
    assert pdf.sha256 == hashlib.sha256(b"%PDF-1.4 statements\n").hexdigest()
    assert (png.title, png.line, png.image_format) == ("Photo", 9, "PNG")


BAD = {
    "missing": ("attachments:\n  - statements.pdf\n  - minutes.pdf\n", 6, "attachment 'minutes.pdf' not found"),
    "dot-dot": ("attachments:\n  - ../acme-q2/statements.pdf\n", 5, "is outside the release's folder"),
    "absolute": ("attachments:\n  - file: /etc/passwd\n", 5, "is outside the release's folder"),
    "link out": ("attachments:\n  - link.pdf\n", 5, "is a link to a file outside the release's folder"),
    "not an image": ("image:\n  file: fake.png\n  alt: A chart\n", 5, "'fake.png' is not the PNG image its name claims"),
    "another format": ("image:\n  file: photo.png\n  alt: A photo\n", 5, "(it is a JPEG image)"),
    "truncated": ("attachments:\n  - cut.png\n", 5, "'cut.png' is not a valid PNG image"),
    "no alt": ("image:\n  file: plant.png\n", 4, "'image' needs 'alt'"),
    "a PDF as image": ("image: {file: statements.pdf, alt: Statements}\n", 4, "is not a picture a browser shows"),
    "unknown key": ("attachments:\n  - file: statements.pdf\n    caption: Q3\n", 6, "unknown key 'caption'"),
    "twice": ("attachments:\n  - statements.pdf\n  - file: statements.pdf\n", 6, "listed twice (first on line 5)"),
}


@pytest.mark.parametrize("case", BAD)
def test_each_bad_file_is_an_error_at_its_line(tmp_path: Path, folder: Path, case: str) -> None:
    front, line, message = BAD[case]
    (folder / "fake.png").write_text("not a picture")
    picture(folder / "photo.png", kind="JPEG")
    (folder / "cut.png").write_bytes(picture(folder / "whole.png").read_bytes()[:300])
    os.symlink(tmp_path / "secret.pdf", folder / "link.pdf")
    (tmp_path / "secret.pdf").write_bytes(b"%PDF secret")
    path = release_with(tmp_path, front)
    with pytest.raises((ContentError, ErrorGroup)) as raised:
        load_release(path, TZ)
    error = raised.value if isinstance(raised.value, ContentError) else raised.value.errors[0]
    assert error.line == line and message in error.message, str(raised.value)


def test_a_folder_that_is_a_link_out_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "statements.pdf").write_bytes(b"%PDF")
    path = write_release(tmp_path, "2024/acme-q3.md", "title: Q3\ndate: 2024-10-20\nattachments: [statements.pdf]")
    os.symlink(outside, path.with_suffix(""))
    with pytest.raises(ContentError, match=r"acme-q3.md:4: attachment 'statements.pdf' is a link to a file outside"):
        load_release(path, TZ)


def test_cli_errors_are_one_line_each_and_the_site_stays(project: Path) -> None:
    run_cli("build", "--now", "2026-01-01", cwd=project, check=True)
    before = tree_digest(project / "site")
    july = project / "content/releases/2017/ascent-solar-names-miguel-contreras.md"
    july.write_text(july.read_text().replace("file: fact-sheet.pdf", "file: ../secured-notes.pdf"))
    (july.with_suffix("") / "thin-film-module.png").write_bytes(b"GIF89a not really")
    result = run_cli("build", "--now", "2026-01-01", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(f"error: {july.relative_to(project)}:12: 'thin-film-module.png' is not the PNG image")
               for line in lines), result.stderr
    assert any(line.startswith(f"error: {july.relative_to(project)}:15: attachment '../secured-notes.pdf' is "
                               "outside the release's folder") for line in lines), result.stderr
    assert tree_digest(project / "site") == before


def test_a_scheduled_releases_files_are_in_no_output_until_its_time(project: Path) -> None:
    """Not as a file, not as a name or a digest in any page, feed, sitemap or search shard."""
    folder = project / "content/releases/2026/acme-q3"
    picture(folder / "embargoed-chart.png", (900, 500))
    (folder / "embargoed-statements.pdf").write_bytes(b"%PDF-1.4 secret numbers\n")
    write_release(project, "2026/acme-q3.md", "title: Q3 Record Results\ndate: 2026-03-01T08:00:00-05:00\n"
                  "image: {file: embargoed-chart.png, alt: Revenue by quarter}\nattachments: [embargoed-statements.pdf]")
    digests = [hashlib.sha256(p.read_bytes()).hexdigest()[:8] for p in sorted(folder.iterdir())]
    for args in ((), ("--no-cache",)):
        run_cli("build", "--now", "2026-02-28T12:00:00-05:00", *args, cwd=project, check=True)
        for path in (project / "site").rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert b"embargoed" not in data and b"Revenue by quarter" not in data, path
                assert not any(digest.encode() in data for digest in digests), path
    run_cli("build", "--now", "2026-03-01T08:00:00-05:00", cwd=project, check=True)
    published = project / "site/releases/2026/03/q3-record-results"
    names = sorted(p.name for p in published.iterdir())
    resized = [name for name in names if name.startswith("embargoed-chart-480w.")]
    assert names == sorted([f"embargoed-chart.{digests[0]}.png", f"embargoed-statements.{digests[1]}.pdf",
                            "index.html", *resized]) and len(resized) == 1
    assert (published / f"embargoed-statements.{digests[1]}.pdf").read_bytes() == b"%PDF-1.4 secret numbers\n"


def test_a_markdown_file_beside_a_release_is_one_of_its_files_not_a_release(tmp_path: Path, folder: Path) -> None:
    (folder / "remarks.md").write_text("# Prepared remarks\n")
    release_with(tmp_path, "attachments: [remarks.md]")
    [release] = load_releases(tmp_path / "content", TZ)
    assert [item.name for item in release.attachments] == ["remarks.md"]
    assert release.attachments[0].mime == "text/markdown"

"""A release's files on the built site, through real clients: the page's picture in Chromium
(loaded, with its srcset), the Downloads over HTTP from `newsroom serve`, enclosures in
feedparser, og:image for a picture or the site's logo; resized copies the same every build."""

from __future__ import annotations

import hashlib
import http.client
import io
import re
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from newsroom.stages.attachments import describe
from newsroom.stages.media import Resized, picture_of, resize
from tests.conftest import THEMES, run_cli, serve_folder, write_release
from tests.test_serve import Preview

NOW = "2026-01-01T00:00:00+00:00"
JULY = "content/releases/2017/ascent-solar-names-miguel-contreras"
JULY_URL = "releases/2017/07/ascent-solar-names-miguel-contreras/"


def sha8(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:8]


def with_second_attachment(project: Path) -> Path:
    """The sample release with a spreadsheet too, after its PDF, named as people name files."""
    folder = project / JULY
    (folder / "Q3 figures #1, final.xlsx").write_bytes(b"PK\x03\x04 not really a workbook" * 100)
    release = folder.with_suffix(".md")
    title = "    title: Ascent Solar fact sheet, July 2017\n"
    release.write_text(release.read_text().replace(title, f"{title}  - 'Q3 figures #1, final.xlsx'\n"))
    return folder


def test_files_are_copied_under_hashed_names_with_resized_pictures(project: Path) -> None:
    run_cli("build", "--now", NOW, cwd=project, check=True)
    folder, out = project / JULY, project / "site" / JULY_URL
    assert (out / f"fact-sheet.{sha8(folder / 'fact-sheet.pdf')}.pdf").read_bytes() == (folder / "fact-sheet.pdf").read_bytes()
    original = out / f"thin-film-module.{sha8(folder / 'thin-film-module.png')}.png"
    assert original.read_bytes() == (folder / "thin-film-module.png").read_bytes()
    [small] = out.glob("thin-film-module-480w.*.png")
    with Image.open(small) as image:
        assert image.format == "PNG" and image.size == (480, 270)
    html = (out / "index.html").read_text()
    assert f'srcset="/{JULY_URL}{small.name} 480w, /{JULY_URL}{original.name} 800w"' in html
    assert 'width="800" height="450"' in html and 'alt="Drawing of a flexible thin-film solar module' in html
    assert re.search(r'<h2 id="downloads-heading">Downloads</h2>', html)
    assert f'href="/{JULY_URL}fact-sheet.{sha8(folder / "fact-sheet.pdf")}.pdf" type="application/pdf" ' \
           f'download="fact-sheet.pdf">Ascent Solar fact sheet, July 2017</a> <span class="file-meta">PDF, 4 KB</span>' in html


@pytest.mark.parametrize("kind, mode", [("PNG", "RGBA"), ("JPEG", "RGB"), ("WEBP", "RGB")])
def test_a_resized_picture_is_the_same_bytes_every_time(tmp_path: Path, kind: str, mode: str) -> None:
    source = tmp_path / f"photo.{kind.lower()}"
    image = Image.new(mode, (1700, 900))
    image.putdata([(x % 256, (x * 7) % 256, (x * 13) % 256, 255)[:len(mode)] for x in range(1700 * 900)])
    image.save(source, kind)
    item = Resized(str(source), hashlib.sha256(source.read_bytes()).hexdigest(), 960, 508, kind)
    made = resize(item)
    assert made == resize(item)
    with Image.open(io.BytesIO(made)) as small:
        assert small.format == kind and small.size == (960, 508) and not small.info.get("exif")


def test_feed_readers_see_the_attachments_as_enclosures(project: Path) -> None:
    folder = with_second_attachment(project)
    run_cli("build", "--now", NOW, cwd=project, check=True)
    base = "https://newsroom.ascentsolar.example/" + JULY_URL
    pdf = (base + f"fact-sheet.{sha8(folder / 'fact-sheet.pdf')}.pdf", "application/pdf",
           str((folder / "fact-sheet.pdf").stat().st_size))
    xlsx = (base + f"Q3%20figures%20%231%2C%20final.{sha8(folder / 'Q3 figures #1, final.xlsx')}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "2600")

    def enclosures(feed: str) -> dict[str, list[tuple[str, str, str]]]:
        parsed = feedparser.parse((project / "site" / feed).read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        return {entry.link: [(e.href, e.type, e.length) for e in entry.enclosures] for entry in parsed.entries}

    atom, rss, tag = enclosures("atom.xml"), enclosures("feed.xml"), enclosures("tags/management/feed.xml")
    assert atom[base] == [pdf, xlsx]  # Atom: every attachment, in order
    assert rss[base] == tag[base] == [pdf]  # RSS: one enclosure an item, the first
    assert all(not found for link, found in atom.items() if link != base)
    parsed = feedparser.parse((project / "site/atom.xml").read_bytes())
    entry = next(e for e in parsed.entries if e.link == base)
    assert [link.rel for link in entry.links] == ["alternate", "enclosure", "enclosure"]


def test_the_site_logo_is_og_image_where_a_page_has_no_picture(project: Path) -> None:
    config = project / "newsroom.toml"
    config.write_text(config.read_text().replace('description = "Press releases',
                                                 'logo = "favicon.svg"\ndescription = "Press releases', 1))
    run_cli("build", "--now", NOW, cwd=project, check=True)
    home = (project / "site/index.html").read_text()
    logo = re.search(r'<meta property="og:image" content="([^"]+)">', home)
    assert logo and re.fullmatch(r"https://newsroom\.ascentsolar\.example/assets/favicon\.[0-9a-f]{8}\.svg", logo[1])
    assert (project / "site" / logo[1].split(".example/", 1)[1]).is_file()
    assert '<meta name="twitter:card" content="summary">' in home
    july = (project / "site" / JULY_URL / "index.html").read_text()
    assert july.count('property="og:image"') == 1 and "thin-film-module" in re.search(r'og:image" content="([^"]+)"', july)[1]
    config.write_text(config.read_text().replace('logo = "favicon.svg"', 'logo = "https://cdn.example/ir/logo.png"'))
    run_cli("build", "--now", NOW, cwd=project, check=True)
    assert '<meta property="og:image" content="https://cdn.example/ir/logo.png">' in (project / "site/index.html").read_text()
    config.write_text(config.read_text().replace('logo = "https://cdn.example/ir/logo.png"', 'logo = "../secret.png"'))
    result = run_cli("build", "--now", NOW, cwd=project)
    assert result.returncode == 1 and re.search(r"newsroom\.toml:\d+: 'site\.logo' must be a file among", result.stderr)


@pytest.mark.parametrize("theme", THEMES)
def test_chromium_shows_the_picture_and_its_srcset(project: Path, page, theme: str) -> None:
    run_cli("build", "--now", NOW, "--theme", theme, cwd=project, check=True)
    with serve_folder(project / "site") as base:
        for width, wanted in ((375, "480w"), (1280, "thin-film-module.")):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + JULY_URL)
            image = page.locator(".release-image img")
            image.wait_for()
            page.wait_for_function("document.querySelector('.release-image img').complete")
            loaded = image.evaluate("i => ({w: i.naturalWidth, h: i.naturalHeight, src: i.currentSrc, "
                                    "srcset: i.getAttribute('srcset'), shown: i.getBoundingClientRect().width})")
            assert loaded["w"] > 0 and loaded["h"] > 0, loaded
            assert loaded["srcset"].count(" 480w") == 1 and loaded["srcset"].endswith(" 800w")
            assert wanted.rstrip("w") in loaded["src"] or wanted in loaded["srcset"], loaded
            assert 0 < loaded["shown"] <= width
            assert page.get_by_role("heading", name="Downloads").is_visible()


def test_downloads_come_over_http_from_the_preview_server(project: Path) -> None:
    folder = with_second_attachment(project)
    preview = Preview(project)
    try:
        status, _, html = preview.get("/" + JULY_URL)
        assert status == 200
        links = re.findall(r'<a href="(/releases/[^"]+)" type="([^"]+)" download="([^"]+)"', html)
        assert [name for _, _, name in links] == ["fact-sheet.pdf", "Q3 figures #1, final.xlsx"]
        for href, media_type, name in links:
            connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
            connection.request("GET", href)
            response = connection.getresponse()
            assert response.status == 200 and response.read() == (folder / name).read_bytes(), href
            connection.close()
        sources = re.search(r'srcset="([^"]+)"', html)[1]
        for candidate in sources.split(", "):
            connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
            connection.request("GET", candidate.split(" ")[0])
            response = connection.getresponse()
            with Image.open(io.BytesIO(response.read())) as image:
                assert response.status == 200 and image.width == int(candidate.split(" ")[1].rstrip("w"))
            connection.close()
        (folder / "fact-sheet.pdf").write_bytes(b"%PDF-1.4 corrected\n")  # the watcher sees it: served anew
        corrected = f"/{JULY_URL}fact-sheet.{sha8(folder / 'fact-sheet.pdf')}.pdf"
        preview.wait_for_text("/" + JULY_URL, corrected)
        assert preview.get(corrected)[2] == "%PDF-1.4 corrected\n"
    finally:
        preview.stop()


def test_a_release_without_files_has_no_downloads_or_picture(project: Path) -> None:
    write_release(project, "2017/plain.md", "title: Plain News\ndate: 2017-08-01")
    run_cli("build", "--now", NOW, cwd=project, check=True)
    html = (project / "site/releases/2017/08/plain-news/index.html").read_text()
    assert "Downloads" not in html and "release-image" not in html and 'content="summary"' in html
    assert sorted(p.name for p in (project / "site/releases/2017/08/plain-news").iterdir()) == ["index.html"]


def test_a_gif_is_sent_as_it_is_and_a_turned_photo_as_it_is_seen(tmp_path: Path) -> None:
    release = tmp_path / "acme.md"
    (tmp_path / "acme").mkdir()
    Image.new("P", (2000, 1000)).save(tmp_path / "acme/moving.gif")
    gif = picture_of("releases/2024/10/acme/", describe(release, "moving.gif", 5, tmp_path / "acme/moving.gif", alt="A"))
    assert [width for _, width in gif.candidates] == [2000] and len(gif.outputs) == 1
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the camera turned: shown a quarter turn round
    Image.new("RGB", (1200, 800), (10, 20, 30)).save(tmp_path / "acme/turned.jpg", exif=exif)
    item = describe(release, "turned.jpg", 5, tmp_path / "acme/turned.jpg", alt="A")
    assert (item.width, item.height) == (800, 1200)
    turned = picture_of("releases/2024/10/acme/", item)
    assert [width for _, width in turned.candidates] == [480, 800]
    [(_, resized)] = [output for output in turned.outputs if isinstance(output[1], Resized)]
    with Image.open(io.BytesIO(resize(resized))) as small:
        assert small.size == (480, 720) and not small.getexif().get(0x0112)

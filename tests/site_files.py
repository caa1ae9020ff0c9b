"""Read a built site the way a leak hunter would: every file, compressed ones opened, every link."""

from __future__ import annotations

import gzip
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file under folder → its bytes, decompressed when it is gzip or zlib data."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            files[path.relative_to(folder).as_posix()] = decompressed(path.read_bytes())
    return files


def decompressed(data: bytes) -> bytes:
    """gzip (by magic number, whatever the file is called) or zlib data opened; else as is."""
    if data[:2] == b"\x1f\x8b":
        return decompressed(gzip.decompress(data))
    if data[:1] == b"\x78" and data[1:2] in (b"\x01", b"\x5e", b"\x9c", b"\xda"):
        try:
            return zlib.decompress(data)
        except zlib.error:
            return data
    return data


def files_mentioning(files: dict[str, bytes], word: str) -> list[str]:
    """Paths whose name or bytes contain word (case-insensitive)."""
    needle = word.lower().encode()
    return [rel for rel, data in files.items() if needle in rel.lower().encode() or needle in data.lower()]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.links


def broken_links(folder: Path, base_url: str) -> list[str]:
    """Links in any HTML page, inside the site, that lead to no output file."""
    base_path = urlsplit(base_url).path or "/"
    broken = []
    for page in sorted(folder.rglob("*.html")):
        for link in links_of(page.read_text(encoding="utf-8")):
            path = link[len(base_url) - len(base_path):] if link.startswith(base_url) else link
            if not path.startswith(base_path) or path.startswith("//"):
                continue
            rel = unquote(urlsplit(path).path)[len(base_path):]
            target = folder / rel
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(folder)} -> {link}")
    return broken

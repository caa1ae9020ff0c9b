"""What a release page and its feeds show of the release's files, and the files the site gets
of them: each attachment under a content-hashed name beside the page, and its picture in the
sizes of a responsive `srcset`, resized by Pillow to the same bytes every build."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from newsroom.errors import NewsroomError
from newsroom.stages.attachments import Attachment
from newsroom.util.files import digest_name

VARIANT_WIDTHS = (480, 960, 1600)  # pixels: a phone, a desktop column, a sharing card
PAGE_WIDTH = 960  # the `src` a browser without srcset loads
SHARE_WIDTH = 1600  # the widest og:image worth sending
RESIZED = ("PNG", "JPEG", "WEBP")  # a GIF may move: it is only ever sent as it is
SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"  # the release column: at most 46rem, else the screen


@dataclass(frozen=True)
class Resized:
    """A smaller copy of a picture: made by `resize` from the file whose digest it names."""

    source: str
    sha256: str
    width: int
    height: int
    image_format: str


@dataclass(frozen=True)
class Picture:
    """A release's image as a page shows it: `src`, the `srcset` candidates, its size in pixels."""

    url: str  # site-relative, like every URL a template gets: pass it through url()
    width: int
    height: int
    alt: str
    mime: str
    candidates: tuple[tuple[str, int], ...]  # (url, width in pixels), narrowest first
    share_url: str  # og:image
    share_width: int
    share_height: int
    sizes: str = SIZES
    outputs: tuple[tuple[str, str | Resized], ...] = ()  # (output path, source path or Resized)


@dataclass(frozen=True)
class Download:
    """An attachment as the Downloads list and the feeds' enclosures show it."""

    url: str  # the output path, %-escaped: a file may be named `Q3 #1.pdf`
    title: str
    file_name: str
    kind: str  # "PDF", "XLSX": what a reader recognises
    mime: str
    size: int
    size_label: str  # "182 KB"
    source: str
    path: str = ""  # where the copy goes in the site


def download_of(base: str, item: Attachment) -> Download:
    """An attachment published as `base` + its hashed name (base: the release page's URL)."""
    suffix = PurePosixPath(item.file_name).suffix
    path = base + digest_name(item.file_name, item.sha256)
    return Download(url=quote(path), title=item.title or item.file_name, file_name=item.file_name,
                    kind=suffix.lstrip(".").upper() or "File", mime=item.mime, size=item.size,
                    size_label=size_label(item.size), source=item.source, path=path)


def picture_of(base: str, item: Attachment) -> Picture:
    """The image, and the smaller copies a browser may pick from instead."""
    original = base + digest_name(item.file_name, item.sha256)
    candidates: list[tuple[str, int, int]] = []
    outputs: list[tuple[str, str | Resized]] = [(original, item.source)]
    if item.image_format in RESIZED:
        for width in VARIANT_WIDTHS:
            if width >= item.width:
                break
            height = max(1, round(item.height * width / item.width))
            stem, suffix = PurePosixPath(item.file_name).stem, PurePosixPath(item.file_name).suffix
            digest = hashlib.sha256(f"{item.sha256}:{width}x{height}".encode()).hexdigest()
            path = base + digest_name(f"{stem}-{width}w{suffix}", digest)
            candidates.append((quote(path), width, height))
            outputs.append((path, Resized(item.source, item.sha256, width, height, item.image_format)))
    candidates.append((quote(original), item.width, item.height))
    page = max((c for c in candidates if c[1] <= PAGE_WIDTH), key=lambda c: c[1], default=candidates[0])
    share = max((c for c in candidates if c[1] <= SHARE_WIDTH), key=lambda c: c[1], default=candidates[0])
    return Picture(url=page[0], width=item.width, height=item.height, alt=item.alt, mime=item.mime,
                   candidates=tuple((url, width) for url, width, _ in candidates),
                   share_url=share[0], share_width=share[1], share_height=share[2], outputs=tuple(outputs))


def size_label(size: int) -> str:
    """Bytes as a reader reads them: 912 bytes, 182 KB, 4.2 MB (1 KB = 1,024 bytes)."""
    if size < 1024:
        return f"{size:,} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024):,} KB"
    return f"{size / 1024 / 1024:,.1f} MB"


def release_outputs(picture: Picture | None, downloads: tuple[Download, ...]) -> dict[str, str | Resized]:
    """Each file the site gets of a release's image and attachments, by output path."""
    found: dict[str, str | Resized] = dict(picture.outputs) if picture is not None else {}
    found.update((item.path, item.source) for item in downloads)
    return found


def resize(item: Resized) -> bytes:
    """A smaller copy of the picture, the same bytes every time: no metadata, fixed settings.
    The file is read again and must still be the one the release was read with."""
    from PIL import Image, ImageOps  # only a site with pictures loads Pillow

    data = Path(item.source).read_bytes()
    if hashlib.sha256(data).hexdigest() != item.sha256:
        raise NewsroomError(f"{item.source}: changed while the site was being built; build again")
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)  # as a browser shows the original
        if item.image_format == "JPEG":
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        small = image.resize((item.width, item.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if item.image_format == "JPEG":
        small.save(out, "JPEG", quality=85)
    elif item.image_format == "WEBP":
        small.save(out, "WEBP", quality=85, method=4)
    else:
        small.save(out, "PNG")
    return out.getvalue()

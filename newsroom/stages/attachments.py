"""A release's files: the image and the attachments its front matter names, found in the
folder beside it (`2024/acme-q3.md` keeps them in `2024/acme-q3/`), checked once as the release
is read, so that a missing file, a path out of the folder or an image that is not one is an
error naming its front-matter line."""

from __future__ import annotations

import mimetypes
import os
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from newsroom.errors import ContentError
from newsroom.util.files import file_sha256

# What a browser shows in an <img>, by the extension that claims it, and the format Pillow reads.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
IMAGE_KEYS = ("file", "alt")
ATTACHMENT_KEYS = ("file", "title")
Signature = tuple[int, int, int]


@dataclass(frozen=True)
class Attachment:
    """One file of a release, as read: where it is, what it holds (by digest), what it is."""

    name: str  # as the front matter writes it: relative to the release's folder
    line: int
    source: str  # its absolute path
    sha256: str
    size: int
    mime: str
    title: str = ""
    alt: str = ""
    width: int = 0  # images only: as a browser shows it (EXIF rotation applied)
    height: int = 0
    image_format: str = ""  # images only: PNG, JPEG, WEBP or GIF
    signature: Signature | None = field(default=None, compare=False)  # (mtime_ns, size, inode) when read

    @property
    def file_name(self) -> str:
        return PurePosixPath(self.name).name


def release_folder(path: Path) -> Path:
    """Where a release's files are: beside it, in the folder named as the file without `.md`."""
    return path.parent / path.stem


def file_signature(path: str) -> Signature | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def files_changed(image: Attachment | None, attachments: tuple[Attachment, ...]) -> bool:
    """A file of the release is no longer the one read (a stat each, no reading)."""
    return any(file_signature(item.source) != item.signature
               for item in (*attachments, *((image,) if image is not None else ())))


def release_files(path: Path, data: dict[str, Any], lines: dict[str, int]
                  ) -> tuple[Attachment | None, tuple[Attachment, ...], list[ContentError]]:
    """The `image` and `attachments` of a release's front matter, read and checked; every
    problem is collected, each at its own line."""
    errors: list[ContentError] = []
    image = None
    if data.get("image") is not None:
        try:
            image = read_image(path, data["image"], lines)
        except ContentError as exc:
            errors.append(exc)
    attachments: list[Attachment] = []
    value = data.get("attachments")
    if value is not None:
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            where = lines.get(f"attachments.{index}", lines.get("attachments", 1)) if isinstance(value, list) \
                else lines.get("attachments", 1)
            try:
                attachments.append(read_attachment(path, item, where, f"attachments.{index}", lines))
            except ContentError as exc:
                errors.append(exc)
    seen: dict[str, Attachment] = {}
    for item in attachments:
        first = seen.setdefault(item.name, item)
        if first is not item:
            errors.append(ContentError(path, item.line, f"attachment {item.name!r} is listed twice "
                                       f"(first on line {first.line})"))
    return image, tuple(attachments), errors


def read_image(path: Path, value: Any, lines: dict[str, int]) -> Attachment:
    """`image: {file: plant.png, alt: "…"}`: a picture the page shows, with its description."""
    line = lines.get("image", 1)
    example = "write it as image: {file: plant.png, alt: \"What the picture shows\"}"
    if not isinstance(value, dict):
        raise ContentError(path, line, f"'image' needs a file and a description of it: {example}")
    unknown(path, value, IMAGE_KEYS, "image", lines)
    alt = value.get("alt")
    if not isinstance(alt, str) or not " ".join(alt.split()):
        raise ContentError(path, lines.get("image.alt", line), "'image' needs 'alt': a description of "
                           f"the picture for readers who cannot see it; {example}")
    name = value.get("file")
    found = find_file(path, name, lines.get("image.file", line), "image")
    if found.suffix.lower() not in IMAGE_FORMATS:
        raise ContentError(path, lines.get("image.file", line), f"image {name!r} is not a picture a browser "
                           f"shows: use a {', '.join(sorted({f for f in IMAGE_FORMATS.values()}))} file")
    return describe(path, str(name), lines.get("image.file", line), found, alt=" ".join(alt.split()))


def read_attachment(path: Path, item: Any, line: int, key: str, lines: dict[str, int]) -> Attachment:
    """`- statements.pdf` or `- {file: statements.pdf, title: Financial statements}`."""
    if isinstance(item, dict):
        unknown(path, item, ATTACHMENT_KEYS, key, lines)
        name, title = item.get("file"), item.get("title")
        if title is not None and not isinstance(title, str):
            raise ContentError(path, lines.get(f"{key}.title", line), "an attachment's 'title' must be text")
        line = lines.get(f"{key}.file", line)
    else:
        name, title = item, None
    found = find_file(path, name, line, "attachment")
    return describe(path, str(name), line, found, title=" ".join((title or "").split()))


def unknown(path: Path, value: dict[Any, Any], known: tuple[str, ...], key: str, lines: dict[str, int]) -> None:
    for name in value:
        if name not in known:
            raise ContentError(path, lines.get(f"{key}.{name}", lines.get(key, 1)),
                               f"unknown key {str(name)!r} in '{key.split('.')[0]}' (known: {', '.join(known)})")


def find_file(path: Path, name: Any, line: int, what: str) -> Path:
    """The file `name` in the release's folder; never one outside it, by `..`, an absolute
    path or a symbolic link (the folder's own included)."""
    folder = release_folder(path)
    if not isinstance(name, str) or not name.strip():
        example = "plant.png" if what == "image" else "statements.pdf"
        raise ContentError(path, line, f"the {what} needs a file name, e.g. {example} (kept in {folder}/)")
    parts = PurePosixPath(name).parts
    if name.startswith(("/", "~")) or "\\" in name or "\x00" in name or ".." in parts or ":" in parts[0]:
        raise ContentError(path, line, f"{what} {name!r} is outside the release's folder {folder}/: "
                           "name a file in it, e.g. statements.pdf")
    found = folder / name
    if not os.path.lexists(found):
        raise ContentError(path, line, f"{what} {name!r} not found: put the file in {folder}/")
    inside = Path(os.path.realpath(path.parent)) / path.stem
    if not Path(os.path.realpath(found)).is_relative_to(inside):
        raise ContentError(path, line, f"{what} {name!r} is a link to a file outside the release's folder "
                           f"{folder}/ ({os.path.realpath(found)})")
    try:
        mode = os.stat(found).st_mode
    except OSError as exc:
        raise ContentError(path, line, f"{what} {name!r} cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise ContentError(path, line, f"{what} {name!r} is not a regular file")
    return found


def describe(path: Path, name: str, line: int, found: Path, title: str = "", alt: str = "") -> Attachment:
    """The file read: its digest, size, type and, for a picture, its size in pixels."""
    signature = file_signature(str(found))
    try:
        digest = file_sha256(found)
    except OSError as exc:
        raise ContentError(path, line, f"{name!r} cannot be read: {exc.strerror}") from None
    if signature is None:
        raise ContentError(path, line, f"{name!r} was removed while it was read")
    mime = media_types().guess_type(found.name)[0] or "application/octet-stream"
    claimed = IMAGE_FORMATS.get(found.suffix.lower())
    width = height = 0
    if claimed is not None:
        width, height = check_image(path, name, line, found, claimed)
    return Attachment(name=str(PurePosixPath(name)), line=line, source=os.path.abspath(found), sha256=digest,
                      size=signature[1], mime=mime, title=title, alt=alt,
                      width=width, height=height, image_format=claimed or "", signature=signature)


def check_image(path: Path, name: str, line: int, found: Path, claimed: str) -> tuple[int, int]:
    """(width, height) of a picture that is what its name claims, decoded whole by Pillow;
    else the line's error."""
    from PIL import Image, UnidentifiedImageError  # here: only releases with pictures load Pillow

    try:
        with Image.open(found) as image:
            actual = image.format
            image.verify()
        if actual != claimed:
            raise ContentError(path, line, f"{name!r} is not the {claimed} image its name claims"
                               f"{f' (it is a {actual} image)' if actual else ''}")
        with Image.open(found) as image:
            image.load()  # verify() checks the structure; decoding finds a truncated picture
            width, height = image.size
            if image.getexif().get(0x0112) in (5, 6, 7, 8):  # EXIF orientation: turned a quarter
                width, height = height, width
    except ContentError:
        raise
    except UnidentifiedImageError:
        raise ContentError(path, line, f"{name!r} is not the {claimed} image its name claims "
                           "(Pillow cannot read it as a picture)") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ContentError(path, line, f"{name!r} is not a valid {claimed} image ({exc})") from None
    if width < 1 or height < 1:
        raise ContentError(path, line, f"{name!r} has no pixels")
    return width, height


# What IR sites attach that Python's table (older versions) lacks.
MORE_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".webp": "image/webp", ".mp4": "video/mp4", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".md": "text/markdown",
}


@cache
def media_types() -> mimetypes.MimeTypes:
    """Python's own table of types, not the system's /etc/mime.types: the same on every machine."""
    types = mimetypes.MimeTypes()
    for extension, media_type in MORE_TYPES.items():
        types.add_type(media_type, extension)
    return types

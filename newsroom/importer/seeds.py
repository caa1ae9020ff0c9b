"""Import raw wire releases into content files: decide, per seed, what to write, then write it safely."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsroom.errors import NewsroomError, WireError
from newsroom.importer.wire import (
    WireDraft,
    content_hash,
    parse_wire,
    recorded_hash,
    render_markdown,
    source_hash,
)
from newsroom.stages.content import (
    MAX_FILE_BYTES,
    parse_front_matter,
    split_front_matter,
)

CREATED, UPDATED, UNCHANGED, SKIPPED, ERROR = "created", "updated", "unchanged", "skipped", "error"


@dataclass(frozen=True)
class ImportResult:
    """What happened to one seed; `target` is where its content file is (or would be)."""

    seed: Path
    status: str
    target: Path | None = None
    draft: WireDraft | None = None
    message: str = ""
    notes: tuple[str, ...] = field(default=())


def find_seeds(paths: list[Path]) -> list[Path]:
    """Files named on the command line, and the *.txt files inside named folders, sorted."""
    seeds: list[Path] = []
    for path in paths:
        if path.is_dir():
            seeds.extend(sorted(p for p in path.glob("*.txt") if p.is_file() and not p.name.startswith(".")))
        else:
            seeds.append(path)
    return list(dict.fromkeys(seeds))


def read_seed(path: Path) -> tuple[bytes, str, list[str]]:
    """Raw bytes, text and warnings; non-UTF-8 text is read as Windows-1252, and we say so."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise WireError(f"file is larger than {MAX_FILE_BYTES:,} bytes: is this really a press release?")
        raw = path.read_bytes()
    except OSError as exc:
        raise WireError(f"cannot read file: {exc.strerror}") from None
    if b"\x00" in raw:
        raise WireError("file is binary (contains NUL bytes), not wire text")
    try:
        return raw, raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        warning = f"not UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); read as Windows-1252"
        return raw, raw.decode("cp1252", errors="replace"), [warning]


def source_name(seed: Path, root: Path) -> str:
    """How the front matter names a seed: relative to the project when inside it."""
    try:
        return seed.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return seed.resolve().as_posix()


def imported_files(into: Path) -> dict[str, Path]:
    """Existing content files under `into` by the seed they were imported from."""
    found: dict[str, Path] = {}
    if not into.is_dir():
        return found
    for path in sorted(into.rglob("*.md")):
        source = _front_matter(path).get("source")
        if isinstance(source, str) and source:
            found.setdefault(source, path)
    return found


def _front_matter(path: Path) -> dict[str, object]:
    try:
        front, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path)
        data, _ = parse_front_matter(front, path)
    except (OSError, UnicodeDecodeError, NewsroomError):
        return {}
    return data if isinstance(data, dict) else {}


def edited_by_hand(text: str) -> bool:
    """A content file whose bytes no longer hash to what the importer recorded was edited."""
    recorded = recorded_hash(text)
    return not recorded or recorded != content_hash(text)


def plan_import(seed: Path, into: Path, root: Path, existing: dict[str, Path],
                force: bool, today: date | None = None) -> tuple[ImportResult, str]:
    """Decide what importing one seed means, and the text to write ('' when nothing is written)."""
    try:
        raw, text, warnings = read_seed(seed)
        draft = parse_wire(text, today)
    except WireError as exc:
        return ImportResult(seed, ERROR, message=str(exc)), ""
    source = source_name(seed, root)
    notes = tuple(warnings) + draft.notes
    target = existing.get(source)
    slug = None
    if target is not None:
        slug = _front_matter(target).get("slug")
        slug = slug if isinstance(slug, str) else target.stem
    else:
        target = into / f"{draft.date:%Y}" / f"{draft.slug}.md"
    markdown = render_markdown(draft, source, source_hash(raw), slug=slug)
    if not target.exists():
        return ImportResult(seed, CREATED, target, draft, notes=notes), markdown
    try:
        current = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ImportResult(seed, ERROR, target, draft, f"cannot read {target}: {exc}", notes), ""
    if source not in existing and not force:
        return ImportResult(seed, ERROR, target, draft, f"{target} exists and was not imported from "
                            f"{source}; move it away or use --force to replace it", notes), ""
    if current == markdown:
        return ImportResult(seed, UNCHANGED, target, draft, notes=notes), ""
    if edited_by_hand(current) and not force:
        return ImportResult(seed, SKIPPED, target, draft, "edited by hand; --force replaces it", notes), ""
    return ImportResult(seed, UPDATED, target, draft, notes=notes), markdown


def import_seeds(seeds: list[Path], into: Path, root: Path, force: bool = False,
                 dry_run: bool = False, today: date | None = None) -> list[ImportResult]:
    """Import every seed; a bad seed is reported and never stops the others or leaves a half file.
    `today` places a dateline that names no year (the CLI passes the day it runs)."""
    existing = imported_files(into)
    results: list[ImportResult] = []
    claimed: dict[Path, Path] = {}
    for seed in seeds:
        result, markdown = plan_import(seed, into, root, existing, force, today)
        if result.target is not None and result.status != ERROR:
            other = claimed.setdefault(result.target.resolve(), seed)
            if other != seed:
                result = ImportResult(seed, ERROR, result.target, result.draft,
                                      f"{other} imports to the same file; give one of them another headline")
                markdown = ""
        if markdown and not dry_run:
            try:
                write_atomic(result.target, markdown)  # type: ignore[arg-type]
            except OSError as exc:
                result = ImportResult(seed, ERROR, result.target, result.draft,
                                      f"cannot write {result.target}: {exc.strerror}")
        results.append(result)
    return results


def write_atomic(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

"""What `newsroom publish` has deployed and alerted, kept on disk between runs.

A restart reads it: output already deployed is not deployed again, a release already alerted
is not alerted again, and a release that fell due while nothing ran is told apart from one
published before (`seen_at`). It lives in .newsroom-publish/, not in the build cache, which
may be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from newsroom.errors import NewsroomError
from newsroom.stages.output import MARKER

FOLDER = ".newsroom-publish"


@dataclass(frozen=True)
class PublishRecord:
    deployed: str | None = None  # the output's stamp when the deploy command last succeeded
    published: tuple[str, ...] = ()  # URLs of the releases published when last seen
    seen_at: float | None = None  # when the published site was last seen (a POSIX time)
    upcoming: tuple[tuple[str, str], ...] = ()  # the next scheduled releases: (ISO time, title)
    alerted: tuple[str, ...] = ()  # URLs of the releases whose alert was sent (or queued)
    built: str | None = None  # the output's stamp when `published` was last seen

    def but(self, **changes: Any) -> PublishRecord:
        return replace(self, **changes)


def record_folder(root: Path) -> Path:
    return root / FOLDER


def record_path(root: Path, output: Path) -> Path:
    """One record per output folder: a site published to two places keeps two."""
    key = hashlib.sha256(os.fsencode(os.path.abspath(output))).hexdigest()[:12]
    return record_folder(root) / f"record-{key}.json"


def load_record(path: Path) -> PublishRecord:
    """The record, or an empty one before the first run; a damaged record is an error, not a
    fresh start: a fresh start could alert investors twice."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return PublishRecord()
    except (OSError, ValueError) as exc:
        raise NewsroomError(f"{path}: cannot read the publish record ({exc}); fix or delete it "
                            "(deleting it may deploy once more; releases already published are not alerted)") from None
    try:
        return PublishRecord(deployed=data["deployed"], published=tuple(data["published"]),
                             seen_at=data["seen_at"], alerted=tuple(data["alerted"]), built=data["built"],
                             upcoming=tuple((str(t), str(title)) for t, title in data["upcoming"]))
    except (KeyError, TypeError, ValueError):
        raise NewsroomError(f"{path}: the publish record is not one Newsroom wrote; fix or delete it") from None


def save_record(path: Path, record: PublishRecord) -> None:
    """Written whole then renamed over the old one: a kill leaves the old record or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(record)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1, sort_keys=True)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def output_stamp(output: Path) -> str:
    """What the output folder holds, cheaply: each file's path, size and mtime. A build keeps an
    unchanged file as it was (a hard link, same mtime), so the stamp changes when files do. The
    folder's marker is written at every swap, even of a site that did not change: it is left out."""
    digest = hashlib.sha256()
    for folder, dirs, files in sorted(os.walk(output)):
        dirs.sort()
        for name in sorted(files):
            if name == MARKER and folder == os.fspath(output):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path, follow_symlinks=False)
            except OSError:
                continue
            digest.update(f"{os.path.relpath(path, output)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()

"""Golden output: the seeds' site compared with a checked-in copy, so a diff shows what changed.

After an intended change, refresh it with `NEWSROOM_UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from newsroom.build import static_sources
from newsroom.stages.theme import hashed_name, load_theme
from tests.conftest import REPO, run_cli

GOLDEN = REPO / "tests" / "golden" / "seeds-site"
NOW = "2026-01-01T00:00:00+00:00"
# Assets are copies (theme static files, lunr.js from node_modules): checked against their
# sources under their hashed names, never kept twice in the repo.
SOURCES = static_sources(load_theme(REPO / "themes", "default"), REPO)
INSTALLED = {f"assets/{hashed_name(rel, path.read_bytes())}": path for rel, path in SOURCES.items()}


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_seeds_site_matches_golden(project: Path) -> None:
    run_cli("build", "--now", NOW, cwd=project, check=True)
    built = files_of(project / "site")
    for rel, source in INSTALLED.items():
        assert built.pop(rel) == source.read_bytes()
    if os.environ.get("NEWSROOM_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(project / "site", GOLDEN)
        for rel in INSTALLED:
            (GOLDEN / rel).unlink()
    expected = files_of(GOLDEN)
    assert sorted(built) == sorted(expected), "the set of output files changed"
    for rel, data in built.items():
        if data != expected[rel]:
            diff = difflib.unified_diff(expected[rel].decode(errors="replace").splitlines(),
                                        data.decode(errors="replace").splitlines(),
                                        f"golden/{rel}", f"built/{rel}", lineterm="")
            raise AssertionError("\n".join(list(diff)[:80]))

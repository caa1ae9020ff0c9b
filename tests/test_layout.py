"""The package's folders are its architecture: each part imports only the parts below it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "newsroom"
BASE = {"errors", "project", "__init__"}
# What each part may import besides itself (its own folder) and BASE.
MAY_IMPORT = {
    "errors": set(), "project": {"errors"}, "__init__": set(), "util": {"errors"},
    "stages": {"util"},
    "importer": {"util", "stages"},
    "cache": {"util", "stages"},
    "scaffold": {"util", "stages"},
    "build": {"util", "stages", "cache"},
    "preview": {"util", "stages", "cache", "build", "importer"},
    "publish": {"util", "stages", "cache", "build", "preview"},
    "cli": {"util", "stages", "cache", "build", "importer", "preview", "publish", "scaffold"},
    "__main__": {"cli"},
}
MODULES = sorted(path for path in PACKAGE.rglob("*.py"))


def part(module: str) -> str:
    """'newsroom.stages.site' -> 'stages'; 'newsroom.build' -> 'build'; 'newsroom' -> '__init__'."""
    names = module.split(".")
    return names[1] if len(names) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    names = list(rel.parts)
    return ".".join(names[:-1] if names[-1] == "__init__" else names)


def imported(path: Path) -> set[str]:
    """Modules of the package imported at run time (type-checking imports do not couple)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and ast.unparse(node.test) == "TYPE_CHECKING" for inner in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsroom"):
            found.update(f"{node.module}.{alias.name}" if node.module == "newsroom" and alias.name != "__version__"
                         else node.module for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("newsroom"))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_part_imports_only_the_parts_below_it(path: Path) -> None:
    own = part(module_name(path))
    allowed = MAY_IMPORT[own] | BASE | {own}
    wrong = sorted(name for name in imported(path) if part(name) not in allowed)
    assert not wrong, f"{own} may import {sorted(allowed)}, not {wrong}"


def test_the_pieces_below_know_nothing_of_the_terminal() -> None:
    for path in MODULES:
        if part(module_name(path)) in ("stages", "importer", "cache", "util") and path.name != "progress.py":
            assert not re.search(r"\bprint\(|sys\.std(out|err)", path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_long_to_read(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_each_folder_says_what_its_modules_are() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        missing = [p.name for p in init.parent.glob("*.py") if p.name != "__init__.py" and p.name not in doc]
        assert not missing, f"{init.relative_to(REPO)} does not name {missing}"


def test_the_readme_map_matches_the_tree() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## How it is built", 1)[1].split("```", 2)[1]
    folders = {p.name + "/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    files = {p.name for p in PACKAGE.rglob("*") if p.suffix in (".py", ".js") and not p.name.startswith("__")}
    named = set(re.findall(r"[a-z_]+/|[a-z_]+\.(?:py|js)", block))
    assert named == folders | files | {"newsroom/"}, named ^ (folders | files)

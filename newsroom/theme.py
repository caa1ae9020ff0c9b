"""Find a theme, resolve its `extends` chain, and build its Jinja environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2

from newsroom.errors import ThemeError


@dataclass(frozen=True)
class Theme:
    """A theme and the themes it extends, most specific first."""

    name: str
    chain: tuple[Path, ...]

    @property
    def template_dirs(self) -> list[str]:
        return [str(folder / "templates") for folder in self.chain]


def load_theme(themes_dir: Path, name: str) -> Theme:
    """Resolve `name` and its `extends` chain; a missing theme or a cycle is a ThemeError."""
    chain: list[Path] = []
    seen: list[str] = []
    current: str | None = name
    while current:
        if current in seen:
            raise ThemeError(f"theme '{name}': 'extends' goes round in a circle: "
                             f"{' -> '.join(seen + [current])}")
        seen.append(current)
        folder = themes_dir / current
        if not current.replace("-", "").replace("_", "").isalnum() or not folder.is_dir():
            available = sorted(p.name for p in themes_dir.glob("*/") if p.is_dir()) if themes_dir.is_dir() else []
            raise ThemeError(f"theme '{current}' not found in {themes_dir}/ "
                             f"(available: {', '.join(available) or 'none'})")
        chain.append(folder)
        current = _read_manifest(folder).get("extends")
    return Theme(name=name, chain=tuple(chain))


def _read_manifest(folder: Path) -> dict[str, Any]:
    manifest = folder / "theme.toml"
    if not manifest.exists():
        return {}
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{manifest}: {exc}") from None
    unknown = set(data) - {"name", "extends", "description"}
    if unknown:
        raise ThemeError(f"{manifest}: unknown key(s) {', '.join(sorted(unknown))} "
                         "(known: name, extends, description)")
    extends = data.get("extends")
    if extends is not None and not isinstance(extends, str):
        raise ThemeError(f"{manifest}: 'extends' must be a theme name")
    return data


def make_environment(theme: Theme, filters: dict[str, Callable[..., Any]] | None = None,
                     globals_: dict[str, Any] | None = None) -> jinja2.Environment:
    """Autoescape everywhere and StrictUndefined, so template mistakes are loud."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme.template_dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters or {})
    env.globals.update(globals_ or {})
    return env


def static_files(theme: Theme) -> dict[str, Path]:
    """Output-relative path → source file; a theme's own file overrides its parent's."""
    files: dict[str, Path] = {}
    for folder in reversed(theme.chain):
        static = folder / "static"
        for dirpath, dirnames, filenames in os.walk(static):
            dirnames.sort()
            for filename in sorted(filenames):
                source = Path(dirpath) / filename
                files[source.relative_to(static).as_posix()] = source
    return files

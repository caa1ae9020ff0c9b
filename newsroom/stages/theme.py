"""Find a theme, resolve its `extends` chain, and build its Jinja environment."""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import jinja2

from newsroom.errors import ThemeError
from newsroom.stages.fragments import FragmentMemo
from newsroom.util.files import digest_name, read_regular


@dataclass(frozen=True)
class Theme:
    """A theme and the themes it extends, most specific first."""

    name: str
    chain: tuple[Path, ...]

    @property
    def template_dirs(self) -> list[str]:
        return [str(folder / "templates") for folder in self.chain]

    def owner(self, filename: str) -> str:
        """The name of the theme in the chain that holds a template file."""
        path = Path(filename).resolve()
        for folder in self.chain:
            if path.is_relative_to((folder / "templates").resolve()):
                return folder.name
        return self.name


def load_theme(themes_dirs: Path | Sequence[Path], name: str) -> Theme:
    """Resolve `name` and its `extends` chain; a missing theme or a cycle is a ThemeError.

    With several themes folders, the first that holds a theme wins (a project's own
    themes/ before the bundled ones), so a project theme can extend a bundled one.
    """
    search = (themes_dirs,) if isinstance(themes_dirs, Path) else tuple(themes_dirs)
    chain: list[Path] = []
    seen: list[str] = []
    current: str | None = name
    while current:
        manifest = chain[-1] / "theme.toml" if chain else None
        if current in seen:
            raise ThemeError(f"{manifest}: theme '{seen[-1]}': 'extends' goes round in a circle: "
                             f"{' -> '.join(seen + [current])}")
        seen.append(current)
        folder = _find_folder(search, current)
        if folder is None:
            asked_by = f"{manifest}: theme '{seen[-2]}' extends '{current}', but " if manifest else ""
            raise ThemeError(f"{asked_by}theme '{current}' not found in "
                             f"{', '.join(f'{d}/' for d in search)} "
                             f"(available: {', '.join(available_themes(search)) or 'none'})")
        chain.append(folder)
        current = _read_manifest(folder).get("extends")
    return Theme(name=name, chain=tuple(chain))


def _find_folder(search: tuple[Path, ...], name: str) -> Path | None:
    if not name.replace("-", "").replace("_", "").isalnum():
        return None
    return next((d / name for d in search if (d / name).is_dir()), None)


def available_themes(search: tuple[Path, ...]) -> list[str]:
    return sorted({p.name for d in search if d.is_dir() for p in d.iterdir() if p.is_dir()})


def _read_manifest(folder: Path) -> dict[str, Any]:
    manifest = folder / "theme.toml"
    if not manifest.exists():
        return {}
    refuse_outside(manifest, folder)
    try:
        data = tomllib.loads(read_regular(manifest).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{manifest}: {exc}") from None
    except OSError as exc:
        raise ThemeError(f"{manifest}: cannot read it: {exc.strerror}") from None
    unknown = set(data) - {"name", "extends", "description"}
    if unknown:
        raise ThemeError(f"{manifest}: unknown key(s) {', '.join(sorted(unknown))} "
                         "(known: name, extends, description)")
    extends = data.get("extends")
    if extends is not None and not isinstance(extends, str):
        raise ThemeError(f"{manifest}: 'extends' must be a theme name")
    return data


def refuse_outside(path: Path, folder: Path) -> None:
    """A downloaded theme must not publish a file from elsewhere on this machine: a template,
    manifest or static file that is (or lies in a folder that is) a link leading out of its theme
    is refused."""
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(os.path.realpath(folder)):
        raise ThemeError(f"{path}: symbolic link points outside theme '{folder.name}' ({target}); "
                         "copy the file into the theme instead")


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's file loader for the templates/ folders of a theme chain, refusing any template
    (an included one too) that links out of its theme."""

    def __init__(self, folders: Sequence[Path]) -> None:
        super().__init__([str(folder / "templates") for folder in folders])
        self.folders = tuple(folders)

    def list_templates(self) -> list[str]:
        """Every template file; a pipe or device among them is none (the loader never finds it)."""
        return [name for name in super().list_templates()
                if any(os.path.isfile(os.path.join(path, *name.split("/"))) for path in self.searchpath)]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        owner = next(folder for folder in self.folders
                     if Path(filename).is_relative_to(os.path.normpath(folder / "templates")))
        refuse_outside(Path(filename), owner)
        return source, filename, uptodate


def make_environment(theme: Theme, filters: dict[str, Callable[..., Any]] | None = None,
                     globals_: dict[str, Any] | None = None, compiled: Path | None = None) -> jinja2.Environment:
    """Autoescape everywhere and StrictUndefined, so template mistakes are loud.

    A template reaches a parent theme's version of itself by prefixing the theme's
    name: `{% extends "default/base.html" %}` in a theme that ships its own base.html.
    `compiled` is a folder to keep compiled templates in between runs (by their source's
    checksum); it must be this code's alone, as the settings below shape what is compiled.
    `{% memo key %}` (fragments.py) spares re-rendering what many pages of a render pass share.
    """
    by_theme = {folder.name: ThemeLoader((folder,)) for folder in theme.chain}
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([ThemeLoader(theme.chain), jinja2.PrefixLoader(by_theme)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # no stat of every template per page: a changed theme gets a new environment
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
        extensions=[FragmentMemo],
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
                refuse_outside(source, folder)
                if not source.is_file():
                    raise ThemeError(f"{source}: not a regular file (a pipe or device?); a static file "
                                     "is copied into the site as it is")
                files[source.relative_to(static).as_posix()] = source
    return files


def hashed_name(rel: str, data: bytes) -> str:
    """`style.css` -> `style.3f2a9c1b.css`: a new name whenever the bytes change, for cache busting."""
    return digest_name(rel, hashlib.sha256(data).hexdigest())


def asset_names(sources: dict[str, Path]) -> dict[str, str]:
    """Each static file's path → its content-hashed path under assets/."""
    return {rel: hashed_name(rel, source.read_bytes()) for rel, source in sources.items()}

"""One small hierarchy of errors; only the CLI turns them into exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable


class NewsroomError(Exception):
    """Something a person can fix; the message says what and where."""


class ConfigError(NewsroomError):
    """A bad or unknown setting in newsroom.toml or on the command line."""


class ThemeError(NewsroomError):
    """A theme that cannot be found, loaded or rendered."""


class OutputError(NewsroomError):
    """The output folder cannot be written (locked, unsafe path, disk)."""


class AssetError(NewsroomError):
    """A file the build takes from outside the project (node_modules) is missing."""


class WireError(NewsroomError):
    """A raw wire release that cannot be imported."""


class ContentError(NewsroomError):
    """A problem in one content file, located as `path:line: message`."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{where}: {message}")


class MarkupError(NewsroomError):
    """A body too complex to render in time proportional to its length; `near` is the text it
    stopped at, which the caller turns into a file and line (a ContentError)."""

    def __init__(self, message: str, near: str = "") -> None:
        super().__init__(message, near[:200])
        self.message, self.near = message, near[:200]
        self.line: int | None = None  # in the body, once the renderer has found it

    def __str__(self) -> str:
        return self.message


class ErrorGroup(NewsroomError):
    """Several errors found in one run, reported together."""

    def __init__(self, errors: Iterable[NewsroomError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def raise_all(errors: list[NewsroomError]) -> None:
    """Raise nothing, the single error, or all of them as one flat group."""
    errors = [e for error in errors for e in (error.errors if isinstance(error, ErrorGroup) else (error,))]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ErrorGroup(errors)

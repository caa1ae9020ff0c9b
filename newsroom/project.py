"""What a build is asked and what it reports, and where a project keeps things.

Kept free of the heavy libraries (Markdown, Jinja, lunr, feedgen) so that a build with
nothing to do answers before any of them is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.errors import ConfigError

if TYPE_CHECKING:
    from newsroom.stages.output import WriteStats
    from newsroom.stages.site import Site

CONFIG_NAME = "newsroom.toml"
BUNDLED_THEMES = Path(__file__).resolve().parent.parent / "themes"
LUNR_FILE = Path("node_modules") / "lunr" / "lunr.min.js"


@dataclass(frozen=True)
class BuildOptions:
    """Where things are and what the command line overrides."""

    root: Path = Path(".")
    config_path: Path | None = None
    content_dir: Path | None = None
    output_dir: Path | None = None
    theme: str | None = None
    base_url: str | None = None
    now: str | None = None
    drafts: bool = False
    jobs: int = 1
    cache_dir: Path | None = None  # a persistent cache (newsroom build uses .newsroom-cache/)

    @property
    def content(self) -> Path:
        return self.content_dir or self.root / "content"

    @property
    def output(self) -> Path:
        return self.output_dir or self.root / "site"

    @property
    def config_file(self) -> Path:
        return self.config_path or self.root / CONFIG_NAME


@dataclass(frozen=True)
class BuildResult:
    site: Site | None  # None when the cache showed nothing changed
    files: int
    stats: WriteStats | None
    seconds: float
    notes: tuple[str, ...] = field(default=())
    releases: int = 0
    scheduled: int = 0
    next_scheduled: datetime | None = None
    next_change: datetime | None = None  # when the site next changes by the clock alone (a release due, an event over)
    unchanged_build: bool = False  # the cache showed nothing changed: nothing rendered or written
    made: int = 0  # pages and documents rendered, not reused from the last build


def parse_now(value: str | None, zone: tzinfo) -> datetime:
    """The build's clock: --now (naive means the site's zone) or the real time."""
    if value is None:
        return datetime.now(zone)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--now: {value!r} is not a date or time like 2017-07-11T08:00") from None
    return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed


def seconds_until(moment: datetime | None) -> float | None:
    """Seconds from the real clock to `moment` (0 once it has come), or None for no moment: the
    one timer for scheduled releases, shared by `newsroom serve` and `newsroom publish`."""
    if moment is None:
        return None
    return max(0.0, (moment - datetime.now(moment.tzinfo)).total_seconds())

"""One build, start to finish: config, content, theme, pages, files, output."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsroom.config import Config, default_config, load_config
from newsroom.content import load_releases
from newsroom.errors import ConfigError
from newsroom.feeds import render_feeds
from newsroom.markup import Renderer
from newsroom.output import Source, WriteStats, write_site
from newsroom.render import common_context, page_environment, render_page
from newsroom.search import render_search, search_assets
from newsroom.site import Site, plan_site
from newsroom.sitemap import render_robots, render_sitemap
from newsroom.theme import Theme, asset_names, load_theme, static_files

CONFIG_NAME = "newsroom.toml"
BUNDLED_THEMES = Path(__file__).resolve().parent.parent / "themes"


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

    @property
    def content(self) -> Path:
        return self.content_dir or self.root / "content"

    @property
    def output(self) -> Path:
        return self.output_dir or self.root / "site"


@dataclass(frozen=True)
class BuildResult:
    site: Site
    files: int
    stats: WriteStats | None
    seconds: float
    notes: tuple[str, ...] = field(default=())


def read_config(options: BuildOptions) -> tuple[Config, tuple[str, ...]]:
    """newsroom.toml if there is one, else defaults, said in one line."""
    path = options.config_path or options.root / CONFIG_NAME
    if options.config_path is None and not path.exists():
        config = default_config(options.root).with_overrides(theme=options.theme, base_url=options.base_url)
        notes: tuple[str, ...] = (
            f"no {CONFIG_NAME}: using defaults (title '{config.site.title}', base_url "
            f"{config.site.base_url}, timezone {config.site.timezone}, theme '{config.site.theme}')",)
    else:
        config, notes = load_config(path), ()
    config = config.with_overrides(theme=options.theme, base_url=options.base_url)
    return config, notes


def find_theme(config: Config, options: BuildOptions) -> Theme:
    """The project's themes/ first, then the themes that ship with Newsroom."""
    return load_theme((options.root / "themes", BUNDLED_THEMES), config.site.theme)


def parse_now(value: str | None, config: Config) -> datetime:
    """The build's clock: --now (naive means the site's zone) or the real time."""
    if value is None:
        return datetime.now(config.tz)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--now: {value!r} is not a date or time like 2017-07-11T08:00") from None
    return parsed.replace(tzinfo=config.tz) if parsed.tzinfo is None else parsed


def prepare(options: BuildOptions, renderer: Renderer | None = None) -> tuple[Site, Theme, tuple[str, ...]]:
    """Everything up to, but not including, rendering: shared by build and check."""
    config, notes = read_config(options)
    config.require_base_url()
    now = parse_now(options.now, config)
    releases = load_releases(options.content, config.tz)
    theme = find_theme(config, options)
    site = plan_site(config, releases, renderer or Renderer(), now, drafts=options.drafts)
    return site, theme, notes


def static_sources(theme: Theme, root: Path) -> dict[str, Path]:
    """Files copied under assets/: the theme's static files and lunr.js from node_modules."""
    return {**static_files(theme), **search_assets(root)}


def render_pages(site: Site, theme: Theme, assets: dict[str, str]) -> dict[str, Source]:
    """Every HTML page of the site."""
    env = page_environment(site.config, theme, assets)
    common = common_context(site)
    return {page.output_path: render_page(env, page, common) for page in site.pages}


def render_assets(sources: dict[str, Path], names: dict[str, str]) -> dict[str, Source]:
    """Static files under their content-hashed names, for cache busting."""
    return {f"assets/{names[rel]}": source for rel, source in sources.items()}


def render_documents(site: Site) -> dict[str, Source]:
    """Machine-read files derived from the whole site (robots.txt; feeds, search index, sitemap)."""
    return {"robots.txt": render_robots(site), "sitemap.xml": render_sitemap(site),
            **render_feeds(site), **render_search(site)}


def render_site(site: Site, theme: Theme) -> dict[str, Source]:
    """Every output file, by path relative to the output folder."""
    sources = static_sources(theme, site.config.root)
    names = asset_names(sources)
    return {**render_pages(site, theme, names), **render_assets(sources, names), **render_documents(site)}


def build(options: BuildOptions, write: bool = True) -> BuildResult:
    """Build the site; with write=False check everything and touch nothing."""
    started = time.perf_counter()
    site, theme, notes = prepare(options)
    files = render_site(site, theme)
    stats = write_site(options.output, files, preview=options.drafts) if write else None
    return BuildResult(site=site, files=len(files), stats=stats,
                       seconds=time.perf_counter() - started, notes=notes)

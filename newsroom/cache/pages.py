"""Rendered pages by URL, kept with the inputs that made them: a page whose inputs did not
change is not rendered again (watch mode), and a one-off build spools pages to disk."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2

from newsroom.stages.config import Config
from newsroom.stages.output import Packed, Source, Spooled, safe_relpath, unwritable
from newsroom.stages.render import page_environment, render_page
from newsroom.stages.site import Page
from newsroom.stages.theme import Theme
from newsroom.util.parallel import fork_map
from newsroom.util.progress import Report, ticker


class PageCache:
    """Rendered pages by URL with the inputs that made them, and the environment that rendered them.

    A page is re-rendered when its template, title, context or the site-wide context changed;
    otherwise the previous bytes (the very same object) are reused.
    """

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs
        self.spool: Path | None = None  # a one-off build writes pages here, not into memory
        self._spool_folders: set[str] = set()  # made by this process
        self.progress: Report | None = None
        self.packed = False  # a preview keeps every page, compressed (LiveSite unpacks what it writes)
        self._env_key: tuple[Config, Theme, dict[str, str]] | None = None
        self._env: jinja2.Environment | None = None
        self._pages: dict[str, tuple[tuple[Any, ...], Source]] = {}
        self._common: dict[str, Any] | None = None

    def environment(self, config: Config, theme: Theme, assets: dict[str, str]) -> jinja2.Environment:
        if self._env is None or self._env_key != (config, theme, assets):
            self.clear()
            self._env, self._env_key = page_environment(config, theme, assets), (config, theme, assets)
        return self._env

    def render(self, env: jinja2.Environment, page: Page, common: dict[str, Any]) -> Source:
        inputs = (page.template, page.kind, page.title, page.context, common)
        cached = self._pages.get(page.url)
        if cached is not None and cached[0] == inputs:
            return cached[1]
        data = self._pack(render_page(env, page, common))
        self._pages[page.url] = (inputs, data)
        return data

    def render_all(self, env: jinja2.Environment, pages: tuple[Page, ...], common: dict[str, Any]) -> list[Source]:
        """Every page, those not cached rendered across `jobs` processes."""
        if self.jobs <= 1 and self.spool is None:  # watch mode: one look at each page, nothing more
            return [self.render(env, page, common) for page in pages]
        todo = [page for page in pages if not self._fresh(page, common)]
        render: Callable[[Page], Source] = lambda page: self._pack(render_page(env, page, common))
        if self.spool is not None:
            self.spool.mkdir(parents=True, exist_ok=True)
            render = lambda page: self._spooled(render_page(env, page, common), page.output_path)  # noqa: E731
        tick = ticker(self.progress, "rendering pages", len(todo))
        for page, data in zip(todo, fork_map(render, todo, self.jobs, tick)):
            self._pages[page.url] = ((page.template, page.kind, page.title, page.context, common), data)
        return [self.render(env, page, common) for page in pages]

    def _spooled(self, data: bytes, rel: str) -> Spooled:
        """Write a page into the spool at its own path in the site, which the spool becomes
        (output.write_site's laid_out); hold only its path."""
        assert self.spool is not None
        name = os.path.join(self.spool, safe_relpath(rel))
        folder = os.path.dirname(name)
        try:
            if folder not in self._spool_folders:
                os.makedirs(folder, exist_ok=True)
                self._spool_folders.add(folder)
            with open(name, "wb") as file:
                file.write(data)
        except OSError as exc:  # a full disk: say where, in one line
            raise unwritable(exc, Path(folder)) from None
        return Spooled(name)

    def _pack(self, data: bytes) -> Source:
        return Packed.of(data) if self.packed else data

    @property
    def reusable(self) -> bool:
        """The last render's environment and site-wide context are at hand (no template, asset
        or config change cleared them)."""
        return self._env is not None and self._common is not None

    def render_again(self, pages: Iterable[Page]) -> dict[str, Source]:
        """These pages with the last render's environment and site-wide context."""
        assert self._env is not None and self._common is not None, "render_again before a render"
        rendered = {}
        for page in pages:
            data = self._pack(render_page(self._env, page, self._common))
            self._pages[page.url] = ((page.template, page.kind, page.title, page.context, self._common), data)
            rendered[page.output_path] = data
        return rendered

    def _fresh(self, page: Page, common: dict[str, Any]) -> bool:
        cached = self._pages.get(page.url)
        return cached is not None and cached[0] == (page.template, page.kind, page.title, page.context, common)

    def same_as_before(self, common: dict[str, Any]) -> dict[str, Any]:
        """The last build's site-wide context when equal: the very same object, so each page's
        inputs compare at once."""
        if self._common is None or common != self._common:
            self._common = common
        return self._common

    def keep(self, urls: Iterable[str]) -> None:
        """Forget pages the site no longer has."""
        wanted = set(urls)
        for url in [u for u in self._pages if u not in wanted]:
            del self._pages[url]

    def clear(self) -> None:
        """Templates changed: render everything again, with a fresh environment."""
        self._env = self._env_key = None
        self._pages.clear()

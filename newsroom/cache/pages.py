"""Rendered pages by URL, kept with the inputs that made them: a page whose inputs did not
change is not rendered again (watch mode), and a one-off build spools pages to disk."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2

from newsroom.stages.config import Config
from newsroom.stages.fragments import forget_fragments
from newsroom.stages.output import Kept, Packed, Source, Spooled, safe_relpath, unwritable
from newsroom.stages.spare import make_room, same_bytes, write_over
from newsroom.stages.render import page_environment, render_page
from newsroom.stages.site import Page
from newsroom.stages.theme import Theme
from newsroom.util.files import make_folders
from newsroom.util.parallel import MIN_PER_PROCESS, fork_map
from newsroom.util.progress import Report, ticker


class PageCache:
    """Rendered pages by URL with the inputs that made them, and the environment that rendered them.

    A page is re-rendered when its template, title, context or the site-wide context changed;
    otherwise the previous bytes (the very same object, or the file the last build wrote) are
    reused. The Jinja environment is made when a page first needs it.
    """

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs
        self.spool: Path | None = None  # a one-off build writes pages here, not into memory
        self.live: Path | None = None  # the spool is the spare (stages/spare.py) of this output folder
        self.progress: Report | None = None
        self.packed = False  # a preview keeps every page, compressed (LiveSite unpacks what it writes)
        self.rendered = 0  # pages the last render_all rendered (the others were reused)
        self.compiled: Path | None = None  # where compiled templates are kept between runs
        self._env_key: tuple[Config, Theme, dict[str, str]] | None = None
        self._env: jinja2.Environment | None = None
        self._pages: dict[str, tuple[tuple[Any, ...], Source]] = {}
        self._common: dict[str, Any] | None = None

    def use(self, config: Config, theme: Theme, assets: dict[str, str]) -> None:
        """Render with this config, theme and assets: any other than last time's clears the cache."""
        if self._env_key != (config, theme, assets):
            self.clear()
            self._env_key = (config, theme, assets)

    @property
    def env_key(self) -> tuple[Config, Theme, dict[str, str]] | None:
        return self._env_key

    @property
    def environment(self) -> jinja2.Environment:
        if self._env is None:
            assert self._env_key is not None, "use() before rendering"
            self._env = page_environment(*self._env_key, compiled=self.compiled)
        return self._env

    def render(self, page: Page, common: dict[str, Any]) -> Source:
        inputs = (page.template, page.kind, page.title, page.context, common)
        cached = self._pages.get(page.url)
        if cached is not None and cached[0] == inputs:
            return cached[1]
        data = self._pack(render_page(self.environment, page, common))
        self.rendered += 1
        self._pages[page.url] = (inputs, data)
        return data

    def render_all(self, pages: tuple[Page, ...], common: dict[str, Any]) -> list[Source]:
        """Every page, those not cached rendered across `jobs` processes."""
        self.rendered = 0
        self._new_pass()
        if self.jobs <= 1 and self.spool is None:  # watch mode: one look at each page, nothing more
            return [self.render(page, common) for page in pages]
        todo = [page for page in pages if not self._fresh(page, common)]
        if todo:
            env = self.environment
            render: Callable[[Page], Source] = lambda page: self._pack(render_page(env, page, common))
            if self.spool is not None and (self.live is not None or len(todo) >= 2 * MIN_PER_PROCESS):
                self._make_folders(todo)
                render = lambda page: self._spooled(render_page(env, page, common), page.output_path)  # noqa: E731
            tick = ticker(self.progress, "rendering pages", len(todo))
            for page, data in zip(todo, fork_map(render, todo, self.jobs, tick)):
                self._pages[page.url] = ((page.template, page.kind, page.title, page.context, common), data)
            self.rendered = len(todo)
        return [self._pages[page.url][1] for page in pages]

    def seed(self, pages: tuple[Page, ...], common: dict[str, Any], env_key: tuple[Config, Theme, dict[str, str]],
             intact: Callable[[str], bool]) -> None:
        """The pages the last build rendered with this environment, kept in the output folder
        (those whose file is still intact there)."""
        self.clear()
        self._env_key, self._common = env_key, common
        self._pages = {page.url: ((page.template, page.kind, page.title, page.context, common), Kept(page.output_path))
                       for page in pages if intact(page.output_path)}

    def _spooled(self, data: bytes, rel: str) -> Spooled | Kept:
        """Write a page into the spool at its own path in the site, which the spool becomes
        (output.write_site's laid_out); hold only its path. When the spool is the spare, a page
        the live site has already, byte for byte, stays that very file (Kept)."""
        assert self.spool is not None
        name = os.path.join(self.spool, safe_relpath(rel))
        if self.live is not None:
            if same_bytes(os.path.join(self.live, rel), data):
                return Kept(rel)
            make_room(name)  # the spare's file may be the live site's: that one is never written
        try:
            write_over(name, data)  # its folder is made (_make_folders)
        except OSError as exc:  # a full disk: say where, in one line
            raise unwritable(exc, Path(os.path.dirname(name))) from None
        return Spooled(name)

    def _make_folders(self, pages: list[Page]) -> None:
        """The spool and the folders of these pages in it, made here before the workers fork."""
        assert self.spool is not None
        try:
            self.spool.mkdir(parents=True, exist_ok=True)
            make_folders(self.spool, {os.path.dirname(safe_relpath(page.output_path)) for page in pages})
        except OSError as exc:
            raise unwritable(exc, self.spool) from None

    def _new_pass(self) -> None:
        """Fragments memoised by the last pass (`{% memo %}`, stages/fragments.py) are not reused."""
        if self._env is not None:
            forget_fragments(self._env)

    def _pack(self, data: bytes) -> Source:
        return Packed.of(data) if self.packed else data

    @property
    def reusable(self) -> bool:
        """The last render's environment and site-wide context are at hand (no template, asset
        or config change cleared them)."""
        return self._env_key is not None and self._common is not None

    def render_again(self, pages: Iterable[Page]) -> dict[str, Source]:
        """These pages with the last render's environment and site-wide context."""
        assert self._env_key is not None and self._common is not None, "render_again before a render"
        rendered = {}
        self.rendered = 0
        self._new_pass()
        for page in pages:
            data = self._pack(render_page(self.environment, page, self._common))
            self.rendered += 1
            self._pages[page.url] = ((page.template, page.kind, page.title, page.context, self._common), data)
            rendered[page.output_path] = data
        return rendered

    def made(self, pages: tuple[Page, ...]) -> dict[str, Source] | None:
        """The files these pages were last rendered to, by output path; None when one of them
        was not rendered with its context as it is now."""
        found = {}
        for page in pages:
            cached = self._pages.get(page.url)
            if cached is None or cached[0][3] is not page.context:
                return None
            found[page.output_path] = cached[1]
        return found

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
        self._pages = {}

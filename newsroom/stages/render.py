"""Render planned pages through the theme's Jinja templates."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from newsroom.errors import ThemeError
from newsroom.stages.ap_style import ap_time, date_long, date_weekday, dateline_place, time_span
from newsroom.stages.config import Config
from newsroom.stages.site import Page, Site
from newsroom.stages.theme import Theme, make_environment

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".j2", ".jinja")


def page_environment(config: Config, theme: Theme, assets: dict[str, str],
                     compiled: Path | None = None) -> jinja2.Environment:
    """The Jinja environment with the helpers templates use to build URLs, assets and dates
    (`compiled`: see theme.make_environment)."""
    base_path = config.base_path
    base_url = config.site.base_url

    def url(path: str = "") -> str:
        return base_path + path.lstrip("/")

    def abs_url(path: str = "") -> str:
        return base_url + path.lstrip("/")

    def asset(path: str) -> str:
        """The cache-busting name of a static file, e.g. assets/style.3f2a9c1b.css."""
        if path.lstrip("/") not in assets:
            raise jinja2.TemplateRuntimeError(
                f"asset('{path}'): no such file in the static/ folder of theme '{theme.name}' "
                f"or the themes it extends (there are: {', '.join(sorted(assets)) or 'none'})")
        return url(f"assets/{assets[path.lstrip('/')]}")

    def abs_asset(path: str) -> str:
        """A static file's absolute URL (og:image must be absolute); an absolute URL as it is."""
        if urlsplit(path).scheme in ("http", "https"):
            return path
        return base_url + asset(path)[len(base_path):]

    env = make_environment(
        theme,
        filters={"date_long": date_long, "date_iso": lambda d: d.isoformat(),
                 "date_format": lambda d, fmt: d.strftime(fmt), "dateline": dateline_place,
                 "date_weekday": date_weekday, "time_ap": ap_time,
                 "time_span": lambda event: time_span(event.start, event.end)},
        globals_={"url": url, "abs_url": abs_url, "asset": asset, "abs_asset": abs_asset},
        compiled=compiled,
    )
    compile_templates(env, theme)
    return env


def compile_templates(env: jinja2.Environment, theme: Theme) -> None:
    """Compile every template up front, so a syntax error is found even in one no page uses yet."""
    for name in env.list_templates(extensions=[s.lstrip(".") for s in TEMPLATE_SUFFIXES]):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise syntax_error(exc, theme) from None


def syntax_error(exc: jinja2.TemplateSyntaxError, theme: Theme) -> ThemeError:
    """Name the theme, the file and the line of a template that does not parse."""
    filename = exc.filename or exc.name or "template"
    return ThemeError(f"{filename}:{exc.lineno}: template syntax error in theme "
                      f"'{theme.owner(filename)}': {exc.message}")


def common_context(site: Site) -> dict[str, Any]:
    config = site.config
    return {"site": config.site, "company": config.company, "contacts": config.contacts,
            "tags": site.tags, "years": site.years, "has_events": bool(site.events),
            "alerts": {"signup_url": config.alerts.signup_url}}


def render_page(env: jinja2.Environment, page: Page, common: dict[str, Any]) -> bytes:
    """One page as UTF-8 bytes; template mistakes become ThemeError naming file and line."""
    try:
        template = env.get_template(page.template)
        return template.render(common, page=page, **page.context).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise ThemeError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: "
                         f"{exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise ThemeError(f"template '{exc.name}' not found (needed for {page.kind} page "
                         f"/{page.url}); the theme must provide it") from None
    except jinja2.TemplateError as exc:
        raise ThemeError(f"{template_location(exc)}: template error: {exc} "
                         f"(rendering /{page.url})") from None


def template_location(exc: BaseException) -> str:
    """The innermost template file and line in a Jinja traceback."""
    where = "template"
    for frame in traceback.extract_tb(sys.exc_info()[2] or exc.__traceback__):
        if frame.filename.endswith(TEMPLATE_SUFFIXES):
            where = f"{Path(frame.filename)}:{frame.lineno}"
    return where

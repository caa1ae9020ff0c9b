"""sitemap.xml and robots.txt: tell search engines every published page and when it last changed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Iterable

from newsroom.stages.site import Page, ReleaseView, Site, published_site

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
UNLISTED_KINDS = frozenset({"404"})


def modified(release: ReleaseView) -> datetime:
    """When a release last changed: its update, or its publication."""
    return max(release.date, release.updated or release.date)


def shown_releases(page: Page) -> tuple[ReleaseView, ...]:
    """The releases a page shows, if it shows any."""
    if "release" in page.context:
        return (page.context["release"],)
    return tuple(page.context.get("releases", ()))


def is_listed(page: Page) -> bool:
    """Published pages only: no 404, and no draft or scheduled release (a --drafts preview)."""
    release = page.context.get("release")
    return page.kind not in UNLISTED_KINDS and not (release and (release.draft or release.scheduled))


def page_lastmod(page: Page, newest: datetime | None, changed: dict[int, datetime] | None = None) -> datetime | None:
    """The newest change among the releases the page shows, else among the whole site's
    (`newest`); `changed` has each release's by identity, worked out once."""
    shown = shown_releases(page)
    if not shown:
        return newest
    if changed is None:
        return max(map(modified, shown))
    return max(changed[id(r)] if id(r) in changed else modified(r) for r in shown)


def sitemap_entries(site: Site) -> Iterable[tuple[str, datetime | None]]:
    """(absolute URL, lastmod) of every listed page of the published site, in its page order: a
    --drafts preview lists no page that only its drafts or scheduled releases make."""
    site = published_site(site)
    base_url = site.config.site.base_url
    changed = {id(r): modified(r) for r in site.releases}
    newest = max(changed.values(), default=None)
    for page in site.pages:
        if is_listed(page):
            yield base_url + page.url, page_lastmod(page, newest, changed)


def render_sitemap(site: Site) -> bytes:
    """The sitemaps.org XML for the site."""
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    for loc, lastmod in sitemap_entries(site):
        entry = ET.SubElement(urlset, "url")
        ET.SubElement(entry, "loc").text = loc
        if lastmod is not None:
            ET.SubElement(entry, "lastmod").text = lastmod.isoformat()
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def render_robots(site: Site) -> bytes:
    """Allow every crawler, and name the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.config.site.base_url}sitemap.xml\n".encode()

"""From Config and releases: every page of the site, its URL, template and context."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from datetime import datetime
from math import ceil
from typing import Any, Callable, Protocol

from newsroom.errors import ContentError, MarkupError, NewsroomError, raise_all
from newsroom.stages.config import Config
from newsroom.stages.content import Release
from newsroom.stages.events import Event, EventView, event_views
from newsroom.stages.markup import Renderer, Section, summarize
from newsroom.stages.media import Download, Picture, download_of, picture_of
from newsroom.util.slugs import slugify


@dataclass(frozen=True)
class TagRef:
    name: str
    slug: str
    url: str

    @property
    def label(self) -> str:
        """The topic as headings and feed titles show it: "Management", not "management"."""
        return self.name.capitalize()


class Body(Protocol):
    """A rendered body (markup.RenderedBody), or one a cache reads back only when asked."""

    @property
    def story_html(self) -> str: ...
    @property
    def story_text(self) -> str: ...
    @property
    def lede(self) -> str: ...
    def section(self, kind: str) -> Section | None: ...


@dataclass(frozen=True)
class ReleaseView:
    """What templates, feeds and the search index see of a release.

    The rendered body is reached through `body` and compared by `body_key` (the hash of
    its Markdown): lists compare and keep ten thousand views without their bodies."""

    title: str
    subtitle: str
    url: str
    slug: str
    date: datetime
    updated: datetime | None
    summary: str
    company: str
    tickers: tuple[str, ...]
    location: str
    wire: str
    tags: tuple[TagRef, ...]
    draft: bool
    scheduled: bool
    source_path: str
    body_key: str
    body: Body = field(compare=False, repr=False)
    image: Picture | None = None
    attachments: tuple[Download, ...] = ()

    @property
    def story_html(self) -> str:
        return self.body.story_html

    @property
    def story_text(self) -> str:
        return self.body.story_text

    @property
    def about(self) -> Section | None:
        return self.body.section("about")

    @property
    def forward_looking(self) -> Section | None:
        return self.body.section("forward-looking")

    @property
    def contacts(self) -> Section | None:
        return self.body.section("contacts")


@dataclass(frozen=True)
class Pagination:
    """Where a list page sits among its siblings. `links` are (number, url) of the pages worth
    a link, None where numbers are left out: a thousand pages don't list a thousand links each."""

    number: int
    total: int
    prev_url: str | None
    next_url: str | None
    links: tuple[tuple[int, str] | None, ...]


WINDOW = 2  # page links either side of the current one


def page_links(number: int, urls: tuple[str, ...]) -> tuple[tuple[int, str] | None, ...]:
    """First, last and the pages near `number`; None marks each gap."""
    shown = sorted({1, len(urls)} | set(range(max(1, number - WINDOW), min(len(urls), number + WINDOW) + 1)))
    links: list[tuple[int, str] | None] = []
    for n in shown:
        if links and links[-1] is not None and links[-1][0] < n - 1:
            links.append(None)
        links.append((n, urls[n - 1]))
    return tuple(links)


@dataclass(frozen=True)
class Page:
    """One output HTML file: where it goes, which template, and the data it shows."""

    url: str
    template: str
    kind: str
    title: str
    context: dict[str, Any] = field(compare=False, hash=False)

    @property
    def output_path(self) -> str:
        return f"{self.url}index.html" if self.url.endswith("/") or not self.url else self.url


@dataclass(frozen=True)
class Site:
    config: Config
    now: datetime
    releases: tuple[ReleaseView, ...]
    pages: tuple[Page, ...]
    scheduled: tuple[Release, ...]
    tags: tuple[TagRef, ...]
    years: tuple[int, ...]
    events: tuple[EventView, ...] = ()

    @property
    def next_scheduled(self) -> datetime | None:
        return min((r.date for r in self.scheduled), default=None)

    @property
    def next_event_end(self) -> datetime | None:
        """When the next upcoming event ends, and the site shows it among past events."""
        return min((e.end for e in self.events if e.upcoming), default=None)

    @property
    def last_event_end(self) -> datetime | None:
        """When the latest past event ended: before then it was still upcoming."""
        return max((e.end for e in self.events if not e.upcoming), default=None)

    @property
    def next_due(self) -> datetime | None:
        """The next moment the site changes by the clock alone: a release due, an event over."""
        return min((t for t in (self.next_scheduled, self.next_event_end) if t is not None), default=None)

    def events_move(self, now: datetime) -> bool:
        """At `now` an event would be listed elsewhere (upcoming or past) than in this plan."""
        return any((e.end > now) != e.upcoming for e in self.events)


@cache
def tag_ref(name: str) -> TagRef:
    """One TagRef per tag: views share it (and compare, pickle and load faster)."""
    slug = slugify(name)
    return TagRef(name=name, slug=slug, url=f"tags/{slug}/")


def release_view(release: Release, renderer: Renderer, now: datetime) -> ReleaseView:
    try:
        key, rendered = renderer.keyed(release.body)
    except MarkupError as exc:  # a body too complex to render: name the file and the line
        line = release.body_line + exc.line - 1 if exc.line else None
        raise ContentError(release.path, line, exc.message) from None
    return view_of(release, key, rendered, now)


def view_of(release: Release, body_key: str, body: Body, now: datetime) -> ReleaseView:
    """The view of a release whose body (of Markdown hashed to `body_key`) is rendered already."""
    return ReleaseView(
        title=release.title,
        subtitle=release.subtitle,
        url=release.url,
        slug=release.slug,
        date=release.date,
        updated=release.updated,
        summary=release.summary or summarize(body.lede),
        company=release.company,
        tickers=release.tickers,
        location=release.location,
        wire=release.wire,
        tags=tuple(tag_ref(t) for t in release.tags),
        draft=release.draft,
        scheduled=release.date > now,
        source_path=str(release.path),
        body_key=body_key,
        body=body,
        image=picture_of(release.url, release.image) if release.image is not None else None,
        attachments=tuple(download_of(release.url, item) for item in release.attachments),
    )


def visible_releases(releases: tuple[Release, ...], now: datetime, drafts: bool) -> tuple[Release, ...]:
    """Published releases; with `drafts` (preview only) drafts and scheduled ones too."""
    return tuple(r for r in releases if drafts or r.is_published(now))


def plan_site(config: Config, releases: tuple[Release, ...], renderer: Renderer,
              now: datetime, drafts: bool = False,
              view: Callable[[Release, Renderer, datetime], ReleaseView] = release_view,
              events: tuple[Event, ...] = ()) -> Site:
    """Every page of the site. Releases arrive newest first; `view` lets watch mode reuse views;
    `events` soonest first."""
    views: list[ReleaseView] = []
    errors: list[NewsroomError] = []
    for release in visible_releases(releases, now, drafts):
        try:
            views.append(view(release, renderer, now))
        except ContentError as exc:  # every body that cannot be rendered, reported together
            errors.append(exc)
    published = {v.slug: v for v in views if not v.draft and not v.scheduled}
    shown: tuple[EventView, ...] = ()
    try:
        shown = event_views(events, {r.slug for r in releases}, published, renderer, now) if events else ()
    except NewsroomError as exc:
        errors.append(exc)
    raise_all(errors)
    scheduled = tuple(r for r in releases if not r.draft and r.date > now)
    return plan_views(config, tuple(views), scheduled, now, shown)


def published_site(site: Site) -> Site:
    """The site as published: a --drafts preview without its drafts and scheduled releases, for
    what only the published site has (the sitemap, the search index)."""
    if not any(view.draft or view.scheduled for view in site.releases):
        return site
    return plan_views(site.config, tuple(v for v in site.releases if not v.draft and not v.scheduled),
                      site.scheduled, site.now, site.events)


def plan_views(config: Config, views: tuple[ReleaseView, ...], scheduled: tuple[Release, ...],
               now: datetime, events: tuple[EventView, ...] = ()) -> Site:
    """Every page of a site showing `views` (newest first) and `events` (soonest first)."""
    by_slug: dict[str, tuple[TagRef, list[ReleaseView]]] = {}
    by_year: dict[int, list[ReleaseView]] = {}
    for view in views:  # one pass, not one per tag or year: ten thousand releases re-plan often
        by_year.setdefault(view.date.year, []).append(view)
        for tag in view.tags:
            entry = by_slug.get(tag.slug)
            if entry is None:
                entry = by_slug[tag.slug] = (tag, [])
            entry[1].append(view)
    tags = [by_slug[slug][0] for slug in sorted(by_slug)]
    years = sorted(by_year, reverse=True)
    tag_counts = tuple((t, len(by_slug[t.slug][1])) for t in tags)
    year_counts = tuple((y, len(by_year[y])) for y in years)
    filters = filter_counts(views, year_counts, tag_counts)
    pages: list[Page] = []
    # The list's filters (year, topic) lead to the search page, which filters the whole archive.
    pages += list_pages(config, views, "", "index", config.site.title, "list.html", **filters)
    upcoming = tuple(e for e in events if e.upcoming)
    if upcoming:  # the home page shows what is coming; its later pages do not
        home = pages[0]
        pages[0] = Page(home.url, home.template, home.kind, home.title, {**home.context, "events": upcoming[:3]})
    for index, view in enumerate(views):
        newer = views[index - 1] if index > 0 else None
        older = views[index + 1] if index + 1 < len(views) else None
        pages.append(Page(view.url, "release.html", "release", view.title,
                          {"release": view, "newer": newer, "older": older}))
    for tag in tags:
        tagged = tuple(by_slug[tag.slug][1])
        pages += list_pages(config, tagged, tag.url, "tag", f"Topic: {tag.label}", "tag.html", tag=tag)
    for year in years:
        pages.append(Page(f"{year}/", "year.html", "year", f"{year} releases",
                          {"year": year, "releases": tuple(by_year[year])}))
    pages.append(Page("archive/", "archive.html", "archive", "Archive", {"years": year_counts, "tags": tag_counts}))
    pages.append(Page("tags/", "tags.html", "tags", "Topics", {"tags": tag_counts}))
    if events:
        pages.append(Page("events/", "events.html", "events", "Events and presentations",
                          {"upcoming": upcoming, "past": tuple(reversed([e for e in events if not e.upcoming]))}))
        pages += [Page(event.url, "event.html", "event", event.title, {"event": event}) for event in events]
    pages.append(Page("search/", "search.html", "search", "Search", filters))
    pages.append(Page("404.html", "404.html", "404", "Page not found", {}))
    return Site(config=config, now=now, releases=views, pages=tuple(pages), scheduled=scheduled,
                tags=tuple(tags), years=tuple(years), events=events)


def filter_counts(views: tuple[ReleaseView, ...], years: tuple[tuple[int, int], ...],
                  tagged: tuple[tuple[TagRef, int], ...]) -> dict[str, Any]:
    """The year and topic filters' options with their counts, of the published releases alone
    (what search holds), so a --drafts preview's search page is the published site's."""
    hidden = [view for view in views if view.draft or view.scheduled]
    if hidden:
        year_counts = Counter(view.date.year for view in hidden)
        tag_counts = Counter(tag.slug for view in hidden for tag in view.tags)
        years = tuple((year, count - year_counts[year]) for year, count in years if count > year_counts[year])
        tagged = tuple((tag, count - tag_counts[tag.slug]) for tag, count in tagged if count > tag_counts[tag.slug])
    return {"filter_years": years, "filter_tags": tagged}


def list_pages(config: Config, views: tuple[ReleaseView, ...], base: str, kind: str, title: str,
               template: str, **extra: Any) -> list[Page]:
    """A paginated list: base, base/page/2/, …"""
    per_page = config.site.per_page
    total = max(1, ceil(len(views) / per_page))
    urls = tuple(base if n == 1 else f"{base}page/{n}/" for n in range(1, total + 1))
    pages = []
    for number in range(1, total + 1):
        chunk = views[(number - 1) * per_page: number * per_page]
        pagination = Pagination(number, total, urls[number - 2] if number > 1 else None,
                                urls[number] if number < total else None, page_links(number, urls))
        page_title = title if number == 1 else f"{title} (page {number})"
        pages.append(Page(urls[number - 1], template, kind, page_title,
                          {"releases": chunk, "pagination": pagination, **extra}))
    return pages

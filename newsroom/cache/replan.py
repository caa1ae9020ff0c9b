"""Make an edit cost what it changes: re-plan an edit that moves no page (or its own alone).

A body or title edit keeps a release's URL, its place in the date order, its tags and its
year, so every page of the site stays where it was; only the pages that show the release
(its own, its neighbours', the lists it is on) get a new context. A new slug (a retitled
release whose slug comes from its title) moves its own page and nothing else, when no other
release shares its date (the order is by date, then slug). Anything else is re-planned in
full by plan_site; both give the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from newsroom.stages.content import Release
from newsroom.stages.site import Page, ReleaseView, Site


def same_place(old: Release, new: Release) -> bool:
    """An edit that moves no page: the same URL, order, tags, year and visibility.

    Dates are compared as written too: one instant in another zone is another year or
    another date on the page."""
    return (old.path == new.path and old.slug == new.slug and old.draft == new.draft
            and old.tags == new.tags and old.date == new.date and repr(old.date) == repr(new.date))


def moves_alone(old: Release, new: Release, site: Site, slugs: set[str]) -> bool:
    """An edit that moves the release's own page only: a new slug (`slugs`: every other
    release's) and nothing else that places it, with no other release of its date in `site`."""
    return (old.path == new.path and old.draft == new.draft and old.tags == new.tags
            and old.date == new.date and repr(old.date) == repr(new.date) and new.slug not in slugs
            and sum(view.date == new.date for view in site.releases) <= 1)


@dataclass
class SiteIndex:
    """Where each release's view is: its place in site.releases and the pages that show it."""

    site: Site
    position: dict[int, int]
    shown_on: dict[int, list[int]]

    @classmethod
    def of(cls, site: Site) -> "SiteIndex":
        shown_on: dict[int, list[int]] = {}
        for number, page in enumerate(site.pages):
            for value in page.context.values():
                for item in value if isinstance(value, tuple) else (value,):
                    if isinstance(item, ReleaseView):
                        pages = shown_on.setdefault(id(item), [])
                        if not pages or pages[-1] != number:
                            pages.append(number)
        return cls(site, {id(view): n for n, view in enumerate(site.releases)}, shown_on)

    def swap(self, old_release: Release, new_release: Release, old: ReleaseView | None,
             new: ReleaseView | None) -> list[Page]:
        """Put `new` where `old` was (the site is updated); the pages that changed, its own first."""
        site = self.site
        scheduled = tuple(new_release if r is old_release else r for r in site.scheduled)
        if old is None or new is None:
            self.site = replace(site, scheduled=scheduled)
            return []
        at = self.position.pop(id(old))
        self.position[id(new)] = at
        numbers = self.shown_on.pop(id(old), [])
        self.shown_on[id(new)] = numbers
        pages = list(site.pages)
        changed = []
        for number in numbers:
            page = pages[number]
            context = {key: _swapped(value, old, new) for key, value in page.context.items()}
            own = page.context.get("release") is old
            pages[number] = Page(new.url if own else page.url, page.template, page.kind,
                                 new.title if own else page.title, context)
            changed.append(pages[number])
        releases = site.releases[:at] + (new,) + site.releases[at + 1:]
        self.site = replace(site, releases=releases, pages=tuple(pages), scheduled=scheduled)
        return sorted(changed, key=lambda page: page.url != new.url)


def _swapped(value: Any, old: ReleaseView, new: ReleaseView) -> Any:
    if value is old:
        return new
    if isinstance(value, tuple) and any(item is old for item in value):
        return tuple(new if item is old else item for item in value)
    return value

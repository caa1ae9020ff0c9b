"""Make a save in watch mode cost what it changes: re-plan an edit that moves no page.

A body or title edit keeps a release's URL, its place in the date order, its tags and its
year, so every page of the site stays where it was; only the pages that show the release
(its own, its neighbours', the lists it is on) get a new context. Anything else is re-planned
in full by plan_site; both give the same pages.
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
            title = new.title if page.context.get("release") is old else page.title
            pages[number] = Page(page.url, page.template, page.kind, title, context)
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

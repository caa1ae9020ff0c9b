"""events.ics and one .ics per event: iCalendar made with the icalendar library, for calendar
clients to subscribe to (the feed) or add one event from (the event's file).

Times are written in each event's own zone with its VTIMEZONE (a call at 16:30 New York time
stays at 16:30 New York time across a change of daylight saving), UIDs come from the event's
slug (its file name), so a client updates an event moved or retitled rather than adding it
twice, and nothing depends on the build's clock: the same events, the same bytes.
"""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsroom.stages.events import EventView

if TYPE_CHECKING:
    from icalendar import Event

    from newsroom.stages.site import Site

CALENDAR_PATH = "events.ics"
PRODID = "-//Newsroom//Investor events//EN"
REFRESH = timedelta(hours=12)  # how often a subscribed client should look again


def event_calendar_path(event: EventView) -> str:
    """Where an event's own .ics is: beside its page."""
    return f"{event.url}{event.slug}.ics"


def calendar_files(site: Site) -> dict[str, tuple[tuple[EventView, ...], str]]:
    """Every calendar file by path, with the events it holds and its name."""
    name = f"{site.config.site.title}: events"
    found = {CALENDAR_PATH: (site.events, name)}
    for event in site.events:
        found[event_calendar_path(event)] = ((event,), event.title)
    return found


def render_calendar(site: Site, events: tuple[EventView, ...], name: str) -> bytes:
    """An iCalendar file of `events`."""
    from icalendar import Calendar, Timezone  # here: a build that makes no calendar does not load it

    base_url = site.config.site.base_url
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("source", base_url + (CALENDAR_PATH if len(events) != 1 else event_calendar_path(events[0])))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")  # Outlook's name for it
    if events:
        # Each zone's rules over the years the events span, not the library's 1970-2038 default
        # (a smaller file); by name (the library's add_missing_timezones orders them by a set's whim).
        first, last = date(min(e.start.year for e in events), 1, 1), date(max(e.end.year for e in events) + 1, 1, 1)
        for zone in sorted({event.timezone for event in events}):
            calendar.add_component(Timezone.from_tzid(zone, first_date=first, last_date=last))
    for event in events:
        calendar.add_component(vevent(event, base_url))
    return calendar.to_ical()


def vevent(event: EventView, base_url: str) -> Event:
    """One event: its times in its own zone, where to join it, and what it is about."""
    from icalendar import Event

    page = base_url + event.url
    entry = Event()
    entry.add("uid", f"{event.slug}@{urlsplit(base_url).hostname}")
    # When the event was last revised (its `updated`, else its start): never the build's clock,
    # which would change the file at every build.
    entry.add("dtstamp", (event.updated or event.start).astimezone(UTC))
    if event.updated is not None:
        entry.add("last-modified", event.updated.astimezone(UTC))
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end)
    entry.add("summary", event.title)
    entry.add("description", description(event, base_url))
    where = event.location or event.webcast
    if where:
        entry.add("location", where)
    entry.add("url", page)
    entry.add("status", "CONFIRMED")
    entry.add("transp", "OPAQUE")
    return entry


def description(event: EventView, base_url: str) -> str:
    """What a calendar shows under the title: the summary, how to join, the release, the page."""
    parts = [text for text in (event.summary, event.text) if text]
    if event.webcast:
        parts.append(f"Webcast: {event.webcast}")
    if event.dial_in:
        parts.append(f"Dial-in: {event.dial_in}")
    if event.release is not None:  # only once published: EventView never holds an embargoed release
        parts.append(f"Release: {event.release.title}\n{base_url + event.release.url}")
    parts.append(f"Details: {base_url + event.url}")
    return "\n\n".join(parts)


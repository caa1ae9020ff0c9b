"""RSS 2.0 and Atom 1.0 feeds, made with feedgen: a pure function of the planned site."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from typing import TYPE_CHECKING, Callable
from urllib.parse import urljoin

from newsroom.stages.ap_style import dateline
from newsroom.stages.site import ReleaseView, Site, TagRef

if TYPE_CHECKING:
    from feedgen.entry import FeedEntry
    from feedgen.feed import FeedGenerator

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
# An empty feed has no newest release to date it by; the epoch is deterministic and says "never".
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=timezone.utc)
# XML 1.0 forbids C0 controls (but tab, LF, CR), surrogates and U+FFFE/U+FFFF; it discourages
# DEL and the C1 controls, which in pasted wire copy are always debris.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its title, the page it mirrors, and the releases it lists, newest first."""

    title: str
    description: str
    home: str
    releases: tuple[ReleaseView, ...]


def feeds(site: Site) -> dict[str, tuple[FeedSpec, Callable[[], bytes]]]:
    """Every feed by path, with what it lists and how to make it: feed.xml (RSS 2.0), atom.xml
    (Atom 1.0) and tags/<slug>/feed.xml (RSS 2.0) per tag."""
    main = site_feed(site)
    found: dict[str, tuple[FeedSpec, Callable[[], bytes]]] = {
        "feed.xml": (main, lambda: rss_feed(site, main, "feed.xml")),
        "atom.xml": (main, lambda: atom_feed(site, main, "atom.xml"))}
    for tag, spec in tag_feeds(site).items():
        path = f"{tag.url}feed.xml"
        found[path] = (spec, lambda path=path, spec=spec: rss_feed(site, spec, path))  # type: ignore[misc]
    return found


def render_feeds(site: Site) -> dict[str, bytes]:
    """Every feed's bytes, by path."""
    return {path: make() for path, (_, make) in feeds(site).items()}


def feed_releases(site: Site) -> tuple[ReleaseView, ...]:
    """Published releases only: even a --drafts preview never puts a draft or embargo in a feed."""
    return tuple(r for r in site.releases if not r.draft and not r.scheduled)


def publisher(site: Site) -> str:
    """Who speaks in the feeds: the company, or the site when no company is configured."""
    return site.config.company.name or site.config.site.title


def site_feed(site: Site) -> FeedSpec:
    """The whole newsroom: what feed.xml and atom.xml list."""
    config = site.config
    description = (config.site.description or config.company.description
                   or f"Press releases from {publisher(site)}")
    return FeedSpec(title=config.site.title, description=description, home=config.site.base_url,
                    releases=feed_releases(site)[: config.site.feed_items])


def tag_feeds(site: Site) -> dict[TagRef, FeedSpec]:
    """Each topic's feed, in the order of site.tags: one pass over the releases, which stops
    once every topic has its `feed_items` newest."""
    config, limit = site.config, site.config.site.feed_items
    tagged: dict[TagRef, list[ReleaseView]] = {tag: [] for tag in site.tags}
    wanting = len(tagged) if limit > 0 else 0
    for release in site.releases:
        if not wanting:
            break
        if release.draft or release.scheduled:
            continue
        for tag in release.tags:
            found = tagged[tag]
            if len(found) < limit:
                found.append(release)
                wanting -= len(found) == limit
    return {tag: FeedSpec(title=f"{config.site.title}: {tag.label}",
                          description=f"Press releases from {publisher(site)} about {tag.name}",
                          home=config.site.base_url + tag.url, releases=tuple(releases))
            for tag, releases in tagged.items()}


def rss_feed(site: Site, spec: FeedSpec, path: str) -> bytes:
    """RSS 2.0 bytes for a feed that lives at path."""
    return feed_generator(site, spec, path, RSS_TYPE).rss_str(pretty=True)


def atom_feed(site: Site, spec: FeedSpec, path: str) -> bytes:
    """Atom 1.0 bytes for a feed that lives at path."""
    return feed_generator(site, spec, path, ATOM_TYPE).atom_str(pretty=True)


def last_change(releases: tuple[ReleaseView, ...]) -> datetime:
    """The newest publication or correction in the feed: never the build's clock."""
    return max((max(r.date, r.updated or r.date) for r in releases), default=EMPTY_FEED_UPDATED)


def feed_generator(site: Site, spec: FeedSpec, path: str, media_type: str) -> FeedGenerator:
    """A FeedGenerator with every field set, so none of feedgen's defaults (now, prepend) leak in."""
    from feedgen.feed import FeedGenerator  # here: a build that makes no feed does not load it (nor lxml)

    base_url = site.config.site.base_url
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False, rss=True)
    generator.id(base_url + path)
    generator.title(xml_text(spec.title))
    generator.description(xml_text(spec.description))
    generator.language(site.config.site.language)
    generator.author(name=xml_text(publisher(site)))
    # No version: upgrading a library must not change a feed's bytes.
    generator.generator("Newsroom")
    generator.link(href=base_url + path, rel="self", type=media_type)
    # feedgen's RSS <link> is the last link added, so the page the feed mirrors comes last.
    generator.link(href=spec.home, rel="alternate", type="text/html")
    generator.updated(last_change(spec.releases))
    for release in spec.releases:
        fill_entry(generator.add_entry(order="append"), release, site)
    return generator


def fill_entry(entry: FeedEntry, release: ReleaseView, site: Site) -> None:
    """One release as an RSS item and an Atom entry, every field set explicitly."""
    permalink = site.config.site.base_url + release.url
    author = xml_text(release.company or publisher(site))
    entry.title(xml_text(release.title))
    # guid(), not id(): id() writes isPermaLink="false".
    entry.guid(permalink, permalink=True)
    entry.link(href=permalink, rel="alternate", type="text/html")
    entry.published(release.date)
    entry.updated(release.updated or release.date)
    # RSS's <description> is HTML, Atom's <summary> text: escape it, or a summary's "<img …>" runs.
    # (description() also sets Atom's content, so content() must come after it.)
    summary = xml_text(f"{release_dateline(release)} \N{EN DASH} {release.summary or release.title}")
    entry.description(escape(summary, quote=False))
    entry.content(absolute_links(xml_text(full_html(release)), permalink), type="html")
    entry.summary(summary)
    entry.author(name=author)
    entry.dc.dc_creator(author)
    for tag in release.tags:
        entry.category(term=xml_text(tag.name))
    add_enclosures(entry, release, site.config.site.base_url)


def add_enclosures(entry: FeedEntry, release: ReleaseView, base_url: str) -> None:
    """Each attachment as an Atom link rel="enclosure", and the first as the RSS item's one
    <enclosure> (RSS allows one). Written by a feedgen extension: feedgen 1.0 drops the rel,
    type and length of an entry's Atom links, which would make each an "alternate" link."""
    if release.attachments:
        from newsroom.stages.enclosures import Enclosures  # with feedgen, only when a feed is made

        entry.register_extension("enclosures", Enclosures, atom=True, rss=True)
        entry.enclosures.files = tuple((base_url + item.url, item.mime, item.size)  # type: ignore[attr-defined]
                                       for item in release.attachments)


def xml_text(text: str) -> str:
    """Text with the characters XML forbids removed, so pasted debris cannot break a feed."""
    return _NOT_XML.sub("", text)


def release_dateline(release: ReleaseView) -> str:
    """'THORNTON, Colo., July 11, 2017 (Marketwired)', as the release's page prints it."""
    return dateline(release.location, release.date, release.wire)


def full_html(release: ReleaseView) -> str:
    """The whole release as its page shows it: the dateline, the sub-headline, the story, then the
    recognised sections. (Readers show the headline; a feed item, like the page, opens with the dateline.)"""
    parts = [f'<p class="dateline">{escape(release_dateline(release), quote=False)}</p>']
    if release.subtitle:
        parts.append(f"<p><em>{escape(release.subtitle, quote=False)}</em></p>")
    parts.append(release.story_html)
    for section in (release.about, release.contacts, release.forward_looking):
        if section is not None:
            parts.append(f"<h2>{escape(section.title)}</h2>\n{section.html}")
    return "\n".join(parts)


def absolute_links(fragment: str, base: str) -> str:
    """An HTML fragment with every link and image resolved against base, as a browser would."""
    if not fragment.strip():
        return ""
    import lxml.html  # with feedgen, only when a feed is made

    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    root.make_links_absolute(base, resolve_base_href=False, handle_failures="ignore")
    for element in root.xpath(".//*[@srcset]"):  # lxml leaves srcset alone
        element.set("srcset", absolute_srcset(element.get("srcset", ""), base))
    inner = [escape(root.text or "", quote=False)]
    inner += [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(inner)


def absolute_srcset(srcset: str, base: str) -> str:
    """`a.png 1x, b.png 2x` with each image URL made absolute."""
    candidates = []
    for candidate in srcset.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        if url:
            candidates.append(f"{urljoin(base, url)} {descriptor.strip()}".strip())
    return ", ".join(candidates)

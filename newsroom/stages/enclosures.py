"""The feedgen extension that writes a release's attachments into its feed entries: RSS's one
<enclosure> (the first attachment) and Atom's <link rel="enclosure"> for each."""

from __future__ import annotations

from typing import Any

from feedgen.ext.base import BaseEntryExtension


class Enclosures(BaseEntryExtension):  # type: ignore[misc]
    """Set `files` to (absolute URL, media type, size in bytes) of each attachment, in order."""

    def __init__(self) -> None:
        self.files: tuple[tuple[str, str, int], ...] = ()

    def extend_rss(self, item: Any) -> Any:
        from lxml import etree

        if self.files:
            url, media_type, size = self.files[0]
            etree.SubElement(item, "enclosure", url=url, length=str(size), type=media_type)
        return item

    def extend_atom(self, entry: Any) -> Any:
        from lxml import etree

        for url, media_type, size in self.files:
            etree.SubElement(entry, "{http://www.w3.org/2005/Atom}link" if entry.tag.startswith("{") else "link",
                             href=url, rel="enclosure", type=media_type, length=str(size))
        return entry

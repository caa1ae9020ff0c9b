"""Where a copy came from: the wire that passed it on, and the wire's own address for it.

A copy that dropped the dateline often keeps the wire's link ('View source version on
businesswire.com: https://www.businesswire.com/news/home/20210811005093/en/'), whose address
carries the day the release went out, or names the wire in its closing lines.
"""

from __future__ import annotations

import re
from datetime import date

from newsroom.importer.dateline import canonical_wire

# A wire's own address for the release, which a copy keeps when it drops the dateline: 'View source
# version on businesswire.com: https://www.businesswire.com/news/home/20210811005093/en/'.
_WIRE_LINK = re.compile(r"https?://(?:www\.|rss\.)?(?P<site>businesswire|globenewswire|prnewswire|newsfilecorp|accesswire|"
                        r"newmediawire)\.com/(?:\w{2}/)?(?:news/home/(?P<bw>\d{8})|news-release/(?P<gy>\d{4})/(?P<gm>\d\d)/"
                        r"(?P<gd>\d\d))?", re.I)


def linked_date(text: str) -> date | None:
    """The date in a wire's address for the release (Business Wire's and GlobeNewswire's carry it)."""
    for link in _WIRE_LINK.finditer(text):
        digits = link.group("bw") or "".join(link.group(g) or "" for g in ("gy", "gm", "gd"))
        if len(digits) == 8:
            try:
                return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
            except ValueError:
                continue
    return None


def passed_on_by(text: str) -> str:
    """The wire a release was passed on by, when its own dateline names none: 'Source: Orkla ASA
    via Globenewswire', '(END) Dow Jones Newswires', or the wire's own address for it ('View
    source version on businesswire.com: https://www.businesswire.com/news/home/…'), or EQS's
    service as it names itself ('DGAP', 'EQS News')."""
    via = re.search(r"\bvia\s+([A-Z][A-Za-z ]{2,20}?)(?:\s|$)", text[-3000:])
    if via and (wire := canonical_wire(via.group(1))):
        return wire
    if link := re.search(r"(?:View source version on|To view the original version on|original version on)\s+"
                         r"(?:www\.)?([A-Za-z ]{3,20}?)(?:\.com)?\b", text[-4000:], re.I):
        if wire := canonical_wire(link.group(1)):
            return wire
    if (own := _WIRE_LINK.search(text)) and (own.group("bw") or own.group("gy")) and (wire := canonical_wire(own.group("site"))):
        return wire  # 'This press release features multimedia. View the full release here: https://www.businesswire.com/news/home/2023…'
    if re.search(r"\bDGAP\b|\bEQS (?:News|Group)\b", text):
        return "EQS"  # 'übermittelt durch DGAP - ein Service der EQS Group AG', 'DGAP-Ad-hoc: …', 'EQS News ID'
    return "Dow Jones" if re.search(r"Dow Jones Newswires", text) else ""

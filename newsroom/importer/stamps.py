"""Times and dates a copy prints on its headline's lines, set apart so the headline is read alone.

A forum stamps its post's time after the title ('… Buenos AiresTuesday June 10, 9:03 am ET'), a
reader its date ('… (2/26/15)'), COMTEX its date and tag before the sub-headline, a Nordic
disclosure page the time the release went out after the page's title; a Nordic release opens with
a header of its own that names the issuer, the kind of release and the day ('Acme Abp MEDDELANDE
1 oktober 2008, kl. 10.00').
"""

from __future__ import annotations

import re

from newsroom.importer.dates import DATE

DAY_NAMES = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# '… and Buenos AiresTuesday June 10, 9:03 am ET', '… Results 3/31/2005 3:03:08 PM': a post's time after its title.
_STAMPED = re.compile(rf"(?m)^([ \t]*\S[^\n]*?\S)[ \t]*({DAY_NAMES},?[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
                      r"\.?[ \t]+\d{1,2},?(?:[ \t]+\d{4},?)?|\d{1,2}/\d{1,2}/\d{4})[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*"
                      r"[AaPp]\.?[Mm]\.?(?:[ \t]+[A-Z]{2,4})?[ \t]*$")
_POSTED = re.compile(r"(?m)^([ \t]*\S[^\n]{20,}?)[ \t]*(?:[ \t]|(?:</?\w+[^<>\n]*>[ \t]*)+)\(?(\d{1,2}/\d{1,2}/\d{2,4})\)?(?:[ \t]+-)?[ \t]*$")  # '… (2/26/15)', '… 08/02/16 -'
# 'HONKARAKENNE OYJ  INTERIM REPORT 14 MAY 2009 at 9.00 AM', 'Acme Oyj STOCK EXCHANGE RELEASE 3.2.2011 klo 9.00'.
RELEASE_HEADER = re.compile(r"(?P<company>[A-Z\u00c0-\u00de][\w&.'\u2019-]*(?:\s+[\w&.'\u2019-]+){0,5}?)\s+(?i:stock\s+exchange\s+release|"
                             r"press\s+release|interim\s+report|investor\s+news|company\s+announcement|meddelande|"
                             r"pressmeddelande|b\u00f6rsmeddelande|p\u00f6rssitiedote|lehdist\u00f6tiedote|tiedote|"
                             r"b\u00f8rsmeddelelse|selskabsmeddelelse|b\u00f8rsmelding|pressemelding)\s+"
                             rf"{DATE}(?:,?\s+(?i:at|kl\.?|klo)(?:\s+\S.*)?)?$")
# … and the time it went out, printed after a page's title: 'ACME OYJ'S INTERIM REPORT … 2009 14 MAY 2009 at 9.00 AM'.
_NORDIC_STAMP = re.compile(r"(?<=\S)[ \t]+\d{1,2}\.?[ \t]+[A-Za-z\u00e4\u00f6]{3,10}[ \t]+(?:19|20)\d\d,?[ \t]+(?:at|kl\.?|klo)[ \t]+"
                           r"\d{1,2}[.:]\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?[ \t]*$", re.I)
# 'Oct 24, 2007 (PrimeNewswire via COMTEX News Network) -- Twelfth Consecutive Quarter …'.
_COMTEX = re.compile(rf"(?m)^([ \t]*{DATE}[ \t]*\([^()\n]{{0,40}}\bvia\s+COMTEX\b[^()\n]{{0,30}}\)[ \t]*(?:--|[\u2013\u2014]))[ \t]*(?=\S)")


def stamps_apart(head: str) -> str:
    """The opening with each stamp on a line of its own (a date line) or, after a Nordic page's
    title, dropped."""
    head = _POSTED.sub(r"\1\n\2", _STAMPED.sub(r"\1\n\2", head))
    head = _COMTEX.sub(r"\1\n", head)
    return "\n".join(line if RELEASE_HEADER.match(" ".join(line.split())) else _NORDIC_STAMP.sub("", line)
                     for line in head.split("\n"))

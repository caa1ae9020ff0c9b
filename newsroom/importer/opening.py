"""What stands before the story: the headline, the sub-headline, and what is not the release.

Wire copy reaches us wrapped in the chrome of whoever passed it on: an 8-K's `EXHIBIT 99.1`
and letterhead, a newswire page's `News provided by` and timestamps, a blog's day-name date,
a scraper's `Title:` and `URL Source:`, Markdown `#` markers, the wire's own name. Each line of
the opening is one of: CHROME (dropped), a DATE line (a hint for the release's date), a CONTACT
line (moved to the release's Contacts), or TEXT; the first TEXT is the headline and the rest
the sub-headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsroom.importer.chrome import CHROME
from newsroom.importer.dateline import canonical_wire, find_signature
from newsroom.importer.dates import DATE, DATE_RE, first_date, read_date
from newsroom.importer.flat import eqs_unflattened, notice_apart
from newsroom.importer.headline import (
    ACTS,
    CONTACT_INFO,
    END,
    LEGAL_END,
    LEGAL_END_ANY_CASE,
    cjk,
    headline_of,
)
from newsroom.importer.letterhead import ADDRESS, CONTACT_LABEL, PERSON_LINE, ROLE, STREET, is_contact_line
from newsroom.importer.rawtext import single_spaced
from newsroom.importer.stamps import DAY_NAMES, RELEASE_HEADER, stamps_apart

_MARKUP = re.compile(r"^(?:#{1,6}\s+|>\s*|\|+\s*|[-\u2022\u25cf\u00b7]\s+)|^[*_]+|(?<![*_])[*_]++$|(?:(?<!\s)\s++)?\|++$")  # possessive: no time lost on long runs
_LABEL = re.compile(r"^(?:(?:(?:press\s+|news\s+)?release|title|headline|press\s+release|original)\s*[\u2013\u2014:-]|news\s*flash\b:?|"
                    r"(?:eqs|dgap)-[\w-]+:|(?-i:[A-Z]{4,15})[ \t]+/[ \t]+(?=(?-i:[A-Z][a-z]))|(?:document\s+)?exhibit\s+99(?:\.\d+)?(?=\s+(?-i:[A-Z][a-z])))\s*", re.I)
# An EQS (formerly DGAP) header names the company: 'EQS-News: Netfonds AG / Key word(s): Share Buyback'.
# Its page on the service's own site prints it without the prefix: 'Acme AG / Schlagwort(e): Anleihe'.
# With its service's prefix, the key words may be missing: 'DGAP Preliminary announcement financial reports: Acme AG / …'.
_HEADER = re.compile(r"(?m)^(?:\([^()\n]{2,30}\)\s*-\s*)?(?:(?P<service>(?:EQS|DGAP)[- ][\w -]{0,60}?:)\s*)?(?P<company>[^/\n]{2,80}?)\s*/\s*"
                     r"(?:Key\s*word|Schlagwort|(?(service)(?=\S)|(?!)))", re.I)
BULLETS = re.compile(r"(?m)^[ \t]*[\u2022\u25cf\u00b7*-][ \t]+")
# A quote page's ticker symbol on a line of its own: 'V.NFD.A', 'NASDAQ:ACME', 'TSX: ABC'.
_SYMBOL = re.compile(r"\(?(?:[A-Z]{1,8}(?:[ -][A-Z]{1,4})?\s?[.:]\s?)?[A-Z]{1,6}(?:\.[A-Z]{1,2})?\)?")
# A line of a repost's facts: 'Stock Name: ERF', 'Record Date: 06/10/2011'.
_FIELD = re.compile(r"(?m)^[ \t]*([A-Z][\w.]*(?:[ \t]+[\w.]+){0,2}):[ \t]*\S[^\n:]{0,60}$")
# A wire page's 'Source: Petrogrand AB', an old PR Newswire letterhead's 'FOR: ACME CORPORATION':
# the company, above the headline.
_SOURCE = re.compile(r"(?m)^[ \t]*(?:Source|FOR):[ \t]*(?P<company>[A-Z][^\n]{1,80}?)[ \t]*$")
# A Dow Jones flash ('*Celgene: Patent Litigation Settled'), with or without its timestamp.
_FLASH = re.compile(r"^(?:\d{1,2} \w{3} \d{4} \d{1,2}:\d{2} [A-Z]{2,4} )?\*(?!\*)\S[^:\n]{0,60}:")  # not '*4Q12 revenue up 33%'
# Wire names, and a place with its date, that flattened copy runs into the headline.
_WIRE_NAME = r"(?:PR Newswire|Business Wire|Globe ?Newswire|Marketwired|Accesswire|NewMediaWire|Canada NewsWire|Newsfile)"
_PLACE_DATE = (r"[A-Z][A-Z.'\- ]+,(?: [A-Z][\w.]*){1,3}, (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? "
               r"\d{1,2}, \d{4}")
# … and EQS's notice of an ad hoc announcement, between its header and the headline.
_MAR = (r"(?:Ver(?:\u00f6|oe)ffentlichung\s+von\s+Insiderinformationen|(?:Disclosure|Publication)\s+of\s+(?:an?\s+)?"
        r"inside\s+information)\b[^\n]{0,80}?596/2014")
_RUN_ON = re.compile(rf"(?<!\s)\s++(?:{_WIRE_NAME}\s++(?:{_PLACE_DATE}\s++)?|{_PLACE_DATE}\s++|{_MAR}\s++)")
# The line under which a copy's release starts: a forum's poster ('WalkingDead01 wrote:', 'From: Arnie  Respond to
# of 15196'), a filings site's viewer above a PDF's text.
_PAGE_ABOVE = re.compile(r"\S{2,40}\s+wrote:|from:\s+.{1,60}?\s+respond\s+to\s+of\s+\d+|opens\s+in\s+native\s+device\s+viewer",
                         re.I)
_ALONE = re.compile(_WIRE_NAME + r"|PRNewswire|GLOBE NEWSWIRE|Marketwire|ACCESSWIRE|CNW Group|EQS Newswire", re.I)
_IMAGE_OR_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\([^)]*\)|https?://\S+|www\.\S+")
_DANGLING = {"a", "an", "the", "and", "or", "of", "to", "with", "for", "in", "on", "at", "by", "from",
             "as", "its", "their", "into", "over", "under", "&", "-", "\u2013", "\u2014"}


@dataclass(frozen=True)
class Opening:
    """The release's own headline and sub-headline, and what else its opening said."""

    headline: str
    subtitle: str
    texts: tuple[str, ...]  # the lines of text the headline and sub-headline were chosen from
    dates: tuple[date, ...]  # dates printed on lines of their own (a date line, a timestamp)
    contacts: tuple[str, ...]  # a contact block printed above the headline (8-K letterhead)
    clock: str  # the opening's lines a time of day may be printed on
    company: str = ""  # named by a wire's header ('EQS-News: Netfonds AG / Key word(s): …')
    wire: str = ""  # the wire such a header names
    listed: str = ""  # ticker tags printed on a line of their own: '(TSX:CSS)'
    highlights: tuple[str, ...] = ()  # bulleted lines above any headline


def read_opening(head: str, width: int, hinted_title: str = "") -> Opening:
    """Classify the lines before the story. `width` is the column the text is hard-wrapped at
    (0 when it is not), so a headline wrapped onto two lines is read as one; `hinted_title` is a
    headline known from elsewhere (a blog's front matter), which the lines then follow."""
    texts: list[str] = []
    contacts: list[str] = []
    dates: list[date] = []
    clock: list[str] = []
    listed: list[str] = []
    highlights: list[str] = []
    guessed: list[date] = []  # dates printed in digits only, day and month both up to 12
    symbol_only = ""  # 'Symbol: TXL', then 'Stock Exchange: TSX'
    summarised = False  # past a portal's AI summary of the release
    named_by_rns = ""  # the issuer an RNS header's line names
    issuer = ""  # named by a Nordic release's header: 'HKScan Abp MEDDELANDE 1 oktober 2008, kl. 10.00'
    # a repost's table of facts ('Company: Acme', 'Amount: CAD 0.18'), bulleted or not ('• WKN: A2NBF2')
    fields = len(set(_FIELD.findall(BULLETS.sub("", head)))) >= 3
    in_contacts = provider = False
    cjk_text = cjk(head) > 0.3
    named = ""  # the wire, named on a line of its own
    crumbs = False
    previous_raw = ""
    released = -1  # how many lines of text stood above 'FOR IMMEDIATE RELEASE'
    rns = -1  # … and above 'RNS Number : 4263U', the last of them the headline
    doubled: set[str] = set()  # lines printed twice
    head = "\n".join(eqs_unflattened(notice_apart(line)) for line in single_spaced(head, wrapped=False).split("\n"))
    # A converted exhibit's table of highlights: the bullet in one cell, its text in the next ('·' / '|Revenue grew').
    head = re.sub(r"(?m)^[ \t|]*[\u2022\u25cf\u00b7\u25aa][ \t|]*\n(?:[ \t|]*\n)?[ \t|]*(?=[^\s|])", "\u2022 ", head)
    head = stamps_apart(head)
    # An EQS header broken before its key words is one line: 'EQS-News: Acme SE' / '/ Key word(s): …'.
    for whole in re.sub(r"(?im)^((?:EQS|DGAP)[- ][^\n/]{2,140})\n(?=[ \t]*/[ \t]*(?:key\s*word|schlagwort))", r"\1 ",
                        head).split("\n"):
        whole = re.sub(r"^[ \t]*\S{1,20}[ \t]{3,}(?=(?:(?:media|investor)\s+)?contacts?\s*:)", "", whole, flags=re.I)  # 'R-1324    CONTACT:'
        pieces = _RUN_ON.split(whole)
        for raw in pieces:
            if len(pieces) > 1:
                previous_raw = ""  # what a wire name or a dateline stood between is never one line
            line = clean(raw)
            if not line:
                if not raw.strip() and not (contacts and CONTACT_LABEL.fullmatch(contacts[-1])):
                    in_contacts = False  # a blank line ends a contact block (not one right under its label)
                previous_raw = ""
                continue
            if re.match(r"to:\s+.{1,60}?\s+who\s+wrote\s+\(|post#\s*\d*\s+of\s+\d+$", line, re.I):
                texts.clear()  # a forum's reply or post: what stood above it is the page and the posts before
                highlights.clear()
            if _PAGE_ABOVE.fullmatch(line) or re.fullmatch(r"<PAGE>\s*\d*", raw.strip(), re.I):
                texts.clear()  # what stood above is the page, not the release (see _PAGE_ABOVE; an EDGAR text's first page)
                highlights.clear()
                previous_raw = ""
                continue
            if len(line) <= 120 and (nordic := RELEASE_HEADER.match(line)):
                issuer = nordic["company"]  # a Nordic release's header: who, what kind, when
                dates.extend(found for found in (first_date(line),) if found)
                clock.append(line)
                previous_raw = ""
                continue
            if re.fullmatch(r"\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?", line, re.I):
                clock.append(line)  # a time of day wrapped onto a line of its own ('… 4 May 2012 at' / '9.00 am')
                previous_raw = ""
                continue
            if summarised or re.search(r"\bquiver\s+ai\s+summary\b", line, re.I):
                summarised = True  # a portal's AI summary, its pros and cons and its FAQ, down to the release
                continue
            if re.match(r"informationen\s+l\u00e4mnades\s+f\u00f6r\s+offentligg\u00f6rande|this\s+information\s+was\s+submitted\s+"
                        r"for\s+publication", line, re.I):
                dates.extend(found for found in (first_date(line),) if found)  # a Nordic notice: when it went out
                previous_raw = ""
                continue
            if re.fullmatch(r"By\s+(?:[A-Z][\w&.'\u2019-]*\s*){1,4}", line):
                previous_raw = ""  # a page's byline: 'By HUGO BOSS AG', 'By Quiver Quantitative'
                continue
            if re.fullmatch(r"Recent\s+Sedar\+?\s+Documents", line, re.I):
                texts.clear()  # Stockwatch: the end of its clock and quote panel ('Enter Symbol', 'Symbol P', 'Close …')
                highlights.clear()
                dates.clear()
                previous_raw = ""
                continue
            if re.fullmatch(r"(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}\s+reports", line):
                texts.clear()  # Stockwatch: the page's quote panel and its own headline stand above 'Mr. Jane Doe reports'
                highlights.clear()
                del dates[:-1]  # … and its clock; the release's time is the date line nearest above
                previous_raw = ""
                continue
            if _FLASH.match(raw.strip()) or _HEADER.match(raw.strip()):
                previous_raw = ""
                continue
            if not texts and len(line.split()) <= 5 and line.endswith(":") and (
                    highlights or re.search(r"\b(?:highlights|summary|overview)\s*:$", line, re.I)):
                previous_raw = ""  # a box's label above its points, where no headline is: 'Fiscal year 2017 highlights:'
                continue
            if not texts and (box := re.match(r"[\w ,-]{0,40}\bhighlights\s*:\s*(?=\S)", line, re.I)):
                highlights.append(line[box.end():])  # 'Fiscal year 2017 highlights: Revenues up 6% …': a box, no headline
                previous_raw = ""
                continue
            if not texts and BULLETS.match(raw):
                highlights.append(line)  # a highlight above any headline: none, or the sub-headline of none
                previous_raw = ""
                continue
            if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}, [A-Z]{2}", line):
                previous_raw = ""  # a place on a line of its own ('Mill Valley, CA'): no headline
                continue
            if cjk(line) > 0.3 and not cjk_text:
                previous_raw = ""  # an aggregator's lines in its own language: '2008年2月23日', 'PRニュース・ワイアー'
                continue
            if (_is_date_line(line) or find_signature(line)) and not (width and texts and len(previous_raw.rstrip()) >= 0.8 * width and line.endswith(".")
                                            and not END.search(previous_raw.rstrip())):  # '… effective' / 'May 17, 2005.'
                if byline := re.match(_WIRE_NAME, line, re.I):
                    named = named or canonical_wire(byline.group(0))
                found = first_date(line)
                if found and found.day <= 12 and re.search(r"\b\d{1,2}/\d{1,2}/(?:19|20)?\d\d\b", line):
                    guessed.append(found)  # '04/08/2016': the 4th of August or April the 8th; a later line may say
                elif found:
                    dates.append(found)
                clock.append(line)
                previous_raw = ""
                continue
            if CONTACT_LABEL.match(line) or (in_contacts and is_contact_line(line)):
                in_contacts = True
                contacts.append(line)
                previous_raw = ""
                continue
            if fields and ((_FIELD.fullmatch(line) and not _named(line.split(":", 1)[0]))
                           or re.fullmatch(r"[A-Z][\w.]*(?:\s+[\w.]+){0,2}:", line)):  # not 'Acme AG: Keine Erhöhung …'
                previous_raw = ""
                continue
            if symbol := re.fullmatch(r"(?P<on>[A-Z][A-Z .-]{1,30}?)\s+SYMBOLS?\s*:\s*(?P<of>[A-Z][A-Z.]{0,7})", line):
                listed.append(f"({symbol['on']}: {symbol['of']})")  # 'TSX VENTURE SYMBOL: HOP' above the dateline
                continue
            if symbol := re.fullmatch(r"(?i:(?:stock\s+|trading\s+)?symbols?)\s*:\s*(?P<on>[A-Z][A-Z .-]{1,20}?)\s*:\s*"
                                      r"(?P<of>[A-Z][A-Z.]{0,7})", line):
                listed.append(f"({symbol['on']}: {symbol['of']})")  # 'Stock symbol: TSX: TOS'
                continue
            if re.fullmatch(r"(?i:(?:outstanding\s+shares|shares\s+outstanding))\s*:\s*[\d,.]+", line):
                continue  # … and under it, 'Outstanding shares: 65,888,182'
            if symbol := re.fullmatch(r"(?i:symbols?)\s*:\s*(?P<of>[A-Z][A-Z.]{0,7})", line):
                symbol_only = symbol["of"]  # 'Symbol: TXL' and, under it, 'Stock Exchange: TSX'
                continue
            if symbol_only and (exchange := re.fullmatch(r"(?i:(?:stock\s+)?exchanges?)\s*:\s*(?P<on>[A-Z][\w .-]{1,30})", line)):
                listed.append(f"({exchange['on']}: {symbol_only})")
                continue
            if page := re.fullmatch(r"(?i:press\s+release\s+)?(?![^()]*(?:\.\.\.|\u2026))[^()]{2,60}?\s*(?P<tag>\([A-Za-z][\w .-]{1,20}?\s*[-:]\s*[A-Z][A-Z.]{0,7}\)):?",
                                    line):
                listed.append(page["tag"])  # an IR page's title: 'Press Release ACME HOLDINGS (NASDAQ - ACME)', 'Acme (LSE:ACM)'
                previous_raw = ""
                continue
            if _SYMBOL.fullmatch(line) and ":" in line:
                listed.append(line if line.startswith("(") else f"({line})")  # '(TSX:CSS)' under the headline
                continue
            if re.fullmatch(r"1\.\s+Home", line, re.I) or (crumbs and re.match(r"\d{1,2}\.\s+\S", line)):
                crumbs = True  # a page's breadcrumbs: '1. Home', '2. News', '3. Acme declares a dividend'
                previous_raw = ""
                continue
            crumbs = False
            if _ALONE.fullmatch(line):
                named = named or canonical_wire(line)  # 'Business Wire' on a line of its own, over the dateline
            if released < 0 and re.match(r"for\s+immediate\s+release\b", line, re.I):
                released = len(texts)
            if rns < 0 and (header := re.match(r"RNS\s+Number\s*:\s*\S+\s*(?P<rest>.*)", line)):
                rns = len(texts)
                named_by_rns = re.sub(rf"\s*{DATE}$", "", header["rest"])  # 'RNS Number : 6448L Acme Group AG 11 November 2024'
            if CHROME.match(line) or provider or (_file_name(line) and not texts) or _SYMBOL.fullmatch(line):
                # the next line names who ('News provided by'), or the blog's categories
                provider = bool(re.fullmatch(r"news\s+provided\s+by|categories|category|tags|filed\s+under:?", line, re.I))
                previous_raw = ""
                continue
            if ADDRESS.search(line) and texts and previous_raw and STREET.search(texts[-1]):
                texts.pop()  # the street line above the town: 'Metro Center, One Station Place'
            if CONTACT_INFO.search(line) or re.match(r"P\.?\s?O\.? Box\b", line, re.I) or ADDRESS.search(line):
                while texts and previous_raw == "" and PERSON_LINE.fullmatch(texts[-1]):
                    contacts.append(texts.pop())  # a name among the letterhead's numbers: 'Patrick E. Phelan,'
                at = len(contacts)
                while CONTACT_INFO.search(line) and texts and previous_raw and len(texts[-1].split()) <= 6 and (
                        ROLE.search(texts[-1]) or (len(texts[-1].split()) <= 3 and LEGAL_END.search(texts[-1]))):
                    contacts.insert(at, texts.pop())  # 'Jane Doe, Acting CEO & CFO' / 'Acme Ltd.' / 'Tel: …'
                previous_raw = ""  # the letterhead: an address, a phone number
                continue
            in_contacts = False
            if texts and line.casefold() == texts[-1].casefold():
                doubled.add(line.casefold())  # a headline printed twice (a blog's title above the post)
            elif previous_raw and texts and (_continues(previous_raw, raw, width) or any(
                    text.casefold().startswith(f"{texts[-1]} {line}".casefold()) for text in texts[:-1])):
                texts[-1] = f"{texts[-1]} {line}"
            else:
                texts.append(line)
            previous_raw = raw
    # An RNS header names the issuer: on its line, or on the line under it ('Acme Group PLC').
    if rns >= 0 and not issuer:
        issuer = next((name for name in (named_by_rns, *texts[rns:rns + 1]) if 0 < len(name.split()) <= 6
                       and LEGAL_END_ANY_CASE.search(name)), "")
    # An RNS headline stands alone: the lines under its header are the document's own title page,
    # unless one of them is a headline of its own ('Ambrian Capital Reports First Half Results').
    if rns >= 1:
        texts = next(([line] for line in texts[rns:rns + 4] if ACTS.match(line)), texts[rns - 1:rns])
    else:
        texts = _below_the_page(texts, released, doubled)
    if hinted_title:
        texts.insert(0, hinted_title)
    headline, subtitle = headline_of(texts, bool(hinted_title))
    header = _HEADER.search(head)
    source = _SOURCE.search(head)
    if source and _ALONE.search(source.group("company")):
        source = None  # 'Source: Nuntio / GlobeNewswire' names who passed it on
    company = header.group("company").strip() if header else source.group("company").strip() if source else issuer
    return Opening(headline, subtitle, tuple(texts), tuple(dates + guessed), tuple(contacts), "\n".join(clock),
                   company, "EQS" if header else named, " ".join(listed), tuple(highlights))


def _below_the_page(texts: list[str], released: int, doubled: set[str]) -> list[str]:
    """The lines of the release itself, without the page around it: the lines of text above a
    'FOR IMMEDIATE RELEASE' that has text under it (three or more: not an RNS headline and its
    company), or above the last headline the page printed twice (over the release as in the
    page's title), are the page's name, menus and notices."""
    if 3 <= released < len(texts):
        texts = texts[released:]
    seen = [text.casefold() for text in texts]
    twice = [i for i, text in enumerate(seen) if (text in doubled or seen.count(text) > 1 or any(
        other.endswith(" " + text) and len(other) - len(text) <= 40 and not re.search(r"[:;,]\s*$", other[:-len(text)])
        for other in seen[:i])) and len(text.split()) >= 4]  # a page title: 'ACME OYJ ' + the headline
    return texts[twice[-1]:] if twice else texts


def _named(label: str) -> bool:
    """'Acme Entertainment AG' before a colon names a company (its headline follows), 'Company' does not."""
    return len(label.split()) >= 2 and bool(LEGAL_END_ANY_CASE.search(label))


def _file_name(line: str) -> bool:
    """'eBay-Q3-2025-Earnings-Press-Release-Final', '2025-10-28-EX-99-1 Wayfair': the name of the file a
    converter made the text from, printed as its title. A headline has spaces between its words."""
    return (" " not in line and len(line) > 4 and not line.endswith(":")) or bool(re.match(r"(?:[^\s-]*-){3}\S*\s", line))


def clean(line: str) -> str:
    """A line without Markdown and table markers, links, images, HTML tags and labels like 'Release –'."""
    line = re.sub(r"</?[a-zA-Z][^<>]{0,200}>", "", _IMAGE_OR_LINK.sub(lambda m: _link_text(m.group(0)), line))
    line = re.sub(r"^[ \t]*[-\u2013\u2014][ \t]+(\S.*?)[ \t]+[-\u2013\u2014][ \t]*$", r"\1", line)  # '- Considers Alternatives -'
    for _ in range(3):
        line = _MARKUP.sub("", line.strip()).strip()
    line = re.sub(r"^\$[A-Z]{1,6}\s+(?=[A-Z])", "", line)  # a forum's cashtag before the headline: '$PBIO Acme …'
    line = re.sub(r"^1\s+(?=[A-Z]{2,}\s+[A-Z]{2,})|\(opens\s+in\s+(?:a\s+)?new\s+(?:window|tab)\)\s*", "", line, flags=re.I)  # a PDF's page 1
    return " ".join(_LABEL.sub("", line).split())


def _link_text(link: str) -> str:
    if link.startswith("["):
        return link[1:link.index("]")]
    return ""


def _is_date_line(line: str) -> bool:
    """A date, a timestamp or a day-name date on a line of its own: not a headline."""
    rest = re.sub(rf"^{DAY_NAMES},?\s*", "", line, flags=re.I)
    rest = re.sub(rf"\(\s*{_WIRE_NAME}(?:\s+Group)?\s*\)|\([^()]{{0,40}}\bvia\s+COMTEX\b[^()]{{0,30}}\)|^{_WIRE_NAME}\s+", " ", rest,
                  flags=re.I)  # 'Mar. 3, 2011 (Canada
    # NewsWire Group) --', a page's byline 'Business Wire 5-Aug-2024 4:05 PM'
    match = DATE_RE.search(rest)
    if match is None:  # a timestamp in another language: '2020. augusztus 21., péntek, 18:06', '2008年2月23日 - 12:29PM'
        return bool(re.match(r"\d{4}\s*\u5e74\s*\d{1,2}\s*\u6708\s*\d{1,2}\s*\u65e5", rest)) or bool(
            re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s*\d{1,2}[:.]\d{2}.*|\d{1,2}[-./]\d{1,2}[-./]\d{4}", rest)) or (
            bool(re.search(r"\b(?:19|20)\d\d\b", rest)) and bool(re.search(r"\b\d{1,2}:\d{2}\b", rest))
            and len(rest.split()) <= 6)
    leftover = re.sub(r"\d{4}-\d\d-\d\d(?:T[\d:.]+Z?)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}[:.]\d{2}(?::\d{2})?|\b\d{1,2}\s?h\s?\d{2}\b|\b(?:[ap]\.?m\.?|[A-Z]{2,4}(?:/[A-Z]{3,4})?|eastern|central|pacific|"
                      r"mountain|standard|daylight|time|posted|on|updated|published|at|de|le|press|news|media|release|"
                      r"issued|dated?|nachricht|vom|stock|exchange|notice|announcement)\b|[\W_]",
                      " ", rest[:match.start()] + " " + rest[match.end():], flags=re.I)
    return len(leftover.strip()) <= 3 and read_date(match) is not None


def _continues(previous: str, raw: str, width: int) -> bool:
    """The line goes on the line before it (a wrapped headline), not a new sub-headline."""
    before, line = previous.rstrip(), raw.strip()
    words = before.split()
    if not words or (END.search(before) and not re.search(r"\b(?:Inc|Corp|Ltd|Co|Cos|Bros|Intl)\.$", before)):
        return False
    if before.endswith((":", ",", ";")) or re.match(r"(?:Inc|Corp|Ltd|LLC|plc|Co)\.?\s", line):
        return True  # 'Acme Expands Zone over 815 m:' / '29.2 g/t Au over 9.25 m'; 'Acme Bio-Chem,' / 'Inc. Granted …'
    if len(line.split()) <= 5 and LEGAL_END_ANY_CASE.search(line) and not line[:1].islower():
        return False  # the company's name under the headline, as a letterhead
    if words[-1].lower() in _DANGLING or line[:1].islower() or len(line.split()) <= 4 \
            or line.split()[0].lower() in ("and", "or", "of", "for", "to", "with", "in", "on", "at", "from", "&"):
        return True  # '… REPORTS FOURTH QUARTER' / 'AND YEAR END FINANCIAL RESULTS'
    if previous.startswith("#") and not raw.lstrip().startswith("#"):
        return True  # a Markdown heading wrapped by the converter that made it
    centred = len(previous) - len(previous.lstrip()) >= 8 and len(raw) - len(raw.lstrip()) >= 8
    wrapped = width and len(before) + 1 + len(line.split()[0]) > width >= len(before)
    return bool(centred or wrapped)

"""Where a release's sections begin: the labels wire copy opens them with, alone on a line or as
the first words of a paragraph ('About Acme -- Acme makes…', 'Safe Harbor Statement …: …'), the
wire chrome around them, and where flattened copy that ran them together is cut.
"""

from __future__ import annotations

import re

_LABEL_END = r"\s*(?::|\s[-\u2013\u2014]{1,2}\s|\.(?=\s+[A-Z]))\s*"
FORWARD = (r"(?:(?:Cautionary|Special)\s+(?:Notes?|Notice|Statements?)\s+(?:on|Regarding|Concerning|About|Relating\s+to)\s+"
           r"(?:[\w-]+\s+){1,6}?and\s+Forward[- ]Looking\s+(?:Statements?|Information)|"
           r"Cautionary\s+(?:Note|Statements?|Language|Information)(?:\s+(?:Regarding|Concerning|About|on|"
           r"Relating\s+to)\s+Forward[- ]Looking\s+(?:Statements?|Information))?|Safe\s+Harbou?r(?:\s+Statements?)?"
           r"(?:\s+(?:under|for\s+Purposes\s+of)\s+the\s+Private\s+Securities\s+Litigation\s+Reform\s+Act"
           r"(?:\s+of\s+1995)?)?|(?:(?:Special\s+)?Note\s+(?:Regarding|on|About|Concerning)\s+|Disclaimer\s+"
           r"(?:Regarding|on)\s+)?Forward[- ]Looking\s+(?:Statements?|Information)(?:\s+Disclaimer)?)")
CONTACTS = (r"(?:(?:(?:Media|Investors?|Press|Analysts?|IR|Financial|Company|Editor(?:ial)?|Agency|Public\s+Relations)"
            r"(?:\s+(?:and|&)\s+(?:Media|Investors?|Analysts?))?\s+)?(?:Relations\s+)?(?:Contacts?|Inquiries|Enquiries)"
            r"(?:\s+Information)?|For\s+(?:further|more|additional)\s+information[^:\n]{0,60}?|"
            r"Please\s+contact\s+for\s+additional\s+information|Investor\s+Relations(?:\s+Contacts?)?|"
            r"Informationen\s+und\s+Erl\u00e4uterungen\s+des\s+Emittenten\s+zu\s+dieser\s+Mitteilung|"
            r"Information\s+and\s+Explanation\s+of\s+the\s+Issuer\s+to\s+this\s+(?:News|Announcement)|"
            r"Investors|Media|Contact\s+Information|(?:Presse|Investor[- ]Relations[- ])?Kontakte?|Ansprechpartner)")
# The sentences a forward-looking section opens with when it has no heading of its own.
FORWARD_OPENER = (r"(?:(?:NOTE:\s*)?(?:This|The)\s+(?:news\s+|press\s+)?(?:release|communication|announcement)\s+(?:contains|includes|"
                  r"may\s+contain)|To\s+the\s+extent\s+(?:any\s+)?(?:announcements?|statements?)\s+in\s+this\s+(?:document|release|"
                  r"announcement)\s+contain|(?:Certain\s+)?(?:statements|information)\s+(?:in|(?:contained|included)\s+in)\s+this\s+(?:news\s+|"
                  r"press\s+)?release|Except\s+for\s+(?:the\s+)?(?:statements\s+of\s+)?historical|(?:All\s+)?(?:statements|"
                  r"information)\s+(?:in\s+this\s+(?:news\s+|press\s+)?release\s+)?(?:that\s+are\s+not|other\s+than)\s+"
                  r"(?:statements\s+of\s+)?historical)(?:[^.]|\.(?=\d|\s?[a-z])){0,800}?(?:forward[- ]looking|Private\s+Securities\s+Litigation)")
OTHER = (r"(?:(?:Use\s+of\s+|About\s+|Reconciliation\s+of\s+)?Non-GAAP\s+(?:Financial\s+)?"
         r"(?:Measures?|Information|Results)|Conference\s+Call(?:\s+and\s+Webcast)?(?:\s+(?:Information|Details))?|"
         r"Webcast(?:\s+and\s+Conference\s+Call)?(?:\s+(?:Information|Details))?)")
# Where a section opens: as a line of its own, or as the first words of a paragraph.
_FORWARD = re.compile(rf"(?P<label>{FORWARD})(?:{_LABEL_END}|\s*$|\s+(?=[A-Z]))", re.I)
_CONTACTS = re.compile(rf"(?P<label>{CONTACTS})(?:\s*:\s*|\s*$|,?\s+(?=please\s+contact\b))", re.I)
_OTHER = re.compile(rf"(?P<label>{OTHER})(?:\s*:\s*|\s*$)", re.I)
_ABOUT = re.compile(r"(?P<label>(?:(?i:about)|\u00dcber|\u00c0\s+propos\s+d[eu']|Om)\s+"
                    r"(?P<name>(?:(?:the|die|der|das|la|le|les|l')\s+)?(?!(?:Us|Me|You)\b)(?:[a-z](?=[A-Z]))?"
                    r"[A-Z0-9][\w&'\u2019.,\-\u00ae\u2122]*"
                    r"(?:\s+(?:[A-Z0-9&][\w&'\u2019.,\-\u00ae\u2122]*|of|and|de|du|des|la|le|for|the|in)){0,8}))"
                    rf"(?:{_LABEL_END}|\s*$|(?=\s+[a-z(]))")
CHROME = re.compile(r"^(?:SOURCE\b.*|Regulatory News\s*:?|View (?:source|original) (?:version|content).*|To view the original version.*|"
                    r"(?:Logo|Photo|Video|Multimedia)s?\s*[-:]\s*https?://.*|\(END\) Dow Jones.*|\(MORE TO FOLLOW\).*|"
                    r"Copyright\b.*(?:Dow Jones|Newswire|Wire|Marketwired|Cision|Business Wire|GlobeNewswire).*|"
                    r"/?Web\s*site:\s*\S+\s*$|\d{2}-\d{2}-\d{2} \d{4}ET|-?0-?|-30-|#{3,}|\*{3,}|<PAGE>|END|<<|>>|"
                    r"News provided by.*|Share this article.*|NOT FOR (?:DISTRIBUTION|DISSEMINATION|RELEASE).*|"
                    r"(?:Attachments?|Related Links?|Related Documents?)\s*:?.*|.{0,60}\bpage \d+|\(\s*\)|This announcement is "
                    r"distributed by .*|-{2,}|_{3,}|={3,}|\|+|\+{3}[^+\n]{3,60}\+{3})$", re.I)
# The wire's pointers to its pictures: `Logo - http://…`, `Photo - [http://…](http://…)`, `(Logo: http://… )`.
MEDIA = re.compile(r"^\(?\s*(?P<kind>Logo|Photo|Video|Multimedia|Image)s?\s*[-:\u2013]\s*"
                   r"\[?(?P<url>https?://[^\s\[\]()<>]+)\]?(?:\(https?://[^\s()<>]+\))?\s*\)?$", re.I)
# What flattened copy runs together: the places to cut before, when found after a sentence's end.
_CUT = re.compile(rf"(?<=[.!?\"\u201d)\]])\s*(?=(?-i:[A-Z(/]))(?=(?:About\s+[A-Z]|{FORWARD}|{CONTACTS}\s*:|{OTHER}\s*:|SOURCE\s+[A-Z]|"
                  rf"{FORWARD_OPENER}|/?CONTACT:|"
                  r"Logo\s+-\s+http|Photo\s+-\s+http|To view the original version|View (?:source|original) "
                  r"(?:version|content)|\(END\) Dow Jones|\(MORE TO FOLLOW\)|/Web site:|Copyright\s))", re.I)
_CHROME_CUT = re.compile(r"(?<!\s)\s++(?=SOURCE\s+[A-Z]|/CONTACT:|\(END\) Dow Jones|\(MORE TO FOLLOW\)|To view the original version|"
                         r"View original content|(?:Logo|Photo)\s+-\s+https?://)")
# EQS's end of an ad hoc announcement: '+++ Ende der Ad-hoc-Mitteilung +++', a piece of its own.
_MARKER = re.compile(r"(?:(?<!\s)\s++)?(\+{3}[^+\n]{3,60}\+{3})\s*+")
# A flattened About whose heading runs into its text, which opens by naming the company again:
# 'About Network Media Group / Network Entertainment Network Media Group is the parent …'.
_ABOUT_REPEATED = re.compile(r"About\s+(?P<name>(?P<first>[A-Z][\w&'\u2019.-]*)\s+(?P<second>[\w&'\u2019.-]+)"
                             r"(?:\s+[^\s.]+){0,8}?)\s+(?=(?P=first)\s+(?P=second)\b)")
# 'ir.viveve.com About Viveve Viveve Medical, Inc. is …': an About label, even with no sentence end before it.
_ABOUT_AGAIN = re.compile(r"(?<!\s)\s++(?=About\s+([A-Z][\w&'\u2019.-]*)(?:\s+[A-Z][\w&'\u2019.,-]*){0,4}?\s+\1\b)")
SUBHEAD_LIMIT = 100
SENTENCE_END = re.compile(r"[.!?;,\"'\u201d\u2019]$")
_SMALL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "vs", "is", "are",
          "be", "its", "into", "per",
          "per", "&", "-", "\u2013", "\u2014"}


def split_flattened(paragraph: str) -> list[str]:
    """A paragraph that runs sections and chrome together, cut where each begins."""
    if len(paragraph) < 200 or "\n" in paragraph:
        return [paragraph]
    parts = [cut for marked in _MARKER.split(paragraph) for part in _CUT.split(marked) if part.strip()
             for cut in _CHROME_CUT.split(part) if cut.strip()]
    return [piece for part in parts for piece in _ABOUT_AGAIN.split(part) if piece.strip()]


PHONE = re.compile(r"(?:\+\d[\d ()./-]{7,}\d|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}|@|\[email\s+protected\])")


def contact_info(line: str) -> bool:
    """A short line with a phone number or an email, outside any sentence: contact details."""
    return len(line) <= 160 and bool(PHONE.search(line)) and not re.search(r"[a-z]{3,}[.!?]$", line) and \
        len(re.findall(r"\b[a-z]{4,}\b", line)) <= 4


def plain(paragraph: str) -> str:
    """A paragraph without the Markdown a scraper wrapped it in: heading marks, emphasis, links."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", paragraph)
    text = re.sub(r"\[([^\]]*)\]\((?:https?://|mailto:|/)[^)]*\)", r"\1", text)
    text = re.sub(r"^(?:#{1,6}\s+|>\s*|/(?=[A-Z]))", "", text.strip())
    text = re.sub(r"\*\*(\S(?:.{0,200}?\S)?)\*\*(?=\w)", r"\1 ", text)  # '**About Acme**Acme is' reads 'About Acme Acme is'
    return " ".join(text.replace("**", "").split()).strip("*_ ")


def open_section(line: str) -> tuple[str, str, str] | None:
    """A line that opens a recognised section → (kind, heading, the text after the label)."""
    if len(line) <= 100 and (is_subhead(line) or line.endswith(":")) and re.search(
            r"forward[- ]looking|safe harbou?r|^cautionary\s+(?:notes?|statements?|language)", line, re.I):
        return "forward", "Forward-Looking Statements", ""  # 'Forward-Looking Information is Subject to Risk'
    if re.match(FORWARD_OPENER, line, re.I):
        return "forward", "Forward-Looking Statements", line
    if again := _ABOUT_REPEATED.match(line):  # 'About Acme Group / Acme Films Acme Group is …'
        return "about", f"About {again.group('name')}", line[again.end():].strip()
    for kind, pattern in (("forward", _FORWARD), ("contacts", _CONTACTS), ("other", _OTHER), ("about", _ABOUT)):
        match = pattern.match(line)
        if not match:
            continue
        rest = line[match.end():].strip()
        label = " ".join(match.group("label").split())
        if kind == "about":
            name, rest = _about_name(match.group("name"), rest)
            if not name or (not rest and len(line) > 80):
                continue
            word = match.group("label").split()[0]
            return "about", f"{'About' if word.lower() == 'about' else word} {name}", rest
        if kind == "forward":
            if rest and rest[:1].islower():
                continue  # 'forward-looking statements are ...' is a sentence, not a heading
            return "forward", "Forward-Looking Statements", rest
        if kind == "contacts" and ((len(label) > 40 and rest and not re.match(r"[A-Z(+\d]|please\s+contact\b", rest))
                                   or rest.startswith("//")):
            continue  # 'For more information, visit http://…' is a sentence with a link
        if kind == "contacts":
            return "contacts", "Contacts", rest
        return "other", _heading_case(label), rest
    return None


def introduces(line: str, following: str) -> bool:
    """'Bank of America' on a line of its own, then 'Bank of America is one of …': an About."""
    name = line.strip().rstrip(":")
    return len(name.split()) <= 6 and bool(re.match(rf"{re.escape(name)}(?:,? (?:Inc|Corp|Ltd)\.?)?,? "
                                                     rf"(?:is|was|are|\(|,)", following.strip()))


def _about_name(name: str, rest: str) -> tuple[str, str]:
    """'About Heritage Heritage Insurance …' → ('Heritage', 'Heritage Insurance …'): an About
    label run into its paragraph ends where the paragraph names the company again."""
    if rest.startswith("(") and (tag := re.match(r"\([^()]{2,40}:[^()]{1,30}\)", rest)):
        name, rest = f"{name} {tag.group(0)}", rest[tag.end():].strip()  # 'About Paltalk, Inc. (NASDAQ: PALT)'
    words = name.rstrip(" ,").split()
    for at, word in enumerate(words[1:], 1):  # 'Generic GoldGeneric Gold is' (flattened without a space)
        glued = re.match(rf"(\w+?)({re.escape(words[0])})$", word)
        if glued and len(words[0]) > 2:
            head = " ".join([*words[:at], glued.group(1)])
            return clean_name(head), " ".join([glued.group(2), *words[at + 1:], rest]).strip()
    for size in range(1, len(words)):
        if words[size - 1].lower() in ("and", "&", "und", "et"):
            continue  # 'About Infinity Bancorp and Infinity Bank': one heading for two names
        if words[size].strip(",") == words[0].strip(",") or (words[size] == "The" and size > 1):
            return clean_name(" ".join(words[:size])), " ".join([*words[size:], rest]).strip()
    if (not rest and len(words) > 8) or rest[:1].islower() or rest[:1] == "(":
        return "", ""  # 'About 40 of them were …': a sentence, not a label
    return clean_name(" ".join(words)), rest


def clean_name(name: str) -> str:
    name = name.strip().rstrip(":,")
    if not re.search(r"\b(?:Inc|Corp|Ltd|Co|S\.A|N\.V|L\.P|L\.L\.C|plc|AG|SE|Oyj|ASA|AB)\.?$", name, re.I):
        name = name.rstrip(".")
    if name.isupper() and len(name) > 4:
        return " ".join(w if len(w) <= 4 and "." in w else w.capitalize() for w in name.split())
    return name


def _heading_case(label: str) -> str:
    return label if not label.isupper() else label.title()


def is_subhead(line: str) -> bool:
    """A short line of its own in headline capitals: 'Third Quarter 2026 Highlights'."""
    if len(line) > SUBHEAD_LIMIT or SENTENCE_END.search(line) or not line[:1].isupper():
        return False
    if re.search(r"\([^()]{0,30}:\s*[A-Z][A-Z0-9.]{0,7}\)$", line):
        return False  # a lede cut short after the company's ticker tag: 'Acme, Inc. ("Acme") (Nasdaq NM: ACME)'
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", line.rstrip(":"))]
    if not words or len(words) > 14:
        return False
    major = [w for w in words if w.lower() not in _SMALL]
    capitalised = sum(1 for w in major if w[:1].isupper())
    return capitalised == len(major) or (line.isupper() and len(words) >= 2)

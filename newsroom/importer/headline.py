"""Which line of a release's opening is its headline, and which lines are its sub-headline.

The opening's lines of text (opening.py has set apart chrome, date lines and contacts) are
judged as a reader would: the first, unless it is a sentence, an advertisement or a letterhead
and a later line is a headline naming the company; its last copy when a page printed it twice.
"""

from __future__ import annotations

import re

# Shared with opening.py, which reads the lines these are judged among.
CONTACT_INFO = re.compile(r"@|\d{3}[\s.)-]+\d{3}[\s.-]\d{4}|\+\d|^www\.|^https?:|^or$|"
                          r"^(?:tel|fax|phone|telephone|mobile|cell)\.?\s*:?\s*[+(\d][\d\s().-]{6,}$", re.I)  # 'Tel: 972-3-7111690'
END = re.compile(r"[.!?]$")
LEGAL_END = re.compile(r"\b(?:Inc|Incorporated|Corp|Corporation|Ltd|Limited|LLC|plc|AG|SE|AB|ASA|Oyj|Oy|Group|Company|Co|NL|SA|NV|A/S|"
                        r"Aktiengesellschaft|GmbH|KGaA|S\.p\.A|SpA)\.?$")
LEGAL_END_ANY_CASE = re.compile(LEGAL_END.pattern, re.I)  # 'AURUM MINING PLC'
MAX_HIGHLIGHTS = 4  # lines of highlights a company prints above its headline, at most

# A headline that says who did what: a name of one to five words, then its verb.
ACTS = re.compile(r"(?:[A-Z][\w&'\u2019.\-]*\s){1,5}(?:Announces|Reports|Posts|Declares|Completes|Publishes)\b")


def headline_of(texts: list[str], settled: bool = False, company: str = "") -> tuple[str, str]:
    """The headline and the sub-headline among the opening's lines of text: the first, unless it
    is a sentence and a later line is a headline naming the company (highlights printed above
    the headline); its last copy when a page printed it more than once; a headline line of two
    sentences is a headline and its sub-headline."""
    if not texts:
        return "", ""
    texts = [text for text in texts if not _teaser(text, texts)] or texts
    if not settled:  # 'why so negative treetop?': a headline never opens with a word in lower case ('eBay' may)
        texts = [text for text in texts if not _opens_in_lower_case(text)] or texts
    pick = 0
    if not settled and len(texts) > 1 and _letterhead(texts[0], company):
        texts = texts[1:]  # the company's name over its announcement
    crowded = len(texts) > MAX_HIGHLIGHTS + 1  # a page's menus and notices above the release
    if not settled and company and (not _headline_case(texts[0]) or crowded and company.casefold() not in texts[0].casefold()):
        pick = next((i for i, text in enumerate(texts) if _headline_case(text) and company.casefold() in text.casefold()
                     and not _letterhead(text, company)), 0)
        if not pick and crowded and company.casefold() not in texts[0].casefold():
            pick = next((i for i in reversed(range(len(texts))) if company.casefold() in texts[i].casefold()
                         and len(texts[i].split()) >= 4 and not END.search(texts[i]) and not _letterhead(texts[i], company)
                         and not CONTACT_INFO.search(texts[i])), 0)  # a page's menus above 'Acme publishes its results'
    page_above = False
    if not settled and company and not pick and company.casefold() not in texts[0].casefold():
        pick = next((i for i, text in enumerate(texts[1:MAX_HIGHLIGHTS + 1], 1)
                     if text.casefold().startswith(company.casefold()) and ACTS.match(text)), 0)
        page_above = not all(re.search(r"\d", text) for text in texts[:pick])  # an advertisement, not highlights
    # A few lines above the headline are its highlights (figures, not sentences); more, or
    # sentences, are the page it was copied from (a forum's comment, a site's menus).
    above = texts[:pick] if pick <= MAX_HIGHLIGHTS and not page_above and not any(
        END.search(text) or text.endswith(":") or re.search(r"[a-z0-9][.!?]\s+[A-Z]", text) for text in texts[:pick]) else []
    copies = [i for i, text in enumerate(texts) if _core(text) == _core(texts[pick])]
    best = max(copies, key=lambda i: (_core(texts[i], prefix=False) == texts[i].casefold(), ":" in texts[i][:42], i))
    if not settled and best != pick:
        pick, above = best, []  # a page that shows the headline again: its fullest copy, its last
    above = [text for text in above if _core(text) != _core(texts[pick])]  # the page's title: the headline again
    headline, rest = texts[pick], above + texts[pick + 1:]
    # a wrapped copy printing the headline again, run into its sub-headline: 'Acme Reports … Results Earnings Up 33%'
    rest = [text[len(headline):].strip() if len(headline.split()) >= 5 and text.casefold().startswith(headline.casefold() + " ")
            else text for text in rest]
    sentences = re.split(r"(?<=[a-z0-9)]{2}[.!?])(?<!\bInc\.)(?<!\bCorp\.)(?<!\bLtd\.)(?<!\bCo\.)\s+(?=[A-Z])", headline) \
        if headline.endswith(".") else [headline]
    if len(sentences) > 1:
        headline, rest = sentences[0].rstrip("."), [" ".join(sentences[1:]), *rest]
    if company and company.casefold() not in headline.casefold().split(". ")[0] and not settled:
        after = re.match(r".{5,}?(?:[.!?]|\.(?:com|net|org))\s+(?P<rest>[A-Z].{15,})$", headline)  # '9 cent EPS vs. loss a year ago. Acme Announces …'
        if after and company.casefold() in after.group("rest").casefold() and _headline_case(after.group("rest")):
            headline = after.group("rest")
    glued = re.match(r"(?P<headline>.{20,}?)\s[-\u2022\u2013](?=[A-Z])(?P<point>(?:\S+\s+){7,}\S+\.)$", headline)
    if glued:  # a flattened copy runs the sub-headline's bullet into the headline: '… of Acute -HepaCure is the …'
        headline, rest = glued.group("headline"), [glued.group("point"), *rest]
    return headline, " ".join(text for text in rest if text.casefold().rstrip(".") != headline.casefold()
                              and not _letterhead(text, company) and not _restated(text, headline)
                              and cjk(text) <= cjk(headline) + 0.3)  # not an aggregator's translation


def _core(text: str, prefix: bool = True) -> str:
    """A headline as a page's title may also print it: without the site's name after it ('… –
    Biotech Investments') and without the company's before it ('Acme: …')."""
    text = re.sub(r"\s+[\u2013\u2014|]\s+[^\u2013\u2014|:]{2,40}$", "", text)
    return (re.sub(r"^[^:]{2,40}:\s+(?=\S)", "", text) if prefix else text).casefold()


def cjk(text: str) -> float:
    """The share of Chinese, Japanese and Korean characters in a line."""
    return len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]", text)) / max(1, len(text))


def _restated(text: str, headline: str) -> bool:
    """'DEAG: Keine Erhöhung des Zinssatzes' under 'DEAG Deutsche Entertainment AG: Keine Erhöhung des
    Zinssatzes': the headline again, the company's name shortened or left out."""
    said, told = text.split(": ", 1), headline.split(": ", 1)
    if len(told) == 2 and text.casefold() == told[1].casefold() and len(text) >= 20:
        return True  # … or without it
    return len(said) == len(told) == 2 and said[1].casefold() == told[1].casefold() and len(said[1]) >= 20


def _opens_in_lower_case(text: str) -> bool:
    """'why so negative treetop?' does; 'eBay Reports …' and '18th consecutive quarter of growth' do not."""
    first = (text.split() or [""])[0]
    return first.islower() and first[:1].isalpha()


def _teaser(text: str, texts: list[str]) -> bool:
    """'Acme Secures a Contract with ... (2025-08-19)': a headline cut short where the whole one is printed too."""
    cut = re.split(r"\s*(?:\.\.\.|\u2026)", text, maxsplit=1)
    return len(cut) > 1 and len(cut[0]) >= 15 and any(
        other is not text and other.startswith(cut[0]) and len(other) > len(cut[0]) + 3 for other in texts)


def _letterhead(text: str, company: str) -> bool:
    """'Future Metals NL', 'AURUM MINING PLC' alone on a line: the company's name, printed as a letterhead
    (and 'Robotic Technology Systems PLC' over a lede that calls it 'RTS')."""
    name = re.sub(r"^the\s+", "", text.casefold())
    return bool(company) and len(text.split()) <= 5 and bool(LEGAL_END_ANY_CASE.search(text)) and (
        name.startswith(re.sub(r"^the\s+", "", company.casefold())) or company == initials(text))


def initials(name: str) -> str:
    """'Logistics Development Group plc' → 'LDG': the short name a lede may define for it."""
    words = LEGAL_END_ANY_CASE.sub("", name).split()
    return "".join(word[0] for word in words if word[:1].isalpha()).upper() if len(words) >= 2 else ""


_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "as", "vs"}


def _headline_case(text: str) -> bool:
    """Most words capitalised, as headlines print them."""
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", text) if len(w) > 3]
    if len(words) < 2:  # 'Beat you to it!': a short line's small words count too
        words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)

"""Stock tickers as releases print them → `EXCHANGE:SYMBOL`, every spelling of an exchange one way.

A ticker tag is a parenthesis of one or more listings: `(NYSE: ACME)`, `( OTCQB : ASTI)`,
`(TSX-V: FTI; OTCQX: FTIF)`, `(NYSE, Nasdaq: VZ)` (two exchanges, one symbol), `(NYSE: GIG, GIG.U
and GIG.WS)` (one exchange, three symbols), `(TSXV:YGT)(Frankfurt:TX0)`.
"""

from __future__ import annotations

import re

# Spellings of an exchange (capitals, spaces and punctuation removed) → the code it is filed under.
# An exchange not here is written as its spelling: Nasdaq Stockholm → NASDAQSTOCKHOLM.
EXCHANGES = {
    **dict.fromkeys(("NASDAQ", "NASDAQGS", "NASDAQGM", "NASDAQCM", "NASDAQNM", "NASDAQGLOBALSELECT",
                     "NASDAQGLOBALSELECTMARKET", "NASDAQGLOBALMARKET", "NASDAQGLOBAL", "NASDAQCAPITALMARKET", "NASDAQCAPITAL",
                     "NASDAQNMS", "NMS", "NASDAQOMX"), "NASDAQ"),
    **dict.fromkeys(("NYSE", "NEWYORKSTOCKEXCHANGE"), "NYSE"),
    **dict.fromkeys(("NYSEAMERICAN", "NYSEMKT", "NYSEAMEX", "AMEX", "AMERICANSTOCKEXCHANGE", "NYSEA"), "NYSEAMERICAN"),
    "NYSEARCA": "NYSEARCA", "OTCQB": "OTCQB", "OTCQX": "OTCQX",
    **dict.fromkeys(("OTCBB", "BULLETINBOARD", "OTCBULLETINBOARD"), "OTCBB"),
    **dict.fromkeys(("OTCPINK", "PINK", "PINKSHEETS", "OTCPINKSHEETS", "PINKSHEET"), "OTCPINK"),
    **dict.fromkeys(("OTC", "OTCMKTS", "OTCMARKETS"), "OTC"),
    **dict.fromkeys(("TSX", "TORONTOSTOCKEXCHANGE"), "TSX"),
    **dict.fromkeys(("TSXV", "TSXVENTURE", "TSXVENTUREEXCHANGE", "TSXVE"), "TSXV"),
    **dict.fromkeys(("CSE", "CNSX", "CANADIANSECURITIESEXCHANGE"), "CSE"),
    # Euronext's markets, by the city a release names: '(Paris:VRLA)'
    **{city: city for city in ("PARIS", "AMSTERDAM", "BRUSSELS", "LISBON", "OSLO", "DUBLIN", "MILAN")},
    "NEO": "NEO", "CBOE": "CBOE", "ASX": "ASX", "AIM": "AIM", "XETRA": "XETRA", "HKEX": "HKEX", "SIX": "SIX",
    **dict.fromkeys(("LSE", "LONDONSTOCKEXCHANGE"), "LSE"),
    **dict.fromkeys(("FRANKFURT", "FSE", "FRA", "FWB", "FRANKFURTSTOCKEXCHANGE", "BORSEFRANKFURT"), "FRA"),
}
# An exchange spelled some other way still reads like one.
_EXCHANGE_WORDS = re.compile(r"\b(?:exchange|stock|b\u00f8rs|b\u00f6rse|bourse|euronext|nasdaq|nyse|otc|tsx|market)\b",
                             re.I)
_SYMBOL = r"[A-Z0-9][A-Za-z0-9.\-]{0,11}"
_EXCHANGE = r"[A-Za-z][A-Za-z\u00c0-\u00ff .&\-]{0,30}?"
_LISTING = re.compile(rf"(?P<exchanges>{_EXCHANGE}(?:\s*(?:,|and|&)\s*{_EXCHANGE})*)\s*:\s*"
                      rf"(?P<symbols>{_SYMBOL}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)\s*{_SYMBOL})*)")
MARKS = re.compile(r"\((?:R|r|TM|tm|SM|sm)\)|[\u00ae\u2122\u2120]")  # trademark marks, printed inside names
TAG = re.compile(r"[(\[]\s*(?P<inside>[^()\[\]\n]{2,160}?)\s*[)\]]")  # '(NYSE: ACME)', '[OTCQB – LTUM]'


def exchange_code(name: str) -> str:
    """'TSX-V', 'TSX Venture', 'tsxv' → 'TSXV'; an unknown exchange → its spelling in capitals, or ''
    when it does not read like an exchange at all."""
    key = _key(re.sub(r"(?i)\s+(?:stock\s+)?symbols?$", "", name.strip()))  # 'TSX Symbol: ACC'
    if key in EXCHANGES:
        return EXCHANGES[key]
    if key in _NOT_EXCHANGES:
        return ""
    if _EXCHANGE_WORDS.search(name) or (name.strip().isupper() and 2 <= len(key) <= 8):
        return key
    return ""


_NOT_EXCHANGES = {"SYMBOL", "SYMBOLS", "TICKER", "TICKERS", "CODE", "ISIN", "CUSIP", "WKN", "STOCK"}


def listings(inside: str) -> list[str]:
    """The listings one ticker tag names, in order; [] when it is no ticker tag."""
    found: list[str] = []
    yahoo = re.sub(r"\s+-\s+(?:News|Quote|Chart|Profile)\b", "", inside, flags=re.I)  # Yahoo's links: '(Nasdaq:DSCO - News)'
    if yahoo != inside:  # … and its symbols: '(Toronto:TS-B.TO - News)' is TSX: TS.B
        yahoo = re.sub(r"^Toronto:\s*([A-Z]+)(?:-([A-Z]))?\.TO$", lambda m: f"TSX: {m[1]}{'.' + m[2] if m[2] else ''}", yahoo)
    inside = re.sub(r"(?i)\bnasdaq\s*/\s*(?=(?:NM|NMS|NNM|GS|GM|CM|SC)\s*:)", "NASDAQ", yahoo)  # '(NASDAQ/NM:NRCI)': a tier
    inside = re.sub(r"[,;]\s*[\"\u201c\u2018'][^:]*$", "", inside)  # '(FSE: FYB, "Formycon")'
    inside = re.sub(r"(?<=[A-Z0-9])[,;]\s*[A-Z][a-z][\w&.' -]{0,30}$", "", inside) if ":" in inside else inside  # '(TSX: MBX, Microbix)'
    inside = re.sub(r":\s*[\"\u201c]([A-Z0-9][A-Z0-9.]{0,7})[\"\u201d]", r": \1", inside)  # '(NASDAQ: “OPB”)'
    if french := re.fullmatch(r"\s*([A-Z][A-Z0-9.]{0,7})\s+(?:\u00e0|a)\s+la\s+Bourse\s+(de\s+croissance\s+TSX|de\s+Toronto|TSX)\s*", inside):
        inside = f"{'TSXV' if 'croissance' in french.group(2) else 'TSX'}: {french.group(1)}"  # '(MFI à la Bourse de Toronto)'
    if ":" not in inside and (spaced := re.fullmatch(r"\s*([A-Za-z][\w.-]*(?:\s[A-Za-z]+)?)\s+([A-Z][A-Z0-9.]{0,7})\s*", inside)) \
            and _known(spaced.group(1)):
        inside = f"{spaced.group(1)}: {spaced.group(2)}"  # '(OTCBB MKRS)'
    if ":" not in inside:  # 'OTCQB – LTUM', 'TSX - XLY', 'MOZ-TSX', 'OTC Bulletin Board - "TXMC"'
        inside = re.sub(r"(?<=\s[-\u2013\u2014]\s)[\"\u201c]([A-Z0-9][A-Z0-9.]{0,7})[\"\u201d]$", r"\1", inside)
        inside = re.sub(r"(?<=\w)\s+[\u2013\u2014]\s+(?=[A-Z0-9])", ": ", inside)
        inside = re.sub(r"^([A-Za-z][\w.]*(?:\s[A-Za-z]+){0,2})\s+-\s+(?=[A-Z0-9])",
                        lambda m: f"{m.group(1)}: " if _known(m.group(1)) else m.group(0), inside)
        pair = re.fullmatch(r"([A-Z0-9][A-Z0-9.]{0,7})-([A-Z][A-Za-z]{1,7})", inside.strip())
        if pair and not _known(inside) and _known(pair.group(2)) != _known(pair.group(1)):
            exchange, symbol = (pair.group(2), pair.group(1)) if _known(pair.group(2)) else pair.groups()
            inside = f"{exchange}: {symbol}"
    for part in _parts(inside):
        listing = _LISTING.fullmatch(part.strip())
        if not listing:
            continue
        exchanges, printed = listing.group("exchanges"), listing.group("symbols")
        if _known(printed) and not _known(exchanges) and re.fullmatch(r"[A-Z0-9][A-Z0-9.\-]*", exchanges.strip()):
            exchanges, printed = printed, exchanges.strip()  # '(ONE:TSX-V)': the symbol first
        codes = [exchange_code(name) for name in re.split(r"\s*(?:,|\band\b|&)\s*", exchanges)]
        symbols = [re.sub(r"\.(?:OB|PK)$", "", s.rstrip(".")) for s in re.split(r"\s*(?:,\s*(?:and\s+)?|\band\s+|&\s+)\s*", printed)]
        if not all(codes) or not all(re.fullmatch(r"[A-Z0-9][A-Z0-9.\-]*", s) for s in symbols):
            continue
        found += [f"{code}:{symbol}" for code in codes for symbol in symbols]
    return found


def _key(name: str) -> str:
    """An exchange's spelling as EXCHANGES holds it: 'TSX-V' → 'TSXV'."""
    return re.sub(r"[^A-Z0-9\u00c0-\u00de]", "", name.upper())


def _known(name: str) -> bool:
    return _key(name) in EXCHANGES


def _parts(inside: str) -> list[str]:
    """'TSXV: MDP, OTCQB: PDDPF' → two listings; 'NYSE, Nasdaq: VZ' and 'ASX | AIM: FME' stay one."""
    parts = []
    joined = ""  # 'ASX | AIM: FME': an exchange before a bar shares the symbol after it
    exchange = ""  # '(Nasdaq: ACTG; CBMX)': a symbol after a semicolon is on the exchange before it
    for part in re.split(r"\s*[;/|]\s*", inside):
        if exchange and ":" not in part and re.fullmatch(r"[A-Z][A-Z0-9.]{0,6}", part.strip()):
            part = f"{exchange}: {part.strip()}"
        elif ":" in part:
            exchange = part.split(":", 1)[0].strip()
        last = part.rsplit(",", 1)[-1].strip()
        if ":" not in part and re.fullmatch(_EXCHANGE, last) and exchange_code(last):
            joined += last + ", "
            continue
        part, joined = joined + part, ""
        carry = ""
        for piece in re.split(rf"\s*,\s*(?=(?:and\s+)?{_EXCHANGE}\s*:)", part):
            if ":" not in piece:
                carry += piece + ", " if exchange_code(piece) else ""  # not a name: '(TrustCo, Nasdaq: TRST)'
                continue
            parts.append(carry + piece)
            carry = ""
    return parts


def tickers(text: str, name: str = "") -> tuple[str, ...]:
    """'( OTCQB : ASTI)', '(TSX :CP ) (NYSE :CP )', '(TSX-V: FTI)' → OTCQB:ASTI, TSX:CP, NYSE:CP, TSXV:FTI.
    With a company `name`, only the tags that follow the name (and each other) count: a lede about
    a lawsuit against another company prints that company's ticker, not the issuer's."""
    text = MARKS.sub("", text)  # 'MicroStrategy(R) Incorporated (Nasdaq:MSTR)'
    found: list[str] = []
    follows = -1  # where the last tag that counted ended
    for tag in TAG.finditer(text):
        own = listings(tag.group("inside"))
        if not own:
            continue
        before = text[:tag.start()]
        if name and not (follows >= 0 and _only_asides(text[follows:tag.start()])) and not _after_name(before, name):
            continue
        found += own
        follows = tag.end()
    return tuple(dict.fromkeys(found))


def _after_name(before: str, name: str) -> bool:
    """The text before a tag ends with the name (or its first words), give or take asides (its
    defined short name among them: 'The Acme, Inc. ("Acme") (Nasdaq: ACME)')."""
    words, folded = name.lower().split(), before.lower()  # 'EMPOWER CLINICS INC.' is 'Empower Clinics Inc.'
    for size in range(len(words), 0, -1):
        part = " ".join(words[:size]).rstrip(",.")
        if any(_only_asides(before[found.end():]) for found in re.finditer(re.escape(part), folded)):
            return True
    return False


def _only_asides(between: str) -> bool:
    """Nothing but a legal suffix, a possessive and parentheses ('Inc. ("Acme" or the "Company")'), or
    the parenthesis the tag opens ('plc ((AIM:BVM) "Belgravium")')."""
    rest = re.sub(r"\([^()]*\)|,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},\s+[A-Z]{2}\b", "", between)  # a town: ', Monroeville, PA'
    rest = re.sub(r"\(\s*[\"\u201c][^\"\u201d()]{1,40}[\"\u201d][;,]?\s*$", "", rest)  # a copy that lost a bracket: '(“Acme”(TSX: A)'
    return bool(re.fullmatch(r"[\s,.'\u2019s]*(?:(?:Inc|Corp|Ltd|Co|LLC|plc|AG|SE|NV|AB|ASA|Oyj)\.?)?[\s,.]*\(?", rest))


def first_tag(text: str, start: int = 0) -> re.Match[str] | None:
    """The first parenthesis in `text` that is a ticker tag."""
    for tag in TAG.finditer(text, start):
        if listings(tag.group("inside")):
            return tag
    return None


def strip_tickers(text: str) -> str:
    """The lede without its ticker tags, spaces tidied; 'X (CSE: IP) an …' reads 'X, an …'."""
    text = TAG.sub(lambda m: m.group(0) + ("," if listings(m.group("inside")) and
                                           re.match(r"\s+an?\s", text[m.end():m.end() + 4]) else ""), text)
    bare = TAG.sub(lambda m: "" if listings(m.group("inside")) else m.group(0), text)
    return re.sub(r"\s+([,.;:])", r"\1", re.sub(r"[ \t]{2,}", " ", bare)).strip()


_UNDER_SYMBOL = re.compile(r"\b(?:on|in)\s+(?:the\s+)?(?P<exchange>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4})\s+under\s+the\s+"
                           r"(?:ticker\s+|trading\s+)?symbols?\s+[\"\u201c]?(?P<symbol>[A-Z][A-Z0-9.]{0,9})[\"\u201d]?(?=[\s,;)]|$)")


def named_listings(text: str) -> tuple[str, ...]:
    """Listings written out: 'traded on the Toronto Stock Exchange under the symbol MDZ.A and on
    NASDAQ under the symbol MDCA' → TSX:MDZ.A, NASDAQ:MDCA."""
    found = [f"{code}:{match.group('symbol').rstrip('.')}" for match in _UNDER_SYMBOL.finditer(text)
             if (code := exchange_code(match.group("exchange")))]
    return tuple(dict.fromkeys(found))


def opens_with_tag(text: str) -> bool:
    """The text opens with a ticker tag: ' (TSX VENTURE:MLE) is pleased …'."""
    tag = first_tag(text[:120])
    return tag is not None and tag.start() <= 1

"""What a release's lede says: the company, its tickers, a headline, a summary and topic tags."""

from __future__ import annotations

import re

from newsroom.stages.markup import SUMMARY_LIMIT, sentences, summarize

HEADLINE_LIMIT = 110
# Exchange names as releases print them → the short form a ticker is filed under.
EXCHANGES = {
    "NASDAQ": "NASDAQ", "NASDAQGS": "NASDAQ", "NASDAQGM": "NASDAQ", "NASDAQCM": "NASDAQ",
    "NYSE": "NYSE", "NYSEAMERICAN": "NYSEAMERICAN", "NYSEMKT": "NYSEAMERICAN", "AMEX": "NYSEAMERICAN",
    "NYSEARCA": "NYSEARCA", "OTCQB": "OTCQB", "OTCQX": "OTCQX", "OTC": "OTC", "OTCBB": "OTCBB",
    "OTCPINK": "OTCPINK", "PINK": "OTCPINK", "TSX": "TSX", "TSXV": "TSXV", "TSXVENTURE": "TSXV",
    "CSE": "CSE", "NEO": "NEO", "CBOE": "CBOE", "ASX": "ASX", "LSE": "LSE", "AIM": "AIM",
    "FRANKFURT": "FRA", "FSE": "FRA", "FRA": "FRA", "XETRA": "XETRA", "HKEX": "HKEX", "SIX": "SIX",
}
_PAIR = r"([A-Za-z][A-Za-z .\-]{0,20}?)\s*:\s*([A-Za-z0-9][A-Za-z0-9.\-]{0,11})"
_TICKER_GROUP = re.compile(rf"\(\s*{_PAIR}(?:\s*[;,/]\s*(?:and\s+)?{_PAIR})*\s*\)")
_PAIRS = re.compile(_PAIR)
_LEGAL = re.compile(r",?\s+(?:Inc|Incorporated|Corp|Corporation|Ltd|Limited|LLC|L\.L\.C|plc|PLC|Co|"
                    r"N\.V|S\.A|AG|SE|LP|L\.P)\.?$")
_NAME_WORD = r"(?:[A-Z0-9][\w&'\u2019.\-]*|&|of|and|de|du|la|for|the)"
_NAME_RUN = re.compile(rf"(?:The\s+)?[A-Z0-9][\w&'\u2019.\-]*(?:\s+{_NAME_WORD})*"
                       r"(?:,?\s+(?:Inc|Corp|Ltd|LLC|plc|Co|S\.A|N\.V)\.?)?")
_APPOSITIVE = re.compile(r",\s+(?:a|an|one of|the (?:world|leading|global|largest|premier|first|"
                         r"parent|operator|maker|creator|developer|provider)|creator|developer|"
                         r"provider|maker|operator|leader|headquartered|based)\b[^,]*(?:,[^,]*?)*?,\s+"
                         r"(?=(?:today\s+|recently\s+)?(?:is|are|has|have|will|said|says|name[sd]|"
                         r"(?:announc|report|unveil|releas|issu|launch|declar|complet|enter|sign|"
                         r"receiv|appoint|remind|notif|provid|introduc)\w*)\b)")
_VERBS = {"announced": "Announces", "announces": "Announces", "shares": "Shares",
          "reported": "Reports", "reports": "Reports",
          "unveiled": "Unveils", "unveils": "Unveils", "released": "Releases", "releases": "Releases",
          "issued": "Issues", "issues": "Issues", "launched": "Launches", "launches": "Launches",
          "declared": "Declares", "declares": "Declares", "completed": "Completes",
          "completes": "Completes", "named": "Names", "names": "Names", "appointed": "Appoints",
          "appoints": "Appoints", "signed": "Signs", "signs": "Signs", "received": "Receives",
          "receives": "Receives", "entered": "Enters", "enters": "Enters", "is": "Is", "has": "Has",
          "will": "Will"}
_ANNOUNCE = re.compile(r"\s+(?:(?:today|recently|has|have)\s+)*(?P<verb>" + "|".join(_VERBS) +
                       r")\b\s*(?P<link>(?:(?:today|that)\b\s*)*)(?P<rest>.*)", re.S)
_SMALL = {"a", "an", "the", "and", "but", "or", "nor", "for", "of", "to", "in", "on", "at", "by", "as",
          "per", "via", "vs"}
# Where a clause may end without leaving a fragment: before an adjunct or an aside.
_CUT = re.compile(r",\s|\s\(|\s(?=(?:to|with|for|in|on|at|from|as|effective|reporting|under|"
                  r"through|which|who|following|after|before|during|including|by|along)\s)", re.I)
_DANGLING = {"a", "an", "the", "and", "or", "of", "to", "with", "for", "in", "on", "at", "its", "their",
             "his", "her", "our", "from", "by", "as", "that", "along", "will", "would", "be", "become",
             "is", "are", "was", "were", "has", "have", "had", "being", "been", "can", "may", "shall",
             "should", "could", "must", "not", "also", "which", "who"}
TAG_RULES = (
    ("earnings", r"financial results|quarter(?:ly)? results|earnings|net income|net loss|revenue for"),
    ("financing", r"private placement|offering|convertible|secured notes|debenture|financing|credit "
                  r"facility|loan|redeem|redemption|funding|raise[sd]? \$"),
    ("management", r"appoint|has joined|joins|named .{0,40}(?:officer|director|president|chair)|"
                   r"resign|retire|director of"),
    ("product", r"launch|unveil|introduc|new product|now available"),
    ("partnership", r"partnership|partners with|collaborat|memorandum of understanding|\bmou\b|"
                    r"joint venture|strategic alliance"),
    ("dividend", r"dividend"),
    ("acquisition", r"acquir|acquisition|merger|to be acquired|takeover"),
    ("legal", r"lawsuit|class action|litigation|settlement agreement|investigation of|court"),
    ("conference", r"conference|webcast|investor day|to present at|will present"),
    ("shareholder meeting", r"annual meeting|shareholder meeting|annual general meeting|special meeting"),
    ("listing", r"listing|uplist|begin trading|commence trading|approved for trading"),
)


def tickers(text: str) -> tuple[str, ...]:
    """'( OTCQB : ASTI)', '(TSX :CP ) (NYSE :CP )', '(TSX-V: FTI)' → OTCQB:ASTI, TSX:CP, NYSE:CP, TSXV:FTI"""
    found: list[str] = []
    for group in _TICKER_GROUP.finditer(text):
        for exchange, symbol in _PAIRS.findall(group.group(0)):
            key = re.sub(r"[^A-Z]", "", exchange.upper())
            if key in EXCHANGES:
                found.append(f"{EXCHANGES[key]}:{symbol.upper().rstrip('.')}")
    return tuple(dict.fromkeys(found))


def strip_tickers(text: str) -> str:
    """The lede without its ticker parentheses, spaces tidied; 'X (CSE: IP) an …' reads 'X, an …'."""
    text = _TICKER_GROUP.sub(lambda m: m.group(0) + ("," if re.match(r"\s+an?\s", text[m.end():m.end() + 4])
                                                      else ""), text)
    bare = _TICKER_GROUP.sub(lambda m: "" if tickers(m.group(0)) else m.group(0), text)
    return re.sub(r"\s+([,.;:])", r"\1", re.sub(r"[ \t]{2,}", " ", bare)).strip()


def company(lede: str) -> str:
    """The company as the lede first names it: its opening name, else the name before its ticker."""
    opening = _NAME_RUN.match(lede)
    if opening and not re.match(r"(?:In|On|At|As|With|For|Following|After|Further|Effective|New)\b",
                                opening.group(0)):
        after = lede[opening.end():opening.end() + 30]
        if re.match(r"\s*[,(]|\s+[a-z]+\b", after):
            return opening.group(0).strip(" ,")
    first = _TICKER_GROUP.search(lede)
    while first and not tickers(first.group(0)):
        first = _TICKER_GROUP.search(lede, first.end())
    if first:
        before = re.sub(r"(\s*\([^()]*\))+\s*$", "", lede[:first.start()]).strip(" ,\"'\u201c")
        runs = list(_NAME_RUN.finditer(before))
        if runs and runs[-1].end() >= len(before) - 1:
            return runs[-1].group(0).strip(" ,")
    for run in _NAME_RUN.finditer(lede[:400]):
        name = run.group(0).strip(" ,")
        if len(name.split()) >= 2 and not re.match(r"(?:The|A|An|In|On|With|New)\s", name):
            return name
    return ""


def short_name(name: str) -> str:
    """'Ascent Solar Technologies, Inc.' → 'Ascent Solar Technologies'."""
    short = _LEGAL.sub("", name.strip())
    return short or name.strip()


def first_sentence_fitting(lede: str, limit: int = SUMMARY_LIMIT) -> str:
    """The lede's opening, made to fit: tickers, defined terms and the appositive out, then asides."""
    text = drop_appositive(re.sub(r"\s*\((?:the\s+)?[\"\u201c][^()]{1,60}\)", "", strip_tickers(lede)))
    for shorten in (lambda t: t, drop_asides, drop_trailing_clause):
        text = shorten(text)
        parts = sentences(text)
        if parts and len(parts[0]) <= limit:
            return text
    return text


def drop_appositive(text: str) -> str:
    """', a developer and manufacturer of …, announced' → ' announced'."""
    return _APPOSITIVE.sub(" ", text, count=1)


def drop_trailing_clause(text: str) -> str:
    """End the first sentence before ', giving users …' or ', which …' so it fits."""
    first = (sentences(text) or [text])[0]
    match = re.search(r",\s+(?:[a-z]+ing|which|who|where|including|as well as)\b", first)
    if not match:
        return text
    return first[:match.start()].rstrip(" ,") + "." + text[len(first):]


def drop_asides(text: str) -> str:
    """Parenthesised asides like '(the "Agreement")' or '(CTO)'."""
    return re.sub(r"\s*\([^()]{1,80}\)", "", text)


def summary(lede: str) -> str:
    """The lede's first sentence(s), within the limit, ending at a sentence boundary."""
    return summarize(first_sentence_fitting(lede)) if lede.strip() else ""


def headline(lede: str, name: str) -> str:
    """A draft headline from the lede: company + what it announced, never a cut-off fragment."""
    opening = drop_asides(drop_appositive(first_sentence_fitting(lede)))
    opening = re.sub(r"\b(?:is|are) (?:pleased|proud|excited|thrilled|delighted|happy) to "
                     r"(announce|report|share)\b", r"\1s", opening)
    opening = (sentences(opening) or [opening])[0].rstrip(".")
    short = short_name(name) if name else ""
    if name and opening.startswith(name):
        match = _ANNOUNCE.match(opening, len(name))
        if match:
            verb, rest = match.group("verb"), match.group("rest")
            if re.match(r"(?:the|The) [Cc]ompany\b", rest):
                return fit(short, re.sub(r"^(?:the|The) [Cc]ompany\s*", "", rest))
            if verb in ("is", "has", "will"):
                return fit(short, f"{verb} {rest}")
            if "that" in match.group("link"):
                return fit(f"{short}:", rest)
            return fit(f"{short} {_VERBS[verb]}", rest)
        return fit(short, opening[len(name):].lstrip(" ,"))
    if re.match(r"(?:In|On|At|As|With|For|Following|After|Further|Effective)\b", opening) and ", " in opening:
        opening = opening.split(", ", 1)[1]
    return fit("", opening)


def fit(head: str, rest: str, limit: int = HEADLINE_LIMIT) -> str:
    """Title-case head + rest, cutting rest only where a clause may end."""
    rest = rest.strip().rstrip(".;:,")
    full = f"{head} {rest}".strip()
    if len(full) <= limit:
        return title_case(full)
    cuts = [m.start() for m in _CUT.finditer(rest)]
    for cut in sorted(cuts, reverse=True):
        clause = rest[:cut].rstrip(" ,;:")
        if re.search(r",\s+(?:which|who|where|whose)\b[^,]*$", clause):
            continue
        while clause and clause.split()[-1].lower() in _DANGLING:
            clause = clause.rsplit(" ", 1)[0] if " " in clause else ""
        candidate = f"{head} {clause}".strip()
        if clause and len(candidate) <= limit and len(candidate.split()) >= 3:
            return title_case(candidate)
    return title_case(head.rstrip(":")) if head else ""


def title_case(text: str) -> str:
    """Headline capitals: major words capitalised, small words not, acronyms and 'iPhone' kept."""
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        if any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word) or not word:
            out.append(word)
        elif index and word.lower() in _SMALL and not out[-1].endswith(":"):
            out.append(word.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(out)


def tags(text: str) -> tuple[str, ...]:
    """Topics suggested by the headline and lede; editors keep the last word."""
    lowered = text.lower()
    return tuple(tag for tag, pattern in TAG_RULES if re.search(pattern, lowered))

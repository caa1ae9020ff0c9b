"""What a release's lede says: the company, its tickers, a headline, a summary and topic tags."""

from __future__ import annotations

import re

from newsroom.importer.tickers import MARKS, first_tag, strip_tickers
from newsroom.stages.ap_style import AP_STATES, STATE_NAMES
from newsroom.stages.markup import SUMMARY_LIMIT, sentences, summarize

HEADLINE_LIMIT = 110
_LEGAL = re.compile(r",?(?<!\s)\s++(?:Inc|inc|Incorporated|Corp|Corporation|Ltd|Lt\u00e9e|lt\u00e9e|Limited|LLC|L\.L\.C|plc|PLC|Co|"
                    r"N\.V|NV|S\.A|SA|AG|SE|LP|L\.P|AB|ASA|Oyj|A/S|GmbH|S\.p\.A|Bhd|Pty)\.?$")
_NAME_WORD = r"(?:[A-Z0-9][\w&'\u2019.\-]*|&|of|and|de|du|la|for|the)"
_NAME_RUN = re.compile(rf"(?:The\s+)?(?:[a-z](?=[A-Z]))?[A-Z0-9][\w&'\u2019.\-]*(?:\s+{_NAME_WORD})*"
                       r"(?:,?\s+(?:Inc|inc|Corp|Ltd|Lt\u00e9e|lt\u00e9e|Limit\u00e9e|LLC|plc|Co|S\.A|N\.V)\.?)?")
_APPOSITIVE = re.compile(r",\s+(?:a|an|one of|the (?:world|leading|global|largest|premier|first|"
                         r"parent|operator|maker|creator|developer|provider)|creator|developer|"
                         r"provider|maker|operator|leader|headquartered|based)\b[^,]*(?:,[^,]*?)*?,\s+"
                         r"(?=(?:today\s+|recently\s+)?(?:is|are|has|have|will|said|says|name[sd]|"
                         r"(?:announc|report|unveil|releas|issu|launch|declar|complet|enter|sign|"
                         r"receiv|appoint|remind|notif|provid|introduc)\w*)\b)")
_NOT_A_NAME = re.compile(r"(?:The|A|An|One|This|These|Today|Yesterday|In|On|At|As|With|For|Following|After|"
                         r"La|Le|Les|Im|Der|Die|Das|Den|Det|El|Il|"
                         r"Further|Effective|New|Once|Since|While|During|Through|Based|Shares|Investors|"
                         r"Building|According|Last|Earlier|Over|Several|Many|Some|All|Most|Each|Both|Other|Our|Their|Its)")
_ACTS = (r"(?:has|have|had|will|announc|report|releas|declar|launch|unveil|complet|sign|receiv|enter|issu|nam|"
         r"appoint|introduc|provid|said|says|confirm|present|plan|post|deliver|achiev|updat|expand|join|clos|"
         r"acquir|agree|select|award|win|won|began|begin|start|open)\w*\b")
_MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
_STATES = "|".join(sorted({*AP_STATES, *(name.title() for name in STATE_NAMES), *AP_STATES.values()}, key=len,
                          reverse=True)).replace(".", "\\.")
_NAME_PLACE = re.compile(rf"(?P<name>.+?),\s+(?P<city>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}),\s+(?P<state>{_STATES})$")
# 'Sears, Roebuck and Co.': a name with commas, whole when a ticker tag follows it.
_COMMA_NAME = re.compile(r"[A-Z][\w&'\u2019.\-]*(?:,?\s+(?:[A-Z][\w&'\u2019.\-]*|and|&|\+|of|de))*,?\s+"
                         r"(?:Inc|Co|Corp|Ltd|LLC|plc|N\.V|S\.A|AG|SE|AB|ASA|Oyj|Limited|Corporation|Incorporated)\.?")
_ROLE_OF = re.compile(r"^.*\b(?:Officer|President|Chairman|Chairwoman|Chair|Director|Founder|Board|Head|Partner|"
                      r"Secretary|Treasurer|CEO|CFO|COO)\s+of\s+(?:the\s+)?")
_ROLE = (r"(?:Chairman|Chairwoman|Chair|President|Chief|CEO|CFO|COO|Founder|Co-Founder|Director|Executive|"
         r"Senior|Vice|Managing|General|Head|Lead|Partner|Principal|Secretary|Treasurer)")
_PERSON = re.compile(r"(?:Dr\.|Mr\.|Ms\.|Mrs\.)?\s*[A-Z][a-z'\u2019-]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][a-z'\u2019-]+){1,2}"
                     r"(?:,?\s+(?:Jr|Sr|III|II|Ph\.D|M\.D)\.?)?")
_BODY_OF = re.compile(r"^(?:The\s+|the\s+)?(?:(?:(?:[Mm]anagement|[Ss]upervisory|[Ee]xecutive)\s+)?[Bb]oard(?:\s+of\s+[Dd]irectors)?|"
                      r"[Mm]anagement|[Ss]hareholders|[Dd]irectors)\s+of\s+(?:the\s+)?")
# … or after it: 'Acme Farmers of Ontario's Board of Directors has appointed …'.
_NAME_S_BODY = re.compile(r"^([A-Z][^'\u2019\n]{1,80}?)['\u2019]s\s+(?:(?:[Mm]anagement\s+|[Ss]upervisory\s+)?[Bb]oard"
                          r"(?:\s+of\s+[Dd]irectors)?|[Mm]anagement|[Dd]irectors)\b")
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
def company(lede: str, title: str = "") -> str:
    """The company as the lede names it, in this order: the name the lede opens with when its
    ticker tag or a description (', a developer of …') follows; the name the lede's first ticker
    tag follows ('The U.S. FDA today cleared a test of Quest Diagnostics Incorporated (NYSE: DGX)');
    the name the lede opens with before its verb; the headline's 'Orkla ASA: …'."""
    if (tag := first_tag(lede[:120])) is not None and not lede[:tag.start()].strip() and re.match(r"\s+[A-Z]", lede[tag.end():]):
        lede = lede[tag.end():].lstrip()  # '(TSX Symbol: ACC) Acme Mature Lifestyles Inc. is pleased …'
    lede = _NAME_S_BODY.sub(r"\1", _BODY_OF.sub("", MARKS.sub("", lede), count=1), count=1)  # 'MicroStrategy(R) Incorporated'
    opening, strong = _opening_name(lede, title)
    headline = _headline_name(title)
    if opening and not strong and headline and opening.casefold() not in title.casefold():
        opening = ""  # the headline names the company in full; the lede opens with something else
    if board := _BOARD_OF.search(lede):  # '…, the Board of Directors of Acme Company today increased the dividend'
        opening, strong = (board.group(1), True) if not strong else (opening, strong)
    named = (opening if strong else "") or _name_before_tag(lede) or opening or headline or _possessor(lede) \
        or _acronym(lede) or _first_long_name(lede)
    return without_the(with_own_case(named, lede)) if plausible(named) else ""


def plausible(name: str) -> bool:
    """A name, not a phrase caught by the patterns: 'The Company', 'For the', 'Russia. As'."""
    words = name.split()
    if not words or words[-1] in _SMALL or _GENERIC.fullmatch(name) or re.search(r"\d[.,]\d|^[A-Z]{3}\s+\d", name) or \
            re.fullmatch(r"(?i:pr\s*newswire|business\s*wire|globe\s*newswire|accesswire|newsfile|cision)['\u2019]s", name) or \
            re.match(r"(?:On|In|As\s+of)\s+\d|(?:En|In|Dans|Im|Bei)\s|[A-Z][a-z]+ing$|RNS\s+Number|CORRECTION$|Part\s+\d+\s+of\b", name):
        return False  # … or a sum: 'NOK 0.10', 'DKK 1' (of 'DKK 1,234 million'); or a wire: 'PR Newswire's survey …'

    return not any(word.endswith(".") and re.search(r"[a-z]{3}\.$", word) and not _LEGAL.fullmatch(" " + word)
                   for word in words[:-1])  # a sentence's end inside it ('Corp.' and 'Inc.' may be)


def named_in_headline(title: str, text: str) -> str:
    """'Diamond Fields Closes $200,000 Financing' → the name before the verb (and its ticker tag,
    'Infosys (NYSE: INFY) Announces'), as the text writes it in full with its legal form
    ('Diamond Fields International Ltd.'), else as the headline has it."""
    found = _HEADLINE_ACT.match(title)
    if not found or _NOT_A_NAME.fullmatch(found.group("name").split()[0]):
        return ""
    return in_full(found.group("name"), text, 3) or found.group("name")


def in_full(name: str, text: str, more: int = 0) -> str:
    """The name as the text first writes it with its legal form ('Abivax' → 'Abivax SA'), up to
    `more` words between; '' when the text never does."""
    if not name or _LEGAL.search(name):
        return ""
    full = re.search(rf"(?<![\w&])\b{re.escape(name)}(?:\s++[A-Z][\w&'\u2019\-]*+){{0,{more}}}?"
                     rf"{_LEGAL.pattern[:-1]}(?![\w/])", text)
    return re.sub(r"(?<=[a-z]{5})\.$", "", full.group(0).strip()) if full else ""  # 'Corporation.' ends a sentence


_GENERIC = re.compile(r"(?:The\s+)?(?:Company|Corporation|Group|Bank|Trust|Fund|Partnership|Issuer|Firm)", re.I)
_HEADLINE_ACT = re.compile(r"(?P<name>[A-Z][\w&'\u2019.\-]*+(?:\s[A-Z][\w&'\u2019.\-]*+){0,3}?)(?:\s\([^()]{2,40}\))?\s(?:Announces|Reports|Closes|"
                           r"Completes|Declares|Signs|Receives|Enters|Launches|Names|Appoints|Provides|Posts|"
                           r"Releases|Issues|Unveils|Files|Prices|Expands|Acquires|Agrees|Secures|Wins|Confirms|"
                           r"(?:to|Will)\s+(?:Sell|Acquire|Buy|Merge|Present|Host|Report|Join|Divest|Combine))\b")  # 'Acme to Sell …'


def _opening_name(lede: str, title: str) -> tuple[str, bool]:
    """The name the lede opens with, and whether its ticker tag or a description follows it."""
    opening = _NAME_RUN.match(lede)
    if not opening or _NOT_A_NAME.fullmatch(opening.group(0).strip(" ,")) or \
            _NOT_A_NAME.fullmatch((opening.group(0).split() or [""])[0]) and re.match(r"\S+\s+[a-z]", lede):
        return "", False  # 'In the 3rd quarter of this year, Acme earned …'
    name, after = opening.group(0).strip(" ,"), lede[opening.end():opening.end() + 60]
    name = re.sub(r"['\u2019]s$", "", name)
    if _PERSON.fullmatch(name) and re.match(rf",\s+(?:the\s+)?{_ROLE}", after):
        return "", False
    parentheses = re.match(r"\s*(?:['\u2019]s\s*)?(?:\([^()]*\),?\s*)*", after)
    if (parentheses and first_tag(after[:parentheses.end()])) or re.match(r",\s+(?:a|an|the|one)\b", after):
        return name, True
    if len(name.split()) > 1 and re.match(r"\s*[,(\u2013\u2014]|\s+[a-z]+\b", after):
        return name, False
    if name in title or re.match(rf"\s+(?:today\b|{_ACTS})|\s+is\s+(?:a|an|the)\s", after):
        return name, False  # 'ACCESSWIRE is a newswire service …' describes the company
    return "", False


def _headline_name(title: str) -> str:
    """'Orkla ASA: Mandatory notification of trade', 'Munksjö Oyj - Changes in …', 'CONTRANS GROUP
    INC. ANNOUNCES FIRST QUARTER RESULTS' → the company."""
    match = re.match(r"(?P<name>[^:\u2013\u2014]{2,60}?)\s*(?::|\s[-\u2013\u2014]\s)", title)
    if match and (_LEGAL.search(" " + match.group("name")) or re.match(r"(?:AS|AB|Oy|PT|PJSC|OAO)\s+[A-Z]", match.group("name"))):
        return match.group("name")  # … or a legal form first: 'AS Ekspress Grupp: Consolidated Interim Report'
    match = re.match(rf"(?P<name>[^:]{{2,60}}?{_LEGAL.pattern[:-1]})\s+(?:{'|'.join(_VERBS)})\b", title, re.I)
    return _capitalised(match.group("name")) if match else ""


def _capitalised(name: str) -> str:
    """'CONTRANS GROUP INC.' → 'Contrans Group Inc.': words of four letters or more, and legal
    forms, as a name is written; short words ('IBM', 'USA') stay capitals."""
    if not name.isupper():
        return name
    return " ".join(word.lower() if word in ("OF", "AND", "THE", "DE", "FOR") and i else
                    word.capitalize() if len(word.strip(".,")) >= 4 or word.strip(".,") in _WRITTEN_LEGAL else word
                    for i, word in enumerate(name.split()))  # 'ROCK OF AGES CORPORATION' → 'Rock of Ages Corporation'


_WRITTEN_LEGAL = {"INC", "CORP", "LTD", "CO", "COS"}  # written 'Inc.'; 'AG', 'SE', 'LLC', 'PLC' stay capitals


def place_after_name(lede: str) -> str:
    """'Parkvale Financial Corporation, Monroeville, PA (NASDAQ: PVSA) announced': the company's
    town, printed where a dateline would be. '' when the lede does not open so."""
    first = first_tag(lede)
    match = _NAME_PLACE.match(lede[:first.start()].rstrip()) if first else None
    return f"{match.group('city')}, {match.group('state')}" if match else ""


def _name_before_tag(lede: str) -> str:
    first = first_tag(lede)
    if not first:
        return ""
    before = re.sub(r"(\s*\([^()]*\))+\s*$", "", lede[:first.start()]).strip(" ,\"'\u201c\u201d")
    if placed := _NAME_PLACE.match(before):
        return placed.group("name")
    before = _ROLE_OF.sub("", re.sub(r"['\u2019]s$", "", before))
    whole = _COMMA_NAME.fullmatch(before)
    if whole:
        return whole.group(0)
    runs = list(_NAME_RUN.finditer(before))
    if runs and runs[-1].end() >= len(before) - 1:
        return _ROLE_OF.sub("", _BODY_OF.sub("", runs[-1].group(0).strip(" ,")))
    return ""


def _possessor(lede: str) -> str:
    """A lede that opens with the company's figures: 'Borregaard's operating revenues increased …'."""
    found = re.match(r"(?:The\s+)?([A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})['\u2019]s?\s+[a-z]", lede)
    return found.group(1) if found and not _GENERIC.fullmatch(found.group(1)) and not re.match(r"\w+ing\b", found.group(1)) else ""


_BOARD_OF = re.compile(r"\bthe\s+Board\s+of\s+Directors\s+of\s+(?:the\s+)?([A-Z][\w&.,'\u2019 -]{2,60}?)\s+(?:today\s+|has\s+)?"
                       r"(?:declared|increased|approved|announced|authorized|appointed|voted|resolved)\b")


def _acronym(lede: str) -> str:
    """A lede whose actor is the short name the release defined: '…, LDG announces that today …'."""
    found = re.search(r"(?:^|,\s+)([A-Z]{2,6})\s+(?:today\s+)?(?:announces|announced|reports|reported|is\s+pleased)\b", lede)
    return found.group(1) if found else ""


def _first_long_name(lede: str) -> str:
    for run in _NAME_RUN.finditer(lede[:400]):
        name = run.group(0).strip(" ,")
        if lede[max(0, run.start() - 1):run.start()] in ('"', "\u201c"):
            continue  # a defined term: '(the "Requisitioned General Meeting")'
        if len(name.split()) >= 2 and not re.match(rf"(?:(?:The|A|An|In|On|With|New|Several|Many|Some|All|Most|Each|"
                                                   rf"Both|Other|Our|Their|Its|{_MONTH_NAME})\b|\d)", name):
            legal = re.search(r"\s(?:Oyj|Oy|AB|ASA|AG|SE|plc|PLC|Ltd\.?|Inc\.?|Corp\.?|N\.?V\.?|S\.?A\.?|A/S)(?=\s)", name)
            return name[:legal.end()] if legal else name  # 'Acme Oyj Interim financial report': the name ends there
    return ""


def with_own_case(name: str, text: str) -> str:
    """'MUNKSJÖ OYJ' as the text spells it elsewhere: 'Munksjö Oyj'; 'EMPOWER CLINICS INC.', spelled
    no other way, as a name is written: 'Empower Clinics Inc.'."""
    if not name.isupper() or len(name) <= 5:
        return name
    for found in re.finditer(re.escape(name), text, re.I):
        if not found.group(0).isupper():
            return found.group(0)
    words = [word for word in name.split() if len(word.strip(".,")) >= 4 and not re.fullmatch(_LEGAL.pattern, " " + word, re.I)]
    if len(words) >= 2 and re.search(_LEGAL.pattern, name, re.I):
        return _words_as_written(_capitalised(name), text)  # a short word kept in capitals, as written: 'Long RUN' -> 'Long Run'
    return _words_as_written(name, text) if _SHOUTED_FORM.search(name) else name


# A legal form that is written in small letters but for its first (AG, SE, NV stay as they are).
_SHOUTED_FORM = re.compile(r"\b(?:CORPORATION|CORP\.|INCORPORATED|INC\.|LIMITED|LTD\.|COMPANY)(?!\w)")


def _words_as_written(name: str, text: str) -> str:
    """'QMX GOLD CORPORATION', whose text writes 'QMX Gold' elsewhere: each word as the text writes
    it, capitalised ('Gold'; 'QMX', never written otherwise, stays), its legal form capitalised.
    Unchanged when the text writes none of its words otherwise."""
    words, seen = [], False
    for word in name.split():
        core = word.strip(".,")
        if re.fullmatch(_LEGAL.pattern, " " + word, re.I):
            words.append(_capitalised(word))
            continue
        written = next((found.group(0) for found in re.finditer(rf"(?<![\w/.@]){re.escape(core)}(?![\w/.@])", text, re.I)
                        if found.group(0)[0].isupper() and not found.group(0).isupper()), None) if core else None
        seen = seen or written is not None
        words.append(word.replace(core, written) if written else word)
    return " ".join(words) if seen else name


def without_the(name: str) -> str:
    """'The Acme Ltd.' → 'Acme Ltd.'; a name that is 'The … Company' (or Group, Bank, Firm,
    Corporation…) keeps it. So does German's article: 'Die DEAG Deutsche Entertainment Aktiengesellschaft' (not Spanish or
    French ones, which start real names: 'Las Vegas Sands Corp.', 'La Française des Jeux')."""
    article = re.match(r"(?:Die|Der|Das)\s+(?=[A-Z])", name)
    if article:
        return name[article.end():]
    if not name.startswith("The "):
        return name
    core = _LEGAL.sub("", name).rstrip(" ,")
    kinds = r"\b(?:Company|Companies|Group|Bank|Firm|Foundation|Trust|Partnership|Corporation)"
    # The kind may be the legal form itself ('The Thomson Corporation') or lead a longer name
    # ('The Interpublic Group of Companies, Inc.').
    return name if re.search(kinds + "$", core) or re.search(kinds + r"\.?$", name) or re.search(kinds + r" of\b", core) \
        else name[4:]


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
        rest = opening[len(name):]
        return fit("", opening) if re.match(r"['\u2019]", rest) else fit(short, rest.lstrip(" ,"))  # 'Acme's revenues …'
    intro = re.match(r"(?:In|On|At|As|With|For|Following|After|Further|Effective)\b.*?,\s(?!\d{4}\b)", opening)
    if intro and not re.search(r"\b(?:quarter|year|half|months|period)\b", intro.group(0), re.I):
        opening = opening[intro.end():]  # 'Following the vote, …'; not 'For the fourth quarter ended …, …'
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
    # No clause ends in time: the words that fit, to the last that may end a headline, rather
    # than the name and its verb alone ('Acme Reports').
    clause = ""
    for word in rest.split():
        if len(f"{head} {clause} {word}".strip()) > limit:
            break
        clause = f"{clause} {word}".strip()
    while clause and (clause.split()[-1].lower().strip("(,;:") in _DANGLING or clause.count("(") > clause.count(")")):
        clause = clause.rsplit(" ", 1)[0] if " " in clause else ""
    return title_case(f"{head} {clause.rstrip(' ,;:')}".strip()) if clause or head else ""


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

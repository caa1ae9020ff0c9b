"""Topic tags suggested for a release: from its headline first, its lede where the wording is plain.

Each topic has two patterns: what marks it in a headline (short, and about the release itself)
and what marks it in the lede (stricter: a lede mentions earnings or a court in passing).
"""

from __future__ import annotations

import re

_PERIOD = r"(?:q[1-4]|(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter|full[- ]year|fiscal(?: year)?|half[- ]year|year[- ]end)"
_FIGURE = r"(?:(?:net|operating|total)\s+)?(?:revenues?|sales|net\s+(?:income|loss|earnings|profit)|earnings\s+per\s+share)"
_LEDE_PERIOD = (r"(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|(?:three|six|nine|twelve)[- ]months?|"
                r"fiscal\s+(?:year\s+)?(?:19|20)\d\d|Q[1-4]\s+(?:19|20)?\d\d|(?:quarter|year|period)\s+ended)\b")
TOPICS = (
    ("earnings",
     rf"(?:financial|operating|quarter(?:ly)?|annual|year[- ]end|fiscal|half[- ]year|interim|(?:three|six|nine|twelve)[- ]month|"
     rf"{_PERIOD}|(?:19|20)\d\d)"
     rf"\b[\w\s,&-]{{0,30}}\bresults?\b|\br\u00e9sultats\s+(?:financiers|(?:du|des|de\s+l['\u2019]|pour\s+(?:le|la|l['\u2019]))\s+(?:\w+\s+)?"
     rf"(?:trimestre|exercice|semestre))|\bT[1-4]\s+(?:19|20)\d\d\b|\bresults\s+(?:for|of)\s+(?:the\s+)?(?:\w+\s+){{0,2}}(?:{_PERIOD}|quarter|"
     rf"year|fiscal|period|months|half)\b|\b(?:reports?|posts?|delivers?)\s+(?:\w+\s+){{0,3}}(?:results|earnings)\b|"
     rf"\bearnings\b|financial (?:report|statements)|(?:quarterly|annual|interim|half[- ]year(?:ly)?|year[- ]end) report\b"
     rf"(?!s?\s+(?:dates?|calendar))|(?:reports?|posts?|delivers?|announces?) (?:(?!dividend).){{0,40}}\b{_PERIOD}\b(?!.{{0,30}}(?:dividend|production))"
     rf"|\b{_PERIOD}\b.{{0,40}}\b(?:revenues?|sales|profits?|net income|loss|eps)\b"
     rf"|\brecord\s+(?:quarterly\s+|annual\s+)?(?:revenues?|sales|earnings|profits?)\b"
     rf"|\bnet\s+(?:profit|income|earnings)\s+(?:grows?|rises?|increases?|jumps?|climbs?|falls?|declines?|drops?|decreases?)\b"
     rf"|\bresults\b.{{0,20}}\bform\s+10-?[kq]"
     rf"|\b(?:revenues?|sales|earnings)\s+for\s+the\s+(?:\w+\s+)?(?:quarter|year|fiscal)"
     rf"|^(?:preliminary|final)\s+results\b(?!\s+of\b)"  # an RNS headline
     rf"|\b(?:Zahlen|Ergebnisse?|Gesch\u00e4ftszahlen)\s+(?:f\u00fcr\s+das|zum|des|im)\s+(?:\w+\s+){{0,2}}(?:Quartal|Halbjahr|"
     rf"Gesch\u00e4ftsjahr)|\bQuartals(?:mitteilung|bericht|zahlen)|\bHalbjahres(?:finanz)?bericht|\b\d{{1,2}}-Monats(?:zahlen|bericht)|"
     rf"\b(?:Halbjahres|Jahres|Gesch\u00e4fts)zahlen\b|\bGesch\u00e4ftsjahres(?:ergebnis(?:se)?|zahlen)\b"
     rf"|\b(?:Jahres|Quartals|Halbjahres|Konzern)ergebnis(?:se)?\b|\bErgebnis(?:se)?\s+(?:der|des)\s+(?!Hauptversammlung|Abstimmung)"
     rf"[^.]{{0,40}}?\b(?:19|20)\d\d\b"
     rf"|\b(?:b\u00e9n\u00e9fice|perte)s?\s+net(?:te)?s?\b.{{0,100}}\b(?:trimestre|exercice|semestre)\b"
     rf"|\br\u00e9sultat\s+(?:net|dilu\u00e9|ajust\u00e9|par\s+action)\b.{{0,100}}\b(?:trimestre|exercice|semestre)\b"
     # Spanish, Dutch, Italian and Swedish results
     rf"|\bresultados\s+(?:de(?:l)?\s+)?(?:(?:19|20)\d\d|(?:primer|segundo|tercer|cuarto)\s+trimestre|ejercicio)\b"
     rf"|\b(?:kwartaal|halfjaar|jaar)(?:cijfers|resultaten|bericht)\b|\b(?:eerste|tweede|derde|vierde)\s+kwartaal\b"
     rf"|\brelazione\s+finanziaria\s+(?:semestrale|annuale)|\bresoconto\s+intermedio\b|\brisultati\s+(?:del|al|dei)\b"
     rf"|\b(?:del\u00e5rsrapport|bokslutskommunik\u00e9|kvartalsrapport|halv\u00e5rsrapport)\b"
     rf"|\b(?:net\s+income|operating\s+income|revenues?|net\s+sales|ebitda|eps)\b.{{0,80}}\b(?:first|second|third|fourth)[- ]quarter\b",
     rf"(?:reported|reports|announced|announces|released|releases) (?:today )?(?:its |their )?(?:(?:unaudited|audited|preliminary|"
     rf"consolidated|quarterly|annual|interim|financial|operating|{_PERIOD}) )*results|(?:reported|reports) .{{0,30}}\b{_PERIOD}\b .{{0,30}}(?:results|revenue|earnings|"
     rf"net (?:income|loss))|annonce\s+(?:ses|les)\s+r\u00e9sultats"
     rf"|(?:announce[sd]?|release[sd]?|file[sd]?)\b.{{0,140}}\b(?:interim|annual|quarterly|audited|unaudited)\s+(?:\w+\s+){{0,2}}"
     rf"financial\s+statements\b|(?:published|publishes|released|releases)\s+(?:its|their|the)\s+(?:\w+\s+)?"
     rf"(?:quarterly|annual|interim|half[- ]year(?:ly)?)\s+(?:financial\s+)?report\b(?!s?\s+(?:dates?|calendar))"
     # a lede that gives the figures themselves: 'revenues increased to NOK 1,234 million … in the 4th quarter of 2019',
     # 'For the six months ended December 31, 2018, revenue increased …'
     rf"|\b{_FIGURE}\b.{{0,80}}?\b(?:increased|decreased|rose|fell|grew|declined|was|were|totaled|totalled|amounted|reached|"
     rf"of)\b.{{0,100}}?\b{_LEDE_PERIOD}"
     rf"|\bfinancial\s+highlights\s+(?:from|for|of)\s+the\s+(?:\w+\s+)?(?:quarter|period|year|half)\b"
     rf"|\bfor\s+the\s+(?:(?:three|six|nine|twelve)\s+months|(?:\w+\s+)?quarter|(?:fiscal\s+)?year)\s+ended\b.{{0,120}}?\b{_FIGURE}\b"),
    ("financing", r"private placement|offering|convertible|notes|debenture|financing|credit facility|loan|redeem|"
                  r"redemption|funding|raises? \$",
     r"private placement|public offering|convertible|secured notes|debenture|credit facility|redeem|redemption|"
     r"raised? \$[\d.,]+ (?:million|billion)"),
    ("management", r"appoint|joins|named|names .{0,40}(?:officer|director|president|chair|ceo|cfo)|resign|retire|"
                   r"director of|\b(?:ceo|cfo|coo|chief)\b.{0,30}(?:transition|succession)",
     r"appointed|has joined|will join|named .{0,40}(?:officer|director|president|chair)|resign|retire"),
    ("product", r"launch|unveil|introduc|new product|now available|releases? (?:new|version)",
     r"launch(?:ed|es)? (?:its|the|a|new)|unveil|introduc(?:ed|es) (?:its|the|a|new)|now available"),
    ("partnership", r"partnership|partners with|collaborat|memorandum of understanding|\bmou\b|joint venture|"
                    r"strategic alliance", r"partnership with|partnered with|collaboration with|joint venture|"
                                           r"memorandum of understanding|strategic alliance"),
    ("dividend", r"dividend", r"declared (?:a|an|its)? ?(?:\w+ )?(?:cash )?dividend"),
    ("acquisition", r"acquir|acquisition|merger|to be acquired|takeover|to buy\b|purchase of",
     r"(?:completed|announced|entered into) .{0,40}(?:acquisition|merger)|agreed to acquire|to be acquired"),
    ("legal", r"lawsuit|class action|litigation|settlement|investigation|court|patent",
     r"class action|lawsuit against|filed a complaint|settled .{0,30}litigation"),
    ("conference", r"conference|webcast|investor day|to present|will present|presentations?\b|summit",
     r"will (?:present|host|participate) (?:at|in)|to present at|investor day"),
    ("shareholder meeting", r"annual meeting|shareholder meeting|annual general meeting|special meeting|\bagm\b",
     r"annual (?:general )?meeting of (?:share|stock)holders|special meeting of (?:share|stock)holders"),
    ("listing", r"listing|uplist|begin trading|commence trading|approved for trading|delist|nasdaq notice|"
                r"deficiency", r"uplist|delist|begin trading on|commence trading on|approved for listing"),
)
_TOPICS = tuple((tag, re.compile(title, re.I), re.compile(lede, re.I)) for tag, title, lede in TOPICS)
# Results that are not a company's earnings: a drill program's, a trial's, a study's, a vote's.
_OTHER_RESULTS = r"(?:drill\w*|assays?|intercepts?|clinical|trials?|stud(?:y|ies)|surveys?|sampling|metallurgical|tests?|" \
                 r"testing|exploration|voting|votes?|elections?|polls?|top-?line|phase\s+(?:\d|[IV]+)\b)"
# … nor a notice of when the reports will be published.
NOT_EARNINGS = re.compile(rf"\b{_OTHER_RESULTS}[\w\s,-]{{0,40}}\bresults\b|\bresults\b[\w\s,-]{{0,40}}\b{_OTHER_RESULTS}|"
                          r"\b(?:announcement|notice)\s+(?:of|on)\s+the\s+(?:publication|disclosure)\s+of\s+financial|"
                          r"\bVorabbekanntmachung\b|"
                          # … nor of the call that will discuss them: 'Acme 2nd Quarter 2009 Earnings Conference Call'
                          r"\b(?:results|earnings)\s+(?:conference\s+call|teleconference|webcast|call)s?\b|"
                          r"\b(?:results|earnings)\s+release\s+date\b", re.I)


def tags(headline: str, lede: str) -> tuple[str, ...]:
    """Topics the headline (and sub-headline) names, and those the lede states plainly."""
    found = []
    for tag, in_title, in_lede in _TOPICS:
        said = in_title.search(headline) and headline or in_lede.search(lede) and lede
        if said and not (tag == "earnings" and NOT_EARNINGS.search(said)):
            found.append(tag)
    return tuple(found)

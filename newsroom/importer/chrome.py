"""What the pages a release is copied from print around it, line by line, that is no part of it.

One pattern, matched against a whole line of the opening (and short lines of the body): an 8-K's
`EXHIBIT 99.1`, a newswire page's `News provided by`, a scraper's `URL Source:`, a blog's
categories, a forum's notices, the wire's own name, breadcrumbs, share buttons, page numbers.
"""

from __future__ import annotations

import re

CHROME = re.compile(
    r"^(?:exhibit\s+99[.\d]*|ex-99[.\d]*(?:\s.*)?|.*\bquicklinks\b.*|(?:news|press)\s+release|news|press|financial\s+news|in\s+this\s+article:?|this\s+day\s+on\s+the\s+street|continue\s+to\s+site|advertisement|this\s+account\s+is\s+pending\s+registration\b.*|need\s+a\s+new\s+registration\s+confirmation\b.*|alle\s+storys(?:\s+folgen)?|folgen|keine\s+story\s+von\b.*\bverpassen\.?|download\s+this\s+press\s+release\b.*|disclosure\s+announcement\s+transmitted\s+by\s+euro\s+adhoc\b.*|saltar\s+al\s+contenido|dimensione:\s*px|iniziare\s+la\s+visualizza\w*\s+della\s+pagina:?|transcript|.*\b\d+\s+kommentare\b.*|\d*\s*donnez\s+votre\s+avis\b.*|.*\bsponsoris\u00e9\s+par\b.*|d\u00e9p(?:\u00e8|\u00ea)che\s+transmise\s+le\b.*|get\s+\d+%\s+off|which\s+stocks\s+will\s+surge\s+next\??|unlock\s+ai-picked\s+stocks|.*\bour\s+ai\s+picked\s+it\b.*|read\s+it\s+on\s+the\s+web|autor:\s.{2,40}|release\s+of\s+an\s+ad\s+hoc\s+announcement\b.*|for\s+best\s+results\s+when\s+printing\b.*|.{0,20}\b\d+\s+min\s+read\b.{0,30}|for\s+immediate\s+release\b.*|for\s+release:?|"
    r"\(.{0,60}\bthe\s+[\"'\u2018\u201c]?company[\"'\u2019\u201d]?\)|"
    r"\((?:all\s+)?(?:amounts|figures|dollar\s+amounts|financial\s+figures)\b.{0,60}\)|"
    r"printer\s+friendly|news\s+provided\s+by.*|share\s+this\s+article.*|research\s+news.*|"
    r"url\s+source:.*|published\s+time:.*|markdown\s+content:.*|posted\s+on|posted\s+(?:by|on)\s.*|edit\s+this\s+title.*|"
    r"(?:pr\s+newswire|business\s+wire|globe\s*newswire|marketwired?|accesswire|newmediawire|"
    r"canada\s+newswire|cnw\s+group|cision|newsfile|eqs[\s-]news.*|dgap[\s-]news.*|dow\s+jones)\b.{0,60}|"
    r"regulated\s+information|regulatory\s+news\s*:?|uk\s+regulatory|s\s*&\s*p\s*500|sys-con\s+media\b.*|news\s+feed\s+item|press\s*release\s*source:.*|skip\s+to\s+(?:the\s+)?(?:main\s+)?content|/\s*(?:key\s*words?(?:\(s\))?|schlagw(?:o|ö)rt(?:er)?(?:\(e\))?)\s*:.*|"
    # a forum's page (Silicon Investor): its notices, the board, the reply's header, the poster's ticker: 'TXMC - '
    r"we've\s+detected\s+that\s+you're\s+using\s+an\s+ad\b.*|.*\bignore\s+unavailable\s+to\s+you\.\s+want\s+to\s+upgrade\?|"
    r"to:\s+.{1,60}?\s+who\s+wrote\s+\(\s*\d+\s*\).*|from:\s+.{1,60}?\s+read\s+replies\b.*|from:\s+\S{1,40}(?:\s+of\s+\d+)?|of\s+\d+|previous\s+10\s+next\s+10|share\s*recommend\s*keep\s*reply.*|discoversearch|si|(?-i:[A-Z]{2,5})\s+[-\u2013\u2014]|"
    r"(?:company|stock\s+exchange)\s+(?:announcement|release).*|"
    r"[/(*]?\s*not\s+for\s+(?:distribution|dissemination).*|block\s+ip\s+trap|the\s+issuer\s+is\s+solely\s+responsible.*|"
    r"f\u00fcr\s+den\s+inhalt.*|.*\b(?:\u00fcbermittelt\s+durch|transmitted\s+by)\s+(?:DGAP|EQS)\b.*|"
    r"ver(?:\u00f6|oe)ffentlichung\s+(?:von|einer)\s+insiderinformation.*|(?:disclosure|publication)\s+of\s+(?:an?\s+)?"
    r"inside(?:r)?\s+information.*|size:\s*px|start\s+display\s+at\s+page:?|download\s+[\"\u201c].*[\"\u201d]|transcription|"
    r"home\s*[>\u00bb\u203a|/]\s*.*|(?:insider?\s*information|sis\u00e4piiritieto|intern\s+viden)\s*:?|download|full\s+size|small|preview|thumbnail|release|immediately|"
    r"(?:press|news|media|earnings)\s+release\b.{0,30}|report\s+this\s+content|subscribe|"
    r"(?:company|corporate)\s+(?:press\s+|news\s+)?release|archives?\s+for\b.*|(?:categories|category|tags?)(?::.*|\s*)|"
    r"(?:filed\s+under|posted\s+in)\b:?.*|rns\s+number\s*:.*|back\s+to\s+(?:the\s+)?(?:newsroom|news|press\s+releases|all\s+news)|"
    r"link:\s*\S*|structure\s+hint:.*|subjects?:.*|class\u00e9\s+dans\s*:.*|le\s+l\u00e9zard|"
    r"(?:finnish|english|swedish|german|french|danish|norwegian)(?:\s+(?:finnish|english|swedish|german|french|danish|norwegian)){1,3}|"
    # a Nasdaq Nordic disclosure page's category: 'Acme Oyj - Interim report (Q1 and Q3)'
    r".{2,60}\s-\s(?:interim\s+report\s+\(q1\s+and\s+q3\)|half[- ]year(?:ly)?\s+financial\s+report|annual\s+financial\s+report|"
    r"financial\s+statement\s+release|company\s+announcement|changes\s+in\s+company'?s\s+own\s+shares|"
    r"other\s+information\s+disclosed\b.*)|(?:[^|\n]{0,60}\|\s*)?source:\s*.{2,80}|(?:(?=[^|\n]*?[a-z])[^|\n]{1,30}?\s+\|\s+){1,8}(?=[^|\n]*[a-z])[^|\n]{1,30}|login\s+to\s+your\s+account|classified\s+in:.*|sign\s+in|log\s*in|register|logo|image|photo|video|"
    r".*?(?<!\d)\d++\s*+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|latest\s+news\b.*|#\S+|"
    r"share|tweet|email|print|(?-i:[A-Z0-9]{6,})|ie\s*11\s+is\s+not\s+supported.*|.*\b(?:browser|javascript)\b.*\b(?:supported|enabled?)\b.*|"
    r"for:\s+.{2,80}|contact:.*|(?:[\w.-]+\s+){0,3}blog|(?:[\w-]+\s+){0,2}(?:editors|writers)(?:\s*[/&,]\s*(?:[\w-]+\s+){0,2}(?:editors|writers))*|"
    r"(?:business|financial|health|medical|technology|high-tech|sports|entertainment|energy|automotive|education|"
    r"legal|national|consumer|retail|science|travel|real\s+estate)\s+(?:editors|writers)\b.*|"
    r"/[^/]{2,40}/\s*[-\u2013\u2014]*|(?:eqs|dgap)-[\w-]+:.*/\s*(?:key\s*word|schlagwort).*|"
    r"\([^()]{2,30}\)\s*[-\u2013\u2014:]+|(?:picture|image|photo)\s+of\s.{0,80}\blogo|"
    # a forum's post header (InvestorsHub), a portal's and a filings site's page
    r"investorshub\s+logo|followers\s+\d+|posts\s+\d+|boards\s+moderated\s+\d+|alias\s+born\b.*|re:\s+none|"
    r"post#\s*\d*\s+of\s+\d+|<?\s*back\s+to\s+list|news\s+detail|investor\s+relations\s+cent(?:er|re)|pressemitteilung|"
    r"(?:dgap|eqs)-news\s+news\s+vom\b.*|attached\s+files|file\s*\|\s*filename\s*\|?|.*\|\s*[\w.-]+\.html?\s*\|?|"
    # a quote site's panels around an RNS (ADVFN), a page's icons' alt text, a draft's stamp
    r"click\s+here\s+for\s+more\b.*|historical\s+stock\s+chart|from\s+\w{3}\s+\d{4}\s+to\s+\w{3}\s+\d{4}|"
    r"delayed\s+by\s+\d+\s+minutes|trending\s+now|toplists|hot\s+features|we\s+could\s+not\s+find\s+any\s+results\b.*|"
    r"make\s+sure\s+your\s+spelling\b.*|it\s+looks\s+like\s+you\s+aren.t\s+logged\s+in\b.*|click\s+the\s+button\s+below\b.*|"
    r"registration\s+strip\s+icon\b.*|about\s+this\s+update\s+from\s.*|\[\{\s*\x22type\x22\s*:\s*\x22text\x22\s*,\s*\x22content\x22\s*:\s*\x22|top\s+of\s+page|[\w ]{2,30}\s[-\u2013]\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}|(?:share\s+)?print-ready\s+version|.*\bcreated\s+with\s+sketch\b.*|draft(?:\s*[-\u2013]\s*not\s+for\s+immediate\s+release)?|"
    # a filing site's: the document's file name, the filing's form and date, its neighbours
    r"(?:\d{1,2}-K|EX-99[.\d]*)\s+-\s+.{0,120}\.html?|.{0,60}\b\d{1,2}-K,\s+EX-99[.\d]*,\s+\d{4}-\d\d-\d\d\b.*|(?:previous|next):\s.{0,80}\b\d{4}-\d\d-\d\d|"
    r"[\W_]*|\d+(?:\.\d+)*|page\s+\d+.*|.*\bpage\s+\d+)$", re.I)

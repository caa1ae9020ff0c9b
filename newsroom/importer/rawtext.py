"""Raw text as the importer reads it: plain line ends and spaces, HTML entities and a JSON
string's escapes decoded, and the chrome a page or a service prints inside every release removed."""

from __future__ import annotations

import html
import re
import unicodedata

from newsroom.stages.content import strip_control


def normalise(text: str) -> str:
    """Line ends, non-breaking spaces, control characters and HTML spaces as plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if post := _WP_POST.match(text):  # a WordPress site's API: the post's title and content, JSON strings of HTML
        text = "\n\n".join(_unescaped(part) for part in post.group("title", "content"))
    if len(_BLOCK_TAG.findall(text[:20000])) >= 5:  # a release saved as HTML (an EDGAR filing's exhibit)
        text = as_text(text)
    text = text.replace("&nbsp;", " ").replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2009", " ")
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)  # a scraped page's '&amp;', '&#8217;'
    text = _QUOTE_WIDGET.sub("", text)  # MarketWatch's quote links: '/quotes/nls/col (COL 56.06, -0.07, -0.12%)'
    text = re.sub(r"(?:Slice\s+\d+\s+)?Created\s+with\s+Sketch(?:\s+Beta)?\.?[ \t]*", "", text)  # icons' alt text, run together
    text = _EQS_FOOTER.sub("", text)  # EQS's table of the issuer's particulars, under every release
    if text.count("\\n") > max(20, 3 * text.count("\n")):  # a JSON string's escapes, as a feed stored the text
        text = _JSON_ESCAPE.sub(lambda m: _JSON_CHARS.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), text)
    return single_spaced(unicodedata.normalize("NFC", strip_control(text.replace("\t", "    "))))


def single_spaced(text: str, wrapped: bool = True) -> str:
    """A page that puts a blank line under every line (a converter's double spacing) with its lines
    together again, so that a block (a wrapped paragraph, a letterhead's contacts) is one; two blank
    lines still part. Not a text of one paragraph to a line, whose lines end their sentences (unless
    `wrapped` is False: an opening's short lines)."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    spaced = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1].strip())
    open_ended = sum(1 for i in filled if not re.search(r"[.!?:;\"'\u201d\u2019)\]]\s*$", lines[i]))
    lengths = sorted(len(lines[i].rstrip()) for i in filled if len(lines[i].strip()) > 30)
    width = lengths[int(len(lengths) * 0.75)] if lengths else 0
    even = sum(1 for n in lengths if width - 15 <= n <= width + 5)  # a converter wraps each line near one width
    if len(filled) < 6 or spaced < 0.9 * len(filled) or wrapped and (open_ended < 0.5 * len(filled) or even * 2 < len(lengths)):
        return text
    return re.sub(r"\n[ \t]*\n(?![ \t]*\n)", "\n", text)


_QUOTE_WIDGET = re.compile(r"[ \t]*/quotes/\S+(?:[ \t]+\([A-Z.]{1,6}[ \t]+[\d.,]+,[ \t]*[-+][\d.]+,[ \t]*[-+][\d.]+%\))?")
# 'Sprache: | Deutsch |', 'Unternehmen: | Acme AG |', … 'Ende der Mitteilung | DGAP News-Service |'.
_EQS_FOOTER = re.compile(r"(?ms)^(?:[ \t]*\|[ \t]*\n)?[ \t|]*(?:Sprache|Language)[ \t]*:[ \t]*\|.*?"
                         r"(?:Ende der Mitteilung|End of (?:News|Announcement|Media Release))[ \t]*\|[^\n]*"
                         r"(?:\n[ \t]*\d+[ \t]+\d{2}\.\d{2}\.\d{4}[^\n]*)?")
# '{"id":758191,…,"title":{"rendered":"Acme Reports …"},"content":{"rendered":"<div …' (a copy may end mid-string).
_WP_POST = re.compile(r'\A\s*\{[^\n]*?"title"\s*:\s*\{\s*"rendered"\s*:\s*"(?P<title>(?:[^"\\]|\\.)*)"[^\n]*?'
                      r'"content"\s*:\s*\{\s*"rendered"\s*:\s*"(?P<content>(?:[^"\\]|\\.)*)')


def _unescaped(string: str) -> str:
    """A JSON string's text, without the escape a cut left unfinished."""
    string = re.sub(r"\\(?:u[0-9a-fA-F]{0,3})?$", "", string)
    return _JSON_ESCAPE.sub(lambda m: _JSON_CHARS.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), string)


_JSON_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[nt\"/\\])")
_JSON_CHARS = {"n": "\n", "t": "    ", '"': '"', "/": "/", "\\": "\\"}
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def as_text(markup: str) -> str:
    """HTML as the browser shows it: whitespace collapsed, a block on lines of its own, tags gone
    (entities are decoded with everyone else's)."""
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", markup)
    markup = re.sub(r"\s+", " ", markup)
    markup = re.sub(r"(?i)<br\b[^>]*>", "\n", markup)
    markup = _BLOCK_TAG.sub("\n\n", markup)
    markup = re.sub(r"<[^<>]{0,2000}>", "", markup)
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"\n[ \t]+|[ \t]+\n", "\n", markup))


_BLOCK_TAG = re.compile(r"(?i)</?(?:p|div|h[1-6]|tr|li|ul|ol|table|blockquote|center|document|type|filename|text)\b[^>]*>")

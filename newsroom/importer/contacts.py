"""A release's contacts block as Markdown lines: each group apart, emails and phones as links.

Wire copy prints contacts as runs of lines (`Investors:` / a name / a company / a phone / an
email), sometimes side by side in two columns, double-spaced by a scraper, or flattened onto
one line. A reader wants each group as a paragraph of its own with its lines kept, and to tap
a phone number or an email. Pure text to text; `escape_text` is the Markdown escape the rest
of the importer can share.
"""

from __future__ import annotations

import re

# Characters Python-Markdown (with our extensions) reads as markup anywhere in a line; each is
# one of its escapable characters, so a backslash shows it as itself.
_INLINE = re.compile(r"([\\`*_\[\]{}|])")
# `&copy;`, `&#169;`: an entity Markdown would decode; `<`: raw HTML or an autolink.
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[a-zA-Z0-9]+;)")
# What opens a block at the start of a line: a heading (`#1 seller` is one), a quote, a list
# item (`- `, `+ `, `1. `), or a setext underline (`===`, `---`).
_LINE_START = re.compile(r"^(\s*)(#|>|[-+](?=\s)|\d+\.(?=\s)|=|-+\s*$)")

ROLE_WORDS = re.compile(
    r"^(?:(?:news\s+)?media|press|investors?|investor\s+relations|ir|analysts?|shareholders?"
    r"|contacts?|company|corporate|public\s+relations|communications|kontakt|pressekontakt"
    r"|presse|renseignements|relations\s+(?:avec\s+les\s+)?investisseurs|information)"
    r"(?:\s+(?:and|&|/|et|und)\s+\w+)*(?:\s+(?:contacts?|relations|inquiries|enquiries))?"
    r"(?:\s+(?:for|at|de|für)\s+.+)?$", re.I)
# The name of a detail line (`Tel.: …`, `E-Mail: …`, `Phone 555…`): never a group's label.
_PHONE_NAMES = r"tel(?:ephone|efon|éphone)?|phone|ph|mobile|cell|office|direct|main"
FIELD = re.compile(rf"^(?:(?:{_PHONE_NAMES}|fax|e-?mail|mail|web(?:site)?|internet|url|[tpmfew])\.?\s*:"
                   rf"|(?:{_PHONE_NAMES}|fax|e-?mail)\.?\s+(?=[+(\d]|\S+@))", re.I)
PHONE_FIELD = re.compile(rf"(?<![A-Za-z])(?:{_PHONE_NAMES}|[tpm])\.?\s*:?\s*$", re.I)
FAX_FIELD = re.compile(r"(?<![A-Za-z])fax\.?\s*:?\s*$", re.I)

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"""
    (?<![\w@.+/-])
    (?P<number>
        (?:\+\d{1,3}[\s.-]?)?          # country code
        (?:\(0\)\s?)?                  # a trunk zero written after it: +44 (0)20 …
        (?:\(\d{1,5}\)[\s.-]?)?        # an area code in parentheses
        \d(?:[\s./-]?\d){5,}           # digits, single separators between them
    )
    (?:\s?(?:x|ext\.?|extension)\s?(?P<ext>\d{1,6}))?
    (?!\d)
""", re.X | re.I)
NANP = re.compile(r"^(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s./-])\d{3}[\s.-]\d{4}$")
DATE_LIKE = re.compile(r"^\d{4}-\d\d-\d\d$|^\d{1,2}[./]\d{1,2}[./]\d{2,4}$")
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# A role label in the middle of a flattened line: "… 555-1234; Media: John Roe, …".
INLINE_LABEL = re.compile(r"(?<=[\s;,.)])(?=(?:Investors?|Media|Press|Investor Relations|Investor Contacts?"
                          r"|Media Contacts?|Media Relations|Analysts?)\s*:)")
COLUMN_GAP = re.compile(r"\S( {3,}|\t+)(?=\S)")


def escape_text(text: str, line_start: bool = True) -> str:
    """Text shown as itself in Markdown: inline markup characters backslash-escaped, `<` and
    entity-like `&` written as entities, and (unless `line_start` is False, as in a table cell)
    a line that would open a block (a heading, quote, list item or underline) escaped."""
    escaped = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\1", text)).replace("<", "&lt;")
    if not line_start:
        return escaped
    return "\n".join(_LINE_START.sub(_escape_start, line) for line in escaped.split("\n"))


def _escape_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "1. " opens an ordered list: escape the dot, not the number
        return f"{indent}{marker[:-1]}\\."
    if marker == "=":  # not one of Markdown's escapable characters; an entity shows it as text
        return f"{indent}&#61;"
    return f"{indent}\\{marker}"


Group = list[tuple[str, bool]]  # (line, is it the group's label)


def contact_lines(lines: list[str]) -> list[str]:
    """Markdown lines for a contacts block: each group a paragraph (groups apart by a blank
    line), the lines of a group joined by hard breaks (two trailing spaces, which the caller
    must keep), labels like `Investors:` in bold, emails and phone numbers as links."""
    groups: list[Group] = []
    for column in _columns([_clean(line) for line in lines]):
        groups += _groups(column)
    out: list[str] = []
    for group in groups:
        rendered = [f"**{escape_text(line)}**" if is_label else _render(line) for line, is_label in group]
        if out:
            out.append("")
        out += [line + "  " for line in rendered[:-1]] + rendered[-1:]
    return out


def _clean(line: str) -> str:
    """A line without a scraped table's edge pipes or trailing blanks; tabs as spaces."""
    line = line.expandtabs(8).rstrip()
    stripped = line.strip()
    if stripped.startswith("|") or stripped.endswith("|"):
        line = stripped.strip("|").strip()
    return line


def _columns(lines: list[str]) -> list[list[str]]:
    """Contacts printed side by side (lines of two parts apart by a wide gap, each side with
    a phone or an email) as two blocks, the left one first; any other block as it is."""
    parts: list[tuple[str, str] | None] = []
    for line in lines:
        gaps = [m for m in COLUMN_GAP.finditer(line) if not line[: m.start() + 1].endswith(":")]
        parts.append((line[: gaps[0].start() + 1].strip(), line[gaps[0].end():].strip())
                     if len(gaps) == 1 else None)
    split = [part for part in parts if part]
    content = [line for line in lines if line.strip()]
    reachable = [any(EMAIL.search(side[n]) or _phones(side[n]) for side in split) for n in (0, 1)]
    if len(split) < 2 or len(split) * 2 < len(content) or not all(reachable):
        return [lines]
    indent = min(len(line) - len(line.lstrip()) + 2 for line, part in zip(lines, parts) if part is None
                 and line.strip()) if len(split) < len(content) else 0
    edge = min(len(line) - len(line.lstrip()) + len(part[0]) for line, part in zip(lines, parts) if part)
    left, right = [], []
    for line, part in zip(lines, parts):
        if part:
            left.append(part[0])
            right.append(part[1])
        elif line.strip() and len(line) - len(line.lstrip()) >= max(edge, indent):
            left.append("")
            right.append(line.strip())
        else:
            left.append(line.strip())
            right.append("")
    return [left, right]


def _groups(lines: list[str]) -> list[Group]:
    """Split lines into groups: at blank lines, at labels, and where a new name follows a
    finished contact. A scraper's double spacing (every line alone) is not a separation, and
    a label alone before a run of lines is that run's."""
    split: list[str] = []
    for line in lines:
        split += [part.strip() for part in INLINE_LABEL.split(line)] if line.strip() else [""]
    blocks: list[list[str]] = [[]]
    for line in split:
        if not line:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    blocks = [block for block in blocks if block]
    if len(blocks) > 2 and all(len(block) == 1 for block in blocks):
        blocks = [[block[0] for block in blocks]]
    groups: list[Group] = []
    for block in blocks:
        for group in _split_block(_join_wrapped(block)):
            if groups and len(groups[-1]) == 1 and groups[-1][0][1] and not group[0][1]:
                groups[-1] += group
            else:
                groups.append(group)
    return groups


def _split_block(block: list[str]) -> list[Group]:
    """One run of lines into groups: a label starts one, and so does a plain line (a name)
    after a line with an email, once the run has shown how it reaches someone."""
    groups: list[Group] = []
    reached = False
    for index, line in enumerate(block):
        label = _label(line, index == 0 or reached)
        if label is not None or not groups or (reached and not _is_detail(line)):
            groups.append([])
            reached = False
        if label is not None:
            head, rest = label
            groups[-1].append((head, True))
            if rest:
                groups[-1].append((rest, False))
        else:
            groups[-1].append((line, False))
        reached = reached or bool(EMAIL.search(line))
    return groups


def _label(line: str, opens: bool = True) -> tuple[str, str] | None:
    """(label, what follows it on the line) when the line names a group: `Investors:`,
    `Media Contact:    Marc Rice`, `For further information, please contact:`, or, where a
    group `opens` (a run's first line, or after a finished contact), `Investor Relations`."""
    if FIELD.match(line):
        return None
    head, colon, rest = line.partition(":")
    words = head.split()
    if colon and not rest.strip() and 0 < len(words) <= 7 and not re.search(r"\d|@", head):
        return f"{head.strip()}:", ""
    if colon and rest.strip() and ROLE_WORDS.match(head.strip()):
        return f"{head.strip()}:", rest.strip()
    if opens and not colon and len(words) <= 4 and ROLE_WORDS.match(line.strip()):
        return line.strip(), ""
    return None


def _is_detail(line: str) -> bool:
    """A line that says how to reach the contact just named: it opens with a phone, an email,
    a web address or a field name (`Tel.:`)."""
    first = line.split()[0] if line.split() else ""
    return bool(FIELD.match(line) or EMAIL.match(first) or URL.match(first)
                or any(match.start() == 0 for match in _phones(line)))


def _join_wrapped(block: list[str]) -> list[str]:
    """Join a hard-wrapped sentence back into one line: a line that ends in `,`, `or`, `and`
    or `&`, or one followed by a line that starts with a lowercase word."""
    joined: list[str] = []
    for line in block:
        if joined and _label(line) is None and _label(joined[-1]) is None and not _is_detail(line) and (
                re.search(r"(?:,|\bor|\band|&)$", joined[-1]) or re.match(r"[a-z]+\b(?![@.])", line)):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _phones(line: str) -> list[re.Match[str]]:
    """The phone numbers of a line: plausible digit counts, shaped like a phone or labelled one."""
    found = []
    for match in PHONE.finditer(line):
        number = match.group("number")
        digits = re.sub(r"\D", "", number)
        before = line[: match.start()]
        if not 7 <= len(digits) <= 15 or DATE_LIKE.match(number) or FAX_FIELD.search(before):
            continue
        if number.startswith(("+", "(")) or NANP.match(number) or PHONE_FIELD.search(before):
            found.append(match)
    return found


def tel_uri(number: str, extension: str | None = None) -> str:
    """`tel:` URI of a phone number as printed: +1 for a North American number written without
    a country code, a trunk `(0)` after a country code dropped, `;ext=` for an extension."""
    text = re.sub(r"\(0\)", "", number) if number.startswith("+") else number
    digits = re.sub(r"\D", "", text)
    if number.startswith("+"):
        uri = f"+{digits}"
    elif NANP.match(number):
        uri = f"+1{digits[-10:]}"
    else:
        uri = digits
    return f"tel:{uri}" + (f";ext={extension}" if extension else "")


def _render(line: str) -> str:
    """One line as Markdown: links for emails and phones, the rest escaped."""
    links: list[tuple[int, int, str]] = []
    for match in EMAIL.finditer(line):
        address = match.group(0)
        links.append((match.start(), match.end(), f"[{escape_text(address)}](mailto:{address})"))
    for match in _phones(line):
        if not any(start < match.end() and match.start() < end for start, end, _ in links):
            text = line[match.start():match.end()]
            links.append((match.start(), match.end(),
                          f"[{escape_text(text)}]({tel_uri(match.group('number'), match.group('ext'))})"))
    parts, position = [], 0
    for start, end, markdown in sorted(links):
        parts += [escape_text(line[position:start]), markdown]
        position = end
    parts.append(escape_text(line[position:]))
    return "".join(parts)

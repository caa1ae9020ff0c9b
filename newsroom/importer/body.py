"""A release's body as the wire sent it → Markdown: paragraphs, lists and recognised sections."""

from __future__ import annotations

import re

ABOUT = r"about\s+(?P<name>[A-Z0-9][^:\n]{1,80}?)"
FORWARD = (r"(?:forward[- ]looking statements?|safe harbou?r(?: statement)?|cautionary "
           r"(?:note|statement|language)[^:\n]{0,60}?|[^:\n]{0,40}forward[- ]looking "
           r"(?:information|statements?)[^:\n]{0,40}?)")
CONTACTS = (r"(?:(?:media|investor|press|company|for further)\s+)*(?:contacts?|inquiries|information)"
            r"(?: data)?|investor relations(?: contacts?)?")
# Each kind as (the whole line is the heading, the heading opens the line before a colon, kind).
SECTIONS = tuple((re.compile(f"(?:{pattern})\\s*:?", re.I), re.compile(f"(?:{pattern})\\s*:\\s+", re.I), kind)
                 for pattern, kind in ((FORWARD, "forward"), (CONTACTS, "contacts"), (ABOUT, "about")))
CHROME = re.compile(r"^(?:SOURCE\b.*|View (?:source|original) version.*|\(END\) Dow Jones Newswires.*|"
                    r"\d{2}-\d{2}-\d{2} \d{4}ET|-?0-?|#{3,}|News provided by.*|Share this article.*|"
                    r"Copyright .* (?:Newswire|Wire|Marketwired).*)$", re.I)
BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u25cf\u2013]|o(?=\s))\s+(?P<item>\S.*)$")
NUMBERED = re.compile(r"^\s*\(?(?P<n>\d{1,2})[.)]\s+(?P<item>\S.*)$")
HEADING_LIMIT = 100
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019]$")
_BOLD_LEAD = re.compile(r"^\*\*(?P<lead>[^*]{2,80})\*\*\s*(?P<rest>.*)$", re.S)


def paragraphs(text: str) -> list[str]:
    """Blocks split at blank lines; hard-wrapped lines joined, one-line-per-paragraph kept apart."""
    result: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            result.extend(_unwrap(lines))
    return result


def _unwrap(lines: list[str]) -> list[str]:
    if len(lines) < 2 or not _hard_wrapped(lines):
        return lines
    width = max(len(line) for line in lines)
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and (BULLET.match(line) or NUMBERED.match(line)):
            out.append(" ".join(current))
            current = []
        current.append(line)
        if _SENTENCE_END.search(line) and len(line) < 0.8 * width or BULLET.match(line):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """Long lines that mostly end mid-sentence were wrapped by a mailer, not by the author."""
    inner = lines[:-1]
    open_ended = sum(1 for line in inner if not _SENTENCE_END.search(line))
    median = sorted(len(line) for line in inner)[len(inner) // 2]
    return median >= 50 and open_ended * 2 >= len(inner)


def section_heading(line: str) -> tuple[str, str] | None:
    """A line that opens a recognised section → (Markdown heading, text after it on that line)."""
    stripped = line.strip().strip("*_").strip()
    for whole, inline, kind in SECTIONS:
        match = whole.fullmatch(stripped)
        rest = ""
        if match and (len(stripped) > HEADING_LIMIT or (kind == "forward" and stripped.endswith("."))):
            match = None
        if not match:
            match = inline.match(stripped)
            if not match or (kind == "about" and len(match.group(0)) > 60):
                continue
            rest = stripped[match.end():].strip().strip("*_").strip()
        if kind == "forward":
            return "Forward-Looking Statements", rest
        if kind == "contacts":
            return "Contacts", rest
        return f"About {_name(match.group('name'))}", rest
    return None


def _name(name: str) -> str:
    name = name.strip().strip("*_").rstrip(":")
    if not re.search(r"\b(?:Inc|Corp|Ltd|Co|S\.A|N\.V|L\.P)\.$", name, re.I):
        name = name.rstrip(".")
    if name.isupper() and len(name) > 4:
        return " ".join(w if len(w) <= 4 and "." in w else w.capitalize() for w in name.split())
    return name


def escape(text: str) -> str:
    """Wire text is prose, not Markdown or HTML: keep its characters literal."""
    text = text.replace("\\", "\\\\").replace("<", "&lt;")
    text = re.sub(r"([*_`\[\]])", r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", text)
    return re.sub(r"^([#>=+|]|-(?=\s|-|$))", r"\\\1", text)


def to_markdown(blocks: list[str]) -> str:
    """Paragraphs → Markdown, one blank line between blocks, lists kept tight."""
    out: list[str] = []
    section = ""
    for block in blocks:
        if CHROME.match(block.strip()):
            continue
        bold = _BOLD_LEAD.match(block)
        heading = section_heading(block)
        if heading is None and bold and section_heading(bold.group("lead")):
            heading = (section_heading(bold.group("lead")) or ("", ""))[0], bold.group("rest").strip()
        if heading:
            title, rest = heading
            if title != section or title.startswith("About"):
                out.append(f"## {title}")
                section = title
            if rest:
                out.append(escape(rest))
            continue
        bullet, numbered = BULLET.match(block), NUMBERED.match(block)
        if bullet:
            out.append(f"- {escape(bullet.group('item'))}")
        elif numbered and out and out[-1][:1].isdigit():
            out.append(f"{numbered.group('n')}. {escape(numbered.group('item'))}")
        elif numbered and len(block) < 400:
            out.append(f"{numbered.group('n')}. {escape(numbered.group('item'))}")
        elif section == "Contacts":
            out.append(escape(block) + "  ")
        else:
            out.append(escape(block))
    kept = [line for i, line in enumerate(out)
            if not (line.startswith("## ") and (i + 1 == len(out) or out[i + 1].startswith("## ")))]
    return _join(kept)


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        tight = text and _is_item(line) and _is_item(text.rsplit("\n", 1)[-1])
        contact = text.endswith("  ") and line and not line.startswith("## ")
        text += line if not text else ("\n" if tight or contact else "\n\n") + line
    rows = (row if row.endswith("  ") else row.rstrip() for row in text.split("\n"))
    return "\n".join(rows).rstrip() + "\n"


def _is_item(line: str) -> bool:
    return line.startswith("- ") or bool(re.match(r"\d+\. ", line))

"""A release's story as the wire sent it → Markdown: paragraphs, subheads, lists, tables, sections.

The text arrives blank-line separated, one line per paragraph, hard-wrapped at a column, or
flattened onto one line. It is cut into blocks (a flattened or run-on paragraph at the labels
that open its sections and the wire chrome around it), each block is given a kind, and the
recognised sections (About, Forward-Looking Statements, Contacts) are put after the story in
the order they came, so the story keeps every table and subhead that followed them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsroom.importer.contacts import contact_lines, escape_text
from newsroom.importer.tables import looks_like_table, plain_table

_LABEL_END = r"\s*(?::|\s[-\u2013\u2014]{1,2}\s|\.(?=\s+[A-Z]))\s*"
FORWARD = (r"(?:Cautionary\s+(?:Note|Statements?|Language|Information)(?:\s+(?:Regarding|Concerning|About|on|"
           r"Relating\s+to)\s+Forward[- ]Looking\s+(?:Statements?|Information))?|Safe\s+Harbou?r(?:\s+Statements?)?"
           r"(?:\s+(?:under|for\s+Purposes\s+of)\s+the\s+Private\s+Securities\s+Litigation\s+Reform\s+Act"
           r"(?:\s+of\s+1995)?)?|(?:(?:Special\s+)?Note\s+(?:Regarding|on|About|Concerning)\s+|Disclaimer\s+"
           r"(?:Regarding|on)\s+)?Forward[- ]Looking\s+(?:Statements?|Information)(?:\s+Disclaimer)?)")
CONTACTS = (r"(?:(?:(?:Media|Investors?|Press|Analysts?|IR|Financial|Company|Editor(?:ial)?|Agency|Public\s+Relations)"
            r"(?:\s+(?:and|&)\s+(?:Media|Investors?|Analysts?))?\s+)?(?:Relations\s+)?(?:Contacts?|Inquiries|Enquiries)"
            r"(?:\s+Information)?|For\s+(?:further|more|additional)\s+information[^:\n]{0,60}?|"
            r"Please\s+contact\s+for\s+additional\s+information|Investor\s+Relations(?:\s+Contacts?)?|"
            r"Investors|Media|Contact\s+Information)")
# The sentences a forward-looking section opens with when it has no heading of its own.
FORWARD_OPENER = (r"(?:(?:This|The)\s+(?:news\s+|press\s+)?(?:release|communication|announcement)\s+(?:contains|includes|"
                  r"may\s+contain)|(?:Certain\s+)?(?:statements|information)\s+(?:in|contained\s+in)\s+this\s+(?:news\s+|"
                  r"press\s+)?release)[^.]{0,120}?(?:forward[- ]looking|Private\s+Securities\s+Litigation)")
OTHER = (r"(?:(?:Use\s+of\s+|About\s+|Reconciliation\s+of\s+)?Non-GAAP\s+(?:Financial\s+)?"
         r"(?:Measures?|Information|Results)|Conference\s+Call(?:\s+and\s+Webcast)?(?:\s+(?:Information|Details))?|"
         r"Webcast(?:\s+and\s+Conference\s+Call)?(?:\s+(?:Information|Details))?)")
# Where a section opens: as a line of its own, or as the first words of a paragraph.
_FORWARD = re.compile(rf"(?P<label>{FORWARD})(?:{_LABEL_END}|\s*$|\s+(?=[A-Z]))", re.I)
_CONTACTS = re.compile(rf"(?P<label>{CONTACTS})(?:\s*:\s*|\s*$)", re.I)
_OTHER = re.compile(rf"(?P<label>{OTHER})(?:\s*:\s*|\s*$)", re.I)
_ABOUT = re.compile(r"(?P<label>(?:(?i:about)|\u00dcber|\u00c0\s+propos\s+d[eu']|Om)\s+(?P<name>(?:(?:the|die|der|das|la|le|les|l')\s+)?(?!(?:Us|Me|You)\b)[A-Z0-9][\w&'\u2019.,\-\u00ae\u2122]*"
                    r"(?:\s+(?:[A-Z0-9&][\w&'\u2019.,\-\u00ae\u2122]*|of|and|de|du|des|la|le|for|the|in)){0,8}))"
                    rf"(?:{_LABEL_END}|\s*$|(?=\s+[a-z(]))")
CHROME = re.compile(r"^(?:SOURCE\b.*|View (?:source|original) (?:version|content).*|To view the original version.*|"
                    r"(?:Logo|Photo|Video|Multimedia)s?\s*[-:]\s*https?://.*|\(END\) Dow Jones.*|\(MORE TO FOLLOW\).*|"
                    r"Copyright\b.*(?:Dow Jones|Newswire|Wire|Marketwired|Cision|Business Wire|GlobeNewswire).*|"
                    r"/?Web\s*site:\s*\S+\s*$|\d{2}-\d{2}-\d{2} \d{4}ET|-?0-?|-30-|#{3,}|\*{3,}|<PAGE>|END|"
                    r"News provided by.*|Share this article.*|NOT FOR (?:DISTRIBUTION|DISSEMINATION|RELEASE).*|"
                    r"(?:Attachments?|Related Links?|Related Documents?)\s*:?.*|.{0,60}\bpage \d+|\(\s*\)|This announcement is "
                    r"distributed by .*|-{2,}|_{3,}|={3,})$", re.I)
# What flattened copy runs together: the places to cut before, when found after a sentence's end.
_CUT = re.compile(rf"(?<=[.!?\"\u201d)\]])\s*(?=(?-i:[A-Z(/]))(?=(?:About\s+[A-Z]|{FORWARD}|{CONTACTS}\s*:|{OTHER}\s*:|SOURCE\s+[A-Z]|"
                  rf"{FORWARD_OPENER}|/?CONTACT:|"
                  r"Logo\s+-\s+http|Photo\s+-\s+http|To view the original version|View (?:source|original) "
                  r"(?:version|content)|\(END\) Dow Jones|\(MORE TO FOLLOW\)|/Web site:|Copyright\s))", re.I)
_CHROME_CUT = re.compile(r"\s+(?=SOURCE\s+[A-Z]|/CONTACT:|\(END\) Dow Jones|\(MORE TO FOLLOW\)|To view the original version|"
                         r"View original content|(?:Logo|Photo)\s+-\s+https?://)")
# 'ir.viveve.com About Viveve Viveve Medical, Inc. is …': an About label, even with no sentence end before it.
_ABOUT_AGAIN = re.compile(r"\s+(?=About\s+([A-Z][\w&'\u2019.-]*)(?:\s+[A-Z][\w&'\u2019.,-]*){0,4}?\s+\1\b)")
BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043\u2013\uf0b7\uf0a7]|o(?=\s))\s+(?P<item>\S.*)$")
NUMBERED = re.compile(r"^\s*\(?(?P<n>\d{1,2})[.)]\s+(?P<item>\S.*)$")
SUBHEAD_LIMIT = 100
_SENTENCE_END = re.compile(r"[.!?;,\"'\u201d\u2019]$")
_SMALL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "vs", "is", "are",
          "be", "its", "into", "per",
          "per", "&", "-", "\u2013", "\u2014"}


@dataclass(frozen=True)
class Block:
    """One piece of the story: a paragraph, subhead, list item, table or section heading."""

    kind: str  # para | subhead | item | numbered | table | section
    text: str = ""
    lines: tuple[str, ...] = ()
    section: str = ""  # for a section: about | forward | contacts | other


def paragraphs(text: str, cut_first: bool = False) -> list[str]:
    """Blocks split at blank lines; hard-wrapped lines joined, one-line-per-paragraph kept
    apart, table rows kept as rows (joined with newlines). `cut_first`: the text starts in the
    middle of a line (after a dateline), so its first line is short without ending there."""
    result: list[str] = []
    for group in re.split(r"\n[ \t]*\n", text):
        lines = [line.rstrip() for line in group.split("\n") if line.strip()]
        for run, is_table in (piece for part in _apart(lines) for piece in _table_runs(part)):
            if is_table:
                result.append("\n".join(run))
            else:
                result.extend(_unwrap([line.strip() for line in run], cut_first and not result))
    return result


def _apart(lines: list[str]) -> list[list[str]]:
    """A group's lines, with each line of wire chrome ('NOT FOR DISTRIBUTION …') a part of its own,
    so it is never joined to the paragraph it sits on."""
    parts: list[list[str]] = [[]]
    for line in lines:
        if len(line) <= 200 and CHROME.match(plain(line)):
            parts += [[line], []]
        else:
            parts[-1].append(line)
    return [part for part in parts if part]


def _table_runs(lines: list[str]) -> list[tuple[list[str], bool]]:
    """The group's lines in runs, each a table or not."""
    runs: list[tuple[list[str], bool]] = []
    start = 0
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _row_like(lines[end]):
            end += 1
        if end - index >= 3 and looks_like_table(lines[index:end]):
            head = index
            while head > start and _title_like(lines[head - 1]) and index - head < 3:
                head -= 1  # the table's header lines ('Three Months Ended')
            if head > start:
                runs.append((lines[start:head], False))
            runs.append((lines[head:end], True))
            start = index = end
        else:
            index = max(end, index + 1)
    if start < len(lines):
        runs.append((lines[start:], False))
    return runs


def _row_like(line: str) -> bool:
    return bool(re.search(r"\S(?: {2,}|\t|\s*\|\s*)\S", line.strip())) or "|" in line


def _title_like(line: str) -> bool:
    return len(line.strip()) <= 80 and not _SENTENCE_END.search(line.strip())


def _unwrap(lines: list[str], cut_first: bool = False) -> list[str]:
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
        ended = re.search(r"[.!?:;\"'\u201d\u2019]$", line)
        short = len(line) < (0.8 if ended else 0.75) * width and not (cut_first and line is lines[0])
        if short or BULLET.match(line):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """Long lines that mostly end mid-sentence were wrapped by a mailer, not by the author."""
    inner = lines[:-1]
    open_ended = sum(1 for line in inner if not re.search(r"[.!?:;\"'\u201d\u2019]$", line))
    median = sorted(len(line) for line in inner)[len(inner) // 2]
    widest = max(len(line) for line in inner)
    even = sum(1 for line in inner if len(line) >= 0.8 * widest)  # a mailer wraps every line near one width
    return median >= 50 and open_ended * 2 >= len(inner) and even * 2 >= len(inner)


def wrap_width(text: str) -> int:
    """The column a hard-wrapped text is wrapped at, or 0 when its lines are not wrapped."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if len(line.strip()) > 30)
    if len(lengths) < 8:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if width - 12 <= n <= width)
    return width if width <= 100 and near * 2 >= len(lengths) else 0


def split_flattened(paragraph: str) -> list[str]:
    """A paragraph that runs sections and chrome together, cut where each begins."""
    if len(paragraph) < 200 or "\n" in paragraph:
        return [paragraph]
    parts = [cut for part in _CUT.split(paragraph) if part.strip() for cut in _CHROME_CUT.split(part) if cut.strip()]
    return [piece for part in parts for piece in _ABOUT_AGAIN.split(part) if piece.strip()]


def blocks(text: str, cut_first: bool = False) -> list[Block]:
    """The story's blocks, each with its kind; chrome dropped."""
    out: list[Block] = []
    section = ""
    pieces = [part for raw in paragraphs(text, cut_first) for part in split_flattened(raw)]
    for index, paragraph in enumerate(pieces):
        if "\n" in paragraph:
            out.append(Block("table", lines=tuple(paragraph.split("\n"))))
            continue
        line = plain(paragraph)
        if not line or (len(line) <= 300 and (CHROME.match(line) or CHROME.match(paragraph.strip()))):
            continue
        opened = open_section(line)
        if opened:
            kind, title, rest = opened
            out.append(Block("section", title, section=kind))
            section = kind
            if rest:
                out.append(Block("para", rest))
            continue
        if section not in ("contacts", "forward") and _contact_info(line):
            names = []  # the name and title lines printed above the phone number belong to it
            while out and out[-1].kind in ("para", "subhead") and len(out[-1].text) <= 60 and len(names) < 4 \
                    and not _SENTENCE_END.search(out[-1].text):
                names.insert(0, Block("para", out.pop().text))
            out += [Block("section", "Contacts", section="contacts"), *names, Block("para", line)]
            section = "contacts"
            continue
        bullet, numbered = BULLET.match(paragraph), NUMBERED.match(paragraph)
        if bullet:
            out.append(Block("item", bullet.group("item").strip()))
        elif numbered and len(paragraph) < 400:
            out.append(Block("numbered", numbered.group("item").strip(), lines=(numbered.group("n"),)))
        elif section != "contacts" and is_subhead(line) and \
                _introduces(line, pieces[index + 1] if index + 1 < len(pieces) else ""):
            out.append(Block("section", f"About {_clean_name(line)}", section="about"))
            section = "about"
        elif section != "contacts" and is_subhead(line):
            out.append(Block("subhead", line.rstrip(":")))
            section = ""
        else:
            out.append(Block("para", line))
    return out


_PHONE = re.compile(r"(?:\+\d[\d ()./-]{7,}\d|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}|@|\[email\s+protected\])")


def _contact_info(line: str) -> bool:
    """A short line with a phone number or an email, outside any sentence: contact details."""
    return len(line) <= 120 and bool(_PHONE.search(line)) and not re.search(r"[a-z]{3,}[.!?]$", line) and \
        len(re.findall(r"\b[a-z]{4,}\b", line)) <= 4


def plain(paragraph: str) -> str:
    """A paragraph without the Markdown a scraper wrapped it in: heading marks, emphasis, links."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", paragraph)
    text = re.sub(r"\[([^\]]*)\]\((?:https?://|mailto:|/)[^)]*\)", r"\1", text)
    text = re.sub(r"^(?:#{1,6}\s+|>\s*|/(?=[A-Z]))", "", text.strip())
    text = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*(?=\w)", r"\1 ", text)  # '**About Acme**Acme is' reads 'About Acme Acme is'
    return " ".join(text.replace("**", "").split()).strip("*_ ")


def open_section(line: str) -> tuple[str, str, str] | None:
    """A line that opens a recognised section → (kind, heading, the text after the label)."""
    if len(line) <= 100 and (is_subhead(line) or line.endswith(":")) and re.search(
            r"forward[- ]looking|safe harbou?r|^cautionary\s+(?:notes?|statements?|language)", line, re.I):
        return "forward", "Forward-Looking Statements", ""  # 'Forward-Looking Information is Subject to Risk'
    if re.match(FORWARD_OPENER, line, re.I):
        return "forward", "Forward-Looking Statements", line
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
        if kind == "contacts" and ((len(label) > 40 and rest and not re.match(r"[A-Z(+\d]", rest))
                                   or rest.startswith("//")):
            continue  # 'For more information, visit http://…' is a sentence with a link
        if kind == "contacts":
            return "contacts", "Contacts", rest
        return "other", _heading_case(label), rest
    return None


def _introduces(line: str, following: str) -> bool:
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
            return _clean_name(head), " ".join([glued.group(2), *words[at + 1:], rest]).strip()
    for size in range(1, len(words)):
        if words[size].strip(",") == words[0].strip(",") or (words[size] == "The" and size > 1):
            return _clean_name(" ".join(words[:size])), " ".join([*words[size:], rest]).strip()
    if (not rest and len(words) > 8) or rest[:1].islower() or rest[:1] == "(":
        return "", ""  # 'About 40 of them were …': a sentence, not a label
    return _clean_name(" ".join(words)), rest


def _clean_name(name: str) -> str:
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
    if len(line) > SUBHEAD_LIMIT or _SENTENCE_END.search(line) or not line[:1].isupper():
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", line.rstrip(":"))]
    if not words or len(words) > 14:
        return False
    major = [w for w in words if w.lower() not in _SMALL]
    capitalised = sum(1 for w in major if w[:1].isupper())
    return capitalised == len(major) or (line.isupper() and len(words) >= 2)


def to_markdown(story: list[Block]) -> str:
    """Blocks → Markdown; the recognised sections after the story, in the order they came."""
    main: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    current, kind = main, ""
    contacts: list[str] = []

    def flush() -> None:
        """Contact lines as paragraphs, one per group (a group's lines end in hard breaks)."""
        if contacts:
            groups = "\n".join(contact_lines(contacts)).split("\n\n")
            current.extend(group.strip("\n") for group in groups if group.strip())
            contacts.clear()

    for block in story:
        if block.kind == "section" and block.section != "other":
            flush()
            current, kind = _section(sections, block.section, block.text), block.section
            continue
        if kind and (block.kind in ("subhead", "section") or (block.kind == "table" and kind != "about")):
            flush()
            current, kind = main, ""  # the story goes on after the section
        if kind == "contacts" and block.kind in ("para", "item"):
            contacts.append(block.text)
            continue
        flush()
        current.extend(_lines(block))
    flush()
    return _join(main + [line for heading, lines in sections for line in (heading, *lines)])


def _section(sections: list[tuple[str, list[str]]], kind: str, title: str) -> list[str]:
    """The lines of the section a heading opens: one of each kind, but an About per company."""
    heading = f"## {escape_text(title)}"
    for existing, lines in sections:
        if existing == heading:
            return lines
    sections.append((heading, []))
    return sections[-1][1]


def _lines(block: Block) -> list[str]:
    if block.kind == "section":
        return [f"## {escape_text(block.text)}"]
    if block.kind == "subhead":
        return [f"### {escape_text(block.text)}"]
    if block.kind == "item":
        return [f"- {escape_text(tidy(block.text))}"]
    if block.kind == "numbered":
        return [f"{block.lines[0]}. {escape_text(tidy(block.text))}"]
    if block.kind == "table":
        table = plain_table(list(block.lines))
        return [table] if table else ["\n".join("    " + line for line in block.lines)]
    return [escape_text(tidy(block.text))]


def tidy(text: str) -> str:
    """Wire spacing inside ticker tags, as the front matter writes them: '( OTCQB : ASTI)'."""
    return re.sub(r"\(\s*([A-Za-z][A-Za-z .\-]{0,24}?)\s*:\s*([A-Za-z0-9][A-Za-z0-9.\-]*)\s*\)", r"(\1: \2)", text)


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        tight = text and _is_item(line) and _is_item(text.rsplit("\n", 1)[-1])
        text += line if not text else ("\n" if tight else "\n\n") + line
    rows = (row if row.endswith("  ") else row.rstrip() for row in text.split("\n"))
    return "\n".join(rows).rstrip() + "\n"


def _is_item(line: str) -> bool:
    return line.startswith("- ") or bool(re.match(r"\d+\. ", line))

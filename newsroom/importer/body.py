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
from newsroom.importer.sections import (
    CHROME,
    MEDIA,
    PHONE,
    SENTENCE_END,
    clean_name,
    contact_info,
    introduces,
    is_subhead,
    open_section,
    plain,
    split_flattened,
)
from newsroom.importer.figures import is_number
from newsroom.importer.tables import find_tables, looks_like_table, plain_table
from newsroom.importer.unwrap import BULLET, NUMBERED, prose

@dataclass(frozen=True)
class Block:
    """One piece of the story: a paragraph, subhead, list item, table or section heading."""

    kind: str  # para | subhead | item | numbered | table | section | media (a picture the wire links to)
    text: str = ""
    lines: tuple[str, ...] = ()
    section: str = ""  # for a section: about | forward | contacts | other


def paragraphs(text: str, cut_first: bool = False) -> list[str]:
    """The text's tables (their lines joined with newlines, as printed) and, between them,
    paragraphs split at blank lines, hard-wrapped lines joined, one-line-per-paragraph kept apart.
    `cut_first`: the text starts in the middle of a line (after a dateline), so its first line is
    short without ending there."""
    lines = text.split("\n")
    result: list[str] = []
    done = 0
    for start, end in [*_tables(lines), (len(lines), len(lines))]:
        result += prose(lines[done:start], cut_first and done == 0)
        if start < end:
            rows = lines[start:end]
            result.append("\n".join(cell_rows(rows) if _framed_cells(rows) else [line.rstrip() for line in rows]))
        done = end
    return result


def _tables(lines: list[str]) -> list[tuple[int, int]]:
    """Where the tables are: those with rows (tables.find_tables) and those a converter printed
    one cell to a line (a label, then its figures, each on a line of its own)."""
    marked = _marked(lines)
    inside = {i for start, end in marked for i in range(start - 1, end + 1)}
    spans = [span for span in find_tables(lines) if not inside & set(range(*span))] + marked
    taken = {i for start, end in spans for i in range(start, end)} | inside
    cells = [span for span in _cell_runs(lines) if not taken & set(range(*span))]
    return sorted(spans + cells)


def _marked(lines: list[str]) -> list[tuple[int, int]]:
    """Canada NewsWire's preformatted blocks: the lines between a '<<' line and a '>>' line (or the
    end of an excerpt that stops inside one)."""
    spans, start = [], None
    for index, line in enumerate(lines):
        if line.strip() == "<<" and start is None:
            start = index + 1
        elif line.strip() == ">>" and start is not None:
            if index > start:
                spans.append((start, index))
            start = None
    if start is not None and len(lines) > start:  # an excerpt that stops inside the block
        spans.append((start, len(lines)))
    return spans


def _cell(line: str) -> str:
    """A line's text without the bars an HTML table's cells left around it ('547.3 |', '|Percent')."""
    return line.strip().strip("|").strip()


def _framed_cells(lines: list[str]) -> bool:
    """One cell to a line with the table's bars left on them: rows to rebuild (cell_rows)."""
    return sum(1 for line in lines if "|" in line) * 3 >= len(lines) and all(line.count("|") <= 1 or not _cell(line)
                                                                           for line in lines)


def cell_rows(lines: list[str]) -> list[str]:
    """A table printed one cell to a line, in rows again: a label opens a row and the figures after
    it are its cells; a sign or bracket printed apart ('$', '(589', ')', ')%') joins its figure; a
    line of bars ends a row. Columns are padded so that the rows line up."""
    rows: list[list[str]] = []
    sign = ""
    for line in lines:
        cell = _cell(line)
        if not cell:
            if line.count("|") >= 3 and rows and len(rows[-1]) > 1:
                rows.append([])  # '||||||||': the end of a row
            continue
        if cell in ("$", "\u20ac", "\u00a3"):
            sign = cell
        elif re.fullmatch(r"\)%?|%", cell) and rows and len(rows[-1]) > 1:
            rows[-1][-1] += cell
        elif is_number(cell) and rows and rows[-1]:
            rows[-1].append(sign + cell)
            sign = ""
        elif is_number(cell):
            rows.append(["", sign + cell])
            sign = ""
        else:
            if rows and not rows[-1]:
                rows.pop()
            rows.append([cell])
            sign = ""
    rows = [row for row in rows if row]
    width = max((len(row[0]) for row in rows), default=0)
    widths = [max((len(row[i]) for row in rows if len(row) > i), default=0) for i in range(max(map(len, rows), default=0))]
    return ["    ".join([row[0].ljust(width), *(cell.rjust(widths[i]) for i, cell in enumerate(row[1:], 1))]).rstrip()
            for row in rows]


def _cell_runs(lines: list[str]) -> list[tuple[int, int]]:
    """Runs of short lines, many of them figures alone: a table flattened one cell per line."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, line in enumerate([*lines, "A line of prose that is long enough to end any run of cells here."]):
        text = _cell(line)
        cell = not text or (len(text) <= 80 and not (SENTENCE_END.search(text) and len(text.split()) >= 8))
        if cell and start is None:
            start = index
        elif not cell and start is not None:
            filled = [cell for row in lines[start:index] if (cell := _cell(row))]
            figures = sum(1 for row in filled if is_number(row))
            if figures >= 6 and figures * 100 >= 35 * len(filled):
                while not _cell(lines[start]) or not (is_number(_cell(lines[start])) or len(lines[start].split()) <= 8):
                    start += 1
                end = index
                while not _cell(lines[end - 1]) or not is_number(_cell(lines[end - 1])):
                    end -= 1  # a heading after the last figure ('About Microsoft') is not the table's
                while end < index and re.fullmatch(r"[|\s]*\)?%?[|\s]*", lines[end]):
                    end += 1  # the last figure's closing bracket, and the bars after it
                runs.append((start, end))
            start = None
    return runs


def blocks(text: str, cut_first: bool = False) -> list[Block]:
    """The story's blocks, each with its kind; chrome dropped."""
    out: list[Block] = []
    section = ""
    pieces = [part for raw in paragraphs(text, cut_first) for part in split_flattened(raw)]
    for index, paragraph in enumerate(pieces):
        if "\n" in paragraph or (len(paragraph) > 200 and looks_like_table([paragraph])):
            out.append(Block("table", lines=tuple(paragraph.split("\n"))))
            continue
        line = re.sub(r"\s+\|$", "", plain(paragraph))  # a cell's bar left after a paragraph in a table's frame
        media = MEDIA.match(paragraph.strip()) or MEDIA.match(line)
        if media:
            out.append(Block("media", media["kind"].capitalize(), lines=(media["url"],)))
            continue
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
        if section not in ("contacts", "forward") and contact_info(line):
            names = []  # the name and title lines printed above the phone number belong to it
            while out and out[-1].kind in ("para", "subhead") and len(out[-1].text) <= 60 and len(names) < 4 \
                    and not SENTENCE_END.search(out[-1].text):
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
                introduces(line, pieces[index + 1] if index + 1 < len(pieces) else ""):
            out.append(Block("section", f"About {clean_name(line)}", section="about"))
            section = "about"
        elif section != "contacts" and is_subhead(line):
            out.append(Block("subhead", line.rstrip(":")))
            section = ""
        elif (glued := _GLUED_HEAD.search(line)) and index + 1 < len(pieces) and BULLET.match(pieces[index + 1]):
            out += [Block("para", line[:glued.start()]), Block("subhead", glued.group(1))]  # '…stated.Financial Highlights'
        else:
            out.append(Block("para", line))
    return _without_empty_contacts(out)


# A subhead a copy glued to the end of the paragraph above it, over a list.
_GLUED_HEAD = re.compile(r"(?<=[a-z]\.)([A-Z][a-z]+(?: [A-Z][a-z]+){0,3}):?$")


def _without_empty_contacts(out: list[Block]) -> list[Block]:
    """A Contacts label with no name, address or number under it ('For additional information,
    visit:' whose link was lost) opens no section: what follows it stays where it was."""
    kept: list[Block] = []
    for index, block in enumerate(out):
        if block.kind == "section" and block.section == "contacts":
            following = []
            for later in out[index + 1:]:
                if later.kind == "section":
                    break
                following.append(later.text)
            if not any(PHONE.search(text) or re.search(r"https?://|www\.", text)
                       or len(text) <= 80 and re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", text) for text in following):
                continue
        kept.append(block)
    return kept


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
        if block.kind == "media":  # a picture of the release: in the story, wherever the wire printed it
            main.extend(_lines(block))
            continue
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
    if block.kind == "media":
        return [f"[{block.text}]({block.lines[0]})"]
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

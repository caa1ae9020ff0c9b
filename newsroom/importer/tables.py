"""Plain-text tables of wire copy (financial statements, share buy-backs) as Markdown tables.

Wire services print tables as text: columns aligned with runs of spaces (numbers right-aligned,
a `$` often in a column of its own, `(56)` for a negative, `-` for zero, headers over two or
three lines), or cells between pipes. `plain_table` recovers the columns from where the
figures stand, puts every number in its own column and right-aligns the numeric ones; when the
columns cannot be recovered reliably it returns None, and the caller keeps the lines as a
preformatted block. `looks_like_table` tells a table from prose or a list. Pure text to text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsroom.importer.contacts import escape_text
from newsroom.importer.figures import CURRENCY, PLACEHOLDERS, YEAR, Cell, cells, is_number, tidy

RULE = re.compile(r"^[\s\-=_|+:.]*$")
BULLET = re.compile(r"^\s*(?:[•·◦▪‣●■◆➢*o\-–]|\d{1,2}[.)])\s+\S")
SENTENCE_END = re.compile(r"[\w)\]][.!?][\"'\u201d]?$")
MONTH_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b")
MAX_VALUE_WORDS = 5
MAX_VALUE_CHARS = 40
MAX_COLUMNS = 20


@dataclass(frozen=True)
class Row:
    """A line of a table below its header: its label and its values where they stand."""

    label: str
    values: list[Cell]


def plain_table(lines: list[str]) -> str | None:
    """A Markdown table (header row, `---:` under numeric columns, cells escaped) of the lines
    of a plain-text table, or None when its columns cannot be recovered reliably."""
    content = [line.rstrip() for line in lines if line.strip() and not RULE.match(line)]
    if len(content) < 2:
        return None
    if sum(1 for line in content if "\t" in line.strip()) * 2 > len(content):
        return _pipe_table([re.sub(r"\t+", " | ", line.strip()) for line in content])
    if sum(1 for line in content if "|" in line) * 2 > len(content):
        return _pipe_table([line for line in lines if "|" in line or not RULE.match(line)])
    return _aligned_table(content)


def _aligned_table(lines: list[str]) -> str | None:
    margin = min(len(line) - len(line.lstrip()) for line in lines)
    parsed = [cells(line) for line in lines]
    labels = [bool(row) and (not row[0].numeric or (row[0].start <= margin + 1 and len(row) > 1
                                                     and bool(YEAR.match(row[0].text)))) for row in parsed]
    values = [row[1:] if label else row for row, label in zip(parsed, labels)]
    figures = [any(c.numeric for c in value) for value in values]
    years = [bool(value) and all(YEAR.match(c.text) for c in value if c.numeric) for value in values]
    first = next((i for i, (f, y) in enumerate(zip(figures, years)) if f and not y), None)
    if first is None:
        return None
    header_end = max((i for i in range(first) if values[i]), default=-1)
    data = range(header_end + 1, len(lines))
    edge = min(c.start for i in data for c in values[i] if c.numeric)
    # Text left of the figures is the label's, unless rows share where it starts (`Buy`, `MUNK1`).
    starts = Counter(c.start for i in data for c in values[i] if c.start < edge and not c.numeric)
    rows: list[Row] = []
    for i in data:
        label_cells = [parsed[i][0]] if labels[i] else []
        label_cells += [c for c in values[i] if c.start < edge and not c.numeric and starts[c.start] < 2]
        rows.append(Row(" ".join(c.text for c in label_cells), [c for c in values[i] if c not in label_cells]))
    filled = [row for row in rows if row.values]
    columns = _columns([c for row in filled for c in row.values])
    if not 1 <= len(columns) <= MAX_COLUMNS or len(filled) < 2 or sum(not row.label for row in filled) * 2 > len(filled):
        return None
    grid = _grid(rows, columns)
    if grid is None or any(_sentence(row.label) for row in rows if not row.values):
        return None
    corner, heads = _headers([parsed[i] for i in range(header_end + 1)], columns, margin)
    grid, heads = _fold_words(grid, heads)
    return _markdown(corner, heads, _continued(rows, grid))


def _columns(values: list[Cell]) -> list[tuple[int, int]]:
    """Columns as spans of the line: every value's span, merged where spans overlap."""
    spans: list[list[int]] = []
    for cell in sorted(values, key=lambda c: c.start):
        if spans and cell.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], cell.end)
        else:
            spans.append([cell.start, cell.end])
    return [(start, end) for start, end in spans]


def _grid(rows: list[Row], columns: list[tuple[int, int]]) -> list[list[str]] | None:
    """Each row's values in their columns; None when two fall in one column or one is prose."""
    grid = []
    for row in rows:
        line = [""] * len(columns)
        for cell in row.values:
            index = next(n for n, (start, end) in enumerate(columns) if start <= cell.start < end)
            words = len(cell.text.split())
            if line[index] or (not cell.numeric and (words > MAX_VALUE_WORDS or len(cell.text) > MAX_VALUE_CHARS)):
                return None
            line[index] = cell.text
        grid.append(line)
    return grid


def _fold_words(grid: list[list[str]], heads: list[str]) -> tuple[list[list[str]], list[str]]:
    """A column of words beside a column of figures, never both filled on one line, is one
    column of values (`Buy` and `MUNK1` among a notice's dates and amounts)."""
    n = 0
    while n + 1 < len(heads):
        left, right = [row[n] for row in grid], [row[n + 1] for row in grid]
        if not any(a and b for a, b in zip(left, right)) and (not _figures(left) or not _figures(right)):
            grid = [row[:n] + [row[n] or row[n + 1]] + row[n + 2:] for row in grid]
            heads = heads[:n] + [" ".join(filter(None, heads[n:n + 2]))] + heads[n + 2:]
        else:
            n += 1
    return grid, heads


def _sentence(label: str) -> bool:
    """A line of prose among the rows: several words ending a sentence."""
    return len(label.split()) >= 6 and bool(SENTENCE_END.search(label))


def _continued(rows: list[Row], grid: list[list[str]]) -> list[list[str]]:
    """Labels wrapped over lines joined: a row of label alone, followed by a label that goes
    on in lowercase or a parenthesis, is the start of that label."""
    out: list[list[str]] = []
    carried = ""
    for index, (row, values) in enumerate(zip(rows, grid)):
        label = f"{carried} {row.label}".strip()
        following = rows[index + 1] if index + 1 < len(rows) else None
        if not row.values and following is not None and re.match(r"[a-z(]", following.label):
            carried = label
            continue
        carried = ""
        out.append([label, *values])
    return out


def _headers(lines: list[list[Cell]], columns: list[tuple[int, int]], margin: int) -> tuple[str, list[str]]:
    """The header lines above the figures, read onto the columns: a heading over several
    columns goes to each (`Three Months Ended` over `2024` and `2023`), lines stack in order,
    and text left of the columns or starting at the table's margin heads the label column."""
    bounds = [columns[0][0] - 1] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [10**6]
    corner: list[str] = []
    heads: list[list[str]] = [[] for _ in columns]
    for line in lines:
        for cell in (piece for cell in line for piece in _dates_apart(cell)):
            if not cell.numeric and (cell.end <= columns[0][0] or cell.start <= margin + 1):
                corner.append(cell.text)
                continue
            width = cell.end - cell.start
            overlaps = [min(cell.end, bounds[n + 1]) - max(cell.start, bounds[n]) for n in range(len(columns))]
            chosen = [n for n, o in enumerate(overlaps) if o >= min(3, width * 0.4)] or [
                max(range(len(columns)), key=lambda n: overlaps[n])]
            for n in chosen:
                heads[n].append(cell.text)
    return " ".join(corner), [" ".join(parts) for parts in heads]


def _dates_apart(cell: Cell) -> list[Cell]:
    """`June 28, January 3,`: two column headings a single space apart, one per date."""
    starts = [m.start() for m in MONTH_DAY.finditer(cell.text)]
    if len(starts) < 2:
        return [cell]
    ends = starts[1:] + [len(cell.text)]
    return [Cell(cell.start + a, cell.start + b, cell.text[a:b].strip()) for a, b in zip(starts, ends)]


def _pipe_table(lines: list[str]) -> str | None:
    """Cells between pipes, as scraped pages and Markdown print them: empty spacer columns
    dropped; rows above a `---|---` line, and rows of words with an empty first cell after
    it, are the header, a heading spanning empty cells to its right heads them too. Without
    that line and rows of one length, figures and words must keep to their own columns."""
    rows: list[list[str]] = []
    header_rows = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        parts = re.split(r"(?<!\\)\|", stripped)[1 if stripped.startswith("|") else 0:]
        parts = parts[:-1] if stripped.endswith("|") and parts else parts
        parts = [tidy(re.sub(r"^(\*\*|__)(.+)\1$", r"\2", part.strip()).replace("\\|", "|")) for part in parts]
        if any(parts) and all(re.fullmatch(r":?-+:?", part) for part in parts if part):
            header_rows = header_rows or len(rows)
            continue
        rows.append(parts)
    width = max(len(row) for row in rows)
    # A `---|---` line and rows of as many cells: a table as its author laid it out, to be trusted.
    declared = bool(header_rows) and {len(row) for row in rows} == {width}
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [n for n in range(width) if any(row[n] for row in rows)]
    rows = _merge_signs([[row[n] for n in keep] for row in rows])
    if not rows or len(rows[0]) < 2:
        return None
    lead = 0  # a heading wrapped before its row: `($ in millions, except earnings` / `per share) | Q4 …`
    while not header_rows and lead < len(rows) - 1 and not any(rows[lead][1:]):
        lead += 1
    if lead and any(rows[lead][1:]) and not any(is_number(cell) for cell in rows[lead]):
        rows[lead][0] = " ".join(row[0] for row in rows[:lead + 1])
        rows = rows[lead:]
    if not header_rows and any(rows[0][1:]) and not any(is_number(cell) for cell in rows[0]):
        header_rows = 1
    while header_rows < len(rows) and not rows[header_rows][0] and not any(is_number(c) for c in rows[header_rows]):
        header_rows += 1
    head = [list(row) for row in rows[:header_rows]]
    for row in head:
        for n in range(2, len(row)):
            if not row[n] and row[n - 1] and any(other[n] for other in head):
                row[n] = row[n - 1]
    body = rows[header_rows:]
    if len(body) < (1 if head else 2) or not declared and not all(
            _one_kind([row[n] for row in body]) for n in range(len(rows[0]))):
        return None
    heads = [" ".join(cell for cell in column if cell) for column in zip(*head)] if head else [""] * len(rows[0])
    return _markdown(heads[0], heads[1:], body)


def _merge_signs(rows: list[list[str]]) -> list[list[str]]:
    """A column holding only `$` goes into the next one, one holding only `)` or `%` into the one before."""
    columns = [list(col) for col in zip(*rows)] if rows else []
    n = 0
    while n < len(columns):
        filled = [cell for cell in columns[n] if cell]
        if filled and n + 1 < len(columns) and all(CURRENCY.match(cell) for cell in filled):
            columns[n + 1] = [tidy(f"{a}{b}") if b else a for a, b in zip(columns[n], columns[n + 1])]
            del columns[n]
        elif filled and n > 0 and all(cell in (")", "%", ")%") for cell in filled):
            columns[n - 1] = [tidy(f"{a}{b}") for a, b in zip(columns[n - 1], columns[n])]
            del columns[n]
        else:
            n += 1
    return [list(row) for row in zip(*columns)]


def _one_kind(column: list[str]) -> bool:
    """A column of figures or of words, not both (a short heading or two among the figures
    aside): cells that moved over a column (a row broken over two lines, a spacer cell
    missing) mix them."""
    words = [cell for cell in column if cell and not is_number(cell)]
    return not _figures(column) or (_mostly_figures(column) and all(len(c.split()) <= 3 for c in words))


def _figures(column: list[str]) -> list[str]:
    """The figures of a column; a dash or `n/a` is at home in a column of words too."""
    return [cell for cell in column if is_number(cell) and cell.lower() not in PLACEHOLDERS]


def _mostly_figures(column: list[str]) -> bool:
    """Four in five filled cells are figures (or dashes), one at least a figure: a column to align right."""
    filled = [cell for cell in column if cell]
    return bool(_figures(column)) and sum(1 for cell in filled if is_number(cell)) * 5 >= len(filled) * 4


def _markdown(corner: str, heads: list[str], rows: list[list[str]]) -> str:
    """The table in Markdown: columns of figures aligned right."""
    numeric = [_mostly_figures([row[n] for row in rows]) for n in range(1, len(heads) + 1)]
    def line(texts: list[str]) -> str:
        return "|" + "|".join(f" {escape_text(text, line_start=False)} " if text else " " for text in texts) + "|"

    return "\n".join([line([corner, *heads]), line(["---", *("---:" if right else "---" for right in numeric)]),
                      *(line(row) for row in rows)])


def _run_together(line: str) -> bool:
    """A table flattened onto one line: figures side by side, again and again, and a fair
    share of the line (prose, even a whole release run together, puts words between them)."""
    kinds = ["n" if is_number(token.strip(",;")) else "$" if CURRENCY.match(token) else "w"
             for token in line.split()]
    runs = re.findall(r"n(?:\$?n)+", "".join(kinds))
    return len(runs) >= 4 and sum(len(run) for run in runs) * 4 >= len(kinds)


def looks_like_table(lines: list[str]) -> bool:
    """Whether a block of lines is a table (or what is left of one) rather than prose or a
    list: rows of figures (standing apart, between pipes or tabs, or run together after a
    label) on most lines; or one long line that is mostly figures in runs."""
    content = [line.rstrip() for line in lines if line.strip() and not RULE.match(line)]
    if len(content) == 1:
        return _run_together(content[0])
    kinds = [_kind(line) for line in content]
    rows = sum(1 for kind in kinds if kind in ("row", "pipe"))
    return rows >= 2 and rows * 5 >= len(content) * 2 and kinds.count("prose") * 2 <= rows


def _kind(line: str) -> str:
    """What a line of a release is, for finding tables: blank, rule, pipe, row (figures
    standing apart), header (headings or years over columns), label (a few words), or prose."""
    if not line.strip():
        return "blank"
    if RULE.match(line):
        return "rule"
    if BULLET.match(line):
        return "prose"
    if "|" in line and len([part for part in re.split(r"\||\t", line) if part.strip()]) < 2:
        return _kind(line.replace("|", " "))  # one cell between pipes: a line of text in a frame
    if line.count("|") >= 2 or re.search(r"\S\s*\|\s*\S", line) or line.strip().count("\t") >= 2:
        return "pipe"
    found = cells(line)
    figures = [c for c in found[1:] if c.numeric] + [c for c in found[:1] if c.numeric and c.start >= 12]
    if figures:
        return "header" if all(YEAR.match(c.text) for c in figures) else "row"
    tail = _figures_tail(line)  # `Net revenues $ 2,820 $ 2,576`: run together
    phone = re.search(r"\+\d|\b(?:tel|phone|fax)\b", line, re.I)
    if not phone and sum(1 for token in tail if is_number(token)) >= 2:
        return "row"
    words = [len(c.text.split()) for c in found]
    if found and found[0].start >= 12 and max(words) <= 6 and not SENTENCE_END.search(line.rstrip()):
        return "header"
    if max(words) <= 6 and sum(words) <= 8 and not SENTENCE_END.search(line.rstrip()):
        return "label"
    return "prose"


def _figures_tail(line: str) -> list[str]:
    """The words with figures (or a lone currency sign) a line ends with, after words without:
    read from the end, as a pattern would take time exponential in the figures to refuse."""
    words = line.split()
    figure = lambda word: bool(re.search(r"\d", word)) or word in ("$", "€", "£", "¥")  # noqa: E731
    first = len(words)
    while first > 1 and figure(words[first - 1]):
        first -= 1
    if first == 1 and line[:1].isspace() and figure(words[0]):
        return []  # figures only: no label before them
    return words[first:]


def find_tables(lines: list[str]) -> list[tuple[int, int]]:
    """Where the tables are in a release's lines, as (start, end) line ranges for
    `plain_table`: the rows with figures, the headings and labels above and among them, and
    the blank lines inside; a table ends at prose, two blank lines or a new header."""
    kinds = [_kind(line) for line in lines]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if kinds[i] not in ("row", "pipe"):
            i += 1
            continue
        start = i
        floor = spans[-1][1] if spans else 0
        while start > floor:
            above = kinds[start - 1]
            if above == "blank" and start - 2 >= floor and kinds[start - 2] in ("header", "rule"):
                start -= 1
            elif above in ("header", "rule") or (above == "label" and kinds[start] != "blank"):
                start -= 1
            else:
                break
        end = i
        blanks = 0
        while end < len(lines) and blanks < (1 if kinds[i] == "pipe" else 2):
            kind = kinds[end]
            if kind == "prose" or (kind == "header" and end > i and "row" in kinds[i:end]):
                break
            blanks = blanks + 1 if kind == "blank" else 0
            end += 1
        while end > i and (kinds[end - 1] in ("blank", "label", "header")
                           or kinds[end - 1] == "rule" and kinds[end - 2] == "blank"):
            end -= 1
        if sum(1 for kind in kinds[start:end] if kind in ("row", "pipe")) >= 2:
            spans.append((start, end))
        i = max(end, i + 1)
    return spans

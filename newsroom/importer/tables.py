"""Plain-text tables of wire copy → Markdown tables (placeholder until the full reader lands)."""

from __future__ import annotations

import re


def looks_like_table(lines: list[str]) -> bool:
    """Rows of columns, most with a number: a table, not prose or a list."""
    numeric = sum(1 for line in lines if len(re.findall(r"(?:^|\s)\(?[$\u20ac\u00a3]?\d[\d,.]*%?\)?(?=\s|$)", line)) >= 2)
    return numeric * 2 >= len(lines)


def plain_table(lines: list[str]) -> str | None:
    """The table as Markdown, or None when its columns cannot be recovered."""
    return None

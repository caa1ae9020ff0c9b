"""A release's contact block → Markdown lines (placeholder until the full formatter lands)."""

from __future__ import annotations

import re


def escape_text(text: str) -> str:
    """Wire text is prose, not Markdown or HTML: keep its characters literal."""
    text = text.replace("\\", "\\\\").replace("<", "&lt;")
    text = re.sub(r"([*_`\[\]])", r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", text)
    return re.sub(r"^([#>=+|]|-(?=\s|-|$))", r"\\\1", text)


def contact_lines(lines: list[str]) -> list[str]:
    """Each contact line kept as a line (hard breaks), escaped."""
    return ["  \n".join(escape_text(line) for line in lines)]

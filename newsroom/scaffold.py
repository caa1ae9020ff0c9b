"""`newsroom new`: a release file to start from."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from newsroom.errors import NewsroomError
from newsroom.stages.content import RELEASES_DIR
from newsroom.util.slugs import slugify

TEMPLATE = """---
title: {title}
date: {date}
summary:
company:
tickers: []
location:
wire:
tags: []
draft: true
---
The lede: who announced what, and why it matters.

## About the Company

One paragraph about the company.

## Forward-Looking Statements

The company's safe-harbor text.
"""


def new_release(content_dir: Path, headline: str, now: datetime) -> Path:
    """Write a draft release for `headline`, dated now; never overwrite a file."""
    title = " ".join(headline.split())
    slug = slugify(title)
    if not slug:
        raise NewsroomError(f"cannot make a file name from the headline {headline!r}; use words")
    path = content_dir / RELEASES_DIR / f"{now:%Y}" / f"{slug}.md"
    if path.exists():
        raise NewsroomError(f"{path} already exists; choose another headline or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = title.replace('"', '\\"')
    text = TEMPLATE.format(title=f'"{quoted}"', date=now.replace(microsecond=0).isoformat())
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path

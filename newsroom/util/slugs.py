"""Slugs: the one place text becomes a path segment, so none can escape the output folder."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 80


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """Lowercase ASCII words joined by hyphens, cut at a word boundary; may be ''."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or "-".join(words)[:max_length].strip("-")


def is_safe_slug(slug: str) -> bool:
    """True for a non-empty lowercase ASCII segment with no separators or dots."""
    return bool(SLUG_RE.fullmatch(slug)) and len(slug) <= 200

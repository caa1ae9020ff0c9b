"""The real-release corpora in tests/fixtures/wire/, wire-later/ and wire-heldback/, and the field checks the importer is held to.

Each NAME.txt is a public release kept exactly as found; NAME.json beside it says where it was
found ("source") and what an editor reads in it. Used by tests/test_wire.py and by
tests/benchmarks/import_report.py (`make import-report`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsroom.errors import WireError
from newsroom.importer.wire import WireDraft, parse_wire

CORPUS = Path(__file__).resolve().parent / "fixtures" / "wire"
# Releases collected after the importer was written, to check it on text it had not seen: each
# set was scored before any change was made for it (README, "Importing"), then kept here so that
# what was fixed stays fixed.
LATER = CORPUS.parent / "wire-later"
# The last set, scored as it came and kept apart from what the importer is tuned on: what a new
# archive may expect (every release imports; no share of checks is required of it).
HELD_BACK = CORPUS.parent / "wire-heldback"
# The day `newsroom import` is taken to run on: a dateline that names no year, in a text that names
# none either, is put in the last year that reached its day (a fixed day, so the checks never move).
IMPORTED_ON = date(2026, 12, 1)
FIELDS = ("imported", "date", "location", "wire", "company", "tickers", "title", "subtitle", "about",
          "forward_looking", "contacts", "table", "earnings")


@dataclass(frozen=True)
class Check:
    """One field of one release: what the importer said, and what the editor reads."""

    release: str
    field: str
    got: object
    want: object

    @property
    def ok(self) -> bool:
        return self.got == self.want


def releases(corpus: Path = CORPUS) -> list[Path]:
    return sorted(path for path in corpus.glob("*.txt") if path.with_suffix(".json").is_file())


def expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def _heading(text: str) -> str:
    """'About Acme Corp.:', '## About ACME CORP' and 'Acme Corp' (a heading without 'About') compare equal."""
    text = re.sub(r"[\s:.\-\u2013\u2014]+$", "", text.replace("#", "").strip()).casefold()
    return " ".join(re.sub(r"^about\s+", "", text).split())


def _spaced(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _unlisted(text: str) -> str:
    """A sub-headline without its list markers ('- ', '• ', '– … –', '*'), on both sides: how a copy
    marks its highlights is not what they say."""
    return re.sub(r"(?<!\S)(?:[-\u2013\u2014\u2022\u00b7*](?!\S)|\*(?=\S))", " ", text)  # … or glued to it: '*4Q12 revenue …'


def checks(path: Path) -> list[Check]:
    """Every field check of one release (a release that is refused fails them all)."""
    want = expected(path)
    name = path.stem
    try:
        draft: WireDraft | None = parse_wire(path.read_text(encoding="utf-8"), IMPORTED_ON)
    except WireError as exc:
        draft, error = None, str(exc)
    wanted = {
        "imported": True, "date": want["date"], "location": want["location"], "wire": want["wire"],
        "company": want["company"], "tickers": list(want["tickers"]),
        "title": _spaced(want.get("title")), "subtitle": _spaced(_unlisted(want.get("subtitle", ""))),
        "about": _heading(want["about"]) if want.get("about") else "",
        "forward_looking": bool(want.get("forward_looking")), "contacts": bool(want.get("contacts")),
        "table": bool(want.get("has_table")), "earnings": bool(want.get("earnings")),
    }
    if "forward_looking" not in want:  # expectations written before sections were checked
        wanted = {field: value for field, value in wanted.items() if field in FIELDS[:7]}
    if draft is None:
        return [Check(name, field, error if field == "imported" else None, wanted[field]) for field in wanted]
    headings = [line for line in draft.body.split("\n") if line.startswith("## ")]
    abouts = [_heading(h) for h in headings if h.startswith("## About ")]
    got = {
        "imported": True, "date": draft.published if "T" in want["date"] else draft.date.isoformat(), "location": draft.location, "wire": draft.wire,
        "company": draft.company, "tickers": list(draft.tickers),
        "title": _spaced(draft.title) if draft.headline_found else None, "subtitle": _spaced(_unlisted(draft.subtitle)),
        "about": wanted.get("about") if wanted.get("about") in abouts else (abouts[0] if abouts else ""),
        "forward_looking": "## Forward-Looking Statements" in headings, "contacts": "## Contacts" in headings,
        "table": bool(re.search(r"^\|?\s*-{3,}:?\s*\|", draft.body, re.M) or re.search(r"^    \S", draft.body, re.M)),
        "earnings": "earnings" in draft.tags,
    }
    return [Check(name, field, got[field], wanted[field]) for field in wanted]

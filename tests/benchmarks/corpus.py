"""A deterministic corpus of wire-style releases for benchmarks (not a test)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

COMPANIES = [f"{a} {b}" for a in ("Ascent", "Boreal", "Cobalt", "Delta", "Evergreen", "Falcon")
             for b in ("Solar", "Mining", "Therapeutics", "Networks", "Energy")]
TAGS = ["earnings", "financing", "management", "product", "partnership", "dividend",
        "acquisition", "legal", "conference", "shareholder meeting", "listing"]
WORDS = ("revenue growth quarter fiscal production capacity agreement strategic investor "
         "technology module efficiency customers market expansion shareholders board director "
         "operations guidance results million contract supply pipeline clinical trial patent "
         "facility order backlog margin cash balance equity financing notes credit launch").split()
START = datetime(2005, 1, 3, 8, 0)
SPAN = (datetime(2026, 6, 30) - START).total_seconds()


def paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(12, 24))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def release_text(n: int) -> str:
    """Release number n: front matter like ours and ~700 words of body."""
    rng = random.Random(n)
    company = COMPANIES[n % len(COMPANIES)]
    date = START + timedelta(seconds=SPAN * n / 10_000 % SPAN)
    tags = sorted(set(rng.sample(TAGS, 2)))
    lede = (f"{company} Inc. (NASDAQ: {company[:2].upper()}{n % 7}) announced today "
            f"{paragraph(rng, 1).lower()}")
    body = [lede] + [paragraph(rng, 5) for _ in range(5)]
    body.append(f'"We are pleased," said the CEO of {company}. "{paragraph(rng, 2)}"')
    about = f"## About {company}\n\n{paragraph(rng, 3)}"
    fls = f"## Forward-Looking Statements\n\n{paragraph(rng, 4)}"
    return (f"---\ntitle: {company} Announces Release Number {n}\n"
            f"date: {date:%Y-%m-%dT%H:%M:%S}-05:00\n"
            f"company: {company} Inc.\ntickers: [NASDAQ:{company[:2].upper()}{n % 7}]\n"
            f"location: New York, NY\nwire: GlobeNewswire\ntags: [{', '.join(tags)}]\n---\n"
            + "\n\n".join(body) + f"\n\n{about}\n\n{fls}\n")


def write_corpus(root: Path, count: int) -> Path:
    """Write `count` releases under root/content/releases/YYYY/; return the content folder."""
    content = root / "content"
    for n in range(count):
        text = release_text(n)
        year = text.split("date: ", 1)[1][:4]
        path = content / "releases" / year / f"release-{n:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content

"""Per-field accuracy of `newsroom import` over the real-release corpora (make import-report): the
corpus the importer was written against, the releases collected later to check it on text it
had not seen, and the last such set, held back (not tuned on).

    .venv/bin/python tests/benchmarks/import_report.py [--misses]

Prints a table: for each field, how many releases the importer got right, and the totals the
README quotes. --misses lists every wrong field with what came out and what an editor reads.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.wire_corpus import CORPUS, FIELDS, HELD_BACK, LATER, checks, expected, releases  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="list each wrong field")
    args = parser.parse_args()
    for corpus in (CORPUS, LATER, HELD_BACK):
        report(corpus, args.misses)
    return 0


def report(corpus: Path, misses: bool) -> None:
    """The table of one corpus."""
    paths = releases(corpus)
    results = [check for path in paths for check in checks(path)]
    right, total = Counter(), Counter()
    for check in results:
        total[check.field] += 1
        right[check.field] += check.ok
    wires = Counter(expected(path)["wire"] or "(none)" for path in paths)
    print(f"\n{corpus.relative_to(corpus.parents[2])}: {len(paths)} real releases, {len(wires)} wires: "
          + ", ".join(f"{wire} {n}" for wire, n in wires.most_common()))
    print("\n| field | right | of | % |\n| --- | ---: | ---: | ---: |")
    for field in (field for field in FIELDS if total[field]):
        print(f"| {field} | {right[field]} | {total[field]} | {100 * right[field] / total[field]:.1f} |")
    ok, all_checks = sum(right.values()), sum(total.values())
    print(f"| **all fields** | {ok} | {all_checks} | {100 * ok / all_checks:.1f} |")
    imported = right["imported"]
    print(f"\nimported: {imported} of {len(paths)} releases ({100 * imported / len(paths):.1f}%)")
    if misses:
        for check in results:
            if not check.ok:
                print(f"\n{check.release}: {check.field}\n   got  {check.got!r}\n   want {check.want!r}")


if __name__ == "__main__":
    sys.exit(main())

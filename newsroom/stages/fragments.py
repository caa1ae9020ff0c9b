"""`{% memo key %}…{% endmemo %}`: a part of a template rendered once per render pass and key.

A release's card is the same on every list page that shows it (URLs are root-relative), and
the filters form is the same on every page of a build: rendered once per pass, not once on
each of the ~1,400 list pages a new release shifts. The memo belongs to the environment
(`env.fragment_memo`) and is emptied when a render pass begins (cache/pages.py), so nothing
stays from one pass to the next; within a pass the key must hold everything the fragment
reads besides the environment's helpers (url(), filters), the way the default theme keys a
card by the release itself.
"""

from __future__ import annotations

from typing import Any, Callable

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser


class FragmentMemo(Extension):
    """The `memo` tag (see the module's docstring)."""

    tags = {"memo"}

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(fragment_memo={})
        self._unnamed = 0  # templates made from strings, which no bytecode cache keeps

    def bind(self, environment: jinja2.Environment) -> FragmentMemo:
        """An overlay (one without autoescape, say: the alerts' text part) memoises apart."""
        environment.fragment_memo = {}  # type: ignore[attr-defined]
        return super().bind(environment)

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endmemo",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_recall", [nodes.Const(self._place(parser, lineno)), key]),
                               [], [], body).set_lineno(lineno)

    def _place(self, parser: Parser, lineno: int) -> str:
        """What tells this memo from every other: two never share a key, even on one line."""
        count = parser.__dict__.setdefault("memo_count", [0])
        count[0] += 1
        if parser.name is None:
            self._unnamed += 1
            return f"<string {self._unnamed}>:{lineno}:{count[0]}"
        return f"{parser.name}:{lineno}:{count[0]}"

    def _recall(self, place: str, key: Any, caller: Callable[[], str]) -> str:
        memo: dict[tuple[str, Any], str] = self.environment.fragment_memo  # type: ignore[attr-defined]
        try:
            return memo[place, key]
        except KeyError:
            found = memo[place, key] = caller()
            return found
        except TypeError:  # a key that cannot be hashed: rendered every time, never wrong
            return caller()


def forget_fragments(env: jinja2.Environment) -> None:
    """A render pass begins: what the last one memoised may not hold any more."""
    memo = getattr(env, "fragment_memo", None)
    if memo is not None:
        memo.clear()

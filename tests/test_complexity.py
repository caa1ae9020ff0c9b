"""What rendering a body may cost: every body renders, or is refused, after work linear in its length.

Work is counted by the meter (what Python-Markdown's scans read), not timed, so these tests
cannot depend on the machine: at four times the length a body may cost at most about four times
the work, whatever it holds. tests/test_hostile_input.py builds such bodies through the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import markdown
import pytest

import newsroom.stages.complexity as complexity
from newsroom.errors import MarkupError
from newsroom.stages.markup import EXTENSIONS, Renderer
from tests.benchmarks.corpus import release_text

# The shapes of Markdown that cost Python-Markdown work quadratic in their length.
HOSTILE: dict[str, Callable[[int], str]] = {
    "brackets nested": lambda n: "[" * (n // 5) + "x" + "](y)" * (n // 5),
    "brackets left open": lambda n: "[a " * (n // 3),
    "images left open": lambda n: "![" * (n // 2),
    "link parentheses left open": lambda n: "[a](" * (n // 4),
    "link titles left open": lambda n: '[a](b ")' * (n // 8),
    "tags left open": lambda n: "<a " * (n // 3),
    "end tags left open": lambda n: "</a " * (n // 4),
    "headings without blank lines": lambda n: "# h\n" * (n // 4),
    "quotes nested": lambda n: "".join(">" * (i + 1) + " a\n" for i in range(int((2 * n) ** 0.5))),
    "a mark every few characters": lambda n: "**a" * (n // 3),
    "escapes": lambda n: "\\" * n,
    "line breaks": lambda n: "a  \n" * (n // 4),
    "one footnote marked again and again": lambda n: "x[^1]" * (n // 5) + "\n\n[^1]: A note.\n",
    "a footnote for every mark": lambda n: "".join(f"x[^{i}]" for i in range(n // 12)) + "\n\n" + "".join(
        f"[^{i}]: d\n" for i in range(n // 12)),
    "paragraphs of one letter": lambda n: "a\n\n" * (n // 3),
    "emphasis nested": lambda n: "*a " * (n // 6) + "b" + " a*" * (n // 6),
    "lists nested": lambda n: "".join("    " * i + "- item\n" for i in range(int((n / 2) ** 0.5))),
}


@dataclass
class Work:
    spent: int
    refused: MarkupError | None


def work(text: str, monkeypatch: pytest.MonkeyPatch) -> Work:
    """Render `text`, adding up what the meters of its conversions counted."""
    meters: list[complexity.Meter] = []
    init = complexity.Meter.__init__

    def counted(self: complexity.Meter, text: str) -> None:
        init(self, text)
        meters.append(self)

    with monkeypatch.context() as patch:
        patch.setattr(complexity.Meter, "__init__", counted)
        try:
            Renderer().render(text)
            refused = None
        except MarkupError as exc:
            refused = exc
    return Work(sum(meter.spent for meter in meters), refused)


def budget(length: int) -> int:
    return complexity.BUDGET_BASE + complexity.BUDGET_PER_CHARACTER * length


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("length", [20_000, 200_000])
def test_hostile_markdown_is_refused_after_work_linear_in_its_length(name: str, length: int,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """However it is built, a body costs at most its budget (plus the one scan that passed it),
    and 200 KB of it is refused (tests/test_hostile_input.py builds 2 MB through the CLI)."""
    text = HOSTILE[name](length)
    done = work(text, monkeypatch)
    assert done.spent <= budget(len(text)) + complexity.TAG * len(text), (done.spent, budget(len(text)))
    if length >= 200_000:
        assert done.refused is not None, f"{name}: {length:,} characters rendered at a cost of {done.spent:,}"


def test_the_meter_sees_what_is_quadratic(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the budget lifted, the work counted for brackets left open grows with the square of
    their number, as Python-Markdown's own does: the meter is no constant."""
    monkeypatch.setattr(complexity, "BUDGET_BASE", 10**15)
    small, large = (work(HOSTILE["brackets left open"](n), monkeypatch).spent for n in (1_500, 6_000))
    assert large > 12 * small


def legit_bodies() -> dict[str, str]:
    body = lambda n: release_text(n).split("\n---\n", 1)[1]  # noqa: E731
    rich = ("Acme Corp. (NASDAQ: ACME) today announced **record** results for the [fourth quarter]"
            "(https://acme.example/q4), up *14%*.[^1] See the [deck](https://x.example/d.pdf \"Deck\") and "
            "![chart](chart.png).\n\n| Quarter | Revenue |\n| --- | ---: |\n| Q1 | $10.1 |\n| Q2 | $11.0 |\n\n"
            "- Revenue of **$12.3 million**\n- Cash of $45 million, see <https://acme.example/ir>\n"
            "    - a nested point with a [link](http://a.example)\n\n> \"We are pleased,\" said the CEO.\n\n"
            "<div class=\"note\">Raw HTML with <a href=\"x\">a link</a>.</div>\n\n[^1]: Unaudited.\n")
    return {
        "a release": body(7),
        "1.6 MB of releases": "\n\n".join(body(n) for n in range(300)),
        "a rich release": rich,
        "450 KB of rich releases": "\n\n".join(rich.replace("[^1]", f"[^{i}]") for i in range(600)),
        "a paragraph of 400 links": " ".join(f"word [link {i}](http://x.example/{i}) *em {i}*" for i in range(400)),
        "a 200-row table": "| a | b |\n| --- | --- |\n" + "".join(f"| [x{i}](u) | **{i}** |\n" for i in range(200)),
    }


@pytest.mark.parametrize("name", legit_bodies())
def test_releases_as_written_use_a_fraction_of_the_budget(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = legit_bodies()[name]
    done = work(text, monkeypatch)
    assert done.refused is None
    assert done.spent < 0.25 * (complexity.BUDGET_BASE + complexity.BUDGET_PER_CHARACTER * len(text))
    stock = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    assert Renderer().to_html(text) == stock.convert(text)  # the meter changes nothing it lets through


def test_a_refusal_names_the_line_it_stopped_at() -> None:
    body = "The lede.\n\nA second paragraph.\n\n" + "[a " * 100_000 + "\n\nA last paragraph.\n"
    with pytest.raises(MarkupError, match=r"too complex to render in reasonable time \(brackets nested or left open\)") as caught:
        Renderer().render(body)
    assert caught.value.line == 5
    nested = "One.\n\n" + "".join("    " * i + "- item\n" for i in range(300))
    with pytest.raises(MarkupError, match="nested more than 24 levels deep") as caught:
        Renderer().render(nested)
    assert caught.value.line == 3


def test_a_refused_body_leaves_the_renderer_as_new() -> None:
    """A conversion stopped half-way must not leave parser state for the next body."""
    renderer, follow = Renderer(), "- a\n    - b\n\n> quoted\n\nText [link](x).\n"
    for body in ("".join("    " * i + "- item\n" for i in range(300)), "> " * 400 + "deep\n", "[a " * 200_000):
        with pytest.raises(MarkupError):
            renderer.render(body)
        assert renderer.render(follow) == Renderer().render(follow)


def test_bodies_too_complex_are_all_reported_with_their_files(tmp_path) -> None:
    """Rendered across processes or not, each refused body is a ContentError naming its file."""
    from datetime import datetime, timezone

    from newsroom.errors import ErrorGroup
    from newsroom.stages.config import default_config
    from newsroom.stages.content import load_releases
    from newsroom.stages.site import plan_site
    from tests.conftest import write_release

    for n in range(40):
        write_release(tmp_path, f"2017/fine-{n}.md", f"title: Fine {n}\ndate: 2017-01-{1 + n % 28:02d}")
    write_release(tmp_path, "2017/brackets.md", "title: Brackets\ndate: 2017-02-01", "Lede.\n\n" + "[a " * 100_000)
    write_release(tmp_path, "2017/lists.md", "title: Lists\ndate: 2017-02-02",
                  "".join("    " * i + "- item\n" for i in range(300)))
    config = default_config(tmp_path)
    releases = load_releases(tmp_path / "content", timezone.utc)
    renderer = Renderer()
    renderer.render_all([r.body for r in releases], jobs=2)
    with pytest.raises(ErrorGroup) as caught:
        plan_site(config, releases, renderer, datetime(2026, 1, 1, tzinfo=timezone.utc))
    messages = sorted(str(error) for error in caught.value.errors)
    assert len(messages) == 2
    assert "brackets.md:7: the Markdown is too complex" in messages[0]
    assert "lists.md:5: lists or quotes nested more than 24 levels deep" in messages[1]

"""What counts as a figure in a wire table, and where the cells of a line stand."""

from __future__ import annotations

import pytest

from newsroom.importer.figures import Cell, cells, is_number


@pytest.mark.parametrize("text", [
    "1,234", "(56)", "$ 12.3", "$12.3", "12.5%", "-23.9%", "(6) %", "—", "-", "$ -", "n/a", "NM", "3.3.2015",
    "12 000", "114 740,40", "3.709,60", ".65", "1.2x", "150 bps", "US$1.5", "€ 3,4", "USD 1,234", "$(806)", "2024",
])
def test_figures(text: str) -> None:
    assert is_number(text)


@pytest.mark.parametrize("text", ["Revenue", "Up 12%", "GMV", "EUR", "Q3 FY25", "$75-$85M", "2024-2025 plan", ""])
def test_not_figures(text: str) -> None:
    assert not is_number(text)


def test_cells_stand_where_printed_and_signs_join_their_figures() -> None:
    # ex991-sears-roebuck-q2-2004-results-prnewswire.txt, line 235
    line = "    NET INCOME/ (LOSS)                   $  53   $  309   $  (806)  $   501"
    assert cells(line) == [Cell(4, 22, "NET INCOME/ (LOSS)"), Cell(41, 46, "$53"), Cell(49, 55, "$309"),
                           Cell(58, 66, "$(806)"), Cell(68, 75, "$501")]
    # newmediawire-paltalk-q3-2024-results.txt: a parenthesis printed apart from its figure.
    assert [c.text for c in cells("Loss from operations  (1,688  )  (389  ) (1,299 ) -333.3%")] == [
        "Loss from operations", "(1,688)", "(389)", "(1,299)", "-333.3%"]


def test_figures_a_single_space_apart_are_cells_of_their_own() -> None:
    assert [c.text for c in cells("Income tax   (32) (186)   12 000   $ 8,851")] == [
        "Income tax", "(32)", "(186)", "12 000", "$8,851"]
    assert [c.text for c in cells("Revenues ......... $ 23,110 $ 22,082")] == ["Revenues", "$23,110", "$22,082"]


def test_a_cell_of_many_spaces_is_read_at_once() -> None:
    # Three optional runs of spaces in a row were tried every way: this took seconds, more with each space.
    assert not is_number("(" + " " * 3000 + "x")
    assert is_number("( 1,234.5 )%")

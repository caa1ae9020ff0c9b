from __future__ import annotations

import pytest

from newsroom.stages.ap_style import ap_state, dateline_place


@pytest.mark.parametrize("location, expected", [
    ("Thornton, CO", "THORNTON, Colo."),
    ("Thornton, Colorado", "THORNTON, Colo."),
    ("Austin, TX", "AUSTIN, Texas"),
    ("New York, N.Y.", "NEW YORK, N.Y."),
    ("Washington, DC", "WASHINGTON, D.C."),
    ("San Diego, ca", "SAN DIEGO, Calif."),
    ("Honolulu, HI", "HONOLULU, Hawaii"),
    ("Toronto, Ontario", "TORONTO, Ontario"),
    ("London, United Kingdom", "LONDON, United Kingdom"),
    ("London", "LONDON"),
    ("", ""),
])
def test_dateline_place(location: str, expected: str) -> None:
    assert dateline_place(location) == expected


def test_ap_state_leaves_non_states_alone() -> None:
    assert ap_state("UK") == "UK" and ap_state("Colo.") == "Colo." and ap_state("W.Va.") == "W.Va."

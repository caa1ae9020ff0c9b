from __future__ import annotations

from hypothesis import given, strategies as st

from newsroom.util.slugs import is_safe_slug, slugify


def test_slugify_readable() -> None:
    assert slugify("Ascent Solar Names Dr. Miguel Contreras") == "ascent-solar-names-dr-miguel-contreras"
    assert slugify("Société Générale's Q3 — Results!") == "societe-generales-q3-results"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("<>") == ""


def test_slugify_cuts_at_word_boundary() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("word")


@given(st.text())
def test_slugs_are_always_safe_path_segments(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or is_safe_slug(slug)
    assert "/" not in slug and "\\" not in slug and ".." not in slug and "\x00" not in slug


def test_is_safe_slug_rejects_escapes() -> None:
    for bad in ("../x", "/abs", "a\\b", "a\x00b", "", "A-B", "a--b", "-a", "a.b"):
        assert not is_safe_slug(bad)

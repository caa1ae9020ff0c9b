"""Store: a value kept between builds, with its parts kept by reference or without what is kept apart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsroom.cache.store import Store, by_reference, without
from newsroom.stages.markup import RenderedBody, Renderer
from newsroom.stages.site import TagRef


def test_a_value_kept_by_reference_is_made_again_by_the_loader(tmp_path: Path) -> None:
    body = Renderer().render("A story.")
    store = Store(tmp_path / "value.pickle", "test", "v1")
    store.save({"views": [body, body]}, {RenderedBody: by_reference(lambda b: (b.key,))})
    made: list[str] = []
    loaded = store.load(lambda key: made.append(key) or f"body {key[:6]}")
    assert loaded == {"views": [f"body {body.key[:6]}"] * 2} and made == [body.key]  # memoised: made once
    assert store.load() is None  # with nothing to make it with, the file is not believed


def test_a_value_kept_without_an_attribute_is_the_value_with_it_blanked(tmp_path: Path) -> None:
    tag = TagRef(name="Earnings", slug="earnings", url="tags/earnings/")
    store = Store(tmp_path / "value.pickle", "test", "v1")
    store.save([tag, datetime(2026, 1, 2, tzinfo=UTC)], {TagRef: without(name="")})
    assert store.load() == [TagRef(name="", slug="earnings", url="tags/earnings/"), datetime(2026, 1, 2, tzinfo=UTC)]
    assert tag.name == "Earnings"  # the value itself untouched

"""BodyStore: a rendered body comes back from disk equal to the body rendered, or not at all."""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path

from newsroom.cache.bodies import BodyStore
from newsroom.stages.markup import Renderer

BODIES = ["A story with **bold** and a [link](https://example.com/) &amp; an entity.\n\n"
          "| Quarter | Revenue |\n| --- | ---: |\n| Q3 | $1.2 million |\n\n## About Acme\n\nAcme makes things.\n\n"
          "## Forward-Looking Statements\n\nThis release has forward-looking statements.[^1]\n\n[^1]: A note.\n",
          "Short.", "<div>raw <b>HTML</b></div>\n\nThen text with a stray < sign."]


def test_a_kept_body_comes_back_equal_to_the_one_rendered(tmp_path: Path) -> None:
    renderer = Renderer()
    rendered = [renderer.render(body) for body in BODIES]
    BodyStore(tmp_path / "bodies.sqlite", "v1").update(rendered)
    again = BodyStore(tmp_path / "bodies.sqlite", "v1")  # a later build's
    for body in rendered:
        assert again.get(body.key) == body  # its plain text made again, the same
    assert again.keys() == {body.key for body in rendered}


def test_a_damaged_or_foreign_body_is_not_believed(tmp_path: Path) -> None:
    store = BodyStore(tmp_path / "bodies.sqlite", "v1")
    body = Renderer().render(BODIES[0])
    store.update([body])
    with sqlite3.connect(tmp_path / "bodies.sqlite") as db:
        db.execute("UPDATE bodies SET data = ? WHERE key = ?", (b"damaged" + bytes(10), body.key))
    assert BodyStore(tmp_path / "bodies.sqlite", "v1").get(body.key) is None
    wrong = pickle.dumps(("html", ["not", "sections"], "lede"))  # whole, but not a body's shape
    with sqlite3.connect(tmp_path / "bodies.sqlite") as db:
        db.execute("UPDATE bodies SET sha256 = ?, data = ? WHERE key = ?", (hashlib.sha256(wrong).hexdigest(), wrong, body.key))
    assert BodyStore(tmp_path / "bodies.sqlite", "v1").get(body.key) is None
    assert BodyStore(tmp_path / "bodies.sqlite", "v2").get(body.key) is None  # another version's store starts again

"""The visible text of rendered HTML: the quick reading of Markdown's own HTML gives exactly
what HTMLParser gives, and anything else is left to the parser."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.stages.markup import Renderer
from newsroom.stages.plaintext import _TextExtractor, html_to_text, simple_text
from tests.wire_corpus import CORPUS, IMPORTED_ON, LATER, releases
from newsroom.importer.wire import parse_wire


def parsed(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def test_markdowns_own_html_is_read_without_the_parser() -> None:
    html = ('<h2 id="x">Q3 &amp; <em>more</em></h2>\n<p>A&nbsp;B<br />C &lt;tag&gt; '
            '<a href="https://x.test/?a=1&amp;b=2" title="&quot;q&quot;">link</a></p>\n'
            '<table>\n<tr><td align="right">1,234</td></tr>\n</table>')
    assert simple_text(html) == parsed(html)
    assert html_to_text(html) == "Q3 & more A B C <tag> link 1,234"  # a no-break space folds too


def test_anything_else_is_left_to_the_parser() -> None:
    for html in ("<p>a < b</p>", "<!-- c --><p>x</p>", "<script>if (a<b) x()</script>", "<p title='>'>y</p>",
                 "<style>p > a {}</style>", "<?php echo 1 ?>", "a <", "<p>x</p", "<3 <p>love</p>"):
        assert simple_text(html) is None, html
        assert html_to_text(html) == " ".join(parsed(html).split())


_PIECES = st.sampled_from(["<p>", "</p>", "<li>", "<br />", "<br>", "<em>", "</em>", '<a href="x&amp;y">', "</a>",
                           "<P>", "<tr>", "<td align=\"right\">", "&amp;", "&lt;", "&#169;", "&copy", "&bogus;",
                           "&", "<", ">", "\"", "'", " ", "\n", "\xa0", "word", "<!--", "-->", "<script>",
                           "</script>", "<h2 id=\"a\">", "<hr/>", "</", "<1>", "&#x41;", "<x y=z>", "<x y>"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_the_quick_reading_agrees_with_the_parser_whenever_it_answers(html: str) -> None:
    text = simple_text(html)
    if text is not None:
        assert text == parsed(html)
    assert html_to_text(html) == " ".join(parsed(html).split())


def test_every_real_release_reads_the_same_either_way() -> None:
    """The corpora of real wire releases, imported and rendered as a build renders them."""
    renderer, quick = Renderer(), 0
    for path in releases(CORPUS) + releases(LATER):
        html = renderer.render(parse_wire(path.read_text(encoding="utf-8"), IMPORTED_ON).body).story_html
        text = simple_text(html)
        quick += text is not None
        assert text is None or text == parsed(html), path.name
    assert quick > 200  # almost every release takes the quick way

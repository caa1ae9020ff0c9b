from __future__ import annotations

import lxml.html

from newsroom.stages.markup import Renderer, html_to_text, sentences, split_sections, summarize

BODY = """The lede, with a "quote".

Second paragraph.

## About Acme Corp.

Acme makes things.

## Contacts

Jane Doe, ir@acme.example

## Forward-Looking Statements

Safe harbor text.
"""


def test_sections_are_split_from_the_story() -> None:
    rendered = Renderer().render(BODY)
    assert "Second paragraph" in rendered.story_html and "Acme makes" not in rendered.story_html
    assert rendered.section("about").title == "About Acme Corp."
    assert "Acme makes things" in rendered.section("about").html
    assert "Jane Doe" in rendered.section("contacts").html
    assert "Safe harbor" in rendered.section("forward-looking").html
    assert rendered.lede == "The lede, with a \"quote\"."
    assert "Safe harbor" not in rendered.story_text


def test_other_headings_stay_in_the_story() -> None:
    story, sections = split_sections("Lede\n\n## Highlights\n\n- a\n\n```\n## About not a heading\n```\n")
    assert "## Highlights" in story and "## About not" in story and sections == []


def test_safe_harbor_variants_are_recognised() -> None:
    for title in ("Safe Harbor Statement", "Cautionary Note Regarding Forward-Looking Information",
                  "Forward-Looking Statements"):
        _, sections = split_sections(f"Lede\n\n## {title}\n\nText\n")
        assert sections[0][0] == "forward-looking", title


def test_sentences_respect_abbreviations() -> None:
    text = "Ascent Solar Technologies, Inc. named Dr. Contreras. He starts today. U.S. patents too."
    assert sentences(text) == ["Ascent Solar Technologies, Inc. named Dr. Contreras.", "He starts today.",
                               "U.S. patents too."]


def test_summary_ends_at_sentence_boundary_within_limit() -> None:
    text = "First sentence is here. " * 20
    summary = summarize(text, 60)
    assert summary == "First sentence is here. First sentence is here."
    long_one = "word " * 100
    cut = summarize(long_one, 50)
    assert len(cut) <= 50 and cut.endswith("\u2026")


def test_html_to_text() -> None:
    assert html_to_text("<p>A &amp; B</p><p>C</p>") == "A & B C"


def test_cache_returns_same_object() -> None:
    renderer = Renderer()
    assert renderer.render(BODY) is renderer.render(BODY)


# Markdown where the plain-text shortcut must step aside: every inline pattern, and tables,
# footnotes and attribute lists around plain text.
TRICKY = """Plain prose first. Then *emphasis*, __strong__, `code`, \\*escaped\\*, R&amp;D & S&P.

A [link](https://example.com "t") and ![image](a.png), a [ref][r] and <https://auto.example>,
<ir@acme.example>, <span class="x">html</span>, a line break  
here, snake_case_words and 2 * 3 * 4.

[r]: https://example.com/ref

| Quarter | Revenue |
| --- | ---: |
| Q1 | $1.2 million |
| Q2 | **$3.4 million**[^1] |

A paragraph with attributes
{: .lead #intro }

* plain item
* item with *stress*

1. one
2. two

[^1]: Unaudited.

> A quoted analyst
> on two lines.

### A heading ###

Setext heading
--------------

- - -

***

A sentence with a hyphen-ated word - and a dash.
"""


def stock_html(text: str) -> str:
    import markdown
    from newsroom.stages.markup import EXTENSIONS
    return markdown.Markdown(extensions=list(EXTENSIONS), output_format="html").convert(text)


def test_plain_text_shortcut_renders_exactly_what_python_markdown_renders() -> None:
    ours = Renderer()
    for text in (TRICKY, BODY, "Just words.\n\nAnd more words.", "Trailing spaces  \nbreak", "&#1", "R&D &copy &#x41",
                 "A\n   \n\t\n  \nB\n    code\n   ", "A\r\n  \r\n\r  \rB", "   \nA\n \n \n \nB  "):  # lines of spaces
        assert ours.to_html(text) == stock_html(text)
    assert "<em>emphasis</em>" in ours.to_html(TRICKY) and 'class="footnote-ref"' in ours.to_html(TRICKY)


def test_plain_text_shortcut_steps_aside_for_patterns_it_does_not_know() -> None:
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    from newsroom.stages.markup import markdown_converter
    md = markdown_converter()
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()\+\+(.+?)\+\+", "ins"), "ins", 5)
    assert md.convert("Plain ++inserted++ text.") == "<p>Plain <ins>inserted</ins> text.</p>"


def test_tables_and_preformatted_blocks_get_a_scroll_box_each() -> None:
    html = Renderer().to_html("Lede.\n\n| Item | 2024 |\n| --- | ---: |\n| Revenue | 1,234 |\n\n"
                              "    Revenue     1,234\n\n- in a list\n\n        Cost    56\n\n"
                              "| A | B |\n| - | - |\n| 1 | 2 |\n")
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    boxes = root.xpath("//div[@class='scroll-box']")
    assert [(b.getparent().tag, b.get("aria-label"), [c.tag for c in b]) for b in boxes] == [
        ("div", "Table 1", ["table"]), ("div", "Preformatted text 1", ["pre"]),
        ("li", "Preformatted text 2", ["pre"]), ("div", "Table 2", ["table"])]
    assert all(b.get("role") == "region" and b.get("tabindex") == "0" for b in boxes)
    assert root.xpath("//table[1]//td[2]")[0].get("style") == "text-align: right;"
    assert not root.xpath("//table[not(parent::div[@class='scroll-box'])]")
    assert html_to_text(html) == "Lede. Item 2024 Revenue 1,234 Revenue 1,234 in a list Cost 56 A B 1 2"

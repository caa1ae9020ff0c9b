"""Property tests (hypothesis): what holds for any input, not just the inputs we thought of.

Example counts stay modest so the suite stays fast; a failure prints the smallest input found.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsroom.build import BUNDLED_THEMES, static_sources
from newsroom.stages.config import default_config
from newsroom.stages.content import FIELDS, Release, load_release
from newsroom.errors import NewsroomError
from newsroom.stages.markup import Renderer
from newsroom.stages.output import safe_relpath
from newsroom.stages.render import common_context, page_environment, render_page
from newsroom.stages.site import plan_site, tag_ref
from newsroom.util.slugs import is_safe_slug, slugify
from newsroom.stages.theme import asset_names, load_theme
from tests.conftest import REPO
from tests.escaping import parse_html

UTC = timezone.utc
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = ["<", ">", "&", '"', "'", "</script>", "<script>alert(1)</script>", "<!--", "-->", "]]>",
           "&amp;", "&#x3c;", "<b id=pwn>", "{{ 7*7 }}", "{% raw %}", "\\", "\x00", "\u2028", "\ud800",
           "\ufeff", "---", "\n", ": ", "#", "../", "/etc/passwd"]

# Text that looks like front matter: YAML punctuation, field names and hostile fragments.
yaml_ish = st.lists(st.one_of(st.sampled_from([*FIELDS, ":", "- ", "[", "]", "{", "}", "!", "!!binary ",
                                               "&a ", "*a", "? ", "|", ">", "'", '"', "\n", "  ", "\t",
                                               "2017-07-11", "~", "true", "1e400", "%YAML 1.1", "<<: "]),
                              st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=40).map("".join)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    st.sampled_from(HOSTILE), st.dates().map(str), st.datetimes().map(str))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                      max_leaves=12)
front_matter = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), values, max_size=8)
# Mostly valid releases, so the properties of a loaded Release get checked too.
plausible = st.one_of(st.text(max_size=20), st.booleans(), st.sampled_from(HOSTILE),
                      st.lists(st.one_of(st.text(max_size=9), st.sampled_from(HOSTILE)), max_size=3))
near_valid = st.builds(
    lambda title, when, extra: {"title": title, "date": when, **extra},
    st.one_of(st.text(min_size=1), st.text().map(lambda t: f"Acme {t}"), st.sampled_from(HOSTILE)),
    st.one_of(st.dates(date(1900, 1, 2), date(2999, 12, 30)),
              st.datetimes(datetime(1900, 1, 2), datetime(2999, 12, 30), timezones=st.just(None) | st.timezones())
              ).map(str),
    st.dictionaries(st.sampled_from([k for k in FIELDS if k not in ("title", "date")]), plausible, max_size=3))


def as_file(data: dict) -> bytes:
    return ("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nThe lede.\n").encode("utf-8", "surrogatepass")


file_bytes = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    yaml_ish.map(lambda t: f"---\n{t}\n---\n{t}".encode("utf-8", "surrogatepass")),
    front_matter.map(as_file),
    near_valid.map(as_file),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def load(scratch: Path, data: bytes) -> Release:
    content = scratch / "content"
    path = content / "releases" / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return load_release(path, UTC, content)


@settings(SETTINGS, max_examples=150)
@given(data=file_bytes)
def test_loader_raises_only_newsroom_errors(scratch: Path, data: bytes) -> None:
    """Any bytes at all: a valid Release, or a NewsroomError saying what is wrong. Never a crash."""
    try:
        release = load(scratch, data)
    except NewsroomError as error:
        assert str(error).startswith(str(scratch / "content" / "releases" / "x.md"))
        return
    assert release.title and release.title == " ".join(release.title.split())
    assert release.date.tzinfo is not None
    assert is_safe_slug(release.slug)
    safe_relpath(f"{release.url}index.html")
    for tag in release.tags:
        safe_relpath(f"{tag_ref(tag).url}index.html")
    for text in (release.title, release.summary, release.company, *release.tags, *release.tickers):
        text.encode("utf-8")  # no lone surrogates: every field can be written out


@SETTINGS
@given(text=st.one_of(st.text(), st.lists(st.sampled_from(HOSTILE)).map("".join)))
def test_slugs_are_always_safe_path_segments(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or is_safe_slug(slug)
    if slug:
        assert safe_relpath(f"releases/2020/01/{slug}/index.html")
        assert safe_relpath(f"{tag_ref(text).url}index.html") == f"tags/{slug}/index.html"
    if is_safe_slug(text):
        assert not set(text) & set("/\\.\x00: ") and safe_relpath(text) == text


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(name for name, _ in attrs)))


def shape(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every element and its attribute names, in order: the structure of a page, whatever its text."""
    parser = _Shape()
    parser.feed(html)
    parser.close()
    return parser.tags


CONFIG = default_config(Path("."))
THEME = load_theme(BUNDLED_THEMES, "default")
ENV = page_environment(CONFIG, THEME, asset_names(static_sources(THEME, REPO)))


def rendered(release: Release) -> dict[str, str]:
    """The release page and the home page of a site holding just this release."""
    site = plan_site(CONFIG, (release,), Renderer(), datetime(2030, 1, 1, tzinfo=UTC))
    common = common_context(site)
    return {page.kind: render_page(ENV, page, common).decode("utf-8")
            for page in site.pages if page.kind in ("release", "index")}


@SETTINGS
@given(title=st.one_of(st.text(min_size=1), st.lists(st.sampled_from(HOSTILE), min_size=1).map("".join),
                       st.tuples(st.text(max_size=5), st.sampled_from(HOSTILE), st.text(max_size=5)).map("".join)))
def test_any_title_is_shown_as_text_and_injects_nothing(scratch: Path, title: str) -> None:
    try:
        release = load(scratch, as_file({"title": title, "subtitle": title, "date": "2017-07-11",
                                         "slug": "x", "summary": title, "tags": ["t"]}))
    except NewsroomError:
        assume(False)  # titles that are empty once control characters go: refused, as tested elsewhere
    plain = rendered(Release(**{**release.__dict__, "title": "Plain", "subtitle": "Plain", "summary": "Plain"}))
    pages = rendered(release)
    for kind, html in pages.items():
        assert shape(html) == shape(plain[kind]), f"{kind} page gained or lost elements"
    page = parse_html(pages["release"])
    assert page.texts["h1"] == [release.title]
    assert page.texts["title"] == [f"{release.title} · {CONFIG.site.title}"]
    assert page.texts["meta description"] == [release.title]
    assert release.subtitle == release.title and release.subtitle in page.texts["p"]
    home = parse_html(pages["index"])
    assert release.title in home.texts["a"] and release.title in home.texts["p"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab \n*_`\\[]()<>&!#|-:{}.^1\t=+~\"'\r")), max_size=120))
def test_markdown_shortcut_equals_python_markdown(text: str) -> None:
    """The plain-text shortcut never changes what Python-Markdown would render."""
    import markdown

    from newsroom.stages.markup import EXTENSIONS, Renderer
    stock = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    assert Renderer().to_html(text) == stock.convert(text)

"""Hostile input: every bad file, template or config fails the build cleanly and touches nothing.

Each row of the table breaks a built project in one way and expects: exit code 1, a message
naming the file (and line where there is one), no traceback, and the previous site unchanged
byte for byte. Escaping is checked on every output file, whatever it is.
"""

from __future__ import annotations

import html

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import pytest

from newsroom.errors import NewsroomError
from tests.conftest import REPO, run_cli, tree_digest, write_release
from tests.escaping import html_payloads, injections, parse_html, text_checks
from tests.site_files import site_files

NOW = "2026-01-01T00:00:00Z"
SEED = "content/releases/2017/ascent-solar-names-miguel-contreras.md"


@pytest.fixture(scope="module")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's newsroom, built once; each test breaks a copy of it."""
    root = tmp_path_factory.mktemp("built") / "project"
    root.mkdir()
    shutil.copy(REPO / "newsroom.toml", root / "newsroom.toml")
    for folder in ("content", "themes"):
        shutil.copytree(REPO / folder, root / folder)
    run_cli("build", "--now", NOW, cwd=root, check=True)
    return root


@pytest.fixture
def built(built_template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built_template, root, symlinks=True)
    return root


def bad(root: Path, front: str, body: str = "The lede.\n") -> None:
    write_release(root, "2017/bad.md", front, body)


def raw(data: bytes) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / "content/releases/2017/bad.md").write_bytes(data)
    return write


def edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        text = path.read_text()
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1))
    return change


def fifo(root: Path) -> None:
    os.mkfifo(root / "content/releases/2017/bad.md")


def pipe_for(rel: str) -> Callable[[Path], None]:
    """A project file replaced by a named pipe: opening it to read would wait for a writer forever."""
    def replace(root: Path) -> None:
        (root / rel).unlink(missing_ok=True)
        os.mkfifo(root / rel)
    return replace


def link_outside(root: Path) -> None:
    secret = root.parent / "secret.md"
    secret.write_text("---\ntitle: Payroll\ndate: 2017-01-01\n---\nSalaries.\n")
    (root / "content/releases/2017/bad.md").symlink_to(secret)


def folder_link_outside(root: Path) -> None:
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text("---\ntitle: Payroll\ndate: 2017-01-01\n---\nSalaries.\n")
    (root / "content/releases/2018").symlink_to(elsewhere, target_is_directory=True)


def theme_link_outside(rel: str, text: str = "root:x:0:0:root:/root:/bin/bash\n") -> Callable[[Path], None]:
    """A theme file replaced by a link to a file elsewhere on the machine (a downloaded theme's trick)."""
    def link(root: Path) -> None:
        secret = root.parent / "passwd"
        secret.write_text(text)
        target = root / "themes/default" / rel
        target.unlink()
        target.symlink_to(secret)
    return link


def theme_folder_link_outside(root: Path) -> None:
    elsewhere = root.parent / "templates-elsewhere"
    shutil.copytree(root / "themes/default/templates", elsewhere)
    shutil.rmtree(root / "themes/default/templates")
    (root / "themes/default/templates").symlink_to(elsewhere, target_is_directory=True)


def laughs(levels: int, key: str = "date", opening: str = "[", closing: str = "]") -> str:
    """A YAML "billion laughs": each level lists the one before nine times, by alias."""
    names = [f"l{i}" for i in range(levels)]
    items = [f"&{names[0]} [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    items += [f"&{names[i]} [{', '.join([f'*{names[i - 1]}'] * 9)}]" for i in range(1, levels)]
    if opening == "{":
        return f"{key}: {{" + ", ".join(f"k{i}: {item}" for i, item in enumerate(items)) + "}"
    return f"{key}: [" + ", ".join(items) + "]"


def hostile_body(markdown: str) -> Callable[[Path], None]:
    """A release whose text is two ordinary paragraphs (lines 5 and 7), then `markdown` from line 9."""
    return lambda root: bad(root, "title: T\ndate: 2017-07-11", f"The lede.\n\nA second paragraph.\n\n{markdown}\n")


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


TWO_MB, HALF_MB = 2_000_000, 500_000  # each under the 2 MB limit with its front matter
COMPLEX = "the Markdown is too complex to render in reasonable time"
T = "title: T\ndate: 2017-07-11\n"
B = "content/releases/2017/bad.md"
CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("malformed YAML", lambda r: bad(r, "title: [unclosed\ndate: 2017-01-01"), rf"{B}:\d: front matter is not valid YAML"),
    ("YAML tab indent", lambda r: bad(r, "title: T\n\tdate: 2017-01-01"), rf"{B}:3: front matter is not valid YAML"),
    ("front matter not closed", raw(b"---\ntitle: T\ndate: 2017-01-01\nThe lede.\n"), rf"{B}:1: front matter is not closed"),
    ("no front matter", raw(b"Just a story.\n"), rf"{B}:1: front matter missing"),
    ("front matter not a mapping", raw(b"---\n- a\n- b\n---\nx\n"), rf"{B}:2: front matter must be 'key: value'"),
    ("missing title", lambda r: bad(r, "date: 2017-01-01"), rf"{B}:1: 'title' is required"),
    ("empty title", lambda r: bad(r, "title: ''\ndate: 2017-01-01"), rf"{B}:2: 'title' is required"),
    ("title is a list", lambda r: bad(r, "title: [a, b]\ndate: 2017-01-01"), rf"{B}:2: 'title': must be text"),
    ("impossible date", lambda r: bad(r, "title: T\ndate: 2017-02-30"), rf"{B}:3: 'date': '2017-02-30' is not a valid date \(day is out of range"),
    ("unknown date format", lambda r: bad(r, "title: T\ndate: 11/07/2017"), rf"{B}:3: 'date': '11/07/2017' is not a valid date"),
    ("missing date", lambda r: bad(r, "title: T"), rf"{B}:1: 'date' is required"),
    ("unknown key", lambda r: bad(r, T + "titel: x"), rf"{B}:4: unknown front matter key 'titel'"),
    ("key set twice", lambda r: bad(r, T + "title: U"), rf"{B}:4: 'title' is set twice \(first on line 2\)"),
    ("non-text key", lambda r: bad(r, T + "? [a, b]\n: 1"), rf"{B}:4: front matter keys must be names"),
    ("alias bomb in the date", lambda r: bad(r, "title: T\n" + laughs(7)), rf"{B}:3: a YAML alias \(\*name\) repeats the value"),
    ("alias bomb in a tickers mapping", lambda r: bad(r, T + laughs(7, "tickers", "{", "}")), rf"{B}:4: a YAML alias \(\*name\) repeats the value"),
    ("alias of a title", lambda r: bad(r, "title: &t Ascent Solar\ndate: 2017-01-01\nsummary: *t"), rf"{B}:2: a YAML alias"),
    ("a number of 20,000 digits", lambda r: bad(r, T + "summary: " + "9" * 20_000), rf"{B}:4: a number of 20,000 characters: quote it if it is text"),
    ("a base-60 number of 1 MB", lambda r: bad(r, T + "summary: " + ":".join(["59"] * 350_000)), rf"{B}:4: a number of 1,049,999 characters"),
    ("a date nested 900 deep", lambda r: bad(r, "title: T\ndate: " + "[" * 900 + "]" * 900), rf"{B}:3: 'date': must be a date like 2017-07-11, not a list"),
    ("a long slug quoted short", lambda r: bad(r, T + "slug: " + "Bad Slug " * 50_000), rf"{B}:4: 'slug': 'Bad Slug Bad Slug .{{30,60}}' is not a valid slug"),
    ("nested a million deep", lambda r: bad(r, "title: " + "[" * 1_000_000), rf"{B}:2: front matter is nested too deeply"),
    ("duplicate slug", lambda r: bad(r, T + "slug: ascent-solar-to-redeem-secured-notes"), rf"{B}:1: duplicate slug 'ascent-solar-to-redeem-secured-notes' \(also used by .*redeem"),
    ("slug ../", lambda r: bad(r, T + "slug: ../../etc"), rf"{B}:4: 'slug': '../../etc' is not a valid slug"),
    ("slug absolute", lambda r: bad(r, T + "slug: /etc/passwd"), rf"{B}:4: 'slug': '/etc/passwd' is not a valid slug"),
    ("slug backslash", lambda r: bad(r, T + r'slug: "..\\..\\evil"'), rf"{B}:4: 'slug': .* is not a valid slug"),
    ("slug NUL", lambda r: bad(r, T + r'slug: "a\0b"'), rf"{B}:4: 'slug': 'a\\x00b' is not a valid slug"),
    ("tag ../", lambda r: bad(r, T + "tags: [ok, '../../x']"), rf"{B}:4: 'tags': tag '../../x' looks like a path"),
    ("tag absolute", lambda r: bad(r, T + "tags: [/etc]"), rf"{B}:4: 'tags': tag '/etc' looks like a path"),
    ("tag backslash", lambda r: bad(r, T + r'tags: ["a\\b"]'), rf"{B}:4: 'tags': tag .* looks like a path"),
    ("tag NUL", lambda r: bad(r, T + r'tags: ["a\0b"]'), rf"{B}:4: 'tags': tag 'a\\x00b' looks like a path"),
    ("tags sharing a URL", lambda r: bad(r, T + "tags: ['Management!']"), rf"{B}: tag 'management!' and tag 'management' \(in .*\) would share the page tags/management/"),
    ("invalid UTF-8", raw(b"---\ntitle: Caf\xe9\ndate: 2017-01-01\n---\nx\n"), rf"{B}:2: invalid UTF-8 \(byte 0xe9\)"),
    ("empty file", raw(b""), rf"{B}:1: file is empty"),
    ("blank file", raw(b"  \n\n"), rf"{B}:1: file is empty"),
    ("binary file", raw(bytes(range(256)) * 64), rf"{B}: file is binary"),
    ("UTF-16 without a byte order mark", raw("---\ntitle: T\ndate: 2017-01-01\n---\nx\n".encode("utf-16-le")), rf"{B}: file is binary .*looks like UTF-16 without a byte order mark"),
    ("invalid UTF-16", raw("---\ntitle: T\ndate: 2017-01-01\n---\n".encode("utf-16") + b"\x00\xd8x\x00"), rf"{B}:5: invalid UTF-16 \(illegal UTF-16 surrogate\); save the file as UTF-8"),
    ("UTF-16 with NUL characters", raw("---\ntitle: T\ndate: 2017-01-01\n---\n\x00\n".encode("utf-16")), rf"{B}: file is binary \(contains NUL characters\)"),
    ("named pipe", fifo, rf"{B}: not a regular file"),
    ("symlink out of content", link_outside, rf"{B}: symbolic link points outside the content folder"),
    ("linked folder out of content", folder_link_outside, r"content/releases/2018: symbolic link points outside"),
    ("a list nested 300 deep", hostile_body("".join("    " * i + "- item\n" for i in range(300))), rf"{B}:9: lists or quotes nested more than 24 levels deep"),
    ("quotes nested 2,000 deep", hostile_body(">" * 2000 + " Deep."), rf"{B}:9: lists or quotes nested more than 24 levels deep"),
    ("emphasis nested 20,000 deep", hostile_body("*a " * 20_000 + "b" + " a*" * 20_000), rf"{B}:9: emphasis, links or quotes nested more than 100 levels deep"),
    ("brackets nested, 2 MB", hostile_body("[" * (TWO_MB // 5) + "x" + "](y)" * (TWO_MB // 5)), rf"{B}:9: {COMPLEX} \(brackets nested or left open\)"),
    ("brackets left open, 2 MB", hostile_body(repeat("[a ", TWO_MB)), rf"{B}:9: {COMPLEX} \(brackets nested or left open\)"),
    ("link parentheses left open", hostile_body(repeat("[a](", HALF_MB)), rf"{B}:9: {COMPLEX} \(parentheses left open in links\)"),
    ("tags left open", hostile_body(repeat("<a ", HALF_MB)), rf"{B}:9: {COMPLEX} \('<' that opens no complete tag\)"),
    ("code marks left open", hostile_body(repeat("``\\", HALF_MB)), rf"{B}:9: {COMPLEX} \(code marks"),
    ("headings without blank lines", hostile_body(repeat("# Heading\n", HALF_MB)), rf"{B}:9: {COMPLEX} \(a very long block without blank lines\)"),
    ("paragraphs by the hundred thousand", hostile_body(repeat("x\n\n", TWO_MB // 2)), rf"{B}:9: {COMPLEX} \(very many paragraphs, headings or list items\)"),
    ("a footnote for every mark", hostile_body("".join(f"x[^{i}]" for i in range(2000)) + "\n\n" + "".join(f"[^{i}]: d\n" for i in range(2000))), rf"{B}:9: more than 1,000 footnotes"),
    ("config is a named pipe", pipe_for("newsroom.toml"), r"newsroom\.toml: cannot read config: not a regular file"),
    ("theme.toml is a named pipe", pipe_for("themes/default/theme.toml"), r"themes/default/theme\.toml: cannot read it: not a regular file"),
    ("static file is a named pipe", pipe_for("themes/default/static/extra.css"), r"themes/default/static/extra\.css: not a regular file"),
    ("template syntax error", edit("themes/default/templates/release.html", "{{ release.title }}", "{{ release.title }"), r"release\.html:\d+: template syntax error"),
    ("undefined template variable", edit("themes/default/templates/release.html", "{{ release.title }}", "{{ release.headline }}"), r"release\.html:\d+: template error: .*headline"),
    ("unknown template", edit("themes/default/templates/list.html", '{% include "_list.html" %}', '{% include "_lists.html" %}'), r"template '_lists.html' not found"),
    ("template linked out of the theme", theme_link_outside("templates/404.html"), r"themes/default/templates/404\.html: symbolic link points outside theme 'default'"),
    ("included template linked out", theme_link_outside("templates/_pagination.html", "{{ 1 }}"), r"themes/default/templates/_pagination\.html: symbolic link points outside theme 'default'"),
    ("theme.toml linked out", theme_link_outside("theme.toml", 'name = "default"\n'), r"themes/default/theme\.toml: symbolic link points outside theme 'default'"),
    ("templates folder linked out", theme_folder_link_outside, r"themes/default/templates/[a-z_0-9]+\.html: symbolic link points outside theme 'default'"),
    ("missing theme", edit("newsroom.toml", 'theme = "default"', 'theme = "corporate"'), r"theme 'corporate' not found in .*themes/ \(available: default, wire\)"),
    ("config wrong type", edit("newsroom.toml", "per_page = 10", 'per_page = "ten"'), r"newsroom\.toml:9: 'site\.per_page' must be a whole number, not 'ten'"),
    ("config unknown key", edit("newsroom.toml", "per_page = 10", "per_pgae = 10"), r"newsroom\.toml:9: unknown key 'site\.per_pgae'"),
    ("config unknown section", edit("newsroom.toml", "[company]", "[compnay]"), r"newsroom\.toml:\d+: unknown section or key 'compnay'"),
    ("config bad TOML", edit("newsroom.toml", 'title = "Ascent', 'title = Ascent'), r"newsroom\.toml: .*line 4"),
    ("config bad time zone", edit("newsroom.toml", "America/Denver", "Mars/Olympus"), r"newsroom\.toml:7: 'site\.timezone' is not a known time zone"),
    ("config not UTF-8", lambda r: (r / "newsroom.toml").write_bytes(b'[site]\ntitle = "Caf\xe9"\n'), r"newsroom\.toml: config is not valid UTF-8"),
]


def failed_cleanly(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The error lines, after checking the run failed the way a person can act on."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("error: ") or re.fullmatch(r"\d+ errors; nothing was written", line)
                         for line in lines), result.stderr
    return lines


@pytest.mark.parametrize("breakage, expected", [pytest.param(f, e, id=name) for name, f, e in CASES])
def test_hostile_input_fails_cleanly_and_keeps_the_site(built: Path, breakage: Callable[[Path], None],
                                                        expected: str) -> None:
    before = tree_digest(built / "site")
    breakage(built)
    result = run_cli("build", "--now", NOW, cwd=built)
    lines = failed_cleanly(result)
    assert any(re.search(expected, line) for line in lines), result.stderr
    assert tree_digest(built / "site") == before
    assert sorted(p.name for p in built.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_every_error_of_the_run_is_reported_together(built: Path) -> None:
    before = tree_digest(built / "site")
    releases = built / "content/releases/2017"
    (releases / "a.md").write_text("---\ntitle: [unclosed\n---\n")
    (releases / "b.md").write_text("---\ntitle: B\ndate: 2017-02-30\ntags: ['../up']\nslgu: b\n---\n")
    (releases / "c.md").write_bytes(b"---\ntitle: \xff\n---\n")
    (releases / "d.md").write_bytes(b"")
    (releases / "e.md").write_text("---\ntitle: E\ndate: 2017-01-01\nslug: ascent-solar-to-redeem-secured-notes\n---\n")
    result = run_cli("build", "--now", NOW, cwd=built)
    lines = failed_cleanly(result)
    expected = [r"a\.md:[23]: front matter is not valid YAML", r"b\.md:3: 'date'", r"b\.md:4: 'tags'",
                r"b\.md:5: unknown front matter key 'slgu'", r"c\.md:2: invalid UTF-8", r"d\.md:1: file is empty",
                r"e\.md:1: duplicate slug"]
    for pattern in expected:
        assert sum(bool(re.search(pattern, line)) for line in lines) == 1, (pattern, result.stderr)
    assert lines[-1] == f"{len(expected)} errors; nothing was written"
    assert tree_digest(built / "site") == before


CONTROLS = "\x01\x07\x0b\x0c\x1b\x1f\x7f\x80\x85\x9b\x9f"
TEXT_OUTPUTS = (".html", ".xml", ".json", ".txt", ".js", ".css", ".svg")


def test_control_characters_never_reach_an_output_file(built: Path) -> None:
    """Pasted control characters (ESC from a terminal, NEL and C1 from old word processors) are
    removed from the text and from every front matter value; nothing else is touched."""
    write_release(built, "2017/pasted.md",
                  'title: "Pasted \\e[1mBold\\e[0m Release\\N Title"\ndate: 2017-08-01\nslug: pasted\n'
                  'summary: "A summary\\x85 with \\x1b[31mcolour"\ntags: [pasted]',
                  f"The lede{CONTROLS} goes here.\n\nSecond \x1b[31mred\x1b[0m paragraph\x85 ends.\n\n"
                  f"## About Pasted\n\nA company.\x0c\n")
    run_cli("build", "--now", NOW, cwd=built, check=True)
    files = site_files(built / "site")
    # Text outputs only: a release's pictures and attachments are its own files, copied as they are.
    found = {rel: sorted({f"U+{ord(c):04X}" for c in data.decode("utf-8", "replace") if c in CONTROLS})
             for rel, data in files.items() if rel.removesuffix(".gz").endswith(TEXT_OUTPUTS)}
    assert len(found) > 20
    assert {rel: chars for rel, chars in found.items() if chars} == {}
    page = files["releases/2017/08/pasted/index.html"].decode()
    assert "<h1>Pasted [1mBold[0m Release Title</h1>" in page
    assert "The lede goes here." in page and "Second [31mred[0m paragraph ends." in page


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: "\ufeff".encode() + t.encode(), id="BOM"),
    pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="CRLF"),
    pytest.param(lambda t: "\ufeff".encode() + t.replace("\n", "\r\n").encode(), id="BOM+CRLF"),
    pytest.param(lambda t: t.replace("\n", "\r").encode(), id="old Mac CR"),
    pytest.param(lambda t: t.encode("utf-16"), id="UTF-16 with BOM"),
    pytest.param(lambda t: codecs.BOM_UTF16_BE + t.replace("\n", "\r\n").encode("utf-16-be"), id="UTF-16 BE with BOM+CRLF"),
    pytest.param(lambda t: t.encode("utf-32"), id="UTF-32 with BOM"),
])
def test_bom_and_crlf_are_accepted_and_change_nothing(built: Path, encode: Callable[[str], bytes]) -> None:
    """Windows editors add a BOM and CRLF line ends, or save UTF-16: the same release, the same bytes out."""
    seed = built / SEED
    run_cli("build", "--now", NOW, cwd=built, check=True)
    expected = tree_digest(built / "site")
    seed.write_bytes(encode(seed.read_text()))
    run_cli("build", "--now", NOW, cwd=built, check=True)
    assert tree_digest(built / "site") == expected


MEASURE = ("import resource, sys\nfrom newsroom.cli import main\ncode = main(sys.argv[1:])\n"
           "print('maxrss_kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")


def peak_memory_run(root: Path) -> tuple[int, str]:
    """Exit code and stderr of `newsroom check`, plus the process's peak RSS in KiB."""
    result = subprocess.run([sys.executable, "-c", MEASURE, "check", "--now", NOW], cwd=root,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                            timeout=120)
    peak = int(re.search(r"maxrss_kib (\d+)", result.stderr).group(1))
    return result.returncode, result.stderr, peak


def test_a_50_mb_file_is_refused_without_being_read(built: Path) -> None:
    code, _, baseline = peak_memory_run(built)
    assert code == 0
    huge = built / "content/releases/2017/huge.md"
    with huge.open("w") as handle:
        handle.write("---\ntitle: Huge\ndate: 2017-01-01\n---\n")
        line = "All work and no play makes a very long press release. " * 20 + "\n"
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line * 1000)
    code, stderr, peak = peak_memory_run(built)
    assert code == 1 and "Traceback" not in stderr
    assert re.search(rf"{huge.relative_to(built)}: file is too large \(5\d,\d{{3}},\d{{3}} bytes", stderr)
    assert peak - baseline < 10 * 1024, f"peak RSS grew by {peak - baseline} KiB reading a 50 MB file"


HOSTILE_TITLE = 'Hostilecorp <b id="pwn">Bold</b> & "Quoted" </script><script>alert(1)</script> \'x\''
HOSTILE_SUBTITLE = 'Hostilecorp subtitle <b id="pwn">&amp; more</b> & "q" </script><script>alert(5)</script>'
HOSTILE_SUMMARY = 'Hostilecorp summary <img src=x onerror=alert(2)> & "q" </script><!-- -->'
HOSTILE_TAG = '<i class="pwn">m&a</i> "</script>"'
HOSTILE_COMPANY = 'Hostilecorp & Sons <Holdings id="pwn"> "Ltd" </script><script>alert(3)</script>'
HOSTILE_LOCATION = '<Denver> & "Co"'
HOSTILE_WIRE = "</script>Wire"


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_markup_in_titles_summaries_tags_and_names_is_escaped_everywhere(built: Path) -> None:
    from PIL import Image

    files_of = built / "content/releases/2017/hostile"
    files_of.mkdir(parents=True)
    Image.new("RGB", (600, 300)).save(files_of / "chart.png")
    hostile_file = 'q3 "<b id=pwn>".pdf'
    (files_of / hostile_file).write_bytes(b"%PDF-1.4\n")
    write_release(built, "2017/hostile.md",
                  f"image: {{file: chart.png, alt: {yaml_string(HOSTILE_TITLE)}}}\n"
                  f"attachments: [{{file: {yaml_string(hostile_file)}, "
                  f"title: {yaml_string(HOSTILE_SUBTITLE)}}}]\n"
                  f"title: {yaml_string(HOSTILE_TITLE)}\nsubtitle: {yaml_string(HOSTILE_SUBTITLE)}\n"
                  "date: 2017-08-01\nslug: hostile\n"
                  f"summary: {yaml_string(HOSTILE_SUMMARY)}\ntags: [{yaml_string(HOSTILE_TAG)}]\n"
                  f"company: {yaml_string(HOSTILE_COMPANY)}\nlocation: {yaml_string(HOSTILE_LOCATION)}\n"
                  f"wire: {yaml_string(HOSTILE_WIRE)}",
                  "Hostilecorp lede.\n")
    config = built / "newsroom.toml"
    config.write_text(config.read_text().replace('name = "Ascent Solar Technologies, Inc."',
                                                 f"name = {yaml_string(HOSTILE_COMPANY)}", 1))
    run_cli("build", "--now", NOW, cwd=built, check=True)
    files = site_files(built / "site")
    assert injections(files, ["pwn", "alert("]) == []
    page = files["releases/2017/08/hostile/index.html"].decode()
    texts = text_checks(page)
    assert texts["h1"] == [HOSTILE_TITLE]
    assert texts["title"] == [f"{HOSTILE_TITLE} · Ascent Solar Newsroom"]
    [alt] = re.findall(r'<img src="[^"]+" srcset="[^"]+" sizes="[^"]+" width="600" height="300" alt="([^"]+)"', page)
    assert html.unescape(alt) == HOSTILE_TITLE and HOSTILE_SUBTITLE in texts["a"]
    assert texts["meta description"] == [HOSTILE_SUMMARY]
    assert HOSTILE_SUBTITLE in texts["p"]
    [ld] = [body for kind, body in parse_html(page).scripts if kind == "application/ld+json"]
    assert json.loads(ld)["alternativeHeadline"] == HOSTILE_SUBTITLE
    for feed in ("feed.xml", "atom.xml"):
        root = ET.fromstring(files[feed])
        assert any(HOSTILE_SUBTITLE in " ".join(text_checks(e.text or "")["p"]) for e in html_payloads(root)), feed
    assert HOSTILE_COMPANY in texts["a"]
    # The dateline is set in wire style, the place upper-cased: "<DENVER> & "CO"".
    assert HOSTILE_LOCATION.upper() in " ".join(texts["body"]) and HOSTILE_WIRE in " ".join(texts["body"])
    home = text_checks(files["index.html"].decode())
    assert HOSTILE_TITLE in home["a"] and HOSTILE_SUMMARY in home["p"] and HOSTILE_TAG.lower() in home["a"]
    tag_pages = [rel for rel in files if rel.startswith("tags/i-class-pwn") and rel.endswith("index.html")]
    assert tag_pages == ["tags/i-class-pwn-m-a-i-script/index.html"]
    assert text_checks(files[tag_pages[0]].decode())["h1"] == [HOSTILE_TAG.lower()]


def test_the_injection_hunter_finds_injections() -> None:
    """The escaping checks above must be able to fail: feed them what a broken theme would write."""
    files = {
        "ok.html": b'<p title="&lt;b id=&quot;pwn&quot;&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
        "attr.html": b'<h1>Hostilecorp <b id="pwn">Bold</b></h1>',
        "handler.html": b'<p>x <img src=x onerror=alert(2)></p>',
        "script.html": b"<script>var t = 'x'</script><script>alert(1)</script>",
        "jsonld.html": b'<script type="application/ld+json">{"name": "</script><p>"}</script>',
        "feed.xml": b"<rss><item><title>&lt;b id=\"pwn\"&gt;</title><description>&lt;b id=\"pwn\"&gt;x&lt;/b&gt;"
                    b"</description></item></rss>",
        "atom.xml": b'<feed><title>&lt;b id="pwn"&gt;</title><content type="html">&lt;img onerror=x&gt;</content></feed>',
        "bad.xml": b"<rss><title>A & B</title></rss>",
        "index.json": b'{"title": "unterminated}',
    }
    found = injections(files, ["pwn", "alert("])
    assert [line.split(":")[0] for line in found] == [
        "attr.html", "handler.html", "script.html", "jsonld.html", "feed.xml <description>", "atom.xml <content>",
        "bad.xml", "index.json"]


@pytest.mark.parametrize("tag", ["Oil/Gas", "R&D/Innovation", "Q3/Q4 results", "</script>", "..."])
def test_tags_with_slashes_that_go_nowhere_are_fine(tmp_path: Path, tag: str) -> None:
    """Only tags shaped like a way out ('../x', '/x', 'a\\b', NUL) are refused; a slash is not one."""
    from datetime import timezone

    from newsroom.stages.content import load_release

    path = write_release(tmp_path, "x.md", f"title: T\ndate: 2017-01-01\ntags: [{yaml_string(tag)}]")
    if tag == "...":
        with pytest.raises(NewsroomError, match="has no letters or digits"):
            load_release(path, timezone.utc, tmp_path / "content")
        return
    assert load_release(path, timezone.utc, tmp_path / "content").tags == (tag.lower(),)

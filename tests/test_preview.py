"""The serve loop's pieces: errors for the overlay, draft banners, addresses, the preview folder."""

from __future__ import annotations

from pathlib import Path

from newsroom.build import BuildOptions, build
from newsroom.errors import ConfigError, ContentError, ErrorGroup, ThemeError
from newsroom.preview.livesite import LiveSite
from newsroom.preview.app import is_loopback, local_url, preview_folder
from newsroom.preview.session import Session, error_items
from newsroom.preview.server import PreviewState
from newsroom.preview.watch import Changes, Kind
from tests.conftest import tree_digest


def test_error_items_name_file_and_line() -> None:
    errors = ErrorGroup([ContentError(Path("content/releases/a.md"), 3, "'date': bad"),
                         ThemeError("themes/x/templates/release.html:12: template syntax error: oops"),
                         ConfigError("newsroom.toml:2: 'site.timezone' is not a known time zone"),
                         ThemeError("theme 'nope' not found")])
    assert error_items(errors) == (
        {"file": "content/releases/a.md", "line": 3, "message": "'date': bad"},
        {"file": "themes/x/templates/release.html", "line": 12, "message": "template syntax error: oops"},
        {"file": "newsroom.toml", "line": 2, "message": "'site.timezone' is not a known time zone"},
        {"file": None, "line": None, "message": "theme 'nope' not found"},
    )


def test_addresses_and_folders(tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.com")
    assert local_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert local_url("::1", 8001) == "http://[::1]:8001/"
    assert preview_folder(tmp_path, drafts=False) == tmp_path / ".newsroom-cache/serve"
    assert preview_folder(tmp_path, drafts=True) == tmp_path / ".newsroom-cache/preview"


def started(project: Path) -> tuple[Session, list[str]]:
    """A preview session after its first build, without server or watcher; what it said."""
    options = BuildOptions(root=project, now="2026-01-01T00:00:00+00:00", base_url="http://127.0.0.1:8000/",
                           output_dir=project / "preview")
    state = PreviewState()
    said: list[str] = []
    session = Session(options, LiveSite(options.output, state.lock), state, said.append, lambda e: said.append(str(e)))
    session.live.open()
    session.rebuild(None)
    return session, said


def test_late_feeds_of_a_good_save_keep_the_error_of_a_broken_one(project: Path) -> None:
    session, _ = started(project)
    options, state = session.options, session.state
    july = project / "content/releases/2017/ascent-solar-names-miguel-contreras.md"
    text = july.read_text()
    july.write_text(text.replace("Dr. Contreras, formerly", "Dr. Contreras, lately"))
    session.rebuild(Changes(frozenset({(Kind.CONTENT, july)})))
    assert session.pending is not None and state.snapshot.generation == 2
    july.write_text(text.replace("date: 2017-07-11", "date: 2017-13-45"))
    assert session.rebuild(Changes(frozenset({(Kind.CONTENT, july)}))) is None
    assert state.snapshot.errors[0]["line"] == 3
    while session.pending:  # the good save's feeds and search index, written after the broken save
        session.finish()
    assert state.snapshot.errors and state.snapshot.errors[0]["line"] == 3
    assert "Dr. Contreras, lately" in (options.output / "feed.xml").read_text()


def test_a_change_the_watcher_missed_is_caught_when_idle(project: Path) -> None:
    session, said = started(project)
    options = session.options
    releases = project / "content/releases/2017"
    july, notes = releases / "ascent-solar-names-miguel-contreras.md", releases / "ascent-solar-to-redeem-secured-notes.md"
    notes.write_text(notes.read_text().replace("title: Ascent Solar", "title: Unreported Ascent Solar"))
    july.write_text(july.read_text().replace("Dr. Contreras, formerly", "Dr. Contreras, lately"))
    update = session.rebuild(Changes(frozenset({(Kind.CONTENT, july)})))  # the watcher named one file
    assert update is not None and update.written == ("releases/2017/07/ascent-solar-names-miguel-contreras/index.html",)
    while session.busy and not any("missed" in line for line in said):  # lists, feeds, search
        assert "Unreported" not in (options.output / "index.html").read_text()
        session.finish()
    assert any("the watcher missed changes to 1 content file(s)" in line for line in said)
    while session.busy:  # that rebuild's lists, feeds and search, then a walk that finds nothing more
        session.finish()
    assert "Unreported Ascent Solar" in (options.output / "index.html").read_text()
    full = BuildOptions(root=project, now=options.now, base_url=options.base_url, output_dir=project / "full")
    build(full)
    assert tree_digest(options.output) == tree_digest(full.output)


def test_a_waiting_save_stops_the_walk_for_missed_changes(project: Path) -> None:
    session, said = started(project)
    july = project / "content/releases/2017/ascent-solar-names-miguel-contreras.md"
    july.write_text(july.read_text().replace("Dr. Contreras, formerly", "Dr. Contreras, lately"))
    session.rebuild(Changes(frozenset({(Kind.CONTENT, july)})))
    while session.lists_due or session.pending:
        session.finish()
    assert session.busy and session.finish(stop=lambda: True) is None and session.busy  # a save came
    assert session.finish(stop=lambda: False) is None and not session.busy  # walked: nothing missed


def test_a_releases_files_are_rebuilt_in_watch_mode(project: Path) -> None:
    """A changed, removed or added file beside a release: rebuilt as `newsroom build` would, the
    error of a missing one shown at its line and cleared by its return."""
    from PIL import Image

    session, _ = started(project)
    options, state = session.options, session.state
    folder = project / "content/releases/2017/ascent-solar-names-miguel-contreras"
    release = folder.with_suffix(".md")
    out = options.output / "releases/2017/07/ascent-solar-names-miguel-contreras"

    def settle(*paths: Path) -> None:
        session.rebuild(Changes(frozenset((Kind.CONTENT, path) for path in paths)))
        while session.busy:
            session.finish()

    def same_as_build() -> None:
        full = BuildOptions(root=project, now=options.now, base_url=options.base_url, output_dir=project / "full")
        build(full)
        assert tree_digest(options.output) == tree_digest(full.output)

    (folder / "fact-sheet.pdf").write_bytes(b"%PDF-1.4 a corrected fact sheet\n")
    settle(folder / "fact-sheet.pdf")
    assert [p.read_bytes() for p in out.glob("fact-sheet.*.pdf")] == [b"%PDF-1.4 a corrected fact sheet\n"]
    same_as_build()
    Image.new("RGB", (1000, 500), (250, 200, 0)).save(folder / "thin-film-module.png")
    settle(folder / "thin-film-module.png")
    assert len(list(out.glob("thin-film-module-960w.*.png"))) == 1 and 'width="1000"' in (out / "index.html").read_text()
    same_as_build()
    (folder / "fact-sheet.pdf").unlink()
    settle(folder / "fact-sheet.pdf")
    assert state.snapshot.errors and state.snapshot.errors[0]["line"] == 15
    assert "attachment 'fact-sheet.pdf' not found" in state.snapshot.errors[0]["message"]
    (folder / "fact-sheet.pdf").write_bytes(b"%PDF-1.4 back\n")
    settle(folder / "fact-sheet.pdf")
    assert not state.snapshot.errors
    (folder / "minutes.txt").write_text("Minutes.\n")
    release.write_text(release.read_text().replace("    title: Ascent Solar fact sheet, July 2017\n",
                                                   "    title: Ascent Solar fact sheet, July 2017\n  - minutes.txt\n"))
    settle(folder / "minutes.txt", release)
    assert "minutes.txt" in (out / "index.html").read_text() and len(list(out.glob("minutes.*.txt"))) == 1
    same_as_build()

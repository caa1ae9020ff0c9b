"""`newsroom import` end to end: the seeds, idempotence, hand edits, dry runs and bad input."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsroom.importer import seeds as importer
from newsroom.stages.content import load_release, load_releases
from newsroom.importer.wire import content_hash, parse_wire, recorded_hash
from tests.conftest import REPO, run_cli, tree_digest

DENVER = ZoneInfo("America/Denver")
FIXTURES = REPO / "tests" / "fixtures" / "wire"
NOTES = "seeds/2017-05-10-ascent-solar-secured-notes.txt"
CONTRERAS = "seeds/2017-07-11-ascent-solar-contreras.txt"


def sha(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def imported(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*.md"))}


def test_seeds_import_end_to_end_with_every_field(project: Path) -> None:
    result = run_cli("import", "--into", "fresh", cwd=project, check=True)
    files = imported(project / "fresh")
    notes_rel = "2017/ascent-solar-technologies-has-entered-into-an-agreement-with.md"
    contreras_rel = "2017/ascent-solar-technologies-world-renowned-scientist-dr-miguel.md"
    assert sorted(files) == [notes_rel, contreras_rel]
    assert f"created: fresh/{notes_rel}  <- {NOTES}" in result.stdout
    assert re.search(r"2017-07-11\s+Thornton, CO\s+Marketwired\s+OTCQB:ASTI\s+management\s+headline\s+"
                     r"Ascent Solar Technologies: World-Renowned", result.stdout)
    assert result.stdout.strip().endswith("2 created")

    notes = load_release(files[notes_rel], DENVER)
    assert notes.title == "Ascent Solar Technologies Has Entered Into an Agreement With Its Secured Note Holder"
    assert notes.date.isoformat() == "2017-05-10T00:00:00-06:00"
    assert notes.slug == "ascent-solar-technologies-has-entered-into-an-agreement-with"
    assert notes.summary == ("Ascent Solar Technologies, Inc. announced that the Company has entered into an "
                             "agreement with its secured note holder to fully redeem the outstanding "
                             "convertible secured notes.")
    assert (notes.company, notes.tickers, notes.location, notes.wire) == (
        "Ascent Solar Technologies, Inc.", ("OTCQB:ASTI",), "Thornton, CO", "Marketwired")
    assert notes.tags == ("financing",) and notes.draft is False and notes.updated is None
    assert (notes.source, notes.source_hash) == (NOTES, sha(project / NOTES))
    assert notes.import_hash == content_hash(files[notes_rel].read_text())
    assert notes.body.startswith("Ascent Solar Technologies, Inc. (OTCQB: ASTI), a developer")
    assert "## About Ascent Solar Technologies" in notes.body and "## Forward-Looking Statements" in notes.body

    july = load_release(files[contreras_rel], DENVER)
    assert july.title == ("Ascent Solar Technologies: World-Renowned Scientist Dr. Miguel Contreras Has "
                          "Joined the Ascent Solar Team")
    assert july.date.isoformat() == "2017-07-11T00:00:00-06:00"
    assert july.slug == "ascent-solar-technologies-world-renowned-scientist-dr-miguel"
    assert july.summary.startswith("Ascent Solar Technologies, Inc. announced today that world-renowned "
                                   "scientist Dr. Miguel Contreras has joined") and len(july.summary) <= 300
    assert (july.company, july.tickers, july.location, july.wire, july.tags) == (
        "Ascent Solar Technologies, Inc.", ("OTCQB:ASTI",), "Thornton, CO", "Marketwired", ("management",))
    assert (july.source, july.source_hash) == (CONTRERAS, sha(project / CONTRERAS))


def test_committed_seed_content_is_imported_then_polished_by_hand() -> None:
    releases = {r.slug: r for r in load_releases(REPO / "content", DENVER)}
    notes, july = releases["ascent-solar-to-redeem-secured-notes"], releases["ascent-solar-names-miguel-contreras"]
    assert notes.title == "Ascent Solar Agrees to Fully Redeem Its Outstanding Convertible Secured Notes"
    assert july.title == "Ascent Solar Names Dr. Miguel Contreras Director of Process Engineering"
    assert (notes.tags, july.tags) == (("financing",), ("management",))
    for release, seed in ((notes, NOTES), (july, CONTRERAS)):
        assert release.source == seed and release.source_hash == sha(REPO / seed)
        text = release.path.read_text()
        assert recorded_hash(text) and recorded_hash(text) != content_hash(text), "polished by hand"
        assert release.body == parse_wire((REPO / seed).read_text()).body.strip("\n"), "body as imported"


def test_reimport_skips_hand_edited_files_and_changes_nothing(project: Path) -> None:
    before = tree_digest(project / "content")
    result = run_cli("import", cwd=project, check=True)
    assert result.stdout.count("skipped (edited by hand): content/releases/2017/") == 2
    assert result.stdout.strip().endswith("2 skipped")
    assert tree_digest(project / "content") == before


def test_second_import_is_unchanged_byte_for_byte(project: Path) -> None:
    run_cli("import", "--into", "fresh", cwd=project, check=True)
    first = tree_digest(project / "fresh")
    result = run_cli("import", "--into", "fresh", cwd=project, check=True)
    assert result.stdout.count("unchanged: ") == 2 and result.stdout.strip().endswith("2 unchanged")
    assert tree_digest(project / "fresh") == first


def test_hand_edit_survives_until_force(project: Path) -> None:
    run_cli("import", "--into", "fresh", cwd=project, check=True)
    path = next(p for p in (project / "fresh").rglob("*.md") if "miguel" in p.name)
    polished = path.read_text().replace("Has Joined the Ascent Solar Team", "Joins Ascent Solar")
    path.write_text(polished)
    result = run_cli("import", "--into", "fresh", cwd=project, check=True)
    assert "skipped (edited by hand)" in result.stdout and path.read_text() == polished
    result = run_cli("import", "--into", "fresh", "--force", cwd=project, check=True)
    assert "updated: " in result.stdout and "Joins Ascent Solar" not in path.read_text()
    assert recorded_hash(path.read_text()) == content_hash(path.read_text())


def test_renamed_and_reslugged_file_is_still_found_by_its_source(project: Path) -> None:
    run_cli("import", "--into", "fresh", cwd=project, check=True)
    old = next(p for p in (project / "fresh").rglob("*.md") if "agreement" in p.name)
    old.rename(old.with_name("notes.md"))
    result = run_cli("import", "--into", "fresh", cwd=project, check=True)
    assert "unchanged: fresh/2017/notes.md" in result.stdout
    assert len(list((project / "fresh").rglob("*.md"))) == 2


def test_dry_run_writes_nothing(project: Path) -> None:
    before = tree_digest(project)
    result = run_cli("import", "--into", "fresh", "--dry-run", cwd=project, check=True)
    assert result.stdout.count("would be created: fresh/2017/") == 2
    assert "dry run: nothing written; 2 created" in result.stdout
    assert tree_digest(project) == before and not (project / "fresh").exists()


def test_bad_seeds_are_errors_naming_file_and_problem_others_still_import(project: Path) -> None:
    bad = project / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (bad / "no-dateline.txt").write_text("Acme announced great things today.\n")
    (bad / "dated.txt").write_text("Acme Wins Contract\nMarch 3, 2024\n\nAcme Inc. today announced that it won a "
                                   "three-year contract to supply widgets to the state of Ohio, its largest order yet.\n")
    (bad / "no-date.txt").write_text("SAN FRANCISCO--(BUSINESS WIRE)--Acme Inc. today announced a product.\n")
    shutil.copy(FIXTURES / "prnewswire-onstream-media.txt", bad / "good.txt")
    result = run_cli("import", "bad", "--into", "fresh", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: bad/empty.txt: the file is empty" in result.stderr
    assert "error: bad/binary.txt: file is binary" in result.stderr
    assert "error: bad/no-dateline.txt: no date: the text prints none" in result.stderr
    assert "error: bad/no-date.txt: no date: the dateline carries no date" in result.stderr
    assert "created: fresh/2012/onstream-media-to-move-listing-from-nasdaq-to-the-otcqb.md" in result.stdout
    # A release with a date but no dateline is imported, and says what it lacks.
    assert "created: fresh/2024/acme-wins-contract.md  <- bad/dated.txt\n  note: no dateline" in result.stdout
    assert result.stdout.strip().endswith("4 error, 2 created")
    assert sorted(p.name for p in (project / "fresh").rglob("*") if p.is_file()) == [
        "acme-wins-contract.md", "onstream-media-to-move-listing-from-nasdaq-to-the-otcqb.md"]


def test_windows_1252_seed_is_read_with_a_warning(project: Path) -> None:
    seed = project / "cp1252.txt"
    seed.write_bytes("NEW YORK, May 1, 2017 /PRNewswire/ -- Caf\u00e9 Corp. (NYSE: CAF) today announced "
                     "\u201cbig\u201d news.\r\n".encode("cp1252"))
    result = run_cli("import", "cp1252.txt", "--into", "fresh", cwd=project, check=True)
    assert "note: not UTF-8 (byte 0xe9 on line 1); read as Windows-1252" in result.stdout
    release = load_release(next((project / "fresh").rglob("*.md")), DENVER)
    assert release.company == "Caf\u00e9 Corp." and "\u201cbig\u201d" in release.body


def test_date_disagreement_is_reported(project: Path) -> None:
    shutil.copy(FIXTURES / "globenewswire-nasdaq-biotechnology-index.txt", project / "index.txt")
    result = run_cli("import", "index.txt", "--into", "fresh", cwd=project, check=True)
    assert ("note: the date line says 2019-12-14 but the dateline says 2019-12-13; using the dateline"
            in result.stdout)


def test_existing_file_from_elsewhere_is_not_overwritten(project: Path) -> None:
    target = project / "fresh" / "2012" / "onstream-media-to-move-listing-from-nasdaq-to-the-otcqb.md"
    target.parent.mkdir(parents=True)
    target.write_text("---\ntitle: Mine\ndate: 2012-10-10\n---\nHand written.\n")
    shutil.copy(FIXTURES / "prnewswire-onstream-media.txt", project / "onstream.txt")
    result = run_cli("import", "onstream.txt", "--into", "fresh", cwd=project)
    assert result.returncode == 1 and "exists and was not imported from onstream.txt" in result.stderr
    assert target.read_text().startswith("---\ntitle: Mine")


def test_every_fixture_imports_into_a_site_that_builds(project: Path) -> None:
    shutil.rmtree(project / "content" / "releases")
    shutil.rmtree(project / "content" / "events")  # they name releases no longer there
    result = run_cli("import", str(FIXTURES), "--into", "content/releases", cwd=project, check=True)
    assert result.stdout.count("created: ") == len(list(FIXTURES.glob("*.txt")))
    built = run_cli("build", "--now", "2027-01-01T00:00:00+00:00", cwd=project, check=True)
    assert built.stdout.startswith(f"built {len(list(FIXTURES.glob('*.txt')))} releases")


def test_unknown_path_is_a_usage_error(project: Path) -> None:
    result = run_cli("import", "nowhere", cwd=project)
    assert result.returncode == 2 and "no such file or folder: nowhere" in result.stderr


def test_failed_write_leaves_old_file_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "2017" / "x.md"
    target.parent.mkdir()
    target.write_text("old\n")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importer.os, "replace", refuse)
    with pytest.raises(OSError):
        importer.write_atomic(target, "new\n")
    assert target.read_text() == "old\n" and [p.name for p in target.parent.iterdir()] == ["x.md"]


def test_a_dateline_naming_no_year_in_a_text_naming_none_is_imported_with_a_note(project: Path) -> None:
    (project / "yearless.txt").write_text("Acme's Third Quarter Earnings Climb to 59 Cents Per Share\nHOUSTON, Oct. 28 "
                                          "/PRNewswire/ -- Acme Corporation (NYSE: ACME) said today that higher "
                                          "production pushed third quarter net income to a record.\n")
    result = run_cli("import", "yearless.txt", "--into", "fresh", cwd=project)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert re.search(r"note: the dateline has no year and the text names none: \d{4} assumed, check it", result.stdout)
    [written] = (project / "fresh").rglob("*.md")
    assert load_release(written, DENVER).date.strftime("%m-%d") == "10-28"

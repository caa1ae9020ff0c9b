from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsroom.stages.content import load_release, load_releases
from newsroom.errors import ContentError, ErrorGroup, NewsroomError
from tests.conftest import REPO, write_release

DENVER = ZoneInfo("America/Denver")


def errors_of(exc: NewsroomError) -> list[str]:
    return [str(e) for e in (exc.errors if isinstance(exc, ErrorGroup) else (exc,))]


def load_one(tmp_path: Path, front: str, body: str = "The lede.\n") -> object:
    return load_release(write_release(tmp_path, "2017/x.md", front, body), DENVER, tmp_path / "content")


def test_repository_releases_load_newest_first() -> None:
    releases = load_releases(REPO / "content", DENVER)
    assert [r.slug for r in releases] == ["ascent-solar-names-miguel-contreras",
                                          "ascent-solar-to-redeem-secured-notes"]
    july = releases[0]
    assert july.date == datetime(2017, 7, 11, tzinfo=DENVER)
    assert july.tickers == ("OTCQB:ASTI",) and july.tags == ("management",)
    assert july.url == "releases/2017/07/ascent-solar-names-miguel-contreras/"
    assert "## About Ascent Solar Technologies" in july.body


def test_dates_with_offset_and_naive_times(tmp_path: Path) -> None:
    release = load_one(tmp_path, "title: T\ndate: 2017-07-11T08:00:00-04:00")
    assert release.date.utcoffset() == timedelta(hours=-4)
    release = load_one(tmp_path, "title: T\ndate: 2017-07-11 08:00")
    assert release.date == datetime(2017, 7, 11, 8, tzinfo=DENVER)
    release = load_one(tmp_path, "title: T\ndate: 2017-07-11T14:00:00Z")
    assert release.date == datetime(2017, 7, 11, 14, tzinfo=timezone.utc)


def test_slug_derived_and_tags_normalised(tmp_path: Path) -> None:
    release = load_one(tmp_path, "title: Acme Reports Q3 Results\ndate: 2020-01-02\n"
                                 "tags: [Earnings, ' shareholder  meeting', earnings]\ntickers: [nasdaq: acme]")
    assert release.slug == "acme-reports-q3-results"
    assert release.tags == ("earnings", "shareholder meeting")
    assert release.tickers == ("NASDAQ:ACME",)


def test_subtitle_is_optional_text(tmp_path: Path) -> None:
    assert load_one(tmp_path, "title: T\ndate: 2017-07-11").subtitle == ""
    release = load_one(tmp_path, "title: T\ndate: 2017-07-11\n"
                                 'subtitle: "  Revenue up 12%;\\n  margins <b>&</b> cash\\a "')
    assert release.subtitle == "Revenue up 12%; margins <b>&</b> cash"
    assert load_one(tmp_path, "title: T\ndate: 2017-07-11\nsubtitle: 2024").subtitle == "2024"


@pytest.mark.parametrize("front, message", [
    ("date: 2017-07-11", "x.md:1: 'title' is required"),
    ("title: ''\ndate: 2017-07-11", "x.md:2: 'title' is required"),
    ("title: T", "'date' is required"),
    ("title: T\ndate: 2017-02-30", "x.md:3: 'date': '2017-02-30' is not a valid date (day is out of range"),
    ("title: T\ndate: July 11th", "x.md:3: 'date': 'July 11th' is not a valid date"),
    ("title: T\ndate: 2017-07-11\ntitel: x", "x.md:4: unknown front matter key 'titel'"),
    ("title: T\ndate: 2017-07-11\nsubtitel: x", "x.md:4: unknown front matter key 'subtitel'"),
    ("title: T\ndate: 2017-07-11\nsubtitle: [a, b]", "x.md:4: 'subtitle': must be text, not list"),
    ("title: T\ndate: 2017-07-11\nsubtitle: true", "x.md:4: 'subtitle': must be text, not bool"),
    ("title: T\ndate: 2017-07-11\nslug: ../../etc", "x.md:4: 'slug': '../../etc' is not a valid slug"),
    ("title: T\ndate: 2017-07-11\ndraft: maybe", "x.md:4: 'draft': must be true or false"),
    ("title: T\ndate: 2017-07-11\ntags: ['?!']", "x.md:4: 'tags': tag '?!' has no letters"),
    ("title: [unclosed\ndate: 2017-07-11", "front matter is not valid YAML"),
    ("title: T\ntitle: U\ndate: 2017-07-11", "x.md:3: 'title' is set twice (first on line 2)"),
    ("- a list", "x.md:2: front matter must be 'key: value' lines"),
])
def test_front_matter_errors_name_file_and_line(tmp_path: Path, front: str, message: str) -> None:
    with pytest.raises(NewsroomError) as error:
        load_one(tmp_path, front)
    assert any(message in text for text in errors_of(error.value)), errors_of(error.value)


def test_all_errors_of_a_file_are_reported(tmp_path: Path) -> None:
    with pytest.raises(ErrorGroup) as error:
        load_one(tmp_path, "date: someday\nfoo: 1")
    assert len(error.value.errors) == 3


@pytest.mark.parametrize("raw, message", [
    (b"", "x.md:1: file is empty"),
    (b"title: T\n", "x.md:1: front matter missing"),
    (b"---\ntitle: T\ndate: 2017-07-11\n", "x.md:1: front matter is not closed"),
    (b"---\ntitle: \xff\n---\n", "x.md:2: invalid UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
])
def test_unreadable_files(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "content" / "releases" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    with pytest.raises(ContentError, match=message.replace(".", r"\.")):
        load_release(path, DENVER)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes("\ufeff---\r\ntitle: T\r\ndate: 2017-07-11\r\n---\r\nBody\r\n".encode("utf-8"))
    release = load_release(path, DENVER)
    assert release.title == "T" and release.body == "Body"


def test_duplicate_slugs_name_both_files(tmp_path: Path) -> None:
    write_release(tmp_path, "2017/a.md", "title: Same\ndate: 2017-01-01")
    write_release(tmp_path, "2018/b.md", "title: Other\ndate: 2018-01-01\nslug: same")
    with pytest.raises(ContentError) as error:
        load_releases(tmp_path / "content", DENVER)
    assert "duplicate slug 'same'" in str(error.value)
    assert "a.md" in str(error.value) and "b.md" in str(error.value)


def test_errors_from_many_files_are_reported_together(tmp_path: Path) -> None:
    write_release(tmp_path, "a.md", "title: A")
    write_release(tmp_path, "b.md", "date: 2017-01-01")
    with pytest.raises(ErrorGroup) as error:
        load_releases(tmp_path / "content", DENVER)
    assert len(error.value.errors) == 2


def test_symlink_out_of_content_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("---\ntitle: Secret\ndate: 2017-01-01\n---\nx\n")
    link = tmp_path / "content" / "releases" / "link.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    with pytest.raises(ContentError, match="outside the content folder"):
        load_releases(tmp_path / "content", DENVER)


def test_draft_and_schedule(tmp_path: Path) -> None:
    now = datetime(2020, 1, 1, tzinfo=DENVER)
    draft = load_one(tmp_path, "title: T\ndate: 2017-07-11\ndraft: true")
    future = load_one(tmp_path, "title: T\ndate: 2020-01-01T00:00:01-07:00")
    past = load_one(tmp_path, "title: T\ndate: 2019-12-31T23:59:59-07:00")
    assert not draft.is_published(now) and not future.is_published(now) and past.is_published(now)

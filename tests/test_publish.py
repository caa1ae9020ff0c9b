"""`newsroom publish` end to end: real processes, the real clock, a real deploy command."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from newsroom.publish.record import output_stamp
from newsroom.stages.output import MARKER
from tests.conftest import run_cli, write_release
from tests.publishing import SLUG, TITLE, deploys, holding, poll, schedule


def test_a_scheduled_release_is_published_at_its_time_and_deployed_once_per_publish(project: Path, publish) -> None:
    due = schedule(project, 8)
    site = project / "site"
    running = publish()
    running.wait_for("deployed: exit status 0")
    assert f"next: {TITLE!r} at " in running.log()
    assert time.time() < due, f"the first publish took too long for this test:\n{running.log()}"
    assert deploys(project) == [{"output": str(site.resolve()), "zebra": 0}]
    # Until its time no output byte holds it; within 2 s after, the site does.
    scans = 0
    while time.time() < due - 0.05:
        assert not holding(site, b"Zebra") or time.time() >= due, "published before its time"
        scans += 1
        time.sleep(0.05)
    published = poll(lambda: holding(site, b"Zebra"), timeout=10, what="the release in the output")
    assert time.time() - due <= 2.0, f"published {time.time() - due:.2f} s after its time"
    # Each file that holds it was written at or after its time (coarse file clocks: 20 ms).
    assert min(path.stat().st_mtime for path in published) >= due - 0.02
    assert {p.relative_to(site).as_posix() for p in published} >= {
        "index.html", "feed.xml", "atom.xml", f"releases/2026/{datetime.fromtimestamp(due, UTC):%m}/{SLUG}/index.html"}
    assert scans > 10  # the output was read again and again while the release waited
    running.wait_for("deployed: exit status 0", 2)
    assert "newly published: " + repr(TITLE) in running.log()
    assert [run["zebra"] for run in deploys(project)] == [0, 1]  # once per publish, after the build
    assert "next: nothing scheduled" in running.log()
    # A content change is built and deployed too.
    (project / "content/releases/2026/zebra.md").write_text(
        (project / "content/releases/2026/zebra.md").read_text().replace("every estimate", "every Zebra estimate"))
    running.wait_for("deployed: exit status 0", 3)
    assert "zebra.md changed: built" in running.log()
    assert len(deploys(project)) == 3
    assert running.stop() == 0
    assert running.log().rstrip().endswith("stopped"), running.log()
    assert "Traceback" not in running.log()


def test_a_restart_publishes_what_fell_due_at_once_and_never_twice(project: Path, publish) -> None:
    due = schedule(project, 6)
    first = publish()
    first.wait_for("deployed: exit status 0")
    assert first.stop() == 0
    assert time.time() < due, "the first run took too long for this test"
    poll(lambda: time.time() > due + 0.5, what="the release's time to pass")
    assert not holding(project / "site", b"Zebra")  # nothing ran at its time
    second = publish()
    second.wait_for("deployed: exit status 0")
    assert "started: built 3 releases" in second.log()
    assert "newly published: " + repr(TITLE) in second.log()
    assert holding(project / "site", b"Zebra")
    assert [run["zebra"] for run in deploys(project)] == [0, 1]
    assert second.stop() == 0
    third = publish()
    third.wait_for("deploy: nothing new since the last deploy")
    assert third.stop() == 0
    assert len(deploys(project)) == 2
    assert "newly published" not in third.log()


def test_a_failing_deploy_is_retried_with_backoff_and_reported(project: Path, publish) -> None:
    running = publish("--retry-delay", "0.3", failures=2)
    running.wait_for("deployed: exit status 0")
    errors = "".join(running.err)
    assert "error: deploy failed (exit status 3, attempt 1); retrying in 0.3 s" in errors
    assert "error: deploy failed (exit status 3, attempt 2); retrying in 0.6 s" in errors
    assert len(deploys(project)) == 3
    time.sleep(1.0)  # no more retries once it went through
    assert running.stop() == 0
    assert len(deploys(project)) == 3


def test_publish_refuses_drafts_and_a_fixed_clock(project: Path) -> None:
    for args in (("--drafts", "--output", "preview"), ("--now", "2026-01-01"), ("--retry-delay", "0"),
                 ("--deploy-timeout", "nan")):
        result = run_cli("publish", *args, cwd=project)
        assert result.returncode == 2, result
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("newsroom: error: ")


def test_a_broken_release_is_reported_and_its_fix_published(project: Path, publish) -> None:
    broken = write_release(project, "2026/broken.md", "title: Broken\ndate: not a date")
    running = publish("--retry-delay", "60")
    running.wait_for("the build failed")
    assert "error: content/releases/2026/broken.md:3: 'date': 'not a date' is not a valid date" in "".join(running.err)
    assert "Traceback" not in running.log()
    assert "building again on the next change or in 60 s" in running.log()
    time.sleep(0.5)
    assert running.log().count("the build failed") == 1, "a failed build is not tried again at once"
    assert deploys(project) == []
    broken.write_text(broken.read_text().replace("not a date", "2017-01-02"))
    running.wait_for("deployed: exit status 0")
    assert running.stop() == 0


def test_the_output_stamp_ignores_the_marker_a_swap_rewrites(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>site</p>")
    (tmp_path / MARKER).write_text("newsroom")
    before = output_stamp(tmp_path)
    time.sleep(0.01)
    (tmp_path / MARKER).unlink()
    (tmp_path / MARKER).write_text("newsroom, written again")
    assert output_stamp(tmp_path) == before
    (tmp_path / "index.html").write_text("<p>site, changed</p>")
    assert output_stamp(tmp_path) != before

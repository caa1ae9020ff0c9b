"""The publish loop: build now, then again when a scheduled release falls due or a file
changes; deploy each new output, retry a failed deploy, say what comes next.

The clock is the build's own (a release is published by a build that starts at or after its
time, never before); the wait is project.seconds_until, the timer `newsroom serve` uses, and
the changes come from the preview's watcher.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Callable

from newsroom.build import Builder, build, find_theme
from newsroom.cache.record import BuildCache
from newsroom.errors import NewsroomError
from newsroom.preview.app import layout_of
from newsroom.preview.watch import Kind, Watcher
from newsroom.project import BuildOptions, seconds_until
from newsroom.publish.deploy import Backoff, run_deploy
from newsroom.publish.record import load_record, output_stamp, record_path, save_record
from newsroom.stages.site import ReleaseView, Site

if TYPE_CHECKING:
    from newsroom.publish.mailer import Alerts

Say = Callable[[str], None]
Report = Callable[[NewsroomError], None]
BACKFILL_SECONDS = 86400.0  # a newly published release dated earlier than a day before the last look
LONGEST_WAIT = 60.0  # seconds: the loop looks at the clock again at least this often
BUILD_KINDS = (Kind.CONTENT, Kind.TEMPLATE, Kind.STATIC, Kind.THEME, Kind.CONFIG)


@dataclass(frozen=True)
class PublishOptions:
    deploy: str | None = None  # a shell command; the output folder is in $NEWSROOM_OUTPUT
    retry: Backoff = field(default_factory=Backoff)
    deploy_timeout: float = 900.0
    poll: bool = False


class Publisher:
    """One output folder kept published: what was deployed and alerted is in its record."""

    def __init__(self, options: BuildOptions, publish: PublishOptions, say: Say, report: Report,
                 alerts: Alerts | None = None) -> None:
        self.options, self.publish, self.say, self.report = options, publish, say, report
        self.alerts = alerts
        self.path = record_path(options.root, options.output)
        self.record = load_record(self.path)
        self.next: datetime | None = None  # when to build again by the clock alone
        self.next_release: datetime | None = None  # when the next scheduled release falls due
        self.failures = 0  # failed deploys in a row
        self.build_failures = 0
        self.retry_at: float | None = None  # time.monotonic() of the next deploy attempt

    def run(self) -> None:
        """Publish until Ctrl-C or SIGTERM (a KeyboardInterrupt from the CLI)."""
        with Watcher(layout_of(self.options), poll=self.publish.poll) as watcher:
            try:
                self.publish_now("started")
                while True:
                    waits = [seconds_until(self.next), LONGEST_WAIT, self.retry_in()]
                    changes = watcher.next_changes(timeout=min(w for w in waits if w is not None))
                    if changes is not None and changes.has(*BUILD_KINDS):
                        self.publish_now(f"{changes.describe(self.options.root)} changed")
                    elif seconds_until(self.next) == 0:
                        self.publish_now("scheduled release due")
                    elif self.retry_in() == 0:
                        self.deploy()
            except KeyboardInterrupt:
                if self.alerts is not None:
                    self.alerts.close()
                self.say("stopped")

    def retry_in(self) -> float | None:
        return None if self.retry_at is None else max(0.0, self.retry_at - time.monotonic())

    def publish_now(self, cause: str) -> None:
        """Build as the clock stands (what fell due is in), then deploy and alert what is new."""
        try:
            result = build(self.options, stored=BuildCache(self.options))
        except NewsroomError as exc:
            self.build_failures += 1
            delay = self.publish.retry.delay(self.build_failures)
            self.next = datetime.now(UTC) + timedelta(seconds=delay)  # a full disk may clear by itself
            self.report(exc)
            self.say(f"{cause}: the build failed; the site stays as last built; building again on the "
                     f"next change or in {delay:g} s")
            return
        self.build_failures = 0
        self.next = result.next_change  # a release due, or an event over (the events page changes)
        self.next_release = result.next_scheduled
        for note in result.notes:
            self.say(note)
        stamp = output_stamp(self.options.output)
        site = result.site
        if site is None and stamp != self.record.built:  # built by someone else since: look again
            site = Builder(self.options).plan()[0]
        last_seen = self.record.seen_at
        fresh = self.seen(site, stamp) if site is not None else []
        done = ("nothing changed" if result.stats is None else
                f"{result.stats.written} written, {result.stats.removed} removed")
        new = f"; newly published: {', '.join(repr(v.title) for v in fresh)}" if fresh else ""
        self.say(f"{cause}: built {result.releases} releases into {self.options.output}/ ({done}){new}")
        if self.alerts is not None and site is not None and last_seen is not None:
            self.queue_alerts(site, fresh, last_seen)
        self.deploy(stamp)
        if self.alerts is not None:
            self.alerts.send(self.say, self.report)
        self.say_next()

    def seen(self, site: Site, stamp: str) -> list[ReleaseView]:
        """Record the published site; the releases not published when it was last seen."""
        before = set(self.record.published)
        fresh = [view for view in site.releases if view.url not in before] if self.record.seen_at is not None else []
        if self.record.seen_at is None and self.alerts is not None:
            self.say(f"alerts: the {len(site.releases)} releases published before the first run are not "
                     "alerted; each release published from now on is")
        upcoming = tuple((r.date.isoformat(), r.title) for r in sorted(site.scheduled, key=lambda r: r.date))
        self.record = self.record.but(published=tuple(view.url for view in site.releases), built=stamp,
                                      seen_at=site.now.timestamp(), upcoming=upcoming[:3])
        save_record(self.path, self.record)
        return fresh

    def queue_alerts(self, site: Site, fresh: list[ReleaseView], last_seen: float) -> None:
        """Each newly published release, once: put in the outbox before the record says so. A
        release dated well before the site was last seen is an old one added late (a backfill of
        the archive): investors are not mailed about it."""
        assert self.alerts is not None
        recent = last_seen - BACKFILL_SECONDS
        old = [view for view in fresh if view.date.timestamp() <= recent]
        if old:
            self.say(f"alerts: not sent for {len(old)} release(s) dated more than a day before the last "
                     f"publish (added to the archive): {', '.join(repr(v.title) for v in old[:3])}")
        due = [view for view in fresh if view.url not in self.record.alerted and view not in old]
        if not due:
            return
        self.alerts.queue(site, find_theme(site.config, self.options), due)
        self.record = self.record.but(alerted=self.record.alerted + tuple(view.url for view in due))
        save_record(self.path, self.record)

    def deploy(self, stamp: str | None = None) -> None:
        """Run the deploy command unless this very output was deployed; on failure try again later."""
        stamp = stamp or output_stamp(self.options.output)
        command = self.publish.deploy
        if command is None or stamp == self.record.deployed:
            if command is not None:
                self.say("deploy: nothing new since the last deploy")
            self.retry_at = None
            return
        done = run_deploy(command, self.options.output, self.options.root, self.publish.deploy_timeout)
        if done.ok:
            self.failures, self.retry_at = 0, None
            self.record = self.record.but(deployed=stamp)
            save_record(self.path, self.record)
            self.say(f"deployed: exit status 0 in {done.seconds:.2f} s")
            return
        self.failures += 1
        delay = self.publish.retry.delay(self.failures)
        self.retry_at = time.monotonic() + delay
        self.report(NewsroomError(f"deploy failed ({done.describe()}, attempt {self.failures}); "
                                  f"retrying in {delay:g} s"))
        self.say(f"deploy failed: {done.describe()}")

    def say_next(self) -> None:
        """What will be published next, and when (from the record when the build had nothing to do)."""
        if self.next_release is None:
            self.say("next: nothing scheduled; waiting for changes (Ctrl-C stops)")
            return
        titles = [title for when, title in self.record.upcoming
                  if datetime.fromisoformat(when) == self.next_release]
        what = ", ".join(repr(t) for t in titles) or "a scheduled release"
        left = seconds_until(self.next_release) or 0.0
        self.say(f"next: {what} at {self.next_release.isoformat()} (in {describe_wait(left)})")


def describe_wait(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [f"{n} {unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "min")) if n]
    return " ".join(parts[:2]) if parts else f"{secs} s"

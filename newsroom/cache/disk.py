"""A Memory kept on disk between command-line builds, in .newsroom-cache/build/.

What is kept is what was read and what cannot be had again cheaply: each release file's
signature and text key, the release without its body, its view (the body by key: bodies.py
holds them), the config and templates as read, and each search shard's manifest entry. The
pages, feeds and sitemap the last build made are not kept: they are a pure function of those
(site.plan_site), so the last plan is made again and its files, still in the output folder,
are reused while their inputs stay the same (stages/output.Kept). The releases are kept in
BUCKETS files by path, so a build that changed one release rewrites one file.

A kept memory is believed only whole: each file sealed with its checksum and this code's
version, each bucket the very one the main file names; and its outputs only when the output
folder is as the last build left it (record.py checks; `intact`).
"""

from __future__ import annotations

import shutil
import zlib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Optional

from newsroom.cache.bodies import BodyStore, StoredBody
from newsroom.cache.documents import ShardKept
from newsroom.cache.inputs import Signature
from newsroom.cache.memory import Memory
from newsroom.cache.record import RACY_NS
from newsroom.cache.store import Store, by_reference, without
from newsroom.stages.content import Release
from newsroom.stages.events import Event
from newsroom.stages.markup import RenderedBody, body_key
from newsroom.stages.render import common_context
from newsroom.stages.site import ReleaseView, plan_site
from newsroom.util.parallel import beside

BUCKETS = 16
PARALLEL_BODIES = 500  # fewer new bodies are stored sooner than a process is forked

# Per release file: the signature it was read at, its text's key, its body's key, the release without its body.
Entry = tuple[Optional[Signature], str, str, Release]


@dataclass(frozen=True)
class Plan:
    """What the last plan was made with, so that it can be made again."""

    now: datetime
    drafts: bool
    env: tuple[Any, ...]  # the pages' config, theme and asset names
    documents: dict[str, Any]  # what each feed, the sitemap and the search manifest were made from
    shards: tuple[ShardKept, ...]
    events: tuple[Event, ...] = ()  # the events it showed


class DiskMemory:
    """The memory of the last build into one output folder."""

    def __init__(self, folder: Path, output_key: str, version: str) -> None:
        self.main = Store(folder / f"memory-{output_key}.pickle", "memory", version)
        self.buckets = [Store(folder / f"memory-{output_key}-{n}.pickle", "memory-bucket", version)
                        for n in range(BUCKETS)]
        self.bodies = BodyStore(folder / "bodies.sqlite", version)
        self.compiled = folder / f"templates-{version[:16]}"  # compiled by this code: its settings shape them
        self._restored: dict[int, tuple[str, dict[str, tuple[Any, ...]]]] = {}  # per bucket: token, entries
        self._body_keys: set[str] = set()

    def restore(self, memory: Memory, intact_files: Callable[[str], frozenset[str] | None]) -> bool:
        """Give `memory` what the last build read and made; True when its outputs are reused too
        (`intact_files(token)` names the output files still as the build that kept the memory
        named `token` wrote them; None: none are)."""
        memory.bodies = self.bodies
        memory.pages.compiled = self.compiled
        for stale in self.compiled.parent.glob("templates-*"):
            if stale != self.compiled:
                shutil.rmtree(stale, ignore_errors=True)
        self.compiled.mkdir(parents=True, exist_ok=True)
        main = self.main.load()
        if not isinstance(main, dict) or not isinstance(main.get("plan"), Plan):
            return False
        store = self.bodies
        entries: dict[str, Entry] = {}
        views: dict[str, ReleaseView] = {}
        whole = True
        for n, bucket in enumerate(self.buckets):
            value = bucket.load(lambda key: StoredBody(key, store, memory.render_lost))  # see KEPT_AS
            if not isinstance(value, dict) or value.get("token") != main["buckets"].get(n):
                whole = False
                continue
            entries.update(value["releases"])
            views.update(value["views"])
            self._restored[n] = (value["token"], {path: identity(entry, value["views"].get(path))
                                                  for path, entry in value["releases"].items()})
        memory.inputs.restore(main["config"], main["zone"], main["templates"], entries)
        releases = {path: entry[3] for path, entry in entries.items()}
        memory.restore_views((releases[path], view) for path, view in views.items() if path in releases)
        self._body_keys = {view.body_key for view in views.values()}
        intact = intact_files(main["token"])
        if not whole or intact is None:
            return False
        plan: Plan = main["plan"]
        config = main["config"][1]
        ordered = tuple(sorted(releases.values(), key=lambda r: (r.date, r.slug), reverse=True))
        site = plan_site(config, ordered, memory.renderer, plan.now, drafts=plan.drafts, view=memory.view,
                         events=plan.events)
        memory.pages.seed(site.pages, common_context(site), plan.env, intact.__contains__)  # type: ignore[arg-type]
        memory.documents.seed(site, plan.documents, plan.shards, intact.__contains__)
        memory.planned, memory.events = (site, plan.env[1]), plan.events
        return True

    def save(self, memory: Memory, now: datetime, drafts: bool, started_ns: int, token: str,
             parallel: bool = False) -> None:
        """Keep what `memory` read and made (its last render was of `now`) under the name
        `token`. A release file (or a file beside it) changed within RACY_NS of `started_ns` is
        kept without its signature: the next build reads it again. With `parallel`, many new
        bodies are stored by a forked process meanwhile (a clean build's are half the work)."""
        by_path: dict[str, Entry] = {}
        read = memory.inputs.read()
        by_release = {id(release): path for path, (_, release) in read.items()}
        views = {by_release[id(release)]: view for release, view in memory.views() if id(release) in by_release}
        for path, (signature, release) in read.items():
            if signature is not None and signature[0] >= started_ns - RACY_NS:
                signature = None
            view = views.get(path)
            body = view.body_key if view is not None else _body_key(memory, release)
            known = memory.inputs.keys.get(path)
            by_path[path] = (signature, known[0] if known is not None and known[1] is release else "", body,
                             settled(release, started_ns - RACY_NS))  # kept without its body: KEPT_AS
        current = {view.body_key for view in views.values()}
        fresh = [view.body for view in views.values() if isinstance(view.body, RenderedBody)]
        gone = self._body_keys - current
        if parallel and len(fresh) >= PARALLEL_BODIES:
            beside(lambda: self.bodies.update(fresh, gone), lambda: self._save_entries(memory, now, drafts, token,
                                                                                       by_path, views))
        else:
            self._save_entries(memory, now, drafts, token, by_path, views)
            self.bodies.update(fresh, gone)

    def _save_entries(self, memory: Memory, now: datetime, drafts: bool, token: str, by_path: dict[str, Entry],
                      views: dict[str, ReleaseView]) -> None:
        """The buckets of entries (those that changed) and the main file naming them."""
        buckets: dict[int, dict[str, Entry]] = {n: {} for n in range(BUCKETS)}
        for path, entry in by_path.items():
            buckets[bucket_of(path)][path] = entry
        tokens = {}
        for n, entries in buckets.items():
            restored = self._restored.get(n)
            if restored is not None and restored[1] == {path: identity(entry, views.get(path))
                                                        for path, entry in entries.items()}:
                tokens[n] = restored[0]
                continue
            tokens[n] = f"{token}-{n}"
            self.buckets[n].save({"token": tokens[n], "releases": entries,
                                  "views": {path: views[path] for path in entries if path in views}}, KEPT_AS)
        config, zone, templates = memory.inputs.remembered
        plan = Plan(now, drafts, memory.pages.env_key, memory.documents.inputs(), tuple(memory.documents.kept()),
                    memory.events)
        self.main.save({"token": token, "config": config, "zone": zone, "templates": templates,
                        "plan": plan, "buckets": tokens})


def settled(release: Release, since_ns: int) -> Release:
    """The release as kept; a file of it saved since `since_ns` (just before it was read) is kept
    without its signature, so the next build reads it again, whatever its signature says then."""
    files = (*((release.image,) if release.image is not None else ()), *release.attachments)
    if not any(item.signature is not None and item.signature[0] >= since_ns for item in files):
        return release
    image = replace(release.image, signature=None) if release.image is not None else None
    return replace(release, image=image, attachments=tuple(replace(item, signature=None) for item in release.attachments))


def bucket_of(path: str) -> int:
    return zlib.crc32(path.encode()) % BUCKETS


def identity(entry: tuple[Any, ...], view: ReleaseView | None) -> tuple[Any, ...]:
    """An entry as it compares with the one kept: by signature and keys, and by the very
    release and view objects (restored ones are those kept)."""
    return entry[0], entry[1], entry[2], id(entry[3]), id(view)


# Bodies are kept apart (bodies.py), by key: a view is kept with its body's key only, a
# release without its body (the entry has its key).
KEPT_AS: dict[type, Callable[[Any], tuple[Any, ...]]] = {RenderedBody: by_reference(lambda body: (body.key,)),
                                                         StoredBody: by_reference(lambda body: (body.key,)),
                                                         Release: without(body="")}


def _body_key(memory: Memory, release: Release) -> str:
    """The key of a release's body: as restored (its body is not at hand), or of its body."""
    light = memory.inputs.light_body(release)
    return light if light is not None else body_key(release.body)

"""The `newsroom` command: the only place that prints and chooses exit codes."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from newsroom import __version__
from newsroom.errors import ErrorGroup, NewsroomError
from newsroom.project import BuildOptions, parse_now
from newsroom.util.parallel import default_jobs

if TYPE_CHECKING:
    from newsroom.importer.seeds import ImportResult

# Each command imports what it needs when it runs: a build with nothing to do answers
# before Markdown, Jinja, lunr or feedgen is imported (see newsroom/project.py).

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="config file (default: ./newsroom.toml)")
    parser.add_argument("--content", type=Path, help="content folder (default: ./content)")
    parser.add_argument("--output", type=Path, help="output folder (default: ./site)")
    parser.add_argument("--theme", help="theme name, overriding the config")
    parser.add_argument("--base-url", help="absolute site URL, overriding the config")
    parser.add_argument("--now", help="build as if it were this time (ISO 8601), e.g. for embargo tests")
    parser.add_argument("--drafts", action="store_true",
                        help="preview drafts and scheduled releases (needs --output other than ./site)")


def options_from(args: argparse.Namespace) -> BuildOptions:
    root = args.config.parent if args.config else Path(".")
    return BuildOptions(root=root, config_path=args.config, content_dir=args.content,
                        output_dir=args.output, theme=args.theme, base_url=args.base_url,
                        now=args.now, drafts=args.drafts, jobs=getattr(args, "jobs", 1),
                        cache_dir=None if getattr(args, "no_cache", True) else root / ".newsroom-cache")


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def refuse_publishing_drafts(output: Path, root: Path) -> None:
    """A preview with drafts never writes where a deploy would publish it, however the path is spelled."""
    from newsroom.errors import OutputError
    from newsroom.stages.output import published_folder, published_message
    site = root / "site"
    published = published_folder(output, site)
    if published == site:
        raise UsageError(f"--drafts never writes to the published ./site folder ({output} is it, "
                         "or lies inside it); add --output with a preview folder")
    if published is not None:
        raise OutputError(published_message(output, published))


def cmd_build(args: argparse.Namespace) -> int:
    options = options_from(args)
    if options.drafts:
        refuse_publishing_drafts(options.output, options.root)
    from newsroom.cache.record import BuildCache
    started = time.perf_counter()
    stored = BuildCache(options) if options.cache_dir else None
    result = stored.unchanged_result(started) if stored is not None else None
    if result is None:
        from newsroom.build import build
        from newsroom.util.progress import ProgressBar
        bar = ProgressBar(sys.stderr)
        try:
            result = build(options, stored=stored, progress=bar)
        finally:
            bar.close()
    for note in (*result.notes, *([stored.note] if stored is not None and stored.note else [])):
        print(note)
    stats = result.stats
    done = ("nothing changed since the last build (cache in .newsroom-cache/)" if stats is None else
            f"{stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed")
    print(f"built {result.releases} releases into {options.output}/: {result.files} files "
          f"({done}) in {result.seconds:.2f} s")
    print_scheduled(range(result.scheduled), result.next_scheduled)
    return EXIT_OK


def print_scheduled(scheduled: Sequence[object], next_time: datetime | None) -> None:
    if next_time is not None:
        print(f"scheduled: {len(scheduled)} (next: {next_time.isoformat()})")


def cmd_check(args: argparse.Namespace) -> int:
    from newsroom.build import build
    result = build(options_from(args), write=False)
    for note in result.notes:
        print(note)
    print(f"ok: {len(result.site.releases)} releases, {result.files} files would be written")
    print_scheduled(result.site.scheduled, result.site.next_scheduled)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from newsroom.scaffold import new_release
    from newsroom.stages.config import read_config
    options = options_from(args)
    config, _ = read_config(options)
    path = new_release(options.content, args.headline, parse_now(args.now, config.tz))
    print(path)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from newsroom.importer.seeds import ERROR, find_seeds, import_seeds
    root = Path(".")
    paths = args.paths or [root / "seeds"]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(str(p) for p in missing)}")
    results = import_seeds(find_seeds(paths), args.into, root, force=args.force, dry_run=args.dry_run,
                           today=date.today())
    for result in results:
        print_import_line(result, args.dry_run)
    drafts = [r for r in results if r.draft is not None and r.status != ERROR]
    if drafts:
        print_import_table(drafts)
    statuses = dict.fromkeys(r.status for r in results)
    counts = {status: sum(r.status == status for r in results) for status in statuses}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items()) or "no seeds found"
    print(f"{'dry run: nothing written; ' if args.dry_run else ''}{summary}")
    return EXIT_ERROR if counts.get(ERROR) else EXIT_OK


def print_import_line(result: ImportResult, dry_run: bool) -> None:
    from newsroom.importer.seeds import ERROR
    if result.status == ERROR:
        print(f"error: {result.seed}: {result.message}", file=sys.stderr)
        return
    label = f"{result.status} (edited by hand)" if result.status == "skipped" else result.status
    would = "would be " if dry_run and result.status in ("created", "updated") else ""
    print(f"{would}{label}: {result.target}  <- {result.seed}")
    for note in result.notes:
        print(f"  note: {note}")


def print_import_table(results: list[ImportResult]) -> None:
    """What each release's text gave: a dash where it gave nothing, and what is missing said."""
    rows = [("date", "dateline", "wire", "tickers", "tags", "missing", "title")]
    for result in results:
        draft = result.draft
        assert draft is not None
        when = draft.date.isoformat() + (f" {draft.time:%H:%M} {draft.zone}" if draft.time else "")
        missing = [name for name, value in (("dateline", draft.location), ("wire", draft.wire),
                                            ("headline", draft.headline_found), ("tag", draft.tags)) if not value]
        rows.append((when, draft.location or "-", draft.wire or "-", " ".join(draft.tickers) or "-",
                     ", ".join(draft.tags) or "-", ", ".join(missing) or "-", draft.title))
    rows = [tuple(cell if len(cell) <= 30 or i == 6 else cell[:29] + "\u2026" for i, cell in enumerate(row))
            for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    for row in rows:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[6])


def stop_serving(signum: int, frame: object) -> None:
    """SIGTERM stops a preview as cleanly as Ctrl-C does."""
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    from newsroom.preview.app import (
        ServeOptions,
        is_loopback,
        preview_folder,
        run_preview,
        usable_preview_folder,
    )
    options = options_from(args)
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number (0-65535; 0 picks a free one)")
    if args.drafts:  # before a folder is made: the cache folder itself could be a link into ./site
        refuse_publishing_drafts(args.output or preview_folder(options.root, True), options.root)
    output, note = (args.output, None) if args.output else usable_preview_folder(options.root, args.drafts)
    if note:
        print(note, flush=True)
    if not is_loopback(args.host):
        print(f"warning: serving on {args.host}: other machines on the network can see this preview "
              "(drafts included with --drafts); the default is 127.0.0.1", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, stop_serving)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored
    try:
        run_preview(replace(options, output_dir=output), ServeOptions(args.host, args.port, args.poll),
                    say=lambda line: print(line, flush=True), report=report)
    finally:
        if note:  # the temporary preview folder goes with the preview
            shutil.rmtree(output, ignore_errors=True)
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from newsroom.publish.deploy import Backoff
    from newsroom.publish.loop import Publisher, PublishOptions
    options = options_from(args)
    if args.drafts:
        raise UsageError("publish never publishes drafts; preview them with `newsroom serve --drafts`")
    if args.now is not None:
        raise UsageError("publish runs on the real clock; --now is for `newsroom build` and `check`")
    for name, value in (("--retry-delay", args.retry_delay), ("--deploy-timeout", args.deploy_timeout)):
        if not value > 0:
            raise UsageError(f"{name} {value:g}: must be more than 0 seconds")
    alerts = None
    if args.notify:
        from newsroom.publish.mailer import open_alerts
        alerts = open_alerts(options, Backoff(args.retry_delay))
    publish = PublishOptions(deploy=args.deploy, retry=Backoff(args.retry_delay),
                             deploy_timeout=args.deploy_timeout, poll=args.poll)
    stopper = Stopper()
    signal.signal(signal.SIGTERM, stopper)
    signal.signal(signal.SIGINT, stopper)
    try:
        Publisher(options, publish, say=say_at, report=report, alerts=alerts).run()
    except KeyboardInterrupt:  # stopped before the loop began: nothing is half-done either
        say_at("stopped")
    return EXIT_OK


class Stopper:
    """The signal handler of `publish`: the first Ctrl-C or SIGTERM stops it cleanly; another
    within a second (a process group signalled twice, as `timeout` does) is ignored; one after
    that ends the process at once, whatever the clean stop is waiting for."""

    def __init__(self) -> None:
        self.first: float | None = None

    def __call__(self, signum: int, frame: object) -> None:
        if self.first is None:
            self.first = time.monotonic()
            raise KeyboardInterrupt
        if time.monotonic() - self.first > 1.0:
            print("stopped at once", file=sys.stderr, flush=True)
            os._exit(130)


def say_at(line: str) -> None:
    """A line of the publish log, stamped with the time (the journal, a CI log)."""
    print(f"{datetime.now().astimezone().isoformat(timespec='seconds')} {line}", flush=True)


class UsageError(Exception):
    """A command line that makes no sense; exit code 2."""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsroom", description="Build an investor-relations newsroom.")
    parser.add_argument("--version", action="version", version=f"newsroom {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_parser = commands.add_parser("build", help="build the site into ./site")
    add_build_options(build_parser)
    build_parser.add_argument("-j", "--jobs", type=positive_int, default=default_jobs(),
                              help=f"processes rendering in parallel (default: all {default_jobs()} cores)")
    build_parser.add_argument("--no-cache", action="store_true",
                              help="neither read nor write the build cache in .newsroom-cache/")
    build_parser.set_defaults(run=cmd_build)
    check_parser = commands.add_parser("check", help="validate config, content and theme; write nothing")
    add_build_options(check_parser)
    check_parser.set_defaults(run=cmd_check)
    new_parser = commands.add_parser("new", help="scaffold a release file and print its path")
    new_parser.add_argument("headline")
    add_build_options(new_parser)
    new_parser.set_defaults(run=cmd_new)
    import_parser = commands.add_parser("import", help="turn raw wire releases into content files")
    import_parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                               help="wire text files or folders of them (default: seeds/)")
    import_parser.add_argument("--into", type=Path, default=Path("content/releases"),
                               help="folder to write YYYY/<slug>.md into (default: content/releases)")
    import_parser.add_argument("--force", action="store_true", help="replace content files edited by hand")
    import_parser.add_argument("--dry-run", action="store_true", help="say what would happen; write nothing")
    import_parser.set_defaults(run=cmd_import)
    serve_parser = commands.add_parser("serve", help="build, preview at http://127.0.0.1:8000/ and rebuild on every change")
    add_build_options(serve_parser)
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve_parser.add_argument("--poll", action="store_true",
                              help="poll for changes, for mounts where file events do not arrive")
    serve_parser.set_defaults(run=cmd_serve)
    publish_parser = commands.add_parser(
        "publish", help="build now, then at each scheduled release's time and on each change; deploy")
    add_build_options(publish_parser)
    publish_parser.add_argument("-j", "--jobs", type=positive_int, default=default_jobs(),
                                help=f"processes rendering in parallel (default: all {default_jobs()} cores)")
    publish_parser.add_argument("--deploy", metavar="COMMAND",
                                help="shell command run after each publish; the output folder is in $NEWSROOM_OUTPUT")
    publish_parser.add_argument("--retry-delay", type=float, default=5.0, metavar="SECONDS",
                                help="first wait before retrying a failed deploy or email alert, doubled each time "
                                     "up to 5 min (default: 5)")
    publish_parser.add_argument("--deploy-timeout", type=float, default=900.0, metavar="SECONDS",
                                help="a deploy running longer has failed (default: 900)")
    publish_parser.add_argument("--notify", action="store_true",
                                help="email each newly published release (see [alerts] in newsroom.toml)")
    publish_parser.add_argument("--poll", action="store_true",
                                help="poll for changes, for mounts where file events do not arrive")
    publish_parser.set_defaults(run=cmd_publish, no_cache=False)
    return parser


def report(error: NewsroomError) -> None:
    errors = error.errors if isinstance(error, ErrorGroup) else (error,)
    for item in errors:
        print(f"error: {item}", file=sys.stderr, flush=True)
    if len(errors) > 1:
        print(f"{len(errors)} errors; nothing was written", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"newsroom: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NewsroomError as exc:
        report(exc)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """The command as a process (console script, `python -m newsroom`): main(), then exit at
    once. Freeing a large build's million objects one by one takes a quarter of a second, and
    the process ends anyway; everything it wrote is closed by then."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

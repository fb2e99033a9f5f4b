"""``archiver status [--archive DIR]``: what the archive holds; each site's articles, last run, last change, errors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, is_archive, relative
from archiver.crawl.failures import FailureKind, failure_kind
from archiver.failing import FailingUrl, failing_urls, run_files, site_state_paths
from archiver.profiles import ProfileError, resolve_profile
from archiver.records.catalog import RecordKind, record_entries
from archiver.state.db import SUFFIX, CrawlState

HELP = """What the archive DIR holds, whatever filled it (crawls or `archiver archive`):
records (current and earlier versions), WARC files and bytes, runs, and how many
URLs are failing (errors, and broken links apart: HTTP 404/410). Then, for each
site crawled into DIR (its state in DIR/state/<site>.sqlite3): how many articles it
has, when its last run started and how it ended (finished, shutdown, or killed:
never ended), what that run found (new, changed, unchanged articles, revisits),
when an article last changed, and how many pages failed on their last fetch;
records archived outside crawls are summed up by host. --failures lists the
failing URLs instead (as `archiver failures`). --json prints one JSON object per
site (or host, for records archived outside crawls). Exit 0, or 2 when DIR is not
an archive."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("status", help="what the archive holds; per site: articles, last run, errors",
                                   description=HELP)  # fmt: skip
    add_archive_option(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per site (JSON Lines)")
    parser.add_argument(
        "--failures", action="store_true", help="list the failing URLs (as archiver failures)"
    )
    parser.add_argument("--redis", metavar="URL", help="show the crawls shared through the Redis at URL "
                        "instead: queue, seen URLs, workers' counts (see the README on shared crawls)")  # fmt: skip
    parser.add_argument("sites", nargs="*", metavar="SITE", help="with --redis: only these sites")
    return parser


def _counts(failures: list[FailingUrl]) -> dict[str, int]:
    errors = sum(1 for failure in failures if failure.kind == FailureKind.ERROR)
    return {"errors": errors, "broken_links": len(failures) - errors}


def site_status(path: Path) -> dict[str, Any]:
    """The status of the site whose state database is ``path``."""
    state = CrawlState(path)
    try:
        pages = list(state.pages())
        runs = state.runs()
    finally:
        state.close()
    last = runs[0] if runs else {}
    failing = [page for page in pages if page.error]
    broken = sum(1 for page in failing if failure_kind(page.status) == FailureKind.BROKEN_LINK)
    return {
        "site": path.name.removesuffix(SUFFIX),
        "host": None,
        "articles": sum(1 for page in pages if page.record_id),
        "pages": len(pages),
        "errors": len(failing) - broken,
        "broken_links": broken,
        "last_change": max((page.changed_at for page in pages if page.changed_at), default=None),
        "runs": len(runs),
        "last_run": {key: last.get(key) for key in ("run_id", "started_at", "finished_at", "finish_reason",
                                                      "pages", "new", "changed", "unchanged", "revisits",
                                                      "errors")} if last else None,
    }  # fmt: skip


def host_statuses(archive: Path, runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per host, the records no crawl state holds (made by ``archiver archive``) and their failures."""
    entries = [entry for entry in record_entries(archive) if entry.site is None]
    failing = [failure for failure in failing_urls(archive) if failure.site is None]
    hosts = sorted({entry.host for entry in entries} | {urlsplit(f.url).netloc.lower() for f in failing})
    stateless = [run for run in runs if run.get("site") is None]
    last = stateless[-1] if stateless else None
    out = []
    for host in hosts:
        mine = [entry for entry in entries if entry.host == host]
        out.append({
            "site": None, "host": host, "articles": len(mine), "pages": None,
            **_counts([f for f in failing if urlsplit(f.url).netloc.lower() == host]),
            "last_change": max((e.fetched_at for e in mine if e.fetched_at), default=None),
            "runs": len(stateless),
            "last_run": {key: last.get(key) for key in ("run_id", "started_at", "finished_at", "finish_reason",
                                                          "state", "pages_fetched", "articles", "error_count")}
            if last else None,
        })  # fmt: skip
    return out


def archive_overview(archive: Path, runs: list[dict[str, Any]]) -> list[str]:
    """What the archive holds, in a few lines."""
    current = sum(1 for _ in record_entries(archive))
    earlier = sum(1 for _ in record_entries(archive, (RecordKind.EARLIER,)))
    warcs = sorted((archive / "warc").glob("*.warc.gz")) if (archive / "warc").is_dir() else []
    size = sum(path.stat().st_size for path in warcs)
    counts = _counts(failing_urls(archive))
    lines = [f"archive {relative(archive)}: {current} records ({earlier} earlier versions), "
             f"{len(warcs)} WARC files ({size / 1e6:.1f} MB), {len(runs)} runs; failing: "
             f"{counts['errors']} errors, {counts['broken_links']} broken links (archiver failures lists them)"]  # fmt: skip
    if runs:
        last = runs[-1]
        lines.append(f"  last run {last.get('started_at')} ({last.get('site') or last.get('spider')}): "
                     f"{last.get('state') or last.get('finish_reason')}")  # fmt: skip
    return lines


def status_lines(status: dict[str, Any]) -> list[str]:
    """The status of one site (or host) for the operator."""
    run = status["last_run"]
    if status["site"] is None:
        return [f"{status['host']} (archived outside crawls): {status['articles']} articles, last capture "
                f"{status['last_change'] or 'never'}, {status['errors']} URL(s) failing, "
                f"{status['broken_links']} broken link(s)"]  # fmt: skip
    lines = [f"{status['site']}: {status['articles']} articles, {status['pages']} pages known, "
             f"last change {status['last_change'] or 'never'}, {status['errors']} page(s) failing, "
             f"{status['broken_links']} broken link(s)"]  # fmt: skip
    if run:
        ended = run["finish_reason"] or "did not end (killed? the next run resumes it)"
        if run["finish_reason"] == "shutdown":
            ended = "interrupted (the next run resumes it)"
        lines.append(f"  last run {run['started_at']}: {ended}; {run['pages'] or 0} pages fetched, "
                     f"{run['new'] or 0} new, {run['changed'] or 0} changed, {run['unchanged'] or 0} unchanged "
                     f"articles, {run['revisits'] or 0} revisits, {run['errors'] or 0} errors")  # fmt: skip
    return lines


def run(args: argparse.Namespace) -> int:
    if args.redis or args.sites:
        if not args.redis:
            return exitcodes.usage_error("status", "SITE needs --redis URL")
        return show_shared_crawls(args.redis, args.sites, args.json)
    if args.failures:
        from archiver.cli.failures import show_failures

        args.site = args.kind = None
        return show_failures(args)
    if not is_archive(args.archive):
        return exitcodes.usage_error(
            "status", f"{relative(args.archive)} is not an archive (no warc/, records/ or state/)"
        )
    runs = run_files(args.archive)
    statuses = [site_status(path) for path in site_state_paths(args.archive)]
    statuses += host_statuses(args.archive, runs)
    if args.json:
        for status in statuses:
            print(json.dumps(status))
        return exitcodes.OK
    print("\n".join(archive_overview(args.archive, runs)))
    for status in statuses:
        print("\n".join(status_lines(status)))
    return exitcodes.OK


def show_shared_crawls(redis_url: str, targets: list[str], as_json: bool) -> int:
    """``archiver status --redis URL [SITE ...]``: print each shared crawl; its exit code."""
    import redis

    from archiver.distributed.status import connect, crawl_status, shared_sites, status_text

    try:
        server = connect(redis_url)
        sites = [resolve_profile(target).name for target in targets] or shared_sites(server)
        statuses = [crawl_status(server, site) for site in sites]
    except (ValueError, ProfileError, redis.RedisError) as exc:
        print(f"archiver status: {exc}", file=sys.stderr)
        return exitcodes.USAGE
    if not statuses:
        print(f"archiver status: no shared crawl in {redis_url}", file=sys.stderr)
        return exitcodes.USAGE
    for status in statuses:
        print(json.dumps(status) if as_json else status_text(status))
    return exitcodes.OK

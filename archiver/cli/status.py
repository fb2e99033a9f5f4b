"""``archiver status [--archive DIR]``: each site's crawl state: articles, last run, last change, errors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from archiver.capture.digestindex import SqliteDigestIndex
from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option, relative
from archiver.profiles import ProfileError, resolve_profile
from archiver.state import state_dir
from archiver.state.db import SUFFIX, CrawlState

HELP = """For each site crawled into DIR (its state in DIR/state/<site>.sqlite3): how many
articles it has, when its last run started and how it ended (finished, shutdown,
or killed: never ended), what that run found (new, changed, unchanged articles,
revisits), when an article last changed, and how many pages failed on their last
fetch. --json prints one JSON object per site. Exit 0, or 2 when DIR has no state."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("status", help="per site: articles, last run, last change, errors",
                                   description=HELP)  # fmt: skip
    add_archive_option(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per site")
    parser.add_argument("--redis", metavar="URL", help="show the crawls shared through the Redis at URL "
                        "instead: queue, seen URLs, workers' counts (see the README on shared crawls)")  # fmt: skip
    parser.add_argument("sites", nargs="*", metavar="SITE", help="with --redis: only these sites")
    return parser


def site_status(path: Path) -> dict[str, Any]:
    """The status of the site whose state database is ``path``."""
    state = CrawlState(path)
    try:
        pages = list(state.pages())
        runs = state.runs()
    finally:
        state.close()
    last = runs[0] if runs else {}
    return {
        "site": path.name.removesuffix(SUFFIX),
        "articles": sum(1 for page in pages if page.record_id),
        "pages": len(pages),
        "errors": sum(1 for page in pages if page.error),
        "last_change": max((page.changed_at for page in pages if page.changed_at), default=None),
        "runs": len(runs),
        "last_run": {key: last.get(key) for key in ("run_id", "started_at", "finished_at", "finish_reason",
                                                      "pages", "new", "changed", "unchanged", "revisits",
                                                      "errors")} if last else None,
    }  # fmt: skip


def status_lines(status: dict[str, Any]) -> list[str]:
    """The status of one site for the operator."""
    run = status["last_run"]
    lines = [f"{status['site']}: {status['articles']} articles, {status['pages']} pages known, "
             f"last change {status['last_change'] or 'never'}, {status['errors']} page(s) failing"]  # fmt: skip
    if run:
        ended = run["finish_reason"] or "did not end (killed? the next run resumes it)"
        lines.append(f"  last run {run['started_at']}: {ended}; {run['pages'] or 0} pages fetched, "
                     f"{run['new'] or 0} new, {run['changed'] or 0} changed, {run['unchanged'] or 0} unchanged "
                     f"articles, {run['revisits'] or 0} revisits, {run['errors'] or 0} errors")  # fmt: skip
    return lines


def run(args: argparse.Namespace) -> int:
    if args.redis or args.sites:
        if not args.redis:
            return exitcodes.usage_error("status", "SITE needs --redis URL")
        return show_shared_crawls(args.redis, args.sites, args.json)
    folder = state_dir(args.archive)
    paths = sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []
    paths = [path for path in paths if path.name != SqliteDigestIndex.FILENAME]
    if not paths:
        return exitcodes.usage_error("status", f"no crawl state in {relative(folder)}")
    for path in paths:
        status = site_status(path)
        print(json.dumps(status) if args.json else "\n".join(status_lines(status)))
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

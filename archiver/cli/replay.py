"""``archiver replay``: browse the archive with pywb on a loopback address."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from archiver.cli import exitcodes
from archiver.cli.common import add_archive_option
from archiver.index.cdxj import refresh_indexes
from archiver.records.store import RecordStore
from archiver.webarchive.replay import LOOPBACK, ReplayServer
from archiver.webarchive.tools import ENV_BIN_DIR, ToolsError, default_tools_venv

HELP = f"""Serve the archive with pywb (the `wayback` replay server) on {LOOPBACK}, so
an operator can browse what was captured as it was served, and print the replay
URL of each article record. pywb reads the archive in place (DIR/warc and the CDXJ
indexes in DIR/indexes). It listens on {LOOPBACK} unless --bind names another
address. Ctrl-C stops it.
pywb and wacz run from their own virtualenv, as their pinned libraries conflict
with ours: ${ENV_BIN_DIR} if set, else a folder on PATH with wayback, wb-manager
and wacz, else {default_tools_venv()} (created with pip on first use)."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "replay", help="browse the archive with pywb on 127.0.0.1", description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument(
        "-p", "--port", type=int, default=8080, help="port to listen on (default 8080; 0: any)"
    )
    parser.add_argument("--bind", metavar="ADDRESS", default=LOOPBACK,
                        help=f"address to listen on (default {LOOPBACK}; 0.0.0.0 exposes the archive)")  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true", help="show pywb's request log")
    add_archive_option(parser)
    return parser


def article_records(archive: Path) -> list[dict[str, Any]]:
    """The archive's article records that point to a capture, by URL."""
    records = [json.loads(path.read_text(encoding="utf-8")) for path in RecordStore(archive / "records")]
    return sorted((r for r in records if r.get("warc") and r.get("fetched_at")), key=lambda r: r["url"])


def timestamp14(rfc3339: str) -> str:
    """``2026-11-24T10:40:28.123456Z`` → ``20261124104028``."""
    return "".join(ch for ch in rfc3339 if ch.isdigit())[:14]


def run(args: argparse.Namespace) -> int:
    if not (args.archive / "warc").is_dir():
        return exitcodes.usage_error("replay", f"{args.archive}: no WARC folder (not an archive?)")
    refresh_indexes(args.archive)
    exitcodes.stop_on_sigterm()
    try:
        with ReplayServer(args.archive, args.bind, args.port, quiet=not args.verbose) as server:
            records = article_records(args.archive)
            for record in records:
                replay_url = server.url(timestamp14(record["fetched_at"]), record["url"])
                print(f"{replay_url}\t{record.get('title') or ''}")
            print(f"replaying {args.archive} at {server.collection_url} ({len(records)} articles); "
                  "Ctrl-C stops", flush=True)  # fmt: skip
            assert server.process is not None
            server.process.wait()
    except (ToolsError, RuntimeError, TimeoutError) as exc:
        print(f"archiver replay: {exc}", file=sys.stderr)
        return exitcodes.PARTIAL
    return exitcodes.OK

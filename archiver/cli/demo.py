"""``archiver demo``: serve the bundled demo site on 127.0.0.1 and crawl it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import relative

#: The demo profile's port: the same URLs, hence the same record ids, run after run.
DEMO_PORT = 8765

HELP = """The main job on the bundled demo site, with no network: serve the demo
observatory (archiver/demo/site: articles, paginated listings, tags, authors,
robots.txt, sitemaps, a feed, a PDF) on 127.0.0.1, crawl it with
`archiver crawl URL --profile demo` into the archive folder, and print where the
WARC files and the JSON records went. With --serve, keep the site up afterwards
so you can run other commands against it (Ctrl-C or SIGTERM stops it: exit 130
or 143)."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "demo", help="crawl the bundled demo site (no network needed)", description=HELP
    )
    parser.add_argument("--archive", metavar="DIR", type=Path, default=Path("archive"),
                        help="archive folder (default: ./archive)")  # fmt: skip
    parser.add_argument("--port", type=int, default=DEMO_PORT,
                        help=f"port of the demo site (default: {DEMO_PORT}, or a free one when it is taken)")  # fmt: skip
    parser.add_argument("--serve", action="store_true", help="keep serving the demo site after the crawl")
    return parser


def run(args: argparse.Namespace) -> int:
    from archiver.cli import main
    from archiver.demo import serve_demo

    exitcodes.stop_on_sigterm()  # the crawl takes the signals over while it runs, then gives them back
    try:
        server = serve_demo(args.port)
    except OSError as exc:
        if args.port != DEMO_PORT:
            return exitcodes.usage_error("demo", f"cannot serve on port {args.port}: {exc.strerror}")
        server = serve_demo(0)
    try:
        print(f"archiver demo: demo site at {server.base_url}/", file=sys.stderr)
        code = main(["crawl", server.base_url + "/", "--profile", "demo", "--archive", str(args.archive)])
        warcs = sorted((args.archive / "warc").glob("*.warc.gz"))
        records = sorted((args.archive / "records").rglob("*.json"))
        print(f"\nWARC files ({len(warcs)}) in {relative(args.archive / 'warc')}:")
        for path in warcs:
            print(f"  {path.name}")
        print(f"JSON records ({len(records)}) in {relative(args.archive / 'records')}:")
        for path in records:
            print(f"  {relative(path)}")
        if args.serve:
            print(f"serving {server.base_url}/ until Ctrl-C", file=sys.stderr)
            server.wait()
        return code
    finally:
        server.stop()

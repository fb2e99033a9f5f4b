"""``archiver extract PAGE.html --url URL``: the record a saved page would get."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.record import build_record

HELP = """Run extraction on a saved HTML file, with no network, and print the JSON record
the page would get (without fetch fields or WARC pointer) on stdout. Use it to
check what the archiver makes of a page before crawling its site."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "extract", help="print the record a saved HTML page would get", description=HELP
    )
    parser.add_argument("page", type=Path, metavar="PAGE.html", help="the saved page, as the server sent it")
    parser.add_argument("--url", required=True, help="the URL the page was served from")
    parser.add_argument("--header", action="append", default=[], metavar="NAME:VALUE",
                        help="a response header, e.g. 'Content-Type: text/html; charset=iso-8859-1'")  # fmt: skip
    return parser


def run(args: argparse.Namespace) -> int:
    from archiver.extraction import extract_article

    try:
        html = args.page.read_bytes()
    except OSError as exc:
        print(f"archiver extract: cannot read {args.page}: {exc.strerror}", file=sys.stderr)
        return exitcodes.USAGE
    headers = dict(h.split(":", 1) for h in args.header if ":" in h)
    fields = extract_article(html, args.url, {k.strip(): v.strip() for k, v in headers.items()})
    json.dump(build_record(fields, url=args.url), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return exitcodes.OK

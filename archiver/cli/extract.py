"""``archiver extract PAGE.html --url URL`` or ``archiver extract FILE.warc.gz ...``: records, no network."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from archiver.cli import exitcodes
from archiver.records.build import build_record

HELP = """Run extraction with no network and print records on stdout.

On a saved HTML page (with --url): the JSON record the page would get, without
fetch fields or WARC pointer. Use it to check what the archiver makes of a page
before crawling its site.

On WARC files (told by name or by their first bytes): one JSON record per line
(JSON Lines) for each response record that gets one, exactly as the crawl's
record pipeline decides and builds it: fetch time, redirects and WARC pointer
included. A page is skipped when its page metadata, or the response its revisit
record refers to, lies in a WARC file not given: pass them all (archive/warc/*)."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "extract", help="print the records of a saved HTML page or of WARC files", description=HELP
    )
    parser.add_argument("files", type=Path, nargs="+", metavar="PAGE.html|FILE.warc.gz",
                        help="a saved page, as the server sent it, or WARC files")  # fmt: skip
    parser.add_argument("--url", help="the URL the page was served from (HTML pages only)")
    parser.add_argument("--header", action="append", default=[], metavar="NAME:VALUE",
                        help="a response header, e.g. 'Content-Type: text/html; charset=iso-8859-1'")  # fmt: skip
    return parser


def run(args: argparse.Namespace) -> int:
    from archiver.capture.reading import is_warc_file

    try:
        warcs = [is_warc_file(path) for path in args.files]
    except OSError as exc:
        return exitcodes.usage_error("extract", f"cannot read {exc.filename}: {exc.strerror}")
    if all(warcs):
        if args.url or args.header:
            return exitcodes.usage_error(
                "extract", "--url and --header are for HTML pages; a WARC file names its URLs"
            )
        return extract_warcs(args.files)
    if len(args.files) > 1 or not args.url:
        return exitcodes.usage_error("extract", "give one HTML page and its --url, or WARC files only")
    return extract_page(args.files[0], args.url, args.header)


def extract_page(page: Path, url: str, header_lines: list[str]) -> int:
    """Print the record of one saved HTML page."""
    from archiver.extraction import extract_article

    html = page.read_bytes()
    headers = dict(h.split(":", 1) for h in header_lines if ":" in h)
    fields = extract_article(html, url, {k.strip(): v.strip() for k, v in headers.items()})
    json.dump(build_record(fields, url=url), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return exitcodes.OK


def extract_warcs(paths: list[Path]) -> int:
    """Print, as JSON Lines, each record the pages of the WARC files get (versions included)."""
    from archiver.capture.reading import warc_runs_pages
    from archiver.records.rebuild import store_records

    def written(record: dict) -> None:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")

    with tempfile.TemporaryDirectory(prefix="archiver-extract-") as scratch:
        errors = store_records(warc_runs_pages(paths), Path(scratch), written)
    for error in errors:
        print(f"archiver extract: {error}", file=sys.stderr)
    return exitcodes.PARTIAL if errors else exitcodes.OK

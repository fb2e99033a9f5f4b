"""``archiver archive URL ...``: capture URLs now, print each record's path."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy import signals

from archiver.cli import exitcodes
from archiver.cli.common import MAX_URL_LENGTH, add_run_options, check_url, check_writable, relative, shown
from archiver.crawler import crawl_settings, parse_overrides, run_spider
from archiver.page import FetchedPage

HELP = """Fetch each URL once through Scrapy, write what the server sent to a WARC file
(request and response records, redirect hops included) and, for an article page,
its JSON record. Prints, per URL, the record's path or why there is none, then a
summary. Exit 0 when every URL was captured whole with a 2xx status, 1 when any
failed (network error, HTTP error, cut-off body), 2 on a usage error (nothing is
fetched or written then)."""

#: Defaults of an operator's "archive now": fast, no extraction processes to start.
ARCHIVE_DEFAULTS = {
    "ARCHIVER_EXTRACT_WORKERS": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "LOG_LEVEL": "WARNING",
}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("archive", help="archive one or more URLs now", description=HELP)
    parser.add_argument("urls", nargs="*", metavar="URL", help="http(s) URL to archive")
    parser.add_argument("-i", "--input", metavar="FILE", type=Path,
                        help="read URLs from FILE, one per line (# starts a comment; - for stdin)")  # fmt: skip
    parser.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    add_run_options(parser)
    return parser


def read_urls(args: argparse.Namespace) -> list[str]:
    urls = list(args.urls)
    if args.input:
        text = sys.stdin.read() if str(args.input) == "-" else args.input.read_text(encoding="utf-8")
        urls += [line.split("#", 1)[0].strip() for line in text.splitlines()]
    return [url for url in urls if url]


def run(args: argparse.Namespace) -> int:
    try:
        urls = read_urls(args)
        overrides = parse_overrides(args.settings)
    except (OSError, ValueError) as exc:
        return exitcodes.usage_error("archive", str(exc))
    max_length = int(overrides.get("URLLENGTH_LIMIT", MAX_URL_LENGTH))
    bad = [(url, reason) for url in urls if (reason := check_url(url, max_length))]
    if not urls or bad:
        for url, reason in bad:
            print(f"archiver archive: {shown(url)}: {reason}", file=sys.stderr)
        if not urls:
            print("archiver archive: no URL given (see --help)", file=sys.stderr)
        return exitcodes.USAGE
    if unwritable := check_writable(args.archive):
        return exitcodes.usage_error("archive", unwritable)
    if args.ignore_robots:
        overrides.setdefault("ROBOTSTXT_OBEY", False)
    if args.verbose:
        overrides.setdefault("LOG_LEVEL", "INFO")
    settings = crawl_settings(args.archive, overrides, defaults=ARCHIVE_DEFAULTS)

    pages: dict[str, FetchedPage] = {}

    def scraped(item: object, response: object, spider: object) -> None:
        if isinstance(item, FetchedPage):
            pages[response.request.cb_kwargs.get("asked", item.requested_url)] = item

    from archiver.capture.recovery import repair_archive
    from spiders.urls import UrlsSpider

    repair_archive(args.archive)  # what a killed run left: its records then point at closed files

    crawler = run_spider(UrlsSpider, settings, {signals.item_scraped: scraped}, urls=urls)
    return report(urls, pages, crawler.spider.failures, args.archive)


def report(urls: list[str], pages: dict[str, FetchedPage], failures: dict[str, str], archive: Path) -> int:
    """Print one line per URL and a summary; return the exit code."""
    recorded = captured = failed = 0
    warcs: set[str] = set()
    for url in urls:
        page = pages.get(url)
        if page is None:
            failed += 1
            print(f"FAIL {url}: {failures.get(url, 'no response')}")
            continue
        if page.capture:
            warcs.add(page.capture["filename"])
        where = f" [WARC {page.capture['filename']}]" if page.capture else ""
        if page.record_path:
            recorded += 1
            print(f"OK   {url} -> {relative(page.record_path)}")
        elif (
            page.truncated
            or not 200 <= page.status < 300
            or (page.note or "").startswith(
                ("extraction failed", "HTML of", "record not written", "metadata record")
            )
        ):
            failed += 1
            print(f"FAIL {url}: {page.note}{where}")
        else:
            captured += 1
            print(f"OK   {url}: captured, no record: {page.note}{where}")
    print(
        f"{len(urls)} URL(s): {recorded} recorded, {captured} captured without record, {failed} failed; "
        f"WARC in {relative(archive / 'warc')} ({', '.join(sorted(warcs)) or 'nothing written'}), "
        f"records in {relative(archive / 'records')}"
    )
    return exitcodes.PARTIAL if failed else exitcodes.OK

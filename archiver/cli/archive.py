"""``archiver archive URL ...``: capture URLs now, print each record's path."""

from __future__ import annotations

import argparse
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.http import Response

from archiver.cli import exitcodes
from archiver.cli.common import MAX_URL_LENGTH, add_run_options, check_url, check_writable, relative, shown
from archiver.crawl.failures import ROBOTS_FORBIDDEN, FailureKind, failure_kind
from archiver.crawl.process import crawl_settings, parse_overrides, run_spider, stop_signal
from archiver.kinds import PageKind, RecordOutcome
from archiver.page import FetchedPage

#: Said after the reason of a page captured without record because of its kind.
FORCE_HINT = " (--article forces a record)"


class UrlOutcome(StrEnum):
    """What became of a URL asked for (the ``outcome`` of ``--json``)."""

    RECORDED = "recorded"
    CAPTURED = "captured"  # in the WARC, no record (not an article)
    FAILED = "failed"
    BROKEN_LINK = "broken_link"  # 404/410


HELP = """Fetch each URL once through Scrapy, write what the server sent to a WARC file
(request and response records, redirect hops included) and, for an article page,
its JSON record. Each page is classified as a crawl classifies it: a listing, tag,
author, product, forum or other non-article page is captured without a record
(--article forces one). Prints, per URL, the record's path or why there is none, then a
summary (--json: one JSON object: each URL's outcome, status, record path, WARC
file and reason, the counts and the WARC files written). A 404/410 is named a
broken link; a URL robots.txt forbids is not fetched (the robots.txt itself is
captured). Exit 0 when every URL was captured whole with a 2xx status, 1 when any
failed (network error, HTTP error, cut-off body, broken link, robots.txt), 2 on a
usage error (nothing is fetched or written then), 130/143 when interrupted."""

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
    parser.add_argument("--article", action="store_true",
                        help="treat every page as an article: write its record whatever its kind")  # fmt: skip
    parser.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    parser.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
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

    def scraped(item: object, response: Response, spider: object) -> None:
        if isinstance(item, FetchedPage) and response.request is not None:
            pages[response.request.cb_kwargs.get("asked", item.requested_url)] = item

    from archiver.capture.recovery import repair_archive
    from spiders.urls import UrlsSpider

    repair_archive(args.archive)  # what a killed run left: its records then point at closed files

    crawler = run_spider(
        UrlsSpider, settings, {signals.item_scraped: scraped}, urls=urls, article=args.article
    )
    if signum := stop_signal(crawler):
        print("archiver archive: interrupted; the URLs not reported below were not archived", file=sys.stderr)
    failures = crawler.spider.failures if isinstance(crawler.spider, UrlsSpider) else {}
    outcomes = [url_outcome(url, pages.get(url), failures) for url in urls]
    run_file = crawler.stats.get_value("archiver/run_file")
    warcs = run_warc_files(run_file) or sorted({o["warc"] for o in outcomes if o["warc"]})
    code = report(outcomes, warcs, args.archive, args.json, run_file)
    return exitcodes.interrupted(signum) if signum else code


def url_outcome(url: str, page: FetchedPage | None, failures: dict[str, str]) -> dict[str, Any]:
    """What became of one URL: recorded, captured (no record), failed or broken_link, and why."""
    outcome: dict[str, Any] = {"url": url, "outcome": UrlOutcome.FAILED, "status": None, "record_path": None,
                               "warc": None, "reason": None}  # fmt: skip
    if page is None:
        reason = failures.get(url, "no response")
        if reason == ROBOTS_FORBIDDEN:
            reason += (
                ": not fetched (the site's robots.txt was fetched and captured; --ignore-robots fetches it)"
            )
        return {**outcome, "reason": reason}
    outcome.update(status=page.status, warc=page.capture["filename"] if page.capture else None)
    if page.record_path:
        return {**outcome, "outcome": UrlOutcome.RECORDED, "record_path": relative(page.record_path)}
    failed = page.truncated or not 200 <= page.status < 300 or page.outcome is RecordOutcome.FAILED
    failed = failed or (page.note or "").startswith("HTML of")  # over ARCHIVER_MAX_HTML_SIZE
    if not failed:
        forcible = page.kind not in (None, PageKind.ARTICLE)  # the classifier said no: --article overrides it
        return {
            **outcome,
            "outcome": UrlOutcome.CAPTURED,
            "reason": f"{page.note}{FORCE_HINT if forcible else ''}",
        }
    broken = failure_kind(page.status) == FailureKind.BROKEN_LINK and not page.truncated
    return {
        **outcome,
        "outcome": UrlOutcome.BROKEN_LINK if broken else UrlOutcome.FAILED,
        "reason": page.note,
    }


def run_warc_files(run_file: str | None) -> list[str]:
    """The WARC files the run wrote (its stats file says), robots.txt captures included."""
    try:
        return list(json.loads(Path(run_file).read_text("utf-8"))["warc_files"]) if run_file else []
    except (OSError, ValueError, KeyError):
        return []


def report(outcomes: list[dict[str, Any]], warcs: list[str], archive: Path, as_json: bool,
           run_file: str | None) -> int:  # fmt: skip
    """Print one line per URL and a summary (or one JSON object); return the exit code."""
    counts = {name: sum(1 for o in outcomes if o["outcome"] == name) for name in UrlOutcome}
    if as_json:
        print(json.dumps({"urls": outcomes, **counts, "warc_files": warcs, "run_file": run_file,
                          "records_dir": relative(archive / "records")}, ensure_ascii=False))  # fmt: skip
    else:
        for o in outcomes:
            where = f" [WARC {o['warc']}]" if o["warc"] else ""
            if o["outcome"] == UrlOutcome.RECORDED:
                print(f"OK   {o['url']} -> {o['record_path']}")
            elif o["outcome"] == UrlOutcome.CAPTURED:
                print(f"OK   {o['url']}: captured, no record: {o['reason']}{where}")
            elif o["outcome"] == UrlOutcome.BROKEN_LINK:
                print(
                    f"GONE {o['url']}: {o['reason']}: broken link (the server says the page is gone){where}"
                )
            else:
                print(f"FAIL {o['url']}: {o['reason']}{where}")
        written = ", ".join(warcs) or "nothing written"
        print(
            f"{len(outcomes)} URL(s): {counts[UrlOutcome.RECORDED]} recorded, {counts[UrlOutcome.CAPTURED]} captured without record, "
            f"{counts[UrlOutcome.FAILED]} failed, {counts[UrlOutcome.BROKEN_LINK]} broken links; "
            f"WARC in {relative(archive / 'warc')} ({written}), records in {relative(archive / 'records')}"
        )
    return exitcodes.PARTIAL if counts[UrlOutcome.FAILED] or counts[UrlOutcome.BROKEN_LINK] else exitcodes.OK

"""Why a page failed, in words an operator can act on, and how failures are counted.

A failure is an error (counted: the run partly failed) or a broken link (404/410:
listed apart, not counted); :func:`report_failure` is the one way a component
reports one, so the summary, the stats file and the crawl state agree.
"""

from __future__ import annotations

from enum import StrEnum

from scrapy import exceptions as scrapyerror
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.statscollectors import StatsCollector
from twisted.internet import error as neterror
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from archiver.extensions.writeguard import CaptureFailed
from archiver.signals import page_failed

#: Exception classes (Scrapy's own first, then Twisted's) and what they mean.
REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((scrapyerror.CannotResolveHostError, neterror.DNSLookupError), "DNS lookup failed"),
    ((scrapyerror.DownloadConnectionRefusedError, neterror.ConnectionRefusedError), "connection refused"),
    ((scrapyerror.DownloadTimeoutError, neterror.TimeoutError, neterror.TCPTimedOutError), "timed out"),
    ((scrapyerror.DownloadCancelledError,), "download cancelled (larger than DOWNLOAD_MAXSIZE?)"),
    ((scrapyerror.ResponseDataLossError, ResponseFailed), "response broken off mid-way"),
    ((ResponseNeverReceived,), "no response (connection closed before the status line)"),
    ((scrapyerror.UnsupportedURLSchemeError,), "unsupported URL scheme"),
)


#: The reason of a request robots.txt forbids.
ROBOTS_FORBIDDEN = "forbidden by robots.txt"


def describe_failure(failure: Failure) -> str:
    """A one-line reason for a failed request (DNS, refused, timeout, robots.txt ...)."""
    return describe_exception(failure.value)


def describe_exception(exc: BaseException) -> str:
    """A one-line reason for the exception a request failed with."""
    if isinstance(exc, CaptureFailed):  # says where and why
        return str(exc)
    for classes, reason in REASONS:
        if isinstance(exc, classes):
            detail = str(exc).strip()
            return f"{reason} ({detail})" if detail and reason == "timed out" else reason
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        return ROBOTS_FORBIDDEN if "robots.txt" in text else f"ignored: {text or type(exc).__name__}"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class FailureKind(StrEnum):
    """What a failed page means for the run: an error, or a link to a page that is gone."""

    ERROR = "error"  # the page could not be archived: counted, the run partly failed
    BROKEN_LINK = "broken_link"  # 404/410: the site links to nothing; listed apart, not counted


#: HTTP statuses of a broken link.
BROKEN_LINK_STATUSES = (404, 410)
#: Stats of the run, one per kind: the one error count the summary, stats file and state show.
FAILURE_STATS = {FailureKind.ERROR: "archiver/errors", FailureKind.BROKEN_LINK: "archiver/broken_links"}


def failure_kind(status: int | None) -> FailureKind:
    """A broken link for 404 and 410, an error for anything else."""
    return FailureKind.BROKEN_LINK if status in BROKEN_LINK_STATUSES else FailureKind.ERROR


def error_count(stats: StatsCollector) -> int:
    """The run's errors: pages and records that could not be archived (not broken links)."""
    return int(stats.get_value(FAILURE_STATS[FailureKind.ERROR], 0))


def report_failure(crawler: Crawler, url: str | None, reason: str, status: int | None = None) -> FailureKind:
    """Count a page that could not be archived and tell the extensions (signal ``page_failed``)."""
    kind = failure_kind(status)
    crawler.stats.inc_value(FAILURE_STATS[kind])
    crawler.signals.send_catch_log(page_failed, url=url, reason=reason, status=status)
    return kind


def failed_request(failure: Failure) -> Request:
    """The request of an errback's ``failure`` (Scrapy attaches it to the failure at run time)."""
    request: Request = failure.request  # type: ignore[attr-defined]  # not in Twisted's class
    return request

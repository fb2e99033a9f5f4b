"""Why a fetch failed, in words an operator can act on."""

from __future__ import annotations

from scrapy import exceptions as scrapyerror
from scrapy.exceptions import IgnoreRequest
from twisted.internet import error as neterror
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from archiver.extensions.writeguard import CaptureFailed

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


def describe_failure(failure: Failure) -> str:
    """A one-line reason for a failed request (DNS, refused, timeout, robots.txt ...)."""
    return describe_exception(failure.value)


def describe_exception(exc: BaseException) -> str:
    """A one-line reason for the exception a request failed with."""
    if isinstance(exc, CaptureFailed):
        return str(exc)
    for classes, reason in REASONS:
        if isinstance(exc, classes):
            detail = str(exc).strip()
            return f"{reason} ({detail})" if detail and reason == "timed out" else reason
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        return "forbidden by robots.txt" if "robots.txt" in text else f"ignored: {text or type(exc).__name__}"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

"""Why a fetch failed, in words an operator can act on."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from twisted.internet import error as neterror
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived


def describe_failure(failure: Failure) -> str:
    """A one-line reason for a failed request (DNS, refused, timeout, robots.txt ...)."""
    exc = failure.value
    if isinstance(exc, neterror.DNSLookupError):
        return "DNS lookup failed"
    if isinstance(exc, neterror.ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, neterror.TimeoutError | neterror.TCPTimedOutError):
        return "timed out"
    if isinstance(exc, ResponseNeverReceived):
        return "no response (connection closed before the status line)"
    if isinstance(exc, ResponseFailed):
        return "response broken off mid-way"
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        return "forbidden by robots.txt" if "robots.txt" in text else f"ignored: {text or type(exc).__name__}"
    if type(exc).__name__ == "CancelledError":
        return "download cancelled (larger than DOWNLOAD_MAXSIZE?)"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

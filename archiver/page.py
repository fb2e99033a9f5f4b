"""The fetched page: what a spider hands to the record pipeline.

Spiders build one :class:`FetchedPage` per final response with :func:`fetched_page`;
the capture middleware has already written the response to a WARC and left the
pointer in ``response.meta`` (see :mod:`archiver.downloadermiddlewares.warccapture`).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from scrapy.http import Response

from archiver.kinds import PageKind, RecordOutcome, page_kind

#: ``response.meta`` keys set by the capture middleware.
META_CAPTURE = "archiver_capture"  # dict: filename, offset, length, record_id, payload_digest, warc_date
META_REDIRECTS = "archiver_redirects"  # list of earlier hops' capture dicts, oldest first
#: ``request.meta`` keys set by spiders.
META_PAGE_KIND = "archiver_page_kind"  # a PageKind, or None (decide from the page)
META_HINTS = "archiver_hints"  # extraction hints of the site profile (dict)
META_SITE = "archiver_site"  # site profile name
META_LISTED = "archiver_listed"  # the sitemap <lastmod> / feed date that listed the URL, as written


@dataclass
class FetchedPage:
    """A final (non-redirect) response, its capture and what the spider knows of it."""

    url: str  # final URL
    requested_url: str  # the URL first asked for (before redirects)
    status: int
    headers: dict[str, list[str]]  # response headers, names as Scrapy gives them
    body: bytes = field(repr=False)  # content-coding removed (Scrapy's response.body); never in a log
    fetched_at: str | None  # RFC 3339 UTC, the WARC-Date of the response record
    capture: dict[str, Any] | None  # pointer into the WARC, see META_CAPTURE
    redirects: list[str] = field(default_factory=list)  # URLs of the hops before this one
    kind: PageKind | None = None  # None: the pipeline decides (an article unless told otherwise)
    hints: dict[str, Any] = field(default_factory=dict)
    site: str | None = None
    truncated: bool = False
    # Set by a spider that analyzed the page (archiver.crawl.analysis): its article fields, or
    # why their extraction failed; both None: the record pipeline extracts the page itself.
    fields: dict[str, Any] | None = field(default=None, repr=False)
    extraction_error: str | None = None
    # Set by the capture middleware when the page's metadata record could not be written.
    write_error: str | None = None
    # Set by the record pipeline: what became of the page's record, where it went, or why there is
    # none, and the capture of each of its images (url, warc, not_captured), as the WARC's page
    # metadata says.
    outcome: RecordOutcome | None = None
    record_path: str | None = None
    note: str | None = None
    image_captures: list[dict[str, Any]] | None = None
    listed_date: str | None = None  # the sitemap or feed date the request was made for (META_LISTED)

    @cached_property
    def content_digest(self) -> str:
        """``sha1:BASE32`` of the decoded body, as WARC digests are written (computed once)."""
        return content_digest(self.body)

    @property
    def content_type(self) -> str:
        values = self.headers.get("Content-Type") or [""]
        return values[0].split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        if self.content_type:
            return self.content_type in ("text/html", "application/xhtml+xml")
        return self.body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html"))


def content_digest(body: bytes) -> str:
    """``sha1:BASE32`` of a decoded body, as WARC digests are written."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def fetched_page(response: Response, kind: PageKind | None = None) -> FetchedPage:
    """Build the :class:`FetchedPage` of a Scrapy response."""
    meta = response.meta
    capture = meta.get(META_CAPTURE)
    redirects = [hop.get("url", "") for hop in meta.get(META_REDIRECTS, [])]
    return FetchedPage(
        url=response.url,
        requested_url=(meta.get("redirect_urls") or [response.url])[0],
        status=response.status,
        headers={
            k.decode("latin-1"): [v.decode("latin-1") for v in vs] for k, vs in response.headers.items()
        },
        body=response.body,
        fetched_at=capture.get("warc_date") if capture else None,
        capture=capture,
        redirects=redirects,
        kind=kind if kind is not None else page_kind(meta.get(META_PAGE_KIND)),
        hints=dict(meta.get(META_HINTS) or {}),
        site=meta.get(META_SITE),
        truncated=bool({"dataloss", "partial"} & set(response.flags)),
        listed_date=meta.get(META_LISTED),
    )

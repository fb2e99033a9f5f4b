"""The JSON article record: the contract with downstream tools.

:func:`build_record` joins what extraction found in the page
(:func:`archiver.extraction.extract_article`) with what the capture knows of the
fetch (:class:`archiver.page.FetchedPage`). Field names never change within a major
``schema_version``; new fields may be added (see ``archiver/records/record.schema.json``).
"""

from __future__ import annotations

import uuid
from functools import cache
from importlib.metadata import version
from typing import Any

from archiver import __version__
from archiver.page import FetchedPage
from archiver.urls import canonicalize_url, folds_into_home, url_host

SCHEMA_VERSION = "1.1.0"


def record_id(canonical_url: str) -> str:
    """The record id: stable for the same canonical URL (a name-based UUID)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, canonical_url))


def choose_canonical_url(page_url: str, declared: str | None) -> str:
    """The page's canonical URL: its own ``rel=canonical`` when it stays on the same site
    (and does not fold an inner page into the home page)."""
    if (
        declared
        and _same_site(url_host(declared), url_host(page_url))
        and not folds_into_home(declared, page_url)
    ):
        return canonicalize_url(declared)
    return canonicalize_url(page_url)


@cache
def _trafilatura_version() -> str:
    return version("trafilatura")  # from its metadata: the crawler's process need not import it


def extractor_info() -> dict[str, str]:
    from archiver.extraction import EXTRACTOR_VERSION

    return {"name": "archiver", "version": EXTRACTOR_VERSION, "archiver": __version__,
            "trafilatura": _trafilatura_version()}  # fmt: skip


def build_record(
    fields: dict[str, Any], page: FetchedPage | None = None, url: str | None = None
) -> dict[str, Any]:
    """The record of an article: ``fields`` from extraction, ``page`` from the fetch.

    Without ``page`` (checking extraction on a saved file) the fetch fields are null
    and ``url`` names the page.
    """
    final_url = page.url if page else url
    if not final_url:
        raise ValueError("build_record needs a page or a url")
    canonical = choose_canonical_url(final_url, fields.get("canonical_url"))
    capture = page.capture if page else None
    return {
        "schema_version": SCHEMA_VERSION,
        "id": record_id(canonical),
        "url": final_url,
        "canonical_url": canonical,
        "requested_url": page.requested_url if page else final_url,
        "redirects": page.redirects if page else [],
        "fetched_at": page.fetched_at if page else None,
        "http_status": page.status if page else None,
        "content_type": page.content_type if page else None,
        "language": fields.get("language"),
        "title": fields.get("title"),
        "authors": fields.get("authors") or [],
        "byline": fields.get("byline"),
        "published": fields.get("published"),
        "modified": fields.get("modified"),
        "images": fields.get("images") or [],
        "body": fields.get("body") or "",
        "tags": fields.get("tags") or [],
        "description": fields.get("description"),
        "site_name": fields.get("site_name"),
        "site": page.site if page else None,
        "warc": _warc_pointer(capture),
        "payload_digest": capture.get("payload_digest") if capture else None,
        "content_digest": page.content_digest if page else None,
        "extractor": extractor_info(),
        "extraction": fields.get("extraction") or {"sources": {}},
    }


def _warc_pointer(capture: dict[str, Any] | None) -> dict[str, Any] | None:
    if not capture:
        return None
    return {key: capture[key] for key in ("filename", "offset", "length", "record_id")}


def _same_site(a: str, b: str) -> bool:
    return a.removeprefix("www.") == b.removeprefix("www.")

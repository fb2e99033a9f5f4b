"""The page ``metadata`` record: what the crawl knew of a page besides its HTTP response.

A response record holds the final URL, status, headers and body of a page. The record
pipeline also used the URL first asked for, the redirect hops, the page kind the
spider decided, the site profile's name and its extraction hints. The pipeline sends
:data:`page_described` for each page it receives; the capture middleware writes these
as a ``metadata`` record (``application/warc-fields``, same URI and ``WARC-Date`` as the
response, ``WARC-Concurrent-To`` it), so :mod:`archiver.capture.reading` rebuilds the
very same page from the WARC alone. pywb and cdxj-indexer do not index such records.

    archiver-requested-url: https://example.org/old
    archiver-redirect: https://example.org/old
    archiver-page-kind: article
    archiver-site: example
    archiver-hints: {"byline": ".author"}
    archiver-image: {"url": "https://cdn.example.org/lead.jpg", "warc": {...}, "not_captured": null}

One ``archiver-image`` per image of the page's record: the URL it shows and where its
capture lies (or why there is none), which the WARC alone could not tell again.
"""

from __future__ import annotations

import json
from typing import Any

from archiver.page import FetchedPage

#: Signal sent by the record pipeline for each page. Argument: ``page`` (FetchedPage).
page_described = object()

REQUESTED_URL = "archiver-requested-url"
REDIRECT = "archiver-redirect"  # one per hop, oldest first
PAGE_KIND = "archiver-page-kind"  # absent: the spider left the decision to the pipeline
SITE = "archiver-site"
HINTS = "archiver-hints"  # a JSON object
IMAGE = "archiver-image"  # a JSON object per image of the record: url, warc, not_captured


def page_fields(page: FetchedPage) -> bytes:
    """The ``application/warc-fields`` block describing ``page``."""
    fields = [(REQUESTED_URL, page.requested_url)]
    fields += [(REDIRECT, url) for url in page.redirects]
    if page.kind is not None:
        fields.append((PAGE_KIND, page.kind))
    if page.site is not None:
        fields.append((SITE, page.site))
    fields.append((HINTS, json.dumps(page.hints, ensure_ascii=False, sort_keys=True)))
    fields += [(IMAGE, json.dumps(image, ensure_ascii=False)) for image in page.image_captures or []]
    return "".join(f"{name}: {_one_line(value)}\r\n" for name, value in fields).encode("utf-8")


def read_page_fields(block: bytes) -> dict[str, Any]:
    """What :func:`page_fields` wrote: ``requested_url``, ``redirects``, ``kind``, ``site``, ``hints``,
    ``image_captures`` (None when the page had no record)."""
    fields = read_warc_fields(block)
    first = {name: values[0] for name, values in fields.items()}
    return {
        "requested_url": first.get(REQUESTED_URL),
        "redirects": fields.get(REDIRECT, []),
        "kind": first.get(PAGE_KIND),
        "site": first.get(SITE),
        "hints": json.loads(first.get(HINTS) or "{}"),
        "image_captures": [json.loads(value) for value in fields[IMAGE]] if IMAGE in fields else None,
    }


def read_warc_fields(block: bytes) -> dict[str, list[str]]:
    """An ``application/warc-fields`` block: every value of each field, names lower-cased."""
    fields: dict[str, list[str]] = {}
    for line in block.decode("utf-8", errors="replace").split("\r\n"):
        name, sep, value = line.partition(":")
        if sep:
            fields.setdefault(name.strip().lower(), []).append(value.strip())
    return fields


def is_page_metadata(content_type: str | None, block: bytes) -> bool:
    """Whether a ``metadata`` record with this Content-Type and block was written by :func:`page_fields`."""
    return (content_type or "").startswith("application/warc-fields") and block.startswith(
        REQUESTED_URL.encode("ascii") + b":"
    )


def _one_line(value: str) -> str:
    if "\r" in value or "\n" in value:
        raise ValueError(f"a WARC field value cannot span lines: {value!r}")
    return value

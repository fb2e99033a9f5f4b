"""Which fetched pages get an article record, and the record of one that does.

A page gets a record when it is an HTML 2xx response received whole, its spider did
not class it as a non-article page, and extraction finds article text in it
(:func:`no_record_reason`, :func:`page_record`). The crawl's record pipeline
(:mod:`archiver.pipelines.records`), the spider (to skip extracting such pages) and
``archiver reindex`` (:mod:`archiver.records.rebuild`) all decide with these.
"""

from __future__ import annotations

from typing import Any

from archiver.extraction.decoding import control_byte_share, is_text
from archiver.kinds import PageKind
from archiver.page import FetchedPage
from archiver.records.build import build_record

#: The largest HTML page handed to extraction (setting ``ARCHIVER_MAX_HTML_SIZE``); larger ones are
#: captured, their links read from this much of them, and get no record.
MAX_HTML_SIZE = 4 * 1024 * 1024


def no_record_reason(page: FetchedPage, max_html_size: int = MAX_HTML_SIZE) -> str | None:
    """Why ``page`` gets no article record, or None when it gets one."""
    if page.truncated:
        return "response cut off mid-body (captured, marked WARC-Truncated)"
    if not 200 <= page.status < 300:
        return f"HTTP {page.status}"
    if not page.is_html:
        return f"not HTML ({page.content_type or 'no Content-Type'}): captured, not extracted"
    if not is_text(page.body):
        return f"not text ({control_byte_share(page.body):.0%} control bytes) though served as {page.content_type}"
    if len(page.body) > max_html_size:
        return over_cap_reason(page, max_html_size)
    if page.kind not in (None, PageKind.ARTICLE):
        return f"{page.kind} page, not an article"
    return None


def over_cap_reason(page: FetchedPage, max_html_size: int = MAX_HTML_SIZE) -> str:
    """Why an HTML page larger than ``max_html_size`` is not extracted."""
    return f"HTML of {len(page.body)} bytes, over ARCHIVER_MAX_HTML_SIZE ({max_html_size}): captured, not extracted"


def extraction_headers(page: FetchedPage) -> dict[str, str]:
    """The response headers extraction sees: the first value of each."""
    return {name: values[0] for name, values in page.headers.items() if values}


def page_record(page: FetchedPage, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The record of ``page`` from its extracted ``fields``; None (and ``page.note``) without article text."""
    if not (fields.get("body") or "").strip():
        page.note = "no article text found"
        return None
    return build_record(fields, page)


def extract_record(page: FetchedPage) -> dict[str, Any] | None:
    """The record ``page`` gets, extracted in this process; None when it gets none (see ``page.note``).

    A page read back from a WARC carries its images' captures (``page.image_captures``):
    the record gets them again.
    """
    from archiver.extraction import extract_article

    page.note = no_record_reason(page)
    if page.note:
        return None
    record = page_record(page, extract_article(page.body, page.url, extraction_headers(page), page.hints))
    if record is not None and page.image_captures is not None:
        for image, captured in zip(record["images"], page.image_captures, strict=False):
            image.update(captured)
    return record

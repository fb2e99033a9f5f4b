"""Which fetched pages get an article record, and the record of one that does.

A page gets a record when it is an HTML 2xx response received whole, its spider did
not class it as a non-article page, and extraction finds article text in it
(:func:`no_record_reason`, :func:`page_record`). The crawl's record pipeline
(:mod:`archiver.pipelines.records`), the spider (to skip extracting such pages) and
``archiver reindex`` (:mod:`archiver.records.rebuild`) all decide with these.
"""

from __future__ import annotations

from typing import Any

from archiver.kinds import PageKind
from archiver.page import FetchedPage
from archiver.records.build import build_record


def no_record_reason(page: FetchedPage) -> str | None:
    """Why ``page`` gets no article record, or None when it gets one."""
    if page.truncated:
        return "response cut off mid-body (captured, marked WARC-Truncated)"
    if not 200 <= page.status < 300:
        return f"HTTP {page.status}"
    if not page.is_html:
        return f"not HTML ({page.content_type or 'no Content-Type'}): captured, not extracted"
    if page.kind not in (None, PageKind.ARTICLE):
        return f"{page.kind} page, not an article"
    return None


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
    """The record ``page`` gets, extracted in this process; None when it gets none (see ``page.note``)."""
    from archiver.extraction import extract_article

    page.note = no_record_reason(page)
    if page.note:
        return None
    return page_record(page, extract_article(page.body, page.url, extraction_headers(page), page.hints))

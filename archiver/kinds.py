"""Kinds and outcomes, as types: what a fetched page is, and what became of its record.

Their values are what the WARC's page metadata, the crawl state and the run stats store.
"""

from __future__ import annotations

from enum import StrEnum


class PageKind(StrEnum):
    """What a fetched page is to the crawl; only an article gets a record.

    HTML pages are told apart by :mod:`archiver.crawl.pagetype` (or a site profile's
    patterns); feeds and sitemaps by :mod:`archiver.crawl.feeds`. The values are what
    the WARC's page metadata and the crawl state store.
    """

    ARTICLE = "article"
    LISTING = "listing"
    TAG = "tag"
    AUTHOR = "author"
    OTHER = "other"  # any other page or document (robots.txt, a PDF, an alias of a canonical page)
    FEED = "feed"  # RSS, Atom, JSON Feed
    SITEMAP = "sitemap"  # a sitemap or sitemap index
    PAGE = "page"  # the crawl state's kind of a page never classified (an HTTP error, a cut-off body)
    RESOURCE = "resource"  # a page requisite (stylesheet, script, font, image): no record, no links


def page_kind(value: str | None) -> PageKind | None:
    """The :class:`PageKind` of a stored value (WARC page metadata, request meta); None for none."""
    return None if value is None else PageKind(value)


class RecordOutcome(StrEnum):
    """What became of a fetched page's article record (:mod:`archiver.pipelines.records`)."""

    NEW = "new"  # a new article: its first record
    CHANGED = "changed"  # changed content: a new version of the record
    UNCHANGED = "unchanged"  # the stored record is the page's: left untouched
    FAILED = (
        "failed"  # extraction or a write failed, or the body was cut off: no record, fetched again next run
    )
    NO_RECORD = "no_record"  # not an article (or no article text, an HTTP error, over a size cap)


#: Outcomes of a page that has its record on disk.
RECORDED = frozenset({RecordOutcome.NEW, RecordOutcome.CHANGED, RecordOutcome.UNCHANGED})


class RunState(StrEnum):
    """Where a run is, as its stats file says."""

    RUNNING = "running"
    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # stopped by a signal (Ctrl-C, SIGTERM) or a shutdown: resumed next run

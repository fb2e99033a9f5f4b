"""Article extraction: a pure function from a page's bytes, URL and headers to its fields.

    from archiver.extraction import extract_article, EXTRACTOR_VERSION
    fields = extract_article(html, url, headers, hints)

The page is decoded (:mod:`.decoding`) and parsed once (:func:`extract_tree` takes a tree
already parsed by :func:`parse_page`, for callers that read the tree first); then, in :mod:`.record`'s order:
machine metadata (:mod:`.metadata`), the headline (:mod:`.title`), author boxes and bios
(:mod:`.bios`), the visible byline and dates (:mod:`.byline`, :mod:`.dates`, :mod:`.names`),
the lead image and its credit (:mod:`.images`), and last the body (:mod:`.body`: trafilatura on
the tree cleared of everything the earlier steps claimed). Generic rules are data in
:mod:`.rules` and :mod:`.lexicon`; site profiles may pass ``hints``: CSS selectors ``title``,
``byline``, ``date``, ``credit``, ``bio``, ``body`` and a list ``remove``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml.html import HtmlElement

from archiver.extraction.decoding import decode_html
from archiver.extraction.dom import memoized, parse_html

#: Bump when the output of :func:`extract_article` changes for the same input.
EXTRACTOR_VERSION = "0.5.0"

__all__ = ["EXTRACTOR_VERSION", "decode_html", "extract_article", "extract_tree", "parse_page"]


def parse_page(html: bytes, headers: Mapping[str, str] | None = None) -> HtmlElement:
    """The tree extraction works on: ``html`` decoded (declared or detected charset) and parsed."""
    return parse_html(decode_html(html, headers))


def extract_article(
    html: bytes,
    url: str,
    headers: Mapping[str, str] | None = None,
    hints: Mapping[str, Any] | None = None,
) -> dict:
    """Extract the article fields of one HTML page (no I/O; the same input gives the same output)."""
    return extract_tree(parse_page(html, headers), url, hints)


def extract_tree(tree: HtmlElement, url: str, hints: Mapping[str, Any] | None = None) -> dict:
    """The article fields of a tree from :func:`parse_page` (which extraction changes: use it once)."""
    from archiver.extraction.record import build_record  # trafilatura: loaded where extraction runs

    with memoized():
        return build_record(tree, url, dict(hints or {}))

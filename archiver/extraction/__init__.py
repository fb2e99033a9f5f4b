"""Article extraction: a pure function from a page's bytes, URL and headers to its fields.

    from archiver.extraction import extract_article, EXTRACTOR_VERSION
    fields = extract_article(html, url, headers, hints)

The page is decoded (:mod:`.decoding`) and parsed once; then, in :mod:`.record`'s order:
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

from archiver.extraction.decoding import decode_html
from archiver.extraction.dom import memoized
from archiver.extraction.record import build_record

#: Bump when the output of :func:`extract_article` changes for the same input.
EXTRACTOR_VERSION = "0.2.0"

__all__ = ["EXTRACTOR_VERSION", "decode_html", "extract_article"]


def extract_article(
    html: bytes,
    url: str,
    headers: Mapping[str, str] | None = None,
    hints: Mapping[str, Any] | None = None,
) -> dict:
    """Extract the article fields of one HTML page (no I/O; the same input gives the same output)."""
    with memoized():
        return build_record(decode_html(html, headers), url, dict(hints or {}))

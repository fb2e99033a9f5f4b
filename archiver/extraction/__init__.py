"""Article extraction: a pure function from a page's bytes, URL and headers to its fields.

    from archiver.extraction import extract_article, EXTRACTOR_VERSION
    fields = extract_article(html, url, headers, hints)

Generic rules (see :mod:`archiver.extraction.rules`) do the work; site profiles may pass
``hints``: CSS selectors ``title``, ``byline``, ``date``, ``credit``, ``bio``, ``body`` and a
list ``remove``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archiver.extraction.decoding import decode_html
from archiver.extraction.record import build_record

#: Bump when the output of :func:`extract_article` changes for the same input.
EXTRACTOR_VERSION = "0.1.0"

__all__ = ["EXTRACTOR_VERSION", "decode_html", "extract_article"]


def extract_article(
    html: bytes,
    url: str,
    headers: Mapping[str, str] | None = None,
    hints: Mapping[str, Any] | None = None,
) -> dict:
    """Extract the article fields of one HTML page (no I/O; the same input gives the same output)."""
    return build_record(decode_html(html, headers), url, dict(hints or {}))

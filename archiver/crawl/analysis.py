"""One HTML page, parsed once, gives a crawl all it needs: its links, its kind, its article fields.

:func:`analyze_page` is pure (no I/O, the same input gives the same output) so that it
can run in an extraction worker process (:mod:`archiver.crawl.extractpool`): the crawler's
own process then never parses HTML, and one Scrapy process plus the workers share
the machine's cores.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from archiver.crawl.links import PageLinks, page_links
from archiver.crawl.pagetype import classify
from archiver.extraction import extract_tree, parse_page
from archiver.kinds import PageKind


@dataclass
class PageAnalysis:
    """What one HTML page told the crawl."""

    links: PageLinks
    kind: PageKind
    fields: dict[str, Any] | None = None  # the article fields, when asked for and an article
    error: str | None = None  # why extraction failed ("Type: message")
    trace: str = field(default="", repr=False)  # the traceback of that failure


def analyze_page(
    body: bytes,
    url: str,
    headers: Mapping[str, str],
    hints: Mapping[str, Any],
    kind: PageKind | None = None,
    extract: bool = True,
) -> PageAnalysis:
    """Links and kind of the HTML page ``body`` fetched from ``url``, and its article fields.

    ``kind`` is the page's kind when already known (a site profile's article pattern);
    None classifies the page (:func:`archiver.crawl.pagetype.classify`). Article fields
    are extracted when ``extract`` is true and the page is an article; a failure of the
    extraction is reported in ``error``, never raised, so the page's links still count.
    """
    tree = parse_page(body, headers)
    analysis = PageAnalysis(page_links(tree, url), kind or classify(tree, url).kind)
    if extract and analysis.kind is PageKind.ARTICLE:
        try:
            analysis.fields = extract_tree(tree, url, hints)  # last: extraction changes the tree
        except Exception as exc:  # one broken page must not stop the crawl
            analysis.error, analysis.trace = f"{type(exc).__name__}: {exc}", traceback.format_exc()
    return analysis

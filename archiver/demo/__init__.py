"""The bundled demo site: an observatory-style site served on 127.0.0.1.

The site is static files under ``site/`` (articles, paginated listings, tag and
author pages, robots.txt, sitemaps, an RSS feed, a PDF report). Absolute URLs in
robots.txt, sitemaps and the feed are written ``{{BASE}}`` and replaced by the
server's base URL when the routes are built. ``expected.json`` holds the record
each demo article should yield, in the format of the extraction gold corpus
(``url`` is the article's path).

What a crawler and an extractor meet there, on purpose: listings ``/analyses/``
(paginated, ``rel=next``), ``/notes/``, ``/tag/<t>/``, ``/auteur/<a>/``; non-article
pages ``/a-propos/`` and ``/contact/``; articles with two authors, no image, a credit
inside a figcaption, a date written "1er mars 2025", reader comments, an inline
"À lire aussi" box, JSON-LD on some, an English article whose ``<html lang>`` says
"fr"; a ``?utm_source=`` link, a ``#commentaires`` link, an off-site link, links
robots.txt disallows, and a PDF report.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from pathlib import Path
from typing import Any

from archiver.demo.server import Page, SiteServer, static_routes

SITE_DIR = Path(__file__).resolve().parent / "site"
EXPECTED_PATH = Path(__file__).resolve().parent / "expected.json"
BASE_PLACEHOLDER = b"{{BASE}}"

#: The article listed only in the sitemap (no page links to it).
SITEMAP_ONLY = "/article/kyrgyzstan-after-kumtor-resource-nationalism/"
#: The article linked only from listings (absent from sitemaps and the feed).
LISTING_ONLY = "/article/chine-asie-centrale-ce-qu-il-faut-retenir-du-sommet-de-xian/"
#: Paths robots.txt disallows, though pages link to them.
DISALLOWED = ("/admin/", "/recherche?q=corridor+median")


def demo_routes(base_url: str) -> dict[str, Page]:
    """Routes of the demo site, with ``{{BASE}}`` in text files replaced by ``base_url``."""
    base = base_url.rstrip("/").encode("ascii")
    routes = static_routes(SITE_DIR)
    for path, page in routes.items():
        if _is_text(page) and BASE_PLACEHOLDER in page.body:
            routes[path] = dataclasses.replace(page, body=page.body.replace(BASE_PLACEHOLDER, base))
    return routes


def serve_demo(port: int = 0) -> SiteServer:
    """Start the demo site on 127.0.0.1 (a free port unless ``port`` is given); stop() it when done."""
    server = SiteServer(port=port)
    server.routes.update(demo_routes(server.base_url))
    return server.start()


@cache
def expected_articles() -> tuple[dict[str, Any], ...]:
    """The expected record fields of every demo article (see ``expected.json``)."""
    return tuple(json.loads(EXPECTED_PATH.read_text("utf-8")))


def _is_text(page: Page) -> bool:
    ctype = page.content_type or ""
    return ctype.startswith("text/") or "xml" in ctype

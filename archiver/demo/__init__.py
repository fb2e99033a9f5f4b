"""The bundled demo site: an observatory-style site served on 127.0.0.1.

The site is generated from data: ``site.toml`` (site, listings, tags, authors with
their bios, articles with their body, image and credit, tags, comments) through the
templates under ``templates/`` (:mod:`archiver.demo.render`), at serve time and in
memory; images, CSS, JS and the PDF report are files under ``assets/``. Absolute URLs
in robots.txt, sitemaps and the feed are the server's base URL. The record each demo
article should yield (:func:`expected_articles`, in the format of the extraction gold
corpus, ``url`` being the article's path) is derived from the same data.

What a crawler and an extractor meet there, on purpose: listings ``/analyses/``
(paginated, ``rel=next``), ``/notes/``, ``/tag/<t>/``, ``/auteur/<a>/``; non-article
pages ``/a-propos/`` and ``/contact/``; articles with two authors, no image, a credit
inside a figcaption, a date written "1er mars 2025", reader comments, an inline
"À lire aussi" box, JSON-LD on some, an English article whose ``<html lang>`` says
"fr"; a ``?utm_source=`` link, a ``#commentaires`` link, an off-site link, links
robots.txt disallows, and a PDF report.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from archiver.demo import expected
from archiver.demo.render import render_site
from archiver.demo.server import Page, SiteServer, file_routes
from archiver.demo.sitedata import Site, load_site

ASSETS_DIR = Path(__file__).resolve().parent / "assets"

#: The article listed only in the sitemap (no page links to it).
SITEMAP_ONLY = "/article/kyrgyzstan-after-kumtor-resource-nationalism/"
#: The article linked only from listings (absent from sitemaps and the feed).
LISTING_ONLY = "/article/chine-asie-centrale-ce-qu-il-faut-retenir-du-sommet-de-xian/"
#: Paths robots.txt disallows, though pages link to them.
DISALLOWED = ("/admin/", "/recherche?q=corridor+median")


@cache
def demo_site() -> Site:
    """The demo site's data (``site.toml``)."""
    return load_site()


def demo_files(base_url: str) -> dict[str, bytes]:
    """Every file the demo serves, by path: the rendered pages and the assets."""
    files = {path: text.encode("utf-8") for path, text in render_site(demo_site(), base_url).items()}
    assets = {
        "/" + p.relative_to(ASSETS_DIR).as_posix(): p.read_bytes()
        for p in ASSETS_DIR.rglob("*")
        if p.is_file()
    }
    return assets | files


def demo_routes(base_url: str) -> dict[str, Page]:
    """Routes of the demo site, its absolute URLs on ``base_url``."""
    return file_routes(demo_files(base_url))


def serve_demo(port: int = 0) -> SiteServer:
    """Start the demo site on 127.0.0.1 (a free port unless ``port`` is given); stop() it when done."""
    server = SiteServer(port=port)
    server.routes.update(demo_routes(server.base_url))
    return server.start()


@cache
def expected_articles() -> tuple[dict[str, Any], ...]:
    """The expected record fields of every demo article, derived from the site's data."""
    return tuple(expected.record(demo_site(), article) for article in demo_site().articles)

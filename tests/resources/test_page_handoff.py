"""Pages whose records wait for their lead images do not stop the crawl pulling other pages.

The image host holds every lead image until the page host has served every article (or a
timeout passes). Scrapy's scraper slot is cut to one byte (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``):
a single page held there while its record waits would stop the engine, and the images would
only come with the timeout. With pages handed to the pipelines apart from their responses
(archiver/spidermiddlewares/pagehandoff.py) every article is served while the images are held;
with ``ARCHIVER_PAGES_WAITING`` the handoff bounds how many wait, and the crawl still ends whole.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archiver.demo.server import Page, Request, SiteServer
from tests.support.records import read_records
from tests.support.resourcesite import ResourceSite, crawl, png

ARTICLES = 12
HOLD_TIMEOUT = 8.0  # seconds the image host holds an image at most


def article(n: int, images: str) -> bytes:
    paragraphs = "\n".join(f"<p>Paragraph {k} of article {n}: the corridor projects changed the trade routes "
                           f"between the capitals, and observers note new agreements on energy and ports.</p>"
                           for k in range(5))  # fmt: skip
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article {n}</title>
<meta property="og:type" content="article"></head><body><article><h1>Article {n}</h1>
<p class="byline">By Ana Lima, 25 October 2024</p>
<figure><img src="{images}/photos/{n}.png" width="200" height="80" alt="Lead photo {n}">
<figcaption>The lead photo of article {n}. Photo: Ana Lima / AFP</figcaption></figure>
{paragraphs}</article></body></html>""".encode()


@dataclass
class HeldImages:
    """Holds each image until every article was served (``released``), or ``HOLD_TIMEOUT``."""

    served: set[str] = field(default_factory=set)
    released: threading.Event = field(default_factory=threading.Event)
    timed_out: list[str] = field(default_factory=list)

    def page(self, body: bytes, path: str):
        def route(request: Request) -> Page:
            self.served.add(path)
            if len(self.served) == ARTICLES:
                self.released.set()
            return Page(body)

        return route

    def image(self, request: Request) -> Page | None:
        if not request.path.startswith("/photos/"):
            return None
        if not self.released.wait(HOLD_TIMEOUT):
            self.timed_out.append(request.path)
        return Page(png(200, 80, (120, 40, 40), request.path), content_type="image/png")


@pytest.fixture
def held_site() -> Iterator[tuple[ResourceSite, HeldImages]]:
    held = HeldImages()
    with SiteServer(host="127.0.0.2", fallback=held.image) as images:
        images.routes["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        links = " ".join(f'<a href="/article/{n}/">{n}</a>' for n in range(ARTICLES))
        routes: dict = {"/robots.txt": Page(b"User-agent: *\nAllow: /\n", content_type="text/plain"),
                        "/": Page(f"<html><body>{links}</body></html>".encode())}  # fmt: skip
        for n in range(ARTICLES):
            routes[f"/article/{n}/"] = held.page(article(n, images.base_url), f"/article/{n}/")
        with SiteServer(routes) as pages:
            yield ResourceSite(pages, images), held


def test_pages_are_fetched_while_their_records_wait_for_images(
    held_site: tuple[ResourceSite, HeldImages], tmp_path: Path, sandbox_env: dict[str, str]
) -> None:
    site, held = held_site
    archive = tmp_path / "archive"
    run = crawl(site, archive, sandbox_env, "SCRAPER_SLOT_MAX_ACTIVE_SIZE=1")
    assert held.timed_out == []  # every article was served while the images were held
    records = read_records(archive)
    assert len(records) == ARTICLES
    assert all(r["images"][0]["warc"] is not None for r in records)
    assert run["pages_waiting"]["peak"] >= 2


def test_the_pages_waiting_for_their_records_are_bounded(
    held_site: tuple[ResourceSite, HeldImages], tmp_path: Path, sandbox_env: dict[str, str]
) -> None:
    site, held = held_site
    archive = tmp_path / "archive"
    run = crawl(site, archive, sandbox_env, "SCRAPER_SLOT_MAX_ACTIVE_SIZE=1", "ARCHIVER_PAGES_WAITING=3")
    assert run["pages_waiting"]["peak"] == 3 and run["pages_waiting"]["full"] > 0
    assert held.timed_out  # the bound held the crawl back until the images came
    records = read_records(archive)
    assert len(records) == ARTICLES  # nothing lost: every record waited its turn and was written
    assert all(r["images"][0]["warc"] is not None for r in records)

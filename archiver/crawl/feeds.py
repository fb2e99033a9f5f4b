"""URLs listed by robots.txt, sitemaps (and sitemap indexes) and RSS/Atom/JSON feeds.

Pure functions over response bodies. :func:`feed_dates` gives each feed item's date as
written (Atom ``updated``, ``dc:date``, RSS ``pubDate`` ...), which the re-check policy
compares with the one last seen (:mod:`archiver.state.recheck`). :func:`document_kind` tells a sitemap from a
feed by its root element (or JSON Feed version), whatever the Content-Type says.
"""

from __future__ import annotations

import itertools
import json
import zlib
from enum import StrEnum
from urllib.parse import urljoin

from lxml import etree
from scrapy.utils.sitemap import Sitemap


class DocumentKind(StrEnum):
    """What a non-HTML document the crawl follows is."""

    SITEMAP = "sitemap"
    SITEMAP_INDEX = "sitemap_index"
    FEED = "feed"  # RSS, Atom, JSON Feed


_ROOTS = {"urlset": DocumentKind.SITEMAP, "sitemapindex": DocumentKind.SITEMAP_INDEX, "rss": DocumentKind.FEED,
          "feed": DocumentKind.FEED, "RDF": DocumentKind.FEED}  # fmt: skip
_GZIP_MAGIC = b"\x1f\x8b"
#: The sitemap protocol's limits: 50,000 URLs and 50 MB (uncompressed) per sitemap.
MAX_SITEMAP_URLS = 50_000


def robots_sitemaps(body: bytes, url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt body fetched from ``url``."""
    found = []
    for line in body.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(url, value.strip()))
    return found


def xml_body(body: bytes, max_size: int = 0) -> bytes:
    """``body`` with a gzip layer removed (``sitemap.xml.gz`` served as a file), its first
    ``max_size`` bytes only (0: all)."""
    return read_document(body, max_size)[0]


def read_document(body: bytes, max_size: int = 0) -> tuple[bytes, bool]:
    """:func:`xml_body`, and whether bytes past ``max_size`` were cut off (a gzip bomb never
    expands past it)."""
    if body.startswith(_GZIP_MAGIC):
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            body = decompressor.decompress(body, max_size + 1 if max_size else 0)
        except zlib.error:
            body = body if not max_size else body[: max_size + 1]  # not gzip after all: read as it is
    if max_size and len(body) > max_size:
        return body[:max_size], True
    return body, False


def document_kind(body: bytes) -> DocumentKind | None:
    """The kind of a document: a sitemap, a sitemap index, a feed (RSS, Atom, JSON Feed), or None."""
    head = body[:2048].lstrip()
    if head.startswith(b"{"):
        return DocumentKind.FEED if b"jsonfeed.org/version" in head else None
    if not head.startswith(b"<"):
        return None
    parser = etree.XMLPullParser(events=("start",), recover=True, resolve_entities=False, no_network=True)
    parser.feed(head)
    for _, element in parser.read_events():
        return _ROOTS.get(etree.QName(element).localname)
    return None


def sitemap_urls(body: bytes, url: str, max_urls: int = MAX_SITEMAP_URLS) -> list[str]:
    """The ``<loc>`` URLs of a sitemap or sitemap index (with their alternates), the first
    ``max_urls`` entries only."""
    found = []
    for entry in itertools.islice(Sitemap(body), max_urls):
        found.append(urljoin(url, entry["loc"]))
        found.extend(urljoin(url, alt) for alt in entry.get("alternate", []))
    return found


#: Item elements of RSS 1/2 and Atom, and their date elements, the most telling first.
FEED_ITEMS = ("{*}item", "{*}entry")
FEED_DATES = ("updated", "modified", "date", "pubDate", "published", "issued")
#: JSON Feed item dates, the most telling first.
JSON_FEED_DATES = ("date_modified", "date_published")


def _xml_root(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    return etree.fromstring(body, parser=parser)


def feed_urls(body: bytes, url: str) -> list[str]:
    """The item links of an RSS 1/2, Atom or JSON feed."""
    if body.lstrip().startswith(b"{"):
        return _json_feed_urls(body, url)
    root = _xml_root(body)
    return [] if root is None else _links(root, url)


def feed_dates(body: bytes, url: str) -> dict[str, str]:
    """The date of each item of a feed, by item link (items without a date are left out)."""
    if body.lstrip().startswith(b"{"):
        return {link: date for link, date in _json_feed_items(body, url) if date}
    root = _xml_root(body)
    if root is None:
        return {}
    dates = {}
    for item in root.iter(*FEED_ITEMS):
        if date := _item_date(item):
            dates.update(dict.fromkeys(_links(item, url), date))
    return dates


def _item_date(item: etree._Element) -> str | None:
    found = {
        etree.QName(child).localname: (child.text or "").strip()
        for child in item
        if isinstance(child.tag, str)
    }
    return next((found[name] for name in FEED_DATES if found.get(name)), None)


def _links(root: etree._Element, url: str) -> list[str]:
    found = []
    for element in root.iter("{*}link", "{*}guid"):
        local = etree.QName(element).localname
        if local == "guid" and (element.get("isPermaLink") or "true").lower() == "false":
            continue
        href = element.get("href")
        if href is None:
            href = element.text or ""
        rel = element.get("rel", "alternate")
        if href.strip() and rel == "alternate":
            found.append(urljoin(url, href.strip()))
    return found


def _json_feed_urls(body: bytes, url: str) -> list[str]:
    return [link for link, _ in _json_feed_items(body, url)]


def _json_feed_items(body: bytes, url: str) -> list[tuple[str, str | None]]:
    """(link, date) of each item of a JSON Feed."""
    try:
        items = json.loads(body).get("items") or []
    except (ValueError, AttributeError):
        return []
    found = []
    for item in items:
        link = item.get("url") or item.get("external_url") if isinstance(item, dict) else None
        if isinstance(link, str) and link.strip():
            date = next(
                (item[n] for n in JSON_FEED_DATES if isinstance(item.get(n), str) and item[n].strip()), None
            )
            found.append((urljoin(url, link), date.strip() if date else None))
    return found

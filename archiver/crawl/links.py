"""Links of an HTML page, read straight from its lxml tree (no LinkExtractor).

:func:`page_links` returns the anchors, the RSS/Atom feeds the page announces
(``<link rel=alternate type=application/rss+xml>``), its ``rel=canonical`` and its
``rel=next``, all absolute, in page order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

#: Media types of the feeds a page announces.
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
#: Link schemes never followed.
_SKIP_PREFIXES = ("mailto:", "javascript:", "tel:", "data:", "#", "sms:", "callto:")


@dataclass
class PageLinks:
    """What a page links to."""

    anchors: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    canonical: str | None = None
    next_page: str | None = None


def page_links(root: etree._Element, url: str) -> PageLinks:
    """The links of the HTML tree ``root`` fetched from ``url``."""
    base = root.xpath("string(//base/@href)").strip()
    base = urljoin(url, base) if base else url
    links = PageLinks()
    for element in root.xpath("//link[@href] | //a[@rel][@href]"):
        rel = (element.get("rel") or "").lower().split()
        href = element.get("href", "").strip()
        if "canonical" in rel and links.canonical is None and element.tag == "link":
            links.canonical = urljoin(base, href)
        elif "next" in rel and links.next_page is None:
            links.next_page = urljoin(base, href)
        elif "alternate" in rel and (element.get("type") or "").lower() in FEED_TYPES:
            links.feeds.append(urljoin(base, href))
    scheme, netloc = urlsplit(base)[:2]
    origin = f"{scheme}://{netloc}"
    seen: set[str] = set()
    for href in root.xpath("//a/@href | //area/@href"):
        href = href.strip()
        if not href or href in seen or href.lower().startswith(_SKIP_PREFIXES):
            continue
        seen.add(href)
        links.anchors.append(_absolute(href, base, origin))
    return links


def _absolute(href: str, base: str, origin: str) -> str:
    """``urljoin(base, href)``, without its cost for the common absolute and root-relative links."""
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith("/") and not href.startswith("//") and "/." not in href:
        return origin + href
    return urljoin(base, href)

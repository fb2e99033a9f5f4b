"""The frontier, its limits, and link discovery from HTML, sitemaps, feeds and robots.txt."""

from __future__ import annotations

import gzip

import lxml.html

from archiver.crawl import feeds
from archiver.crawl.frontier import Frontier
from archiver.crawl.limits import PageBudget, url_shape
from archiver.crawl.links import page_links


def test_frontier_admits_each_canonical_url_once_and_in_scope() -> None:
    frontier = Frontier(["site.example"], exclude_patterns=["^/compte/"])
    assert frontier.admit("https://site.example/a/?utm_source=x#top") == "https://site.example/a/"
    assert frontier.admit("https://site.example/a/") is None
    assert frontier.admit("https://site.example/a/?fbclid=1") is None
    assert frontier.admit("https://other.example/a/") is None
    assert frontier.admit("https://site.example/compte/connexion/") is None
    assert frontier.admit("ftp://site.example/file") is None
    frontier.mark_seen("https://site.example/landed/")
    assert frontier.admit("https://site.example/landed/#x") is None


def test_url_shapes_group_trap_urls() -> None:
    assert url_shape("http://s/agenda/?month=2031-07") == url_shape("http://s/agenda/?month=1999-01")
    assert url_shape("http://s/agenda/?month=-3") == url_shape("http://s/agenda/?month=12")
    assert url_shape("http://s/article/alpha/") != url_shape("http://s/article/beta/")


def test_budget_per_shape_per_pattern_and_in_all() -> None:
    budget = PageBudget(max_pages=0, per_pattern=3)
    admitted = [budget.admit(f"http://s/cal/?d={n}", f"/cal/?d={n}") for n in range(10)]
    assert admitted.count(True) == 3 and budget.refused["per_pattern"] == 7
    budget = PageBudget(pattern_limits={"^/agenda/": 2})
    assert [budget.admit(f"http://s/agenda/{w}", f"/agenda/{w}") for w in "abc"] == [True, True, False]
    assert budget.admit("http://s/other", "/other")
    budget = PageBudget(max_pages=2)
    assert [budget.take_page(f"http://s/{w}") for w in "abc"] == [True, True, False]
    assert budget.refused["max_pages"] == 1


def test_page_links_anchors_feeds_canonical_next() -> None:
    html = """<html><head><base href="/sub/">
    <link rel="canonical" href="https://s.example/article/x/">
    <link rel="alternate" type="application/rss+xml" href="/feed/">
    <link rel="alternate" hreflang="en" href="/en/x/">
    <link rel="next" href="?page=2"></head>
    <body><a href="y/">y</a><a href="y/">again</a><a href="mailto:a@b">m</a><a href="#top">t</a>
    <a href="javascript:void(0)">j</a><a href=" https://o.example/ ">o</a>
    <a href="/a/../b/">dots</a><a href="//cdn.example/x">cdn</a><a href="/c/?q=1#f">c</a></body></html>"""
    links = page_links(lxml.html.fromstring(html), "https://s.example/article/x/")
    assert links.canonical == "https://s.example/article/x/"
    assert links.feeds == ["https://s.example/feed/"]
    assert links.next_page == "https://s.example/sub/?page=2"
    assert links.anchors == [
        "https://s.example/sub/y/", "https://o.example/", "https://s.example/b/", "https://cdn.example/x",
        "https://s.example/c/?q=1#f",
    ]  # fmt: skip


def test_sitemaps_feeds_and_robots() -> None:
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>'
    urlset = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://s/a/</loc></url></urlset>'
    assert feeds.document_kind(index) == feeds.DocumentKind.SITEMAP_INDEX and feeds.sitemap_urls(
        index, "http://s/"
    ) == ["http://s/s1.xml"]
    packed = feeds.xml_body(gzip.compress(urlset))
    assert feeds.document_kind(packed) == feeds.DocumentKind.SITEMAP and feeds.sitemap_urls(
        packed, "http://s/"
    ) == ["http://s/a/"]
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="/f"/><entry><link href="/e/1"/></entry></feed>'
    assert feeds.document_kind(atom) == feeds.DocumentKind.FEED and feeds.feed_urls(atom, "http://s/") == [
        "http://s/e/1"
    ]
    rss = b"<rss><channel><item><link>http://s/i/</link><guid isPermaLink='false'>42</guid></item></channel></rss>"
    assert feeds.feed_urls(rss, "http://s/") == ["http://s/i/"]
    assert feeds.document_kind(b"%PDF-1.4") is None and feeds.document_kind(b"<html><body/></html>") is None
    robots = b"User-agent: *\nDisallow: /x/\nsitemap: http://s/a.xml\nSitemap:/b.xml\n"
    assert feeds.robots_sitemaps(robots, "http://s/robots.txt") == ["http://s/a.xml", "http://s/b.xml"]


def test_json_feed() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "url": "/a/1/"}, {"id": "2"}]}'
    assert feeds.document_kind(body) == feeds.DocumentKind.FEED
    assert feeds.feed_urls(body, "http://s/feed.json") == ["http://s/a/1/"]
    assert feeds.document_kind(b'{"other": "json"}') is None

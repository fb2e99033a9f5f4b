"""The bundled demo site, served on loopback and walked over real HTTP with urllib."""

from __future__ import annotations

import datetime
import email.utils
import gzip
import json
import re
import urllib.error
import urllib.request
import urllib.robotparser
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest

from archiver.demo import (
    DISALLOWED,
    LISTING_ONLY,
    SITEMAP_ONLY,
    demo_routes,
    expected_articles,
    serve_demo,
)

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
GOLD_FIELDS = {"id", "url", "family", "language", "title", "authors", "published", "image_credit",
               "author_bios", "body", "must_not_be_in_body"}  # fmt: skip
LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src"}
SKIP_TAGS = {"head", "script", "style", "noscript", "template", "svg"}
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "body", "br", "dd", "div", "dl", "dt", "figcaption",
              "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
              "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}  # fmt: skip


@dataclass
class Fetched:
    status: int
    content_type: str
    body: bytes  # content-coding removed


@dataclass
class Walk:
    """What a robots-obeying walk of the site found."""

    pages: dict[str, Fetched] = field(default_factory=dict)  # URL without fragment → response
    linked_from: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # by other HTML pages
    disallowed: set[str] = field(default_factory=set)
    robots: urllib.robotparser.RobotFileParser = field(default_factory=urllib.robotparser.RobotFileParser)


def fetch(url: str) -> Fetched:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return Fetched(status, headers.get("Content-Type", "").split(";")[0], body)


def html_links(page_url: str, body: bytes) -> set[str]:
    root = lxml.html.document_fromstring(body)
    found = set()
    for element in root.iter(*LINK_ATTRS):
        value = element.get(LINK_ATTRS[element.tag])
        if value:
            found.add(urldefrag(urljoin(page_url, value.strip())).url)
    return found


def xml_links(body: bytes) -> set[str]:
    root = lxml.etree.fromstring(body)
    return {el.text.strip() for el in root.iter(f"{SM}loc", "link", "guid") if el.text}


def walk_site(base: str) -> Walk:
    walk = Walk()
    robots_url = base + "/robots.txt"
    walk.robots.parse(fetch(robots_url).body.decode("utf-8").splitlines())
    queue = [base + "/", robots_url, *(walk.robots.site_maps() or [])]
    while queue:
        url = queue.pop()
        if url in walk.pages:
            continue
        page = walk.pages[url] = fetch(url)
        if page.status != 200:
            continue
        if page.content_type == "text/html":
            links = html_links(url, page.body)
            for link in links - {url}:
                walk.linked_from[link].add(url)
        elif page.content_type.endswith("xml"):
            links = xml_links(page.body)
        else:
            continue
        for link in links:
            if not link.startswith(base + "/"):
                continue
            if walk.robots.can_fetch("*", link):
                queue.append(link)
            else:
                walk.disallowed.add(link)
    return walk


def visible_text(body: bytes) -> str:
    """Text a reader sees in <body> (the gold corpus rule), whitespace collapsed."""
    parts: list[str] = []

    def visit(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        style = (el.get("style") or "").replace(" ", "").lower() if tag else ""
        if tag is None or tag in SKIP_TAGS or el.get("hidden") is not None or "display:none" in style:
            parts.append(el.tail or "")
            return
        gap = "\n" if tag in BLOCK_TAGS else ""
        parts.extend([gap, f" {el.get('alt')} " if tag == "img" and el.get("alt") else "", el.text or ""])
        for child in el:
            visit(child)
        parts.extend([gap, el.tail or ""])

    visit(lxml.html.document_fromstring(body).find("body"))
    return " ".join("".join(parts).split())


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def site():
    server = serve_demo()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def walk(site) -> Walk:
    return walk_site(site.base_url)


def html_pages(walk: Walk) -> dict[str, Fetched]:
    return {url: p for url, p in walk.pages.items() if p.status == 200 and p.content_type == "text/html"}


def test_every_internal_link_resolves(walk: Walk) -> None:
    broken = {url: p.status for url, p in walk.pages.items() if p.status != 200}
    assert not broken
    assert len(html_pages(walk)) >= 30


def test_every_file_of_the_site_is_reachable(site, walk: Walk) -> None:
    files = {path for path in demo_routes(site.base_url) if not path.endswith("/index.html")}
    reached = {urlsplit(url).path for url in walk.pages}
    assert files - reached == set()


def test_robots_txt_disallows_admin_and_search_and_names_the_sitemap(site, walk: Walk) -> None:
    assert walk.disallowed == {site.url(path) for path in DISALLOWED}
    assert walk.robots.site_maps() == [site.url("/sitemap_index.xml")]
    assert walk.robots.can_fetch("*", site.url("/analyses/"))


def test_sitemaps_are_xml_with_absolute_urls_to_the_server(site, walk: Walk) -> None:
    index = lxml.etree.fromstring(walk.pages[site.url("/sitemap_index.xml")].body)
    assert index.tag == f"{SM}sitemapindex"
    children = [loc.text for loc in index.iter(f"{SM}loc")]
    assert children == [site.url("/sitemap-articles.xml"), site.url("/sitemap-pages.xml")]
    articles = lxml.etree.fromstring(walk.pages[children[0]].body)
    entries = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in articles.iter(f"{SM}url")}
    expected = {site.url(a["url"]) for a in expected_articles()}
    assert set(entries) == expected - {site.url(LISTING_ONLY)}
    for lastmod in entries.values():
        datetime.date.fromisoformat(lastmod)
    pages = lxml.etree.fromstring(walk.pages[children[1]].body)
    locs = [loc.text for loc in pages.iter(f"{SM}loc")]
    assert site.url("/") in locs
    assert all(loc.startswith(site.base_url + "/") for loc in locs)


def test_rss_feed_is_linked_from_every_page_and_points_at_the_server(site, walk: Walk) -> None:
    feed_url = site.url("/feed/index.xml")
    for url, page in html_pages(walk).items():
        root = lxml.html.document_fromstring(page.body)
        feeds = root.xpath('//head/link[@rel="alternate"][@type="application/rss+xml"]/@href')
        assert [urljoin(url, href) for href in feeds] == [feed_url], url
    rss = lxml.etree.fromstring(walk.pages[feed_url].body)
    assert (rss.tag, rss.get("version")) == ("rss", "2.0")
    channel = rss.find("channel")
    assert channel.find(f"{ATOM}link").get("href") == feed_url
    items = channel.findall("item")
    assert len(items) >= 5
    expected = {site.url(a["url"]) for a in expected_articles()}
    for item in items:
        assert item.findtext("link") in expected - {site.url(SITEMAP_ONLY), site.url(LISTING_ONLY)}
        assert item.findtext("guid") == item.findtext("link")
        assert email.utils.parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None


def test_one_article_only_in_the_sitemap_and_one_only_in_a_listing(site, walk: Walk) -> None:
    sitemap_only, listing_only = site.url(SITEMAP_ONLY), site.url(LISTING_ONLY)
    assert walk.pages[sitemap_only].status == 200
    assert not walk.linked_from[sitemap_only]
    assert site.url("/notes/") in walk.linked_from[listing_only]
    assert not any(
        listing_only in xml_links(p.body) for p in walk.pages.values() if p.content_type.endswith("xml")
    )


def test_query_fragment_and_off_site_links_exist(site, walk: Walk) -> None:
    linked = set(walk.linked_from)
    assert any("utm_source=" in url for url in linked)
    hrefs = set()
    for page in html_pages(walk).values():
        hrefs.update(lxml.html.document_fromstring(page.body).xpath("//a/@href"))
    assert any(href.startswith("/article/") and "#" in href for href in hrefs)
    assert "https://example.org/" in hrefs


def test_pdf_report_is_a_valid_pdf_linked_from_an_article(site, walk: Walk) -> None:
    url = site.url("/rapports/rapport-2025.pdf")
    pdf = walk.pages[url]
    assert pdf.content_type == "application/pdf"
    assert pdf.body.startswith(b"%PDF-")
    assert pdf.body.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf.body).group(1))
    assert pdf.body[startxref:].startswith(b"xref")
    assert any("/article/" in page for page in walk.linked_from[url])


def test_listing_pagination_chains_with_rel_next_and_prev(site) -> None:
    chain, url = [], site.url("/analyses/")
    while url:
        chain.append(urlsplit(url).path)
        root = lxml.html.document_fromstring(fetch(url).body)
        assert root.xpath('//head/link[@rel="next"]/@href') == root.xpath('//a[@rel="next"]/@href')
        nxt = root.xpath('//head/link[@rel="next"]/@href')
        url = urljoin(url, nxt[0]) if nxt else None
    assert chain == ["/analyses/", "/analyses/page/2/", "/analyses/page/3/"]
    prev = lxml.html.document_fromstring(fetch(site.url(chain[-1])).body).xpath('//link[@rel="prev"]/@href')
    assert prev == [chain[1]]


def test_demo_routes_put_the_base_url_in_text_files_only() -> None:
    routes = demo_routes("http://127.0.0.1:8765/")
    assert b"Sitemap: http://127.0.0.1:8765/sitemap_index.xml" in routes["/robots.txt"].body
    assert not any(b"{{BASE}}" in page.body for page in routes.values())
    other = demo_routes("http://127.0.0.2:9999")
    assert (
        other["/robots.txt"].body.replace(b"127.0.0.2:9999", b"127.0.0.1:8765") == routes["/robots.txt"].body
    )
    assert other["/"].body == routes["/"].body
    assert b"127.0.0.1" not in routes["/"].body


def test_expected_records_have_the_gold_fields_and_cover_the_awkward_cases() -> None:
    records = expected_articles()
    assert 8 <= len(records) <= 10
    assert len({r["url"] for r in records}) == len(records)
    for record in records:
        assert set(record) == GOLD_FIELDS
        assert record["url"] == f"/article/{record['id']}/"
        assert set(record["author_bios"]) <= set(record["authors"])
        datetime.date.fromisoformat(record["published"])
        assert 300 <= len(record["body"].split()) <= 700, record["id"]
    assert {r["language"] for r in records} == {"fr", "en"}
    assert any(len(r["authors"]) == 2 for r in records)
    assert any(r["image_credit"] is None for r in records)


@pytest.mark.parametrize("record", expected_articles(), ids=lambda r: r["id"])
def test_every_expected_string_is_on_the_article_page(site, record: dict) -> None:
    page = fetch(site.url(record["url"]))
    assert (page.status, page.content_type) == (200, "text/html")
    text = visible_text(page.body)
    for needle in [record["title"], *record["authors"], *record["author_bios"].values()]:
        assert norm(needle) in text
    if record["image_credit"]:
        assert norm(record["image_credit"]) in text
    position = 0
    for paragraph in record["body"].split("\n\n"):
        found = text.find(norm(paragraph), position)
        assert found >= 0, f"body paragraph missing or out of order: {paragraph[:60]}"
        position = found + len(norm(paragraph))
    for snippet in record["must_not_be_in_body"]:
        assert norm(snippet) in text
        assert norm(snippet) not in norm(record["body"])


@pytest.mark.parametrize("record", expected_articles(), ids=lambda r: r["id"])
def test_article_metadata_agrees_with_the_expected_record(site, record: dict) -> None:
    body = fetch(site.url(record["url"])).body
    assert fetch(site.url(record["url"] + "index.html")).body == body
    root = lxml.html.document_fromstring(body)
    assert root.xpath('//link[@rel="canonical"]/@href') == [record["url"]]
    assert root.xpath('//meta[@property="og:type"]/@content') == ["article"]
    assert root.xpath('//meta[@property="og:url"]/@content') == [record["url"]]
    byline = norm(root.xpath('string(//p[contains(@class, "article-meta")])'))
    assert byline.startswith("Par : " + " et ".join(record["authors"]) + " - le ")
    for script in root.xpath('//script[@type="application/ld+json"]/text()'):
        data = json.loads(script)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == record["title"]
        assert data["datePublished"][:10] == record["published"]
        assert [a["name"] for a in data["author"]] == record["authors"]


def test_the_demo_has_the_awkward_variants_of_a_real_site(site) -> None:
    texts = {r["id"]: fetch(site.url(r["url"])).body.decode("utf-8") for r in expected_articles()}
    assert any("- le 1er mars 2025" in t for t in texts.values())
    assert any(re.search(r"<figcaption[^>]*>[^<]+\. Photo : [^<]+</figcaption>", t) for t in texts.values())
    assert any('class="media comment' in t for t in texts.values())
    assert sum('"@type": "NewsArticle"' in t for t in texts.values()) >= 2

"""The demo site's machine-readable files: robots.txt, sitemaps and the RSS feed."""

from __future__ import annotations

import email.utils
from xml.sax.saxutils import escape

from archiver.demo.sitedata import Site

FEED_ITEMS = 6
PAGES_IN_SITEMAP = ("/", "/analyses/", "/notes/", "/a-propos/", "/contact/")
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def render(site: Site, base: str) -> dict[str, str]:
    """robots.txt, the sitemap index and its two sitemaps, the feed; absolute URLs on ``base``."""
    return {
        "/robots.txt": robots(site, base),
        "/sitemap_index.xml": sitemap_index(site, base),
        "/sitemap-articles.xml": sitemap_articles(site, base),
        "/sitemap-pages.xml": sitemap_pages(base),
        "/feed/index.xml": feed(site, base),
    }


def robots(site: Site, base: str) -> str:
    return (
        f"# Robots de l'{site.short}\nUser-agent: *\nDisallow: /admin/\nDisallow: /recherche\n\n"
        f"Sitemap: {base}/sitemap_index.xml\n"
    )


def _urlset(entries: list[tuple[str, str | None]], tag: str = "url", root: str = "urlset") -> str:
    lines = [XML_DECLARATION + f'<{root} xmlns="{SITEMAP_NS}">\n']
    for loc, lastmod in entries:
        lines.append(f"  <{tag}>\n    <loc>{escape(loc)}</loc>\n")
        if lastmod:
            lines.append(f"    <lastmod>{lastmod}</lastmod>\n")
        lines.append(f"  </{tag}>\n")
    return "".join(lines) + f"</{root}>\n"


def _in_sitemap(site: Site) -> list:
    return [a for a in site.articles if a.in_sitemap]


def sitemap_index(site: Site, base: str) -> str:
    newest = max(a.lastmod for a in _in_sitemap(site)).date().isoformat()
    entries = [(f"{base}/sitemap-articles.xml", newest), (f"{base}/sitemap-pages.xml", None)]
    return _urlset(entries, tag="sitemap", root="sitemapindex")


def sitemap_articles(site: Site, base: str) -> str:
    return _urlset([(base + a.path, a.lastmod.date().isoformat()) for a in _in_sitemap(site)])


def sitemap_pages(base: str) -> str:
    return _urlset([(base + path, None) for path in PAGES_IN_SITEMAP])


def feed(site: Site, base: str) -> str:
    items = site.listed[:FEED_ITEMS]
    out = [
        XML_DECLARATION,
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\n',
        "  <channel>\n",
        f"    <title>{escape(site.name)}</title>\n",
        f"    <link>{base}/</link>\n",
        f'    <atom:link href="{base}/feed/index.xml" rel="self" type="application/rss+xml"/>\n',
        f"    <description>{escape(site.feed_description)}</description>\n",
        "    <language>fr</language>\n",
        f"    <lastBuildDate>{email.utils.format_datetime(items[0].published)}</lastBuildDate>\n",
    ]
    for article in items:
        url = base + article.path
        out += [
            "    <item>\n",
            f"      <title>{escape(article.title)}</title>\n",
            f"      <link>{url}</link>\n",
            f'      <guid isPermaLink="true">{url}</guid>\n',
            f"      <pubDate>{email.utils.format_datetime(article.published)}</pubDate>\n",
            f"      <dc:creator>{escape(' et '.join(site.author(s).name for s in article.authors))}</dc:creator>\n",
        ]
        out += [f"      <category>{escape(site.tag(t).name)}</category>\n" for t in article.tags]
        out += [f"      <description>{escape(article.excerpt)}</description>\n", "    </item>\n"]
    return "".join(out) + "  </channel>\n</rss>\n"

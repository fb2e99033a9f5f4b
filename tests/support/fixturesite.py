"""A small observatory site with the awkward parts of the real web, as data.

``site_routes(base, offsite)`` is the route table for :class:`archiver.demo.server.SiteServer`:
every behaviour (robots.txt rules, sitemaps, a feed, pagination, redirects, errors,
encodings, traps) is a row. ``ARTICLES`` names the pages that must get exactly one
record each; ``FORBIDDEN`` the paths robots.txt disallows.
"""

from __future__ import annotations

from archiver.demo.server import Page, Request

#: Slugs of the article pages that must each get one record.
ARTICLES = (
    "alpha", "beta", "gamma", "delta", "epsilon", "flaky", "latin", "slow", "malformed",
    "sitemap-only", "feed-only", "chunked", "misconfigured", "json-feed-only",
)  # fmt: skip
#: Paths robots.txt forbids (linked from the site, never to be fetched).
FORBIDDEN = ("/private/secret/", "/private/")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def article_html(slug: str, extra_head: str = "", links: str = "", charset: str = "utf-8") -> str:
    """An article page: og:type, one h1, a byline, a date and a long body."""
    paragraphs = "\n".join(
        f"<p>Paragraph {n} of the analysis {slug}: the corridor projects of the region changed the trade "
        f"routes between the capitals, and the observers of {slug} note that the new agreements weigh on "
        f"energy, ports and rail for the decade to come, as every delegation repeated at the summit.</p>"
        for n in range(1, 8)
    )
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="{charset}"><title>{slug} - Fixture Observatory</title>
<meta property="og:type" content="article">{extra_head}</head>
<body><nav><a href="/">Accueil</a> <a href="/analyses/">Analyses</a> <a href="/tag/asie/">Asie</a></nav>
<main><article><h1>Analyse {slug}</h1>
<p class="byline">Par <a rel="author" href="/auteur/jeanne/">Jeanne Martin</a> - <time datetime="2024-10-25">25 octobre 2024</time></p>
<div class="article-content">{paragraphs}</div></article>
<aside>{links}</aside></main></body></html>"""


def listing_html(title: str, slugs: list[str], next_url: str | None = None, body_class: str = "") -> str:
    """A listing page: teaser blocks, and a rel=next link when there is a next page."""
    teasers = "\n".join(
        f'<div class="teaser"><h3><a href="/article/{s}/">Analyse {s}</a></h3><p>Résumé de {s}.</p></div>'
        for s in slugs
    )
    more = f'<nav class="pagination"><a rel="next" href="{next_url}">Suivant</a></nav>' if next_url else ""
    head = f'<link rel="next" href="{next_url}">' if next_url else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body class="{body_class}"><h1>{title}</h1>{teasers}{more}</body></html>"""


def html(text: str, **kwargs: object) -> Page:
    return Page(text.encode("utf-8"), **kwargs)


def calendar(request: Request) -> Page:
    """An endless calendar: every month links to the next and the previous one."""
    month = int(request.path.partition("month=")[2] or 0)
    body = f"""<html><body><h1>Agenda {month}</h1>
<a href="/agenda/?month={month + 1}">mois suivant</a> <a href="/agenda/?month={month - 1}">mois précédent</a></body></html>"""
    return html(body)


def flaky(request: Request) -> Page:
    """503 on the first request, the article afterwards."""
    if request.count == 1:
        return Page(b"<html><body>busy</body></html>", status=503)
    return html(article_html("flaky"))


def site_routes(base: str, offsite: str) -> dict[str, Page | object]:
    """The route table of the fixture site served at ``base``; ``offsite`` is another site."""
    home = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Fixture Observatory</title>
<meta property="og:type" content="website">
<link rel="alternate" type="application/rss+xml" title="Flux" href="/feed.xml">
<link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json"></head>
<body><h1>Fixture Observatory</h1>
<a href="/analyses/">Analyses</a> <a href="/tag/asie/">Asie</a> <a href="/auteur/jeanne/">Jeanne</a>
<a href="/article/beta/?utm_source=newsletter&amp;utm_medium=email#comments">Beta (tracked)</a>
<a href="/article/beta/?fbclid=XYZ">Beta (facebook)</a>
<a href="/article/beta/;jsessionid=ABC123">Beta (session)</a>
<a href="/article/alpha/?print=1">Alpha, print</a> <a href="/print/alpha/">Alpha, imprimer</a>
<a href="/old/alpha-story.html">Alpha (old URL)</a>
<a href="/article/flaky/">Flaky</a> <a href="/article/latin/">Latin</a> <a href="/article/slow/">Slow</a>
<a href="/article/malformed/">Malformed</a> <a href="/article/misconfigured/">Misconfigured</a> <a href="/article/chunked/">Chunked</a>
<a href="/article/cutoff/">Cut off</a> <a href="/big/">Big</a> <a href="/missing/">Missing</a>
<a href="/reports/annual-2024.pdf">Rapport annuel (PDF)</a>
<a href="/private/secret/">Private</a> <a href="/agenda/?month=0">Agenda</a>
<a href="{offsite}/elsewhere/">Ailleurs</a> <a href="/partner/">Partenaire</a> <a href="mailto:contact@example.org">Contact</a>
</body></html>"""
    sitemap_index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-articles.xml</loc></sitemap></sitemapindex>"""
    sitemap = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/article/sitemap-only/</loc></url><url><loc>{base}/article/alpha/</loc></url>
<url><loc>{base}/private/from-sitemap/</loc></url></urlset>"""
    feed = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Flux</title>
<link>{base}/</link><item><title>Feed only</title><link>{base}/article/feed-only/</link></item></channel></rss>"""
    json_feed = f"""{{"version": "https://jsonfeed.org/version/1.1", "title": "JSON",
"items": [{{"id": "j1", "url": "{base}/article/json-feed-only/"}}]}}"""
    latin = article_html("latin", charset="iso-8859-1").replace("Paragraph 1", "Été, négociations à Téhéran")
    return {
        "/robots.txt": Page(
            f"User-agent: *\nDisallow: /private/\n\nSitemap: {base}/sitemap_index.xml\n".encode(),
            content_type="text/plain",
        ),
        "/sitemap_index.xml": Page(sitemap_index.encode(), content_type="application/xml"),
        "/sitemap-articles.xml": Page(sitemap.encode(), content_type="application/xml", gzip=True),
        "/feed.xml": Page(feed.encode(), content_type="application/rss+xml"),
        "/feed.json": Page(json_feed.encode(), content_type="application/feed+json"),
        "/": html(home),
        "/analyses/": analyses,
        "/tag/asie/": html(listing_html("Tag : Asie", ["alpha", "gamma"], body_class="tag-page")),
        "/auteur/jeanne/": html(listing_html("Jeanne Martin", ["beta", "delta"], body_class="author-page")),
        "/article/alpha/": html(
            article_html("alpha", f'<link rel="canonical" href="{base}/article/alpha/">')
        ),
        "/print/alpha/": html(article_html("alpha", f'<link rel="canonical" href="{base}/article/alpha/">')),
        "/old/alpha-story.html": Page(status=301, location=f"{base}/article/alpha/"),
        "/article/beta/": html(article_html("beta", links='<a href="/article/alpha/#top">alpha</a>')),
        "/article/gamma/": html(article_html("gamma"), gzip=True),
        "/article/delta/": html(article_html("delta")),
        "/article/epsilon/": html(article_html("epsilon")),
        "/article/chunked/": html(article_html("chunked"), chunked=True, gzip=True),
        "/article/flaky/": flaky,
        "/article/latin/": Page(latin.encode("iso-8859-1"), content_type="text/html; charset=iso-8859-1"),
        "/article/slow/": html(article_html("slow"), delay=1.0),
        "/article/malformed/": html(
            article_html("malformed").replace("</p>", "").replace("</div>", "<div><b><i>")
        ),
        # A CMS that gives every page the home page as rel=canonical: ignored.
        "/article/misconfigured/": html(
            article_html("misconfigured", f'<link rel="canonical" href="{base}/">')
        ),
        "/article/sitemap-only/": html(article_html("sitemap-only")),
        "/article/feed-only/": html(article_html("feed-only")),
        "/article/json-feed-only/": html(article_html("json-feed-only")),
        "/article/cutoff/": html(article_html("cutoff"), truncate_at=700),
        "/big/": html("<html><body>" + "<p>big page</p>" * 200_000 + "</body></html>"),
        "/partner/": Page(status=302, location=f"{offsite}/landing/"),  # a redirect off the site
        "/reports/annual-2024.pdf": Page(PDF, content_type="application/pdf"),
        "/private/secret/": html(article_html("secret")),
        "/private/from-sitemap/": html(article_html("from-sitemap")),
        "/agenda/": calendar,
    }


def analyses(request: Request) -> Page:
    """Three listing pages, ``/analyses/?page=N``, the later ones reachable only by rel=next."""
    page = int(request.path.partition("page=")[2] or 1)
    pages = {1: ["gamma", "delta"], 2: ["epsilon"], 3: []}
    if page not in pages:
        return Page(b"<html><body>no such page</body></html>", status=404)
    next_url = f"/analyses/?page={page + 1}" if page < 3 else None
    return html(listing_html(f"Analyses, page {page}", pages[page], next_url))

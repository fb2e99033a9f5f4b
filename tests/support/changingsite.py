"""A fixture site that changes between two crawls, and helpers to crawl it.

Every page (and asset: stylesheets, images) carries an ``ETag`` and a ``Last-Modified`` and honours conditional
requests (``If-None-Match`` / ``If-Modified-Since`` → 304), unless ``validators`` is
off (a server that ignores them). Articles are listed on the home page and, unless
``sitemap`` is off, in ``/sitemap.xml`` with their ``<lastmod>``; the paths answered
304 are logged in ``not_modified``.
"""

from __future__ import annotations

import gzip
import hashlib
import subprocess
import sys
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

from archiver.demo.server import Page, Request, SiteServer
from tests.support.cli import FAST
from tests.support.requires import ROOT

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:type" content="article"></head><body><article><h1>{title}</h1>
<p class="byline">By Ada Lovelace, 12 March 2025</p>
{paragraphs}</article><footer><a href="/">Home</a></footer></body></html>"""


def article_html(slug: str, text: str, paragraphs: int = 6) -> bytes:
    body = "\n".join(f"<p>{text} Paragraph {n} of {slug} says more about critical minerals and "
                     f"supply chains, with enough words to count as article text.</p>"
                     for n in range(paragraphs))  # fmt: skip
    return ARTICLE.format(title=f"Article {slug}", paragraphs=body).encode()


@dataclass
class ChangingSite:
    """Articles by slug (HTML and sitemap lastmod), served by a :class:`SiteServer`."""

    articles: dict[str, bytes] = field(default_factory=dict)
    lastmod: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before each article answers
    varying_gzip: bool = False  # gzip HTML with the request count as mtime: new bytes, same content
    has_sitemap: bool = True  # robots.txt names /sitemap.xml; False: no sitemap at all (404)
    has_feed: bool = False  # the home page announces /feed.xml, an Atom feed with each article's date
    validators: bool = True  # False: conditional requests get the whole page again
    not_modified: list[str] = field(default_factory=list)  # paths answered 304
    assets: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path -> (body, type): CSS, images
    cut_off: set[str] = field(default_factory=set)  # slugs whose connection drops mid-body
    server: SiteServer = field(init=False)

    def __post_init__(self) -> None:
        self.server = SiteServer(fallback=self.page)

    def put(self, slug: str, html: bytes, lastmod: str) -> None:
        self.articles[slug] = html
        self.lastmod[slug] = lastmod

    def url(self, slug: str) -> str:
        return self.server.url(f"/article/{slug}/")

    def home(self) -> bytes:
        links = "".join(f'<li><a href="/article/{slug}/">Article {slug}</a></li>' for slug in self.articles)
        feed = '<link rel="alternate" type="application/atom+xml" href="/feed.xml">' if self.has_feed else ""
        return f"<!doctype html><html><head>{feed}</head><body><h1>Home</h1><ul>{links}</ul></body></html>".encode()

    def feed(self) -> bytes:
        entries = "".join(f'<entry><title>{slug}</title><link href="{self.url(slug)}"/>'
                          f"<updated>{self.lastmod[slug]}</updated></entry>" for slug in self.articles)  # fmt: skip
        return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{entries}</feed>'.encode()

    def sitemap(self) -> bytes:
        urls = "".join(f"<url><loc>{self.url(slug)}</loc><lastmod>{self.lastmod[slug]}</lastmod></url>"
                       for slug in self.articles)  # fmt: skip
        return (b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls.encode() + b"</urlset>")  # fmt: skip

    def body_of(self, path: str) -> tuple[bytes, str] | None:
        if path == "/":
            return self.home(), "text/html; charset=utf-8"
        if path == "/robots.txt":
            listed = f"Sitemap: {self.server.url('/sitemap.xml')}\n" if self.has_sitemap else ""
            return f"User-agent: *\n{listed}".encode(), "text/plain"
        if path == "/feed.xml" and self.has_feed:
            return self.feed(), "application/atom+xml"
        if path == "/sitemap.xml" and self.has_sitemap:
            return self.sitemap(), "application/xml"
        if path in self.assets:
            return self.assets[path]
        slug = path.removeprefix("/article/").rstrip("/")
        if path.startswith("/article/") and slug in self.articles:
            return self.articles[slug], "text/html; charset=utf-8"
        return None

    def page(self, request: Request) -> Page | None:
        """The page of ``request``: 200 with validators, 304 when they match, None (404) when unknown."""
        found = self.body_of(request.path)
        if found is None:
            return None
        body, content_type = found
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = formatdate(1_700_000_000 + int.from_bytes(hashlib.sha1(body).digest()[:2]), usegmt=True)
        validators = [("ETag", etag), ("Last-Modified", modified)]
        delay = self.delay if request.path.startswith("/article/") else 0.0
        if self.validators and (
            request.headers.get("If-None-Match") == etag
            or request.headers.get("If-Modified-Since") == modified
        ):
            self.not_modified.append(request.path)
            return Page(b"", status=304, content_type=None, headers=validators, delay=delay)
        html = content_type.startswith("text/html")
        if request.path.removeprefix("/article/").rstrip("/") in self.cut_off:
            return Page(body, content_type=content_type, headers=validators, truncate_at=len(body) // 2)
        if html and self.varying_gzip:
            coded = gzip.compress(body, mtime=request.count)
            return Page(coded, content_type=content_type, headers=[*validators, ("Content-Encoding", "gzip")],
                        delay=delay)  # fmt: skip
        return Page(body, content_type=content_type, headers=validators, gzip=html, delay=delay)


def site_profile(folder: Path, site: ChangingSite, name: str = "changing") -> Path:
    """A site profile for ``site`` in ``folder`` (for --sites-dir)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.toml").write_text(
        f"start_urls = [\"{site.server.url('/')}\"]\n[urls]\narticle = ['^/article/[^/]+/$']\n", "utf-8"
    )
    return folder


def crawl_command(archive: Path, sites_dir: Path, *settings: str, site: str = "changing") -> list[str]:
    """``archiver crawl SITE`` into ``archive``, fast, with -s NAME=VALUE extras."""
    extra = [arg for setting in settings for arg in ("-s", setting)]
    return [sys.executable, "-m", "archiver", "crawl", site, "--sites-dir", str(sites_dir),
            "--archive", str(archive), *FAST, "-s", "ARCHIVER_PROGRESS_INTERVAL=0", *extra]  # fmt: skip


def crawl(archive: Path, sites_dir: Path, env: dict[str, str], *settings: str) -> subprocess.CompletedProcess:
    """Run one crawl of the fixture site to its end."""
    command = crawl_command(archive, sites_dir, *settings)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def start_site(**options: bool) -> ChangingSite:
    site = ChangingSite(**options)
    for slug in ("a1", "a2", "a3", "a4"):
        site.put(slug, article_html(slug, "First version."), "2025-03-12")
    site.server.start()
    return site

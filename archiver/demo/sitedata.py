"""The demo site's content as data: site, tags, authors and articles, read from ``site.toml``.

Everything the demo serves (pages, listings, sitemaps, feed) and the expected records
is rendered from these objects by :mod:`archiver.demo.render`.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_PATH = Path(__file__).resolve().parent / "site.toml"


@dataclass(frozen=True)
class Link:
    """A labelled link (an author's website, social profiles)."""

    label: str
    url: str


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str


@dataclass(frozen=True)
class Author:
    slug: str
    name: str
    bio: str
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Comment:
    id: int
    name: str
    date: datetime.date
    text: str


@dataclass(frozen=True)
class Figure:
    """A lead image shown as a figure whose caption holds the credit."""

    alt: str
    caption: str


@dataclass(frozen=True)
class Article:
    slug: str
    section: str  # a listing slug: "analyses" or "notes"
    language: str  # the language of the text
    locale: str  # og:locale
    title: str
    description: str
    published: datetime.datetime
    authors: tuple[str, ...]  # author slugs
    tags: tuple[str, ...]  # tag slugs
    related: tuple[str, ...]  # article slugs
    body: str  # blocks separated by blank lines: "### heading", raw "<html>", else a paragraph
    excerpt: str = ""  # teasers and the feed
    html_lang: str = ""  # <html lang>, when the template gets it wrong
    modified: datetime.datetime | None = None
    image: str = ""
    image_credit: str | None = None
    figure: Figure | None = None
    structured_data: bool = False  # article:published_time and JSON-LD in <head>
    comments_open: bool = True
    comments: tuple[Comment, ...] = ()
    listed: bool = True  # in listings, tag and author pages, the feed
    in_sitemap: bool = True

    @property
    def path(self) -> str:
        return f"/article/{self.slug}/"

    @property
    def lastmod(self) -> datetime.datetime:
        return self.modified or self.published


@dataclass(frozen=True)
class Listing:
    slug: str
    name: str
    lead: str
    per_page: int = 0  # 0: one page


@dataclass(frozen=True)
class Site:
    name: str
    short: str
    tagline: str
    feed_description: str
    newsletter_article: str
    listings: tuple[Listing, ...]
    tags: tuple[Tag, ...]
    authors: tuple[Author, ...]
    articles: tuple[Article, ...]  # newest first
    must_not_be_in_body: tuple[str, ...] = ()  # boilerplate every article page carries
    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # name → title, description

    def author(self, slug: str) -> Author:
        return next(a for a in self.authors if a.slug == slug)

    def tag(self, slug: str) -> Tag:
        return next(t for t in self.tags if t.slug == slug)

    def article(self, slug: str) -> Article:
        return next(a for a in self.articles if a.slug == slug)

    @property
    def listed(self) -> list[Article]:
        return [a for a in self.articles if a.listed]


def load_site(path: Path = DATA_PATH) -> Site:
    """Read ``site.toml`` into a :class:`Site` (articles sorted newest first)."""
    data = tomllib.loads(path.read_text("utf-8"))
    site = data["site"]
    articles = sorted((_article(a) for a in data["articles"]), key=lambda a: a.published, reverse=True)
    return Site(
        name=site["name"],
        short=site["short"],
        tagline=site["tagline"],
        feed_description=site["feed_description"],
        newsletter_article=site["newsletter_article"],
        must_not_be_in_body=tuple(site.get("must_not_be_in_body", ())),
        listings=tuple(Listing(**item) for item in data["listings"]),
        tags=tuple(Tag(**item) for item in data["tags"]),
        authors=tuple(_author(a) for a in data["authors"]),
        articles=tuple(articles),
        pages=data.get("pages", {}),
    )


def _author(item: dict[str, Any]) -> Author:
    links = tuple(Link(**link) for link in item.pop("links", ()))
    return Author(links=links, **item)


def _article(item: dict[str, Any]) -> Article:
    item = dict(item)
    figure = item.pop("figure", None)
    comments = tuple(Comment(**c) for c in item.pop("comments", ()))
    for key in ("authors", "tags", "related"):
        item[key] = tuple(item[key])
    return Article(figure=Figure(**figure) if figure else None, comments=comments, **item)

"""Deterministic generator of an observatory-style site for the crawl benchmark.

``N`` article pages of 30-80 KB (menus, byline, lead image and credit, body, author box,
tags, related articles, sidebar: ~130 links each), section/tag/author listing pages with
pagination, the static pages the menus link to, and a ``robots.txt``. The same ``pages``
and ``seed`` always give the same bytes. ``python -m bench.sitegen --pages 2000 DIR``.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from bench import lexicon, sitehtml

ARTICLE_SIZE = (30_000, 78_000)  # target bytes; one more block (< 2 KB) may follow
LISTING_PAGE_SIZE = 20
RELATED_ARTICLES = 12
SIDEBAR_ARTICLES = 10
TAG_CLOUD = 25
AUTHORS = 40
PARAGRAPH_POOL = 3_000
NEWEST = datetime.datetime(2024, 10, 25, 9, 0)
ROBOTS_TXT = "User-agent: *\nDisallow: /compte/\nDisallow: /recherche/\n"


#: Every CDN_LEAD_EVERY-th article has its lead image on the CDN host, the others on the site.
CDN_LEAD_EVERY = 4


def lead_image(article: Article) -> str:
    """The URL of an article's lead image: on the site, or (every 4th) on the CDN."""
    path = f"/media/articles/{article.published:%Y/%m}/{article.slug}.jpg"
    return f"{sitehtml.CDN}{path}" if article.index % CDN_LEAD_EVERY == 0 else path


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated form of ``text``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class Article:
    """One article of the site (its page is rendered on demand)."""

    index: int
    title: str
    slug: str
    section: str
    author: int
    published: datetime.datetime
    tags: list[int]
    credit: str
    lead: int  # index of its first paragraph in the pool
    size: int  # target page size in bytes
    related: list[int] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/article/{self.slug}/"

    @property
    def date(self) -> str:
        return f"{self.published.day} {lexicon.MONTHS[self.published.month - 1]} {self.published.year}"


class Site:
    """The generated site: its articles, authors, tags, and every page as (path, HTML)."""

    def __init__(self, articles: int, seed: int = 2024) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.paragraphs = [_paragraph(rng) for _ in range(PARAGRAPH_POOL)]
        self.authors = [self._author(rng, i) for i in range(AUTHORS)]
        self.tags = [(name, slugify(name)) for name in lexicon.TAGS]
        self.articles = [self._article(rng, i) for i in range(articles)]
        self.by_section: dict[str, list[int]] = {}
        self.by_tag: dict[int, list[int]] = {}
        self.by_author: dict[int, list[int]] = {}
        for article in self.articles:
            self.by_section.setdefault(article.section, []).append(article.index)
            self.by_author.setdefault(article.author, []).append(article.index)
            for t in article.tags:
                self.by_tag.setdefault(t, []).append(article.index)
        self.tag_cloud = sorted(self.by_tag, key=lambda t: -len(self.by_tag[t]))[:TAG_CLOUD]
        for article in self.articles:
            article.related = self._related(rng, article)
        self._sidebars: dict[str, str] = {}

    # --- the model ---------------------------------------------------------------
    def _author(self, rng: random.Random, i: int) -> tuple[str, str, str]:
        name = f"{lexicon.FIRST_NAMES[i % len(lexicon.FIRST_NAMES)]} {rng.choice(lexicon.LAST_NAMES)}"
        bio = f"Chercheur associé à l'Observatoire, {name} travaille sur {rng.choice(lexicon.OBJECTS)}. "
        return name, f"{slugify(name)}-{i}", bio + _sentence(rng)

    def _article(self, rng: random.Random, i: int) -> Article:
        tags = rng.sample(range(len(self.tags)), rng.randint(4, 8))
        title = (
            f"{rng.choice(lexicon.TITLE_OPENINGS)} {rng.choice(lexicon.OBJECTS)} : {self.tags[tags[0]][0]}"
        )
        return Article(
            index=i,
            title=title,
            slug=f"{slugify(title)[:70].strip('-')}-{i}",
            section=rng.choice(list(lexicon.SECTIONS)),
            author=rng.randrange(AUTHORS),
            published=NEWEST - datetime.timedelta(hours=7 * i),
            tags=tags,
            credit=rng.choice(lexicon.CREDITS),
            lead=rng.randrange(PARAGRAPH_POOL),
            size=rng.randint(*ARTICLE_SIZE),
        )

    def _related(self, rng: random.Random, article: Article) -> list[int]:
        """Neighbours in its section, then articles anywhere on the site."""
        siblings = self.by_section[article.section]
        at = siblings.index(article.index)
        near = [j for j in siblings[max(0, at - 3) : at + 4] if j != article.index][: RELATED_ARTICLES // 2]
        wanted = min(len(self.articles), RELATED_ARTICLES * 2)
        far = [
            j for j in rng.sample(range(len(self.articles)), wanted) if j != article.index and j not in near
        ]
        return (near + far)[:RELATED_ARTICLES]

    def excerpt(self, article: Article) -> str:
        text = self.paragraphs[article.lead]
        return text[: text.rfind(" ", 0, 200)] + " …"

    # --- pages ---------------------------------------------------------------------
    def pages(self) -> Iterator[tuple[str, str]]:
        """Every page of the site as (path, HTML), home page first."""
        yield "/", self.home()
        for article in self.articles:
            yield article.path, self.article_page(article)
        for slug, name in lexicon.SECTIONS.items():
            yield from self.listing(f"/analyses/{slug}/", name, self.by_section.get(slug, []))
        for t, tagged in self.by_tag.items():
            name, slug = self.tags[t]
            yield from self.listing(f"/tag/{slug}/", f"Mot-clé : {name}", tagged)
        for a, written in self.by_author.items():
            name, slug, _ = self.authors[a]
            yield from self.listing(f"/auteur/{slug}/", name, written)
        for path, title in lexicon.STATIC_PAGES.items():
            main = f"                <h1>{escape(title)}</h1>\n                <p>{escape(self.paragraphs[len(path)])}</p>"
            yield path, sitehtml.page(path, title, title, main, self.sidebar(""), [(path, title)])

    def home(self) -> str:
        latest = "\n".join(self._listing_item(self.articles[i]) for i in range(min(20, len(self.articles))))
        main = f"                <h1>Dernières analyses</h1>\n{latest}"
        return sitehtml.page(
            "/",
            "Accueil",
            "Observatoire Français des Nouvelles Routes de la Soie",
            main,
            self.sidebar(""),
            [],
        )

    def article_page(self, article: Article) -> str:
        """The article page, padded with body blocks to its target size."""
        rng = random.Random(self.seed * 1_000_003 + article.index)
        author, author_slug, bio = self.authors[article.author]
        section_name = lexicon.SECTIONS[article.section]
        values = {
            "image": lead_image(article),
            "title": escape(article.title),
            "author": escape(author),
            "author_slug": author_slug,
            "author_path": f"/auteur/{author_slug}/",
            "date": article.date,
            "quoted": sitehtml.quoted(article.path),
            "credit": escape(article.credit),
            "tags": ", ".join(
                sitehtml.link(f"/tag/{self.tags[t][1]}/", self.tags[t][0]) for t in article.tags
            ),
            "neighbours": self._neighbours(article),
            "bio": escape(bio),
            "path": article.path,
            "related": "\n".join(self._related_card(self.articles[j]) for j in article.related),
        }

        def render(body: str) -> str:
            main = sitehtml.ARTICLE.format(body=body, **values)
            trail = [(f"/analyses/{article.section}/", section_name), (article.path, article.title)]
            return sitehtml.page(
                article.path,
                article.title,
                self.excerpt(article),
                main,
                self.sidebar(article.section),
                trail,
                "article",
            )

        size = len(render("").encode())
        blocks: list[str] = []
        for block in self._body_blocks(rng, article):
            blocks.append(block)
            size += len(block.encode()) + 1
            if size >= article.size:
                break
        return render("\n".join(blocks))

    def listing(self, base: str, title: str, indexes: list[int]) -> Iterator[tuple[str, str]]:
        """The paginated listing pages of ``indexes`` (newest first)."""
        pages = max(1, -(-len(indexes) // LISTING_PAGE_SIZE))
        for n in range(1, pages + 1):
            chunk = indexes[(n - 1) * LISTING_PAGE_SIZE : n * LISTING_PAGE_SIZE]
            items = "\n".join(self._listing_item(self.articles[i]) for i in chunk)
            main = f"                <h1>{escape(title)}</h1>\n{items}\n{sitehtml.pagination(base, n, pages)}"
            path = base if n == 1 else f"{base}page/{n}/"
            yield path, sitehtml.page(path, title, title, main, self.sidebar(""), [(path, title)])

    def sidebar(self, section: str) -> str:
        """Most read (per section), latest, regions and tag cloud; cached per section."""
        if section not in self._sidebars:
            pool = self.by_section.get(section) or list(range(len(self.articles)))
            popular = random.Random(f"{self.seed}-{section}").sample(pool, min(SIDEBAR_ARTICLES, len(pool)))
            latest = range(min(SIDEBAR_ARTICLES, len(self.articles)))
            blocks = [
                sitehtml.link_list("Les plus lus", [self._pair(i) for i in popular]),
                sitehtml.link_list("Derniers articles", [self._pair(i) for i in latest]),
                sitehtml.link_list("Régions", [(f"/analyses/{s}/", n) for s, n in lexicon.SECTIONS.items()]),
                sitehtml.link_list(
                    "Mots-clés", [(f"/tag/{self.tags[t][1]}/", self.tags[t][0]) for t in self.tag_cloud]
                ),
            ]
            self._sidebars[section] = "\n".join(blocks)
        return self._sidebars[section]

    # --- fragments -----------------------------------------------------------------
    def _pair(self, i: int) -> tuple[str, str]:
        return self.articles[i].path, self.articles[i].title

    def _neighbours(self, article: Article) -> str:
        links = []
        if article.index > 0:
            links.append(sitehtml.link(self.articles[article.index - 1].path, "‹ Article suivant"))
        if article.index + 1 < len(self.articles):
            links.append(sitehtml.link(self.articles[article.index + 1].path, "Article précédent ›"))
        return " ".join(links)

    def _related_card(self, article: Article) -> str:
        return sitehtml.RELATED_CARD.format(
            path=article.path,
            image=f"{article.published:%Y/%m}/{article.slug}",
            title=escape(article.title),
            excerpt=escape(self.excerpt(article)),
            date=article.date,
        )

    def _listing_item(self, article: Article) -> str:
        author, author_slug, _ = self.authors[article.author]
        return sitehtml.LISTING_ITEM.format(
            path=article.path,
            image=f"{article.published:%Y/%m}/{article.slug}",
            title=escape(article.title),
            author_path=f"/auteur/{author_slug}/",
            author=escape(author),
            date=article.date,
            excerpt=escape(self.excerpt(article)),
        )

    def _body_blocks(self, rng: random.Random, article: Article) -> Iterator[str]:
        """Endless body blocks: paragraphs, some subheadings, lists, quotes and inline links."""
        indent = " " * 28
        yield f'{indent}<p style="text-align: justify;">{escape(self.paragraphs[article.lead])}</p>'
        n = 1
        while True:
            n += 1
            text = escape(rng.choice(self.paragraphs))
            roll = rng.random()
            if n % 7 == 0:
                yield f"{indent}<h2>{escape(rng.choice(lexicon.HEADINGS))}</h2>"
            elif roll < 0.05:
                items = "".join(f"<li>{escape(_sentence(rng))}</li>" for _ in range(rng.randint(3, 5)))
                yield f"{indent}<ul>{items}</ul>"
            elif roll < 0.10:
                yield f"{indent}<blockquote><p>{escape(_sentence(rng))}</p></blockquote>"
            elif roll < 0.20:
                other = self.articles[rng.randrange(len(self.articles))]
                see = sitehtml.link(other.path, other.title)
                yield f'{indent}<p style="text-align: justify;">{text} Voir notre analyse {see}.</p>'
            else:
                yield f'{indent}<p style="text-align: justify;">{text}</p>'


def _sentence(rng: random.Random) -> str:
    parts = [rng.choice(lexicon.SUBJECTS), rng.choice(lexicon.VERBS), rng.choice(lexicon.OBJECTS)]
    if rng.random() < 0.7:
        parts.append(rng.choice(lexicon.COMPLEMENTS))
    if rng.random() < 0.4:
        parts.insert(0, rng.choice(lexicon.CONNECTORS))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(4, 8)))


@dataclass
class SiteSummary:
    """What :func:`generate` wrote."""

    root: Path
    pages: int  # HTML pages, articles included
    articles: int
    article_bytes: list[int]  # size of each article page
    start_path: str = "/"


def generate(
    root: Path,
    articles: int,
    seed: int = 2024,
    precompress: bool = True,
    cdn: Path | None = None,
    cdn_url: str = sitehtml.CDN,
) -> SiteSummary:
    """Write the site under ``root`` (``path/index.html``, plus ``.gz`` twins for nginx ``gzip_static``).

    With ``cdn`` (a folder), the page resources go there and under ``root`` (stylesheets,
    scripts, fonts, images: :func:`bench.siteassets.write_assets`), and pages name the CDN ``cdn_url``.
    """
    site = Site(articles, seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text(ROBOTS_TXT)
    if cdn is not None:
        from bench.siteassets import write_assets

        write_assets(site, root, cdn, seed)
    count, sizes = 0, []
    article_paths = {a.path for a in site.articles}
    for path, html in site.pages():
        data = html.replace(sitehtml.CDN, cdn_url).encode()
        target = root / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if precompress:
            target.with_name("index.html.gz").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
        count += 1
        if path in article_paths:
            sizes.append(len(data))
    return SiteSummary(root=root, pages=count, articles=articles, article_bytes=sizes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate the benchmark site.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--pages", type=int, default=2000, help="article pages (default 2000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--no-gzip", action="store_true", help="do not write .gz twins")
    args = parser.parse_args(argv)
    summary = generate(args.root, args.pages, args.seed, precompress=not args.no_gzip)
    sizes = summary.article_bytes
    print(
        f"{summary.pages} pages ({summary.articles} articles, {min(sizes)}-{max(sizes)} bytes) in {summary.root}"
    )


if __name__ == "__main__":
    main()

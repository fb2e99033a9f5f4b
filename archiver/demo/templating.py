"""Template helpers of the demo site: fill ``templates/*``, escape, dates, shared fragments."""

from __future__ import annotations

import datetime
import html
from functools import cache
from pathlib import Path
from string import Template

from archiver.demo.sitedata import Article, Author, Site

TEMPLATES = Path(__file__).resolve().parent / "templates"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")  # fmt: skip


@cache
def template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text("utf-8"))


def fill(template_name: str, /, **values: object) -> str:
    """``templates/<template_name>`` with ``$names`` replaced by ``values``."""
    return template(template_name).substitute(values)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def french_date(day: datetime.date) -> str:
    """ "1er mars 2025", "20 février 2025"."""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


# -- pieces shared by the page renderers ---------------------------------------------------


def layout(site: Site, *, title: str, description: str, main: str, head: str = "", lang: str = "fr") -> str:
    nav_tags = "".join(
        f'                        <a class="dropdown-item" href="/tag/{t.slug}/">{esc(t.name)}</a>\n'
        for t in site.tags
    )
    return fill("layout.html", lang=lang, title=esc(title), description=esc(description), head=head,
                nav_tags=nav_tags, main=main)  # fmt: skip


def byline(site: Site, article: Article, linked: bool) -> str:
    authors = [site.author(slug) for slug in article.authors]
    names = [f'<a href="/auteur/{a.slug}/">{esc(a.name)}</a>' if linked else esc(a.name) for a in authors]
    return " et ".join(names)


NO_TEASERS = '                <p class="col-12 text-muted">Aucune publication pour le moment.</p>\n'


def teasers(site: Site, articles: list[Article]) -> str:
    return "".join(teaser(site, a) for a in articles) or NO_TEASERS


def teaser(site: Site, article: Article) -> str:
    image = (
        f'                        <img class="card-img-top" src="{article.image}" alt="">\n'
        if article.image
        else ""
    )
    return fill("teaser.html", image=image, url=article.path, title=esc(article.title),
                authors=byline(site, article, linked=False), date=french_date(article.published.date()),
                excerpt=esc(article.excerpt))  # fmt: skip


def author_links(author: Author) -> str:
    return " | ".join(f'<a href="{esc(link.url)}" target="_blank" rel="noopener">{esc(link.label)}</a>'
                      for link in author.links)  # fmt: skip

"""Render the whole demo site from its data: every served text file, by path."""

from __future__ import annotations

from archiver.demo import feeds, pages
from archiver.demo.sitedata import Site


def render_site(site: Site, base_url: str) -> dict[str, str]:
    """Every generated file: path (``/a/index.html``, ``/robots.txt``) → text, absolute URLs on ``base_url``."""
    files = {"/index.html": pages.home(site)}
    for article in site.articles:
        files[article.path + "index.html"] = pages.article(site, article)
    for listing in site.listings:
        files.update(pages.listing(site, listing))
    for tag in site.tags:
        files[f"/tag/{tag.slug}/index.html"] = pages.tag(site, tag)
    for author in site.authors:
        files[f"/auteur/{author.slug}/index.html"] = pages.author(site, author)
    for name in site.pages:
        files[f"/{name}/index.html"] = pages.static_page(site, name)
    files.update(feeds.render(site, base_url.rstrip("/")))
    return files

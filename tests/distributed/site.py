"""The crawl fixture site with more articles, slowed down, so several workers share it."""

from __future__ import annotations

from archiver.demo.server import Page
from tests.support.fixturesite import ARTICLES, article_html, html, listing_html, site_routes

#: Slugs of the extra articles, all listed on /more/ (letters: digits would make them one URL shape).
MORE = tuple(f"more-{a}{b}" for a in "abc" for b in "abcdefgh")


def shared_site_routes(base: str, offsite: str, delay: float) -> dict[str, object]:
    """The fixture site plus /more/ and its articles, each served after ``delay`` seconds."""
    routes = site_routes(base, offsite)
    home = routes["/"]
    routes["/"] = Page(home.body.replace(b"</body>", b'<a href="/more/">More</a></body>'))
    routes["/more/"] = html(listing_html("More", list(MORE)))
    for slug in MORE:
        routes[f"/article/{slug}/"] = html(article_html(slug), delay=delay)
    return routes


#: URLs the shared filter admits that are never fetched: the two robots.txt forbids (/private/secret/, /private/from-sitemap/).
NOT_FETCHED = 2


def unfetched(seen: int, fetched_paths: set[str]) -> int:
    """Seen URLs (fingerprints in the shared filter) that no worker fetched, beyond :data:`NOT_FETCHED`.

    robots.txt is fetched by each worker outside the shared queue, so it is not in the filter.
    """
    return seen - len(fetched_paths - {"/robots.txt"}) - NOT_FETCHED


def all_articles() -> list[str]:
    return sorted((*ARTICLES, *MORE))

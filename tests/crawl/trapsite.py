"""A site of crawler traps beside a long archive, as routes for :class:`archiver.demo.server.SiteServer`.

Every trap page repeats the site navigation, so it brings nothing new: an endless
calendar (``/agenda/?mois=YYYY-MM``), a session-id loop (``;jsessionid=`` and ``?sid=``,
new on every link, and an unknown ``?visit=`` token), tags that grow by a letter
(``/tag/a/`` → ``/tag/aa/`` ... ``/tag/az/``: 26 links a page) and paths that grow by a
segment (``/deep/xx/`` → ``/deep/xx/yy/``). The archive ``/archive/?page=N`` has
:data:`ARCHIVE_PAGES` pages, each listing :data:`PER_PAGE` new (small) articles.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Callable

from archiver.demo.server import Page, Request

ARCHIVE_PAGES = 300
PER_PAGE = 1
#: Path prefix of each trap, to count the requests it cost.
TRAPS = ("/agenda/", "/session/", "/visit/", "/tag/", "/deep/")

NAV = """<nav><a href="/">Home</a> <a href="/archive/?page=1">Archive</a> <a href="/agenda/?mois=2026-01">Agenda</a>
<a href="/session/;jsessionid=S0">Session</a> <a href="/visit/?visit=v0">Visit</a> <a href="/tag/a/">Tag a</a>
<a href="/deep/xx/">Deep</a></nav>"""


def page(title: str, links: str = "", body: str = "") -> Page:
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body>{NAV}<h1>{title}</h1>{body}{links}</body></html>"""
    return Page(html.encode("utf-8"))


def article_slug(page_number: int, n: int) -> str:
    return f"p{page_number}-{n}"


def article(request: Request) -> Page | None:
    slug = request.path.removeprefix("/article/").strip("/")
    text = " ".join(f"Short analysis {slug} of the corridor, sentence {n}, with ports, rail and trade."
                    for n in range(8))  # fmt: skip
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{slug}</title>
<meta property="og:type" content="article"></head><body>{NAV}<article><h1>Analysis {slug}</h1>
<p class="byline">By Ada Lovelace, 12 March 2025</p><p>{text}</p></article></body></html>"""
    return Page(html.encode("utf-8"))


def archive(request: Request, pages: int) -> Page | None:
    number = int(request.path.partition("page=")[2] or 1)
    if not 1 <= number <= pages:
        return None
    teasers = "".join(f'<li><a href="/article/{article_slug(number, n)}/">{article_slug(number, n)}</a></li>'
                      for n in range(PER_PAGE))  # fmt: skip
    more = f'<a rel="next" href="/archive/?page={number + 1}">Next</a>' if number < pages else ""
    return page(f"Archive page {number}", more, f"<ul>{teasers}</ul>")


def calendar(request: Request) -> Page:
    year, month = map(int, request.path.partition("mois=")[2].split("-"))
    after = f"{year + month // 12}-{month % 12 + 1:02d}"
    before = f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"
    links = f'<a href="/agenda/?mois={after}">next</a> <a href="/agenda/?mois={before}">previous</a>'
    return page(f"Agenda {year}-{month:02d}", links)


def token(request: Request) -> str:
    return hashlib.sha1(f"{request.path}{request.count}".encode()).hexdigest()[:12]


def session(request: Request) -> Page:
    """Every link carries a new session id (path parameter and query)."""
    new = token(request)
    return page(
        "Session", f'<a href="/session/;jsessionid={new}">again</a> <a href="/session/?sid={new}">again</a>'
    )


def visit(request: Request) -> Page:
    """A session id under a name no list knows: only the yield rule can end it."""
    return page("Visit", f'<a href="/visit/?visit={token(request)}">again</a>')


def tag(request: Request) -> Page:
    name = request.path.removeprefix("/tag/").strip("/")
    links = " ".join(
        f'<a href="/tag/{name}{letter}/">{name}{letter}</a>' for letter in string.ascii_lowercase
    )
    return page(f"Tag {name}", links)


def deep(request: Request) -> Page:
    return page("Deep", '<a href="xx/">deeper</a> <a href="yy/">other</a>')


def trap_routes() -> dict[str, object]:
    """The routes of the trap site (prefix routes go through :func:`trap_fallback`)."""
    return {"/": page("Trap site"), "/robots.txt": Page(b"User-agent: *\n", content_type="text/plain")}


def trap_fallback(archive_pages: int = ARCHIVE_PAGES) -> Callable[[Request], Page | None]:
    """The handler of every path but ``/`` and robots.txt, with an archive of ``archive_pages`` pages."""
    handlers = (("/article/", article), ("/archive/", lambda request: archive(request, archive_pages)),
                ("/agenda/", calendar), ("/session/", session), ("/visit/", visit), ("/tag/", tag), ("/deep/", deep))  # fmt: skip

    def fallback(request: Request) -> Page | None:
        for prefix, handler in handlers:
            if request.path.startswith(prefix):
                return handler(request)
        return None

    return fallback

"""The records extraction should yield for the demo articles (:func:`archiver.demo.expected_articles`)."""

from __future__ import annotations

from typing import Any

from archiver.demo.body import asides, body_text, text
from archiver.demo.sitedata import Article, Site

FAMILY = "bootstrap-custom"
COMMENTS_EMPTY = "Pas encore de commentaires. Soyez le premier à commenter cet article !"
COMMENTS_CLOSED = "Les commentaires sont fermés pour cet article."


def record(site: Site, article: Article) -> dict[str, Any]:
    """The record extraction should yield for ``article``, in the gold corpus format."""
    authors = [site.author(slug) for slug in article.authors]
    return {
        "id": article.slug,
        "url": article.path,
        "family": FAMILY,
        "language": article.language,
        "title": article.title,
        "authors": [a.name for a in authors],
        "published": article.published.date().isoformat(),
        "image_credit": article.image_credit,
        "author_bios": {a.name: a.bio for a in authors},
        "body": "\n\n".join(body_text(article.body)),
        "must_not_be_in_body": must_not_be_in_body(site, article),
    }


def must_not_be_in_body(site: Site, article: Article) -> list[str]:
    """Text around the article on its page that extraction must leave out of the body."""
    out: list[str] = []
    for author in (site.author(slug) for slug in article.authors):
        out += [" | ".join(link.label for link in author.links), _first_sentence(author.bio)]
    if article.figure:
        out += [text(article.figure.caption.removesuffix(f" Photo : {article.image_credit}")),
                f"Photo : {article.image_credit}"]  # fmt: skip
    elif article.image:
        out += [f"Image : {article.image_credit}", "Card image cap"]
    out += asides(article.body)
    out += ["Articles liés", site.article(article.related[0]).title, "Les commentaires"]
    if article.comments:
        out += [comment.text for comment in article.comments]
    else:
        out.append(COMMENTS_EMPTY if article.comments_open else COMMENTS_CLOSED)
    return out + list(site.must_not_be_in_body)


def _first_sentence(sentence: str) -> str:
    return sentence.split(". ")[0].rstrip(".") + "."

"""The page-type classifier on real corpus pages and on built listing, tag and author pages."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from archiver.crawl.pagetype import classify
from tests.crawl.fixturesite import article_html, listing_html
from tests.support.requires import CORPUS, require_corpus

CORPUS_PAGES = sorted(CORPUS.glob("*.html"))


def tree(html: str):
    return lxml.html.fromstring(html)


@pytest.mark.parametrize("path", CORPUS_PAGES, ids=lambda p: p.stem)
def test_every_corpus_article_is_an_article(path: Path) -> None:
    verdict = classify(lxml.html.parse(str(path)).getroot())
    assert verdict.kind == "article", verdict


def test_corpus_is_there() -> None:
    require_corpus()
    assert len(CORPUS_PAGES) >= 10


def test_article_without_metadata_is_told_by_its_shape() -> None:
    html = article_html("bare").replace('<meta property="og:type" content="article">', "")
    verdict = classify(tree(html))
    assert verdict.kind == "article"
    assert "og_type_article" not in verdict.features and "long_text_block" in verdict.features


def test_listing_with_teasers_and_pagination() -> None:
    html = listing_html("Analyses", [f"a{i}" for i in range(10)], next_url="/analyses/?page=2")
    verdict = classify(tree(html), "/analyses/")
    assert verdict.kind == "listing"
    assert {"teaser_blocks", "many_teaser_blocks", "pagination"} <= set(verdict.features)


def test_tag_and_author_pages_from_their_markup() -> None:
    assert classify(tree(listing_html("Asie", ["a", "b"], body_class="tag-page"))).kind == "tag"
    assert classify(tree(listing_html("Jeanne", ["a", "b"], body_class="author-page"))).kind == "author"
    person = '<script type="application/ld+json">{"@type": "ProfilePage", "name": "J"}</script>'
    assert classify(tree(f"<html><head>{person}</head><body><h1>J</h1></body></html>")).kind == "author"


def test_tag_and_author_pages_from_their_own_path() -> None:
    page = tree(listing_html("Chine", ["a", "b", "c", "d"]))
    assert classify(page, "/mot-cle/chine/").kind == "tag"
    assert classify(page, "/auteur/jeanne/").kind == "author"
    assert classify(page, "/analyses/").kind == "listing"


def test_jsonld_article_in_a_graph_and_listing_types() -> None:
    graph = '{"@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle"]}]}'
    page = f'<html><head><script type="application/ld+json">{graph}</script></head><body><h1>T</h1><p>x</p></body></html>'
    assert "jsonld_article" in classify(tree(page)).features
    broken = '<html><head><script type="application/ld+json">{not json</script></head><body></body></html>'
    assert classify(tree(broken)).kind == "other"


def test_short_page_is_other() -> None:
    assert classify(tree("<html><body><h1>Contact</h1><p>Écrivez-nous.</p></body></html>")).kind == "other"


def test_related_articles_in_an_aside_do_not_make_a_listing() -> None:
    related = "".join(f'<h3><a href="/article/r{i}/">Related {i}</a></h3>' for i in range(10))
    html = article_html("plain", links=related).replace('<meta property="og:type" content="article">', "")
    verdict = classify(tree(html))
    assert verdict.kind == "article" and "teaser_blocks" not in verdict.features

"""The page-type classifier on real corpus pages and on built listing, tag and author pages."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from archiver.crawl.pagetype import classify
from tests.support.fixturesite import article_html, listing_html
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


#: Pages of our own (tests/crawl/pagekinds/), one per class of page the classifier used to get
#: wrong, with the URL it is served at and the kind a crawl must give it.
KIND_PAGES = {
    "product.html": ("https://caravan.example/product/steppe-wool-scarf/", "other"),
    "forum.html": ("https://forum.transit.example/t/rail-freight-times-from-xian-to-duisburg/4182", "other"),
    "docs.html": ("https://docs.harvester.example/en/latest/config/limits/", "other"),
    "collection.html": ("https://caravan.example/c/travel-bags/", "listing"),
    "service.html": ("https://silkway.example/services/freight-forwarding-central-asia/", "other"),
    "article-plain.html": (
        "https://corridornotes.example/blog/how-to-read-a-rail-freight-timetable/",
        "article",
    ),
    "article-listicle.html": (
        "https://slowtravel.example/guides/best-travel-bags-rail-journey-asia/",
        "article",
    ),
    # an undated explainer on a firm's site, among its calls to action (main called it "other")
    "article-explainer.html": ("https://steppe-logistics.example/learn/bonded-warehouse/", "article"),
    # a blog post whose date is a heading above its title, with comments and a pager
    "article-date-heading.html": ("", "article"),
}
KIND_DIR = Path(__file__).parent / "pagekinds"


@pytest.mark.parametrize("name", sorted(KIND_PAGES))
def test_page_kinds_of_real_shapes(name: str) -> None:
    url, kind = KIND_PAGES[name]
    verdict = classify(lxml.html.parse(str(KIND_DIR / name)).getroot(), url)
    assert verdict.kind == kind, verdict


@pytest.mark.parametrize(
    ("name", "signals"),
    [
        ("product.html", {"jsonld_product", "product_meta", "add_to_cart", "prices"}),
        ("forum.html", {"microdata_comment", "forum_generator", "many_times", "url_forum"}),
        ("docs.html", {"code_blocks", "edit_link", "docs_classes", "url_docs"}),
        ("collection.html", {"prices", "url_collection"}),
        (
            "service.html",
            {"calls_to_action", "many_calls_to_action", "we_voice", "many_inputs", "url_service"},
        ),
        ("article-plain.html", {"share_links", "read_time", "url_article_word", "url_long_slug"}),
        ("article-listicle.html", {"share_links", "dated_words", "headline_date", "teasers_without_text"}),
        (
            "article-explainer.html",
            {"title_question", "calls_to_action", "log_tel_links", "log_prose_paragraphs"},
        ),
        ("article-date-heading.html", {"content_date", "pagination", "log_class_comment"}),
    ],
)
def test_each_page_kind_is_told_by_general_signals(name: str, signals: set[str]) -> None:
    """The verdict comes from the signals the page's class shares, not from one feature."""
    url, _ = KIND_PAGES[name]
    assert signals <= set(classify(lxml.html.parse(str(KIND_DIR / name)).getroot(), url).features)


def test_a_date_heading_above_the_main_text_dates_it() -> None:
    """The date a blog prints as a heading above the post's title counts, not only one beside the h1."""
    from archiver.crawl.pagefacts import PageFacts

    facts = PageFacts(lxml.html.parse(str(KIND_DIR / "article-date-heading.html")).getroot())
    assert facts.content_date == "2024-03-12"


def test_weights_cover_every_feature() -> None:
    """The fitted weights are the features' own: refitting after a change of feature is not forgotten."""
    from archiver.crawl import pagetype_rules
    from archiver.crawl.pagetype import FEATURES

    assert set(pagetype_rules.ARTICLE_WEIGHTS) == set(FEATURES)


def test_the_url_alone_does_not_decide() -> None:
    """An article at a URL without article words stays an article; a product page under /blog/ is not one."""
    article = lxml.html.parse(str(KIND_DIR / "article-plain.html")).getroot()
    assert classify(article, "https://corridornotes.example/2024/how-to-read-a-timetable").kind == "article"
    assert classify(article).kind == "article"  # no URL at all
    product = lxml.html.parse(str(KIND_DIR / "product.html")).getroot()
    assert classify(product, "https://caravan.example/blog/steppe-wool-scarf/").kind != "article"


def test_jsonld_types_with_prefixes_wrappers_and_main_entity() -> None:
    from archiver.extraction.jsonld import jsonld_nodes, page_types

    scripts = [
        '<!-- {"@type": "http://schema.org/NewsArticle", "headline": "H"} -->',
        '{"@type": "WebPage", "mainEntity": {"@type": "QAPage"}}',
        '{"@graph": [{"@type": ["schema:Product"]}, {"@type": "Offer"}]}',
        '{"@type": "Article", "description": "a raw\ttab and\nnewline"}',
        "{broken",
    ]
    html = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    types = page_types(jsonld_nodes(lxml.html.fromstring(f"<html><head>{html}</head><body></body></html>")))
    assert types == {"NewsArticle", "WebPage", "QAPage", "Product", "Offer", "Article"}


def test_crawl_and_extraction_share_one_list_of_article_types() -> None:
    from archiver.crawl import pagetype_rules
    from archiver.extraction import jsonld, metadata

    assert pagetype_rules.ARTICLE_TYPES is jsonld.ARTICLE_TYPES is metadata.ARTICLE_TYPES
    assert "DiscussionForumPosting" not in jsonld.ARTICLE_TYPES and "WebPage" not in jsonld.ARTICLE_TYPES

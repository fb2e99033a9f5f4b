"""Tell an article page from a listing, tag, author, product, forum, docs or service page.

A pure function over the lxml tree already parsed for the page: it computes named
features in three families (what the page says it is: og:type, JSON-LD and microdata
types, meta tags; the shape of its content: one long text block or many teasers, links,
prices, code, posts; its URL) and weighs them with the data of
:mod:`archiver.crawl.pagetype_rules`. One pass of XPath counts, no extraction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from archiver.crawl import pagetype_rules as rules
from archiver.crawl.pagefacts import PageFacts
from archiver.kinds import PageKind

_EDIT_LINK = re.compile(rules.EDIT_LINK_PATTERN)
_URL_DATE = re.compile(r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/")


@dataclass
class PageType:
    """The verdict on one page and the features that led to it."""

    kind: PageKind
    score: float
    features: list[str] = field(default_factory=list)


def classify(root: etree._Element, url: str = "") -> PageType:
    """The kind of the HTML page ``root``: an article, a listing, a tag, an author or another page.

    ``url`` is the page's URL, or only its path: its words count as features and name
    the kind of a non-article page.
    """
    facts = PageFacts(root, url)
    features = [name for name, test in FEATURES.items() if test(facts)]
    score = sum(rules.ARTICLE_WEIGHTS[name] for name in features)
    if score >= rules.ARTICLE_THRESHOLD:
        return PageType(PageKind.ARTICLE, score, features)
    return PageType(_non_article_kind(facts, features), score, features)


def _non_article_kind(facts: PageFacts, features: list[str]) -> PageKind:
    words = _page_words(facts)
    if facts.jsonld_types & rules.AUTHOR_TYPES and not facts.jsonld_types & rules.ARTICLE_TYPES:
        return PageKind.AUTHOR
    if words & set(rules.AUTHOR_WORDS):
        return PageKind.AUTHOR
    if words & set(rules.TAG_WORDS):
        return PageKind.TAG
    listing = {"pagination", "teaser_blocks", "jsonld_collection", "url_home", "url_collection"}
    if listing & set(features):
        return PageKind.LISTING
    return PageKind.OTHER


def _page_words(facts: PageFacts) -> set[str]:
    """Class names of ``body``/``main``, og:type and path segments of the page."""
    words: set[str] = set()
    for element in facts.root.xpath("//body | //main"):
        words.update((element.get("class") or "").lower().replace("_", "-").split())
    words.add(facts.og_type)
    words.update(facts.segments)
    expanded = set(words)
    for word in words:
        expanded.update(word.split("-"))
    return expanded | words


def _add_to_cart(f: PageFacts) -> bool:
    return f.has_class(rules.CART_CLASSES) or any(text in f.labels for text in rules.CART_TEXTS)


FEATURES: dict[str, Callable[[PageFacts], bool]] = {
    "og_type_article": lambda f: f.og_type == "article",
    "og_type_product": lambda f: f.og_type.startswith(rules.OG_PRODUCT_PREFIXES),
    "jsonld_article": lambda f: bool(f.jsonld_types & rules.ARTICLE_TYPES),
    "jsonld_product": lambda f: bool(f.jsonld_types & rules.PRODUCT_TYPES),
    "jsonld_forum": lambda f: bool(f.jsonld_types & rules.FORUM_TYPES),
    "jsonld_collection": lambda f: bool(f.jsonld_types & rules.COLLECTION_TYPES),
    "jsonld_item_list": lambda f: bool(f.jsonld_types & rules.ITEM_LIST_TYPES),
    "jsonld_service": lambda f: bool(f.jsonld_types & rules.SERVICE_TYPES),
    "microdata_comment": lambda f: bool(f.itemtypes & rules.COMMENT_TYPES),
    "microdata_product": lambda f: bool(f.itemtypes & rules.PRODUCT_TYPES),
    "meta_published": lambda f: f.has_meta(rules.PUBLISHED_META),
    "product_meta": lambda f: f.has_meta(rules.PRODUCT_META),
    "forum_generator": lambda f: f.generator.startswith(rules.FORUM_GENERATORS),
    "single_h1": lambda f: f.tags["h1"] == 1,
    "single_article_element": lambda f: f.tags["article"] == 1,
    "long_text_block": lambda f: f.blocks.longest >= rules.LONG_TEXT_CHARS,
    "very_long_text_block": lambda f: f.blocks.longest >= rules.VERY_LONG_TEXT_CHARS,
    "short_text": lambda f: f.blocks.paragraph_chars < rules.SHORT_TEXT_CHARS,
    "content_800": lambda f: f.blocks.content_score >= 800,
    "content_1500": lambda f: f.blocks.content_score >= 1500,
    "content_6000": lambda f: f.blocks.content_score >= 6000,
    "content_link_dense": lambda f: f.blocks.content_link_share >= rules.CONTENT_LINK_SHARE,
    "concentrated_text": lambda f: (
        f.blocks.content_score >= rules.CONCENTRATED_SHARE * f.blocks.paragraph_chars > 0
    ),
    "teasers_without_text": lambda f: (
        f.teasers >= rules.TEASER_MIN and f.blocks.content_score < rules.LONG_TEXT_CHARS
    ),
    "share_links": lambda f: any(target in f.hrefs for target in rules.SHARE_TARGETS),
    "read_time": lambda f: f.says(rules.READ_TIME_PHRASES),
    "dated_words": lambda f: f.says(rules.DATED_PHRASES),
    "calls_to_action": lambda f: f.calls_to_action >= rules.CALLS_TO_ACTION_MIN,
    "many_calls_to_action": lambda f: f.calls_to_action >= rules.MANY_CALLS_TO_ACTION_MIN,
    "we_voice": lambda f: f.we_share >= rules.WE_SHARE,
    "many_inputs": lambda f: f.tags["input"] + f.tags["textarea"] + f.tags["select"] >= rules.MANY_INPUTS_MIN,
    "byline": lambda f: (
        f.has_class(rules.BYLINE_CLASSES)
        or f.has_meta(rules.AUTHOR_META)
        or bool(f.root.xpath(rules.BYLINE_XPATH))
    ),
    "headline_date": lambda f: f.headline_date is not None,
    "published_time": lambda f: f.tags["time"] > 0 or f.has_meta(rules.TIME_META),
    "many_times": lambda f: f.tags["time"] >= rules.MANY_TIMES_MIN,
    "very_many_times": lambda f: f.tags["time"] >= 2 * rules.MANY_TIMES_MIN,
    "teaser_blocks": lambda f: f.teasers >= rules.TEASER_MIN,
    "many_teaser_blocks": lambda f: f.teasers >= rules.MANY_TEASERS_MIN,
    "pagination": lambda f: (
        f.has_class(rules.PAGINATION_CLASSES) or bool(f.root.xpath(rules.PAGINATION_XPATH))
    ),
    "link_dense": lambda f: f.link_share >= rules.LINK_DENSE_SHARE,
    "prices": lambda f: f.prices(rules.PRICES_MIN) >= rules.PRICES_MIN,
    "add_to_cart": _add_to_cart,
    "code_blocks": lambda f: f.tags["pre"] >= rules.CODE_BLOCKS_MIN,
    "edit_link": lambda f: bool(_EDIT_LINK.search(f.hrefs)),
    "docs_classes": lambda f: f.has_class(rules.DOCS_CLASSES),
    "url_date": lambda f: bool(_URL_DATE.search("/" + "/".join(f.segments) + "/")),
    "url_article_word": lambda f: f.url_has(rules.ARTICLE_SEGMENTS, ("blog", "news"), slug=False),
    "url_long_slug": lambda f: f.slug_words >= rules.LONG_SLUG_WORDS,
    "url_home": lambda f: f.has_url and not f.segments,
    "url_forum": lambda f: f.url_has(rules.FORUM_SEGMENTS, rules.FORUM_HOSTS),
    "url_docs": lambda f: f.url_has(rules.DOCS_SEGMENTS, rules.DOCS_HOSTS),
    "url_product": lambda f: f.url_has(rules.PRODUCT_SEGMENTS, rules.PRODUCT_HOSTS, slug=False),
    "url_collection": lambda f: f.url_has(rules.COLLECTION_SEGMENTS),
    "url_service": lambda f: f.url_has(rules.SERVICE_SEGMENTS),
}

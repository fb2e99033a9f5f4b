"""Tell an article page from a listing, tag, author, product, forum, docs or service page.

A pure function over the lxml tree already parsed for the page: it computes named
features in four families (what the page says it is: og:type, JSON-LD and microdata
types, meta tags; the shape of its content: one long text block or many teasers, links,
prices, code, posts; its headline; its URL), each a number (1 or 0 for a signal, a count
on a log scale, a share), and weighs them with the fitted weights of
:mod:`archiver.crawl.pagetype_rules`: a logistic model kept as data. A few passes over
the tree, no extraction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from math import log1p

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
    score: float  # the weighed features; an article from rules.ARTICLE_THRESHOLD up
    features: list[str] = field(default_factory=list)  # the features that are not 0


def page_features(facts: PageFacts) -> dict[str, float]:
    """The value of every feature of :data:`FEATURES` on one page."""
    return {name: float(measure(facts)) for name, measure in FEATURES.items()}


def classify(root: etree._Element, url: str = "") -> PageType:
    """The kind of the HTML page ``root``: an article, a listing, a tag, an author or another page.

    ``url`` is the page's URL, or only its path: its words count as features and name
    the kind of a non-article page.
    """
    facts = PageFacts(root, url)
    values = page_features(facts)
    features = [name for name, value in values.items() if value]
    score = sum(rules.ARTICLE_WEIGHTS.get(name, 0.0) * value for name, value in values.items())
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


def _log(count: float) -> float:
    """A count on a log scale: the tenth post or link says less than the second."""
    return log1p(max(0.0, count))


def _title_says(pattern: re.Pattern[str]) -> Callable[[PageFacts], bool]:
    return lambda f: bool(pattern.search(f.headline))


def _jsonld_has(name: str) -> Callable[[PageFacts], bool]:
    return lambda f: name in f.jsonld_types


def _tag_count(tag: str) -> Callable[[PageFacts], float]:
    return lambda f: _log(f.tags[tag])


def _class_count(word: str) -> Callable[[PageFacts], float]:
    return lambda f: _log(f.class_count(word))


_QUESTION = re.compile(rules.QUESTION_TITLE_PATTERN, re.IGNORECASE)
_BEST_OF = re.compile(rules.BEST_OF_TITLE_PATTERN, re.IGNORECASE)
_NUMBERED = re.compile(rules.NUMBERED_TITLE_PATTERN)
_GUIDE = re.compile(rules.GUIDE_TITLE_PATTERN, re.IGNORECASE)
_OFFER = re.compile(rules.OFFER_TITLE_PATTERN, re.IGNORECASE)

#: Signals: features that are true (1) or false (0) on a page.
SIGNALS: dict[str, Callable[[PageFacts], bool]] = {
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
    "content_date": lambda f: f.content_date is not None,
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
    # what the page says it is, more finely
    **{f"jsonld_{name.lower()}": _jsonld_has(name) for name in rules.OTHER_JSONLD_TYPES},
    "og_type_website": lambda f: f.og_type == "website",
    # its headline
    "title_question": _title_says(_QUESTION),
    "title_best_of": _title_says(_BEST_OF),
    "title_numbered": _title_says(_NUMBERED),
    "title_guide": _title_says(_GUIDE),
    "title_offer": _title_says(_OFFER),
    "title_long": lambda f: len(f.headline.split()) >= rules.LONG_TITLE_WORDS,
}  # fmt: skip

#: Measures: counts (on a log scale) and shares of a page.
MEASURES: dict[str, Callable[[PageFacts], float]] = {
    "log_content_chars": lambda f: _log(f.blocks.content_score),
    "log_longest_block": lambda f: _log(f.blocks.longest),
    "log_paragraph_chars": lambda f: _log(f.blocks.paragraph_chars),
    "log_prose_paragraphs": lambda f: _log(f.blocks.prose_paragraphs),
    "log_prose_chars": lambda f: _log(f.blocks.prose_chars),
    "prose_share": lambda f: f.blocks.prose_chars / f.printed_chars if f.printed_chars else 0.0,
    "content_link_share": lambda f: f.blocks.content_link_share,
    "link_share": lambda f: f.link_share,
    "log_words": lambda f: _log(f.words.total()),
    "log_teasers": lambda f: _log(f.teasers),
    "log_calls_to_action": lambda f: _log(f.calls_to_action),
    "log_prices": lambda f: _log(f.prices(rules.PRICES_COUNTED)),
    "we_share": lambda f: f.we_share,
    "i_share": lambda f: f.word_share(rules.I_WORDS),
    "you_share": lambda f: f.word_share(rules.YOU_WORDS),
    "log_slug_words": lambda f: _log(f.slug_words),
    "log_path_depth": lambda f: _log(len(f.segments)),
    "log_headings": lambda f: _log(len(f.headings)),
    "log_question_headings": lambda f: _log(sum(h.endswith("?") for h in f.headings)),
    "log_tel_links": lambda f: _log(f.links_to("tel:")),
    "log_anchor_links": lambda f: _log(f.links_to("#")),
    **{f"log_{tag}": _tag_count(tag) for tag in rules.MEASURED_TAGS},
    **{f"log_class_{word}": _class_count(word) for word in rules.MEASURED_CLASS_WORDS},
}  # fmt: skip

FEATURES: dict[str, Callable[[PageFacts], float]] = {**SIGNALS, **MEASURES}
"""Every feature of a page, by name: what :data:`rules.ARTICLE_WEIGHTS` weighs."""

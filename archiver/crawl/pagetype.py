"""Tell an article page from a listing, tag, author or other page, from the page itself.

A pure function over the lxml tree Scrapy already parsed (``response.selector.root``):
it computes named features (og:type, JSON-LD types, one ``h1``, a long text block,
a byline, teaser blocks, pagination ...) and weighs them with the data of
:mod:`archiver.crawl.pagetype_rules`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from archiver.crawl import pagetype_rules as rules
from archiver.kinds import PageKind


@dataclass
class PageType:
    """The verdict on one page and the features that led to it."""

    kind: PageKind
    score: float
    features: list[str] = field(default_factory=list)


def classify(root: etree._Element, path: str = "") -> PageType:
    """The kind of the HTML page ``root``: an article, a listing, a tag, an author or another page.

    ``path`` (the page's own URL path) only names the kind of a non-article page.
    """
    facts = _Facts(root)
    features = [name for name, test in FEATURES.items() if test(facts)]
    score = sum(rules.ARTICLE_WEIGHTS[name] for name in features)
    if score >= rules.ARTICLE_THRESHOLD:
        return PageType(PageKind.ARTICLE, score, features)
    return PageType(_non_article_kind(facts, features, path), score, features)


def _non_article_kind(facts: _Facts, features: list[str], path: str) -> PageKind:
    words = _page_words(facts, path)
    if facts.jsonld_types & rules.AUTHOR_TYPES or words & set(rules.AUTHOR_WORDS):
        return PageKind.AUTHOR
    if words & set(rules.TAG_WORDS):
        return PageKind.TAG
    if {"pagination", "teaser_blocks", "listing_jsonld"} & set(features):
        return PageKind.LISTING
    return PageKind.OTHER


def _page_words(facts: _Facts, path: str) -> set[str]:
    """Class names of ``body``/``main``, og:type and path segments of the page."""
    words: set[str] = set()
    for element in facts.root.xpath("//body | //main"):
        words.update((element.get("class") or "").lower().replace("_", "-").split())
    words.add(facts.og_type)
    words.update(segment.lower() for segment in path.split("/") if segment)
    expanded = set(words)
    for word in words:
        expanded.update(word.split("-"))
    return expanded | words


class _Facts:
    """What the features look at, each computed once."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        og = root.xpath("string(//meta[@property='og:type']/@content)")
        self.og_type = og.strip().lower()
        self.jsonld_types = set(_jsonld_types(root))
        self.h1_count = int(root.xpath("count(//h1)"))
        self.article_count = int(root.xpath("count(//article)"))
        self.teasers = int(root.xpath(f"count({rules.TEASER_XPATH})"))
        self.text_block = _longest_text_block(root)
        self.classes = "\n".join(root.xpath("//@class"))  # one string: one substring test per word

    def has_class(self, words: tuple[str, ...]) -> bool:
        """True if some element's class attribute contains one of ``words``."""
        return any(word in self.classes for word in words)


FEATURES: dict[str, Callable[[_Facts], bool]] = {
    "og_type_article": lambda f: f.og_type == "article",
    "og_type_website": lambda f: f.og_type == "website",
    "jsonld_article": lambda f: bool(f.jsonld_types & rules.ARTICLE_TYPES),
    "listing_jsonld": lambda f: (
        bool(f.jsonld_types & rules.LISTING_TYPES) and not f.jsonld_types & rules.ARTICLE_TYPES
    ),
    "single_h1": lambda f: f.h1_count == 1,
    "single_article_element": lambda f: f.article_count == 1,
    "long_text_block": lambda f: f.text_block >= rules.LONG_TEXT_CHARS,
    "medium_text_block": lambda f: rules.MEDIUM_TEXT_CHARS <= f.text_block < rules.LONG_TEXT_CHARS,
    "byline": lambda f: f.has_class(rules.BYLINE_CLASSES) or bool(f.root.xpath(rules.BYLINE_XPATH)),
    "published_time": lambda f: bool(f.root.xpath(rules.TIME_XPATH)),
    "teaser_blocks": lambda f: f.teasers >= rules.TEASER_MIN,
    "many_teaser_blocks": lambda f: f.teasers >= rules.MANY_TEASERS_MIN,
    "pagination": lambda f: (
        f.has_class(rules.PAGINATION_CLASSES) or bool(f.root.xpath(rules.PAGINATION_XPATH))
    ),
}


def _longest_text_block(root: etree._Element) -> int:
    """Characters of paragraph text under the parent that holds the most of it."""
    totals: dict[etree._Element, int] = defaultdict(int)
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            totals[parent] += len(" ".join(paragraph.itertext()).strip())
    return max(totals.values(), default=0)


def _jsonld_types(root: etree._Element) -> Iterator[str]:
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        yield from _types_in(data)


def _types_in(data: object) -> Iterator[str]:
    """``@type`` values of top-level JSON-LD nodes (and of an ``@graph``)."""
    nodes = data if isinstance(data, list) else [data]
    for node in nodes:
        if not isinstance(node, dict):
            continue
        kinds = node.get("@type", [])
        yield from [kinds] if isinstance(kinds, str) else [k for k in kinds if isinstance(k, str)]
        if isinstance(node.get("@graph"), list):
            yield from _types_in(node["@graph"])

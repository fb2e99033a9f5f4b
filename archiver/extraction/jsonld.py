"""The page's JSON-LD, read once for the crawl and for extraction: its nodes and their types.

:func:`jsonld_nodes` parses every ``<script type="application/ld+json">`` of a tree and
returns the nodes that describe the page: top-level objects, the members of an
``@graph``, and what they name as ``mainEntity`` / ``mainEntityOfPage``. Nested values
(an article's ``author``, a product's ``offers``) stay inside their node. Types are
schema.org names without their prefix (``http://schema.org/NewsArticle`` -> ``NewsArticle``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

#: schema.org types of an article page: ``Article`` and the subtypes a publisher writes.
#: ``DiscussionForumPosting`` (a forum thread) and ``WebPage`` are not articles.
ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "BlogPosting", "LiveBlogPosting", "ScholarlyArticle", "Report",
        "AnalysisNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle", "TechArticle",
    }
)  # fmt: skip

#: Keys whose value describes the page itself (walked), not a part of a node.
_PAGE_KEYS = ("@graph", "mainEntity", "mainEntityOfPage")
_WRAPPER = re.compile(r"^\s*(?:<!--|<!\[CDATA\[|//\s*<!\[CDATA\[)|(?:-->|\]\]>|//\s*\]\]>)\s*$")


def jsonld_nodes(tree: etree._Element) -> list[dict[str, Any]]:
    """The JSON-LD nodes that describe the page, in document order; broken scripts are skipped."""
    nodes: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        data = parse_jsonld(script.text)
        if data is not None:
            nodes.extend(_walk(data))
    return nodes


def parse_jsonld(text: str) -> Any:
    """The JSON of one script (HTML comment / CDATA wrappers and raw control characters allowed)."""
    try:
        return json.loads(_WRAPPER.sub("", text), strict=False)
    except ValueError:
        return None


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        for key in _PAGE_KEYS:
            if isinstance(data.get(key), list | dict):
                yield from _walk(data[key])


def node_types(node: dict[str, Any]) -> set[str]:
    """The ``@type`` names of one node, prefixes dropped."""
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {re.split(r"[/:#]", k.strip())[-1] for k in kinds if isinstance(k, str) and k.strip()}


def page_types(nodes: list[dict[str, Any]]) -> set[str]:
    """Every type of the page's nodes."""
    return set().union(*(node_types(node) for node in nodes))

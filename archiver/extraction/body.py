"""The article text: trafilatura on a tree cleared of everything the other steps claimed."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document

from archiver.extraction import rules
from archiver.extraction.context import PageContext
from archiver.extraction.dom import (
    cached_search,
    drop,
    is_hidden,
    short_text,
    squash,
    text_of,
)

#: trafilatura's output tags that make one paragraph each.
_OUTPUT_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "cell", "list"})
#: Share of the page's paragraph text the article container must hold.
_FOCUS_SHARE = 0.6
_string = etree.XPath("string()")
#: Attributes that may hide an element (:func:`is_hidden`).
_STYLED = etree.XPath("descendant-or-self::*/@style | descendant-or-self::*/@hidden")
#: Tags :func:`_is_clutter` may take without marks or a style (the others need one).
_MAYBE_CLUTTER = frozenset({"figcaption", "p", "div", "li", *rules.DROP_TAGS})
_kicker_mark = cached_search(rules.KICKER)
_caption_mark = cached_search(rules.CAPTION_CLASS)
_lead_mark = cached_search(rules.LEAD_CLASS)


def _summary_boxes(tree: HtmlElement) -> Iterable[HtmlElement]:
    """ "Key findings" style headings and the list that follows them."""
    for heading in tree.iter("h2", "h3", "h4", "h5", "h6", "strong", "p", "div"):
        if len(heading) > 1:
            continue
        text = short_text(heading, 60)
        if not text or not rules.SUMMARY_HEADINGS.match(text):
            continue
        following = next((n for n in heading.itersiblings() if isinstance(n.tag, str)), None)
        if following is not None and following.tag in ("ul", "ol", "dl"):
            yield heading
            yield following


def _is_clutter(page: PageContext, node: HtmlElement, mark: str, styled: set[HtmlElement]) -> bool:
    tag = node.tag
    if (mark and (_kicker_mark(mark) or _caption_mark(mark))) or tag == "figcaption":
        return True
    if tag in rules.DROP_TAGS or (node in styled and is_hidden(node)):
        return page.title is None or node not in page.title.iterancestors()
    text = short_text(node, 250) if tag in ("p", "div", "li") else None
    return bool(text and rules.READ_ALSO.match(text))


def _clutter(page: PageContext) -> list[HtmlElement]:
    """Elements the body must never contain, found by rule rather than by another step (those
    inside a boilerplate block go with it)."""
    found = [*page.boilerplate, *page.article_chrome]
    styled = {attribute.getparent() for attribute in _STYLED(page.tree)}
    found.extend(
        node
        for node, mark in page.outside.items()
        if (mark or node.tag in _MAYBE_CLUTTER or node in styled) and _is_clutter(page, node, mark, styled)
    )
    found.extend(_summary_boxes(page.tree))
    if page.title is not None:
        found.append(page.title)
    return found


def _paragraphs(body: etree._Element) -> list[str]:
    """One string per output block of trafilatura's XML body (nested blocks counted once)."""
    out = []
    for node in body.iter(*_OUTPUT_BLOCKS):
        if node.tag == "list":
            continue
        if not len(node):  # no child nodes: its string value is its text
            text = squash(node.text)
        elif any(child.tag in _OUTPUT_BLOCKS for child in node.iterdescendants()):
            continue
        else:
            text = squash(_string(node))
        if text:
            out.append(text)
    return out


def _leads(page: PageContext) -> list[str]:
    """Standfirst paragraphs printed between the title and the text."""
    start = page.pos(page.title) if page.title is not None else -1
    leads = []
    for node, mark in islice(page.marks.items(), start + 1, None):
        if not mark or not _lead_mark(mark):
            continue
        if node.tag in ("figure", "img") or next(node.iter("img", "figure", "figcaption"), None) is not None:
            continue
        text = text_of(node)
        if 40 <= len(text) <= 800 and not page.is_boilerplate(node) and node not in page.claimed:
            leads.append(text)
            break
    return leads


def _paragraph_weight(element: HtmlElement) -> int:
    return sum(len(text_of(p)) for p in element.iter("p"))


def _container(page: PageContext) -> HtmlElement | None:
    """The title's closest ancestor that holds most of the page's paragraph text."""
    if page.title is None:
        return None
    total = _paragraph_weight(page.tree)
    for container in page.title.iterancestors():
        if container.tag in ("body", "html"):
            return None
        if _paragraph_weight(container) >= _FOCUS_SHARE * total:
            return container
    return None


def _focus(container: HtmlElement) -> None:
    """Drop everything outside ``container`` (its ancestors stay, their other children go)."""
    node = container
    while (parent := node.getparent()) is not None and parent.tag != "html":
        for sibling in [*node.itersiblings(), *node.itersiblings(preceding=True)]:
            if isinstance(sibling.tag, str):
                drop(sibling)
        node = parent


def _restore_headings(page: PageContext, paragraphs: list[str]) -> list[str]:
    """Put back subheadings trafilatura dropped between two paragraphs it kept."""
    position = {text: i for i, text in enumerate(paragraphs)}
    blocks = [node for node in page.tree.iter(*rules.BLOCK_TAGS) if text_of(node)]
    inserts = []
    for i, node in enumerate(blocks[1:-1], start=1):
        heading = text_of(node)
        if node.tag not in ("h2", "h3", "h4", "h5", "h6") or heading in position:
            continue
        before, after = position.get(text_of(blocks[i - 1])), position.get(text_of(blocks[i + 1]))
        if before is not None and after == before + 1:
            inserts.append((after, heading))
    for index, heading in reversed(inserts):
        paragraphs.insert(index, heading)
    return paragraphs


def blocks_text(element: HtmlElement) -> list[str]:
    """Paragraph texts of an HTML element: innermost block elements, in order."""
    out = []
    for node in element.iter(*rules.BLOCK_TAGS):
        if any(isinstance(d.tag, str) and d.tag in rules.BLOCK_TAGS for d in node.iterdescendants()):
            continue
        if text_of(node):
            out.append(text_of(node))
    return out or ([text_of(element)] if text_of(element) else [])


def extract_body(page: PageContext, selected: list[HtmlElement] | None = None) -> tuple[str, str]:
    """Body text ("\\n\\n" between paragraphs) and its source ("trafilatura" or "hints").

    Mutates ``page.tree``: call it last.
    """
    leads = _leads(page)
    container = _container(page)
    for node in [*_clutter(page), *page.claimed]:
        drop(node)
    if container is not None:
        _focus(container)
    if selected:
        paragraphs = [text for element in selected for text in blocks_text(element)]
        return "\n\n".join(paragraphs), "hints"
    doc = trafilatura.bare_extraction(  # works on a copy: page.tree and the texts remembered stay
        page.tree, url=page.url, fast=True, with_metadata=False, include_comments=False, include_images=False
    )
    paragraphs = _paragraphs(doc.body) if isinstance(doc, Document) and doc.body is not None else []
    paragraphs = _restore_headings(page, paragraphs)
    if not paragraphs and container is not None:  # too short for trafilatura: take the blocks
        paragraphs = blocks_text(container)
    joined = " ".join(paragraphs)
    paragraphs = [lead for lead in leads if lead not in joined] + paragraphs
    return "\n\n".join(paragraphs), "trafilatura"

"""The article text: trafilatura on a tree cleared of everything the other steps claimed."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

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
from archiver.extraction.guard import guard_body
from archiver.extraction.textblocks import trafilatura_paragraphs

#: Share of the page's paragraph text the article container must hold.
_FOCUS_SHARE = 0.6
#: Attributes that may hide an element (:func:`is_hidden`).
_STYLED = etree.XPath("descendant-or-self::*/@style | descendant-or-self::*/@hidden")
#: Tags :func:`_is_clutter` may take without marks or a style (the others need one).
_MAYBE_CLUTTER = frozenset(
    {"figcaption", "p", "div", "li", "h2", "h3", "h4", "h5", "h6", "span", *rules.DROP_TAGS}
)
#: Tags whose whole text may be a read-also, tool, credit or disclaimer line.
_LINE_TAGS = frozenset({"p", "div", "li", "h2", "h3", "h4", "h5", "h6"})
_kicker_mark = cached_search(rules.KICKER)
_caption_mark = cached_search(rules.CAPTION_CLASS)
_lead_mark = cached_search(rules.LEAD_CLASS)


def _link_dense(node: HtmlElement) -> bool:
    """Whether most of the element's text is link text (a list of teasers, not prose)."""
    size = len(text_of(node))
    return bool(size) and sum(len(text_of(a)) for a in node.iter("a")) >= 0.5 * size


def _summary_boxes(tree: HtmlElement) -> Iterable[HtmlElement]:
    """ "Key findings" style headings and the list that follows them; "Related stories" style
    headings and the links that follow them."""
    for heading in tree.iter("h2", "h3", "h4", "h5", "h6", "strong", "p", "div"):
        if len(heading) > 1:
            continue
        text = short_text(heading, 60)
        if not text:
            continue
        summary, related = rules.SUMMARY_HEADINGS.match(text), rules.RELATED_HEADINGS.match(text)
        if not summary and not related:
            continue
        following = next((n for n in heading.itersiblings() if isinstance(n.tag, str)), None)
        if summary and following is not None and following.tag in ("ul", "ol", "dl"):
            if _in_flow(heading, following):
                continue  # printed among the paragraphs: the article's own summary
            yield heading
            yield following
        elif related:
            yield heading
            if following is not None and _link_dense(following):
                yield following


def _in_flow(heading: HtmlElement, following: HtmlElement) -> bool:
    """Whether a heading and its list are printed among the text's paragraphs rather than in a
    box of their own (a block holding nothing else)."""
    parent = heading.getparent()
    if parent is None:
        return False
    others = [n for n in parent if isinstance(n.tag, str) and n is not heading and n is not following]
    return any(text_of(n) for n in others)


def _next_block(node: HtmlElement) -> HtmlElement | None:
    return next((n for n in node.itersiblings() if isinstance(n.tag, str)), None)


def _caption_lines(tree: HtmlElement) -> Iterable[HtmlElement]:
    """A short line printed between an image alone in its block and a credit line: its caption
    (the credit line itself is clutter by rule)."""
    for image in tree.iter("img"):
        block = image.getparent()
        if block is None or block.tag not in ("p", "div") or text_of(block):
            continue
        caption = _next_block(block)
        credit = _next_block(caption) if caption is not None else None
        if credit is None or caption is None or caption.tag not in _LINE_TAGS:
            continue
        line, credit_line = short_text(caption, 250), short_text(credit, 250)
        if line and credit_line and rules.CREDIT_ONLY_LINE.match(credit_line):
            yield caption


def _is_clutter(page: PageContext, node: HtmlElement, mark: str, styled: set[HtmlElement]) -> bool:
    tag = node.tag
    if (mark and (_kicker_mark(mark) or _caption_mark(mark))) or tag == "figcaption":
        return True
    if tag in rules.DROP_TAGS or (node in styled and is_hidden(node)):
        return page.title is None or node not in page.title.iterancestors()
    parent = node.getparent()
    if tag == "span" and (parent is None or str(parent.tag) not in ("div", "header", "section")):
        return False  # a span inside running text is part of it; a span among blocks is a line
    text = short_text(node, 600) if tag in _LINE_TAGS or tag == "span" else None
    if not text:
        return False
    if rules.DISCLAIMER.match(text):
        return True
    return len(text) <= 250 and bool(
        rules.READ_ALSO.match(text) or rules.TOOL_LINE.match(text) or rules.CREDIT_ONLY_LINE.match(text)
    )


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
    found.extend(_caption_lines(page.tree))
    if page.title is not None:
        found.append(page.title)
    return found


def _readable_text(node: HtmlElement) -> str:
    """The element's text without that of its scripts, styles and other never-read elements."""
    if next(node.iter(*rules.DROP_TAGS), None) is None:
        return text_of(node)
    node = copy.deepcopy(node)
    etree.strip_elements(node, *rules.DROP_TAGS, with_tail=False)
    return squash(node.text_content())


def _leads(page: PageContext) -> list[str]:
    """Standfirst paragraphs printed between the title and the text."""
    start = page.pos(page.title) if page.title is not None else -1
    leads = []
    for node, mark in islice(page.marks.items(), start + 1, None):
        if not mark or not _lead_mark(mark):
            continue
        if node.tag in ("figure", "img") or next(node.iter("img", "figure", "figcaption"), None) is not None:
            continue
        text = _readable_text(node)
        if (
            40 <= len(text) <= 800
            and not page.is_boilerplate(node)
            and node not in page.claimed
            and not page.in_author_box(node)
        ):
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
    """Body text ("\\n\\n" between paragraphs) and its source: "trafilatura" (on the page cleared
    by our rules), "trafilatura-page" (on the whole page, see :mod:`.guard`) or "hints".

    Mutates ``page.tree``: call it last.
    """
    leads = _leads(page)
    container = _container(page)
    pristine = None if selected else copy.deepcopy(page.tree)  # for the guard (:mod:`.guard`)
    for node in [*_clutter(page), *page.claimed]:
        drop(node)
    if container is not None:
        _focus(container)
    if selected:
        paragraphs = [text for element in selected for text in blocks_text(element)]
        return "\n\n".join(paragraphs), "hints"
    page_chars = len(text_of(page.tree))  # what is left to read: the guard's yardstick
    paragraphs = _restore_headings(page, trafilatura_paragraphs(page.tree, page.url))
    if not paragraphs and container is not None:  # too short for trafilatura: take the blocks
        paragraphs = blocks_text(container)
    paragraphs, source = (
        guard_body(paragraphs, page_chars, pristine, page.url)
        if pristine is not None
        else (paragraphs, "trafilatura")
    )
    joined = " ".join(paragraphs)
    paragraphs = [lead for lead in leads if lead not in joined] + paragraphs
    return "\n\n".join(paragraphs), source

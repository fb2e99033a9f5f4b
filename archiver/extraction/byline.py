"""The visible byline: who wrote the article and when it was published, as printed."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from archiver.extraction import rules
from archiver.extraction.context import PageContext
from archiver.extraction.dates import parse_date, parse_iso
from archiver.extraction.dom import cached_search, longer_than, marks, short_text, text_of
from archiver.extraction.names import (
    clean_name,
    inline_names,
    is_person_name,
    split_names,
    starts_with_byline,
)

_NAME_MARKS = ("fn", "p-author", "author", "name", "autor", "auteur", "autore")
_BLOCKS = ("p", "div", "span", "small", "li", "ul", "address", "em", "i", "strong", "dd", "td")
_MAX_BYLINE = 220
#: Longest unmarked line read as a printed date ("Mardi 22 novembre 2020 - 04:30").
_MAX_DATE_LINE = 48
#: How much of the text before a date is read for its label ("Last updated:").
_LABEL_CHARS = 40
#: itemprop/RDFa property names of a publication date.
_DATE_PROPS = ("datepublished", "datecreated", "published_time", "dc:date", "dc:created", "dcterms:created")
_byline_mark = cached_search(rules.BYLINE_CLASS)
_date_mark = cached_search(rules.DATE_CLASS)
_updated_mark = cached_search(rules.UPDATED_CLASS)


@dataclass
class Byline:
    """Authors and dates read from the page's own byline."""

    authors: list[str] = field(default_factory=list)
    text: str = ""
    published: str | None = None
    modified: str | None = None
    published_source: str | None = None
    element: HtmlElement | None = None
    date_element: HtmlElement | None = None  # where the publication date is printed


def _names_in_text(text: str) -> list[str]:
    if rules.BYLINE_PREFIX.match(text):
        return split_names(text)
    return [clean_name(text)] if is_person_name(text) else split_names(text) or inline_names(text)


def names_in(page: PageContext, element: HtmlElement) -> list[str]:
    """Names of links/name-marked elements inside a byline element, else parsed from its text."""
    names: list[str] = []
    for node in element.iter():
        if not isinstance(node.tag, str) or node is element or page.is_boilerplate(node):
            continue
        named = node.tag == "a" or node.get("rel") == "author"
        named = named or any(word in marks(node).lower() for word in _NAME_MARKS)
        text = text_of(node)
        if named and len(text) <= _MAX_BYLINE:
            names.extend(name for name in _names_in_text(text) if name not in names)
    return names or _names_in_text(text_of(element))


def _author_candidates(page: PageContext) -> list[HtmlElement]:
    found = []
    for node, mark in page.outside.items():
        by_mark = (mark and _byline_mark(mark)) or node.get("rel") == "author"
        if not by_mark and node.tag not in _BLOCKS:
            continue
        if page.in_author_box(node):
            continue
        text = short_text(node, _MAX_BYLINE)
        if text and (by_mark or starts_with_byline(text)):
            found.append(node)
    return found


def _ordered(page: PageContext, nodes: list[HtmlElement], before_first: bool) -> list[HtmlElement]:
    """Candidates in the article header (between the title and the body) first, in order; then
    those before the title (nearest first) and those after the body start, in the order asked."""
    start, long_paragraphs = page.title_pos(), page.long_paragraphs()
    body = long_paragraphs[0] if long_paragraphs else len(page.order)
    header = [n for n in nodes if start < page.pos(n) < body]
    after = [n for n in nodes if page.pos(n) >= body]
    before = [n for n in nodes if page.pos(n) <= start][::-1]
    return header + (before + after if before_first else after + before)


def _block_of(page: PageContext, element: HtmlElement) -> HtmlElement:
    """The byline's enclosing short block ("Par : X - le 25 octobre 2024")."""
    node = element
    while True:
        parent = node.getparent()
        if parent is None or parent.tag not in _BLOCKS or longer_than(parent, _MAX_BYLINE):
            return node
        if page.title is not None and parent in page.title.iterancestors():
            return node
        node = parent


def _machine_date(element: HtmlElement) -> str | None:
    for node in element.iter("time", "abbr", "meta"):
        value = node.get("datetime") or node.get("title") or node.get("content")
        if value and parse_iso(value):
            return parse_iso(value)
    value = element.get("datetime") or element.get("content")
    return parse_iso(value) if value else None


def _text_before(element: HtmlElement) -> str:
    """The last characters printed right before ``element`` inside its parent (a label such as
    ``<span>Last updated:</span> <span class="date">...</span>``)."""
    parts: list[str] = []
    node = element
    while len("".join(parts)) < _LABEL_CHARS and (previous := node.getprevious()) is not None:
        parts.insert(0, previous.tail or "")
        if isinstance(previous.tag, str):
            parts.insert(0, text_of(previous))
        node = previous
    parent = element.getparent()
    if node.getprevious() is None and parent is not None:
        parts.insert(0, parent.text or "")
    return " ".join("".join(parts).split())[-_LABEL_CHARS:]


def _is_updated(element: HtmlElement) -> bool:
    """An "updated" date: marked so (WordPress marks an unmodified post's date both published
    and updated: that one is the publication's), or printed after an "updated" label, inside
    the element or right before it ("Published 3 May · Updated 9 May" is the publication's)."""
    mark = marks(element)
    if _updated_mark(mark) and not rules.PUBLISHED_CLASS.search(mark):
        return True
    return bool(
        rules.UPDATED_LABEL_FIRST.match(text_of(element))
        or rules.UPDATED_LABEL_LAST.search(_text_before(element))
    )


def _updated_date(element: HtmlElement, language: str | None) -> str | None:
    """The date after an element's "updated" label (or its machine date, or its only date)."""
    machine = _machine_date(element)
    if machine:
        return machine
    text = text_of(element)
    label = rules.UPDATED_LABELS.search(text)
    return parse_date(text[label.end() :] if label else text, language)


def _date_candidates(page: PageContext, byline: HtmlElement | None) -> list[HtmlElement]:
    found = []
    for node, mark in page.outside.items():
        tag = node.tag
        dated = tag == "time" or (mark and _date_mark(mark))
        if not dated:
            prop = node.get("itemprop") or node.get("property") or ""
            dated = prop.lower().endswith(_DATE_PROPS)
        if not dated and node is not byline and tag not in _BLOCKS:
            continue
        if page.in_author_box(node):
            continue
        text = short_text(node, _MAX_BYLINE)
        if text is None:
            continue
        if dated or node is byline or (mark and _updated_mark(mark)) or rules.UPDATED_LABELS.match(text):
            found.append(node)
        elif len(text) <= _MAX_DATE_LINE and page.in_header(node, loose=True) and _is_date_line(node, text):
            found.append(node)  # a plain date printed under the headline ("22/11/2020 - 04:30")
    return found


def _is_date_line(node: HtmlElement, text: str) -> bool:
    """A short line that is a date (and maybe a time), with no child block holding it instead."""
    if any(isinstance(child.tag, str) and child.tag in _BLOCKS and text_of(child) == text for child in node):
        return False
    return parse_date(text) is not None


def date_of(element: HtmlElement, language: str | None) -> tuple[str | None, str]:
    """The date an element shows: its machine value if any, else the first printed date."""
    machine = _machine_date(element)
    if machine:
        return machine, "time"
    text = text_of(element)
    for label in rules.UPDATED_LABELS.finditer(text):  # keep only what precedes an "updated" label
        text = text[: label.start()]
        break
    return parse_date(text, language), "byline"


def find_byline(page: PageContext, language: str | None) -> Byline:
    """Read authors and publication/update dates from the visible byline."""
    found = Byline()
    for node in _ordered(page, _author_candidates(page), before_first=False):
        names = names_in(page, node)
        if names:
            found.authors = names
            found.element = _block_of(page, node)
            found.text = text_of(found.element)
            break
    updated: list[HtmlElement] = []
    for node in _ordered(page, _date_candidates(page, found.element), before_first=True):
        inside_updated = any(block in node.iterancestors() for block in updated)
        if inside_updated or (_is_updated(node) and node is not found.element):
            if found.modified is None:
                found.modified = _updated_date(node, language)
            updated.append(node)
            page.claim(_block_of(page, node))
            continue
        value, source = date_of(node, language)
        if value and found.published is None:
            found.published, found.published_source, found.date_element = value, source, node
            page.claim(_block_of(page, node))
    page.claim(found.element)
    return found

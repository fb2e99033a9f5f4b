"""One parsed page and what every extraction step needs to know about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from lxml.html import HtmlElement

from archiver.extraction import rules
from archiver.extraction.dom import all_marks, cached_search, short_text, text_of
from archiver.extraction.metadata import Metadata

#: Paragraphs longer than this (characters) are body text.
LONG_PARAGRAPH = 150
#: Elements never treated as boilerplate blocks, whatever their class says.
_NEVER_BOILERPLATE = frozenset({"html", "body", "main", "article"})
#: Containers too wide to be an article's header.
_NEVER_HEADER = frozenset({"html", "body", "main"})
_boilerplate_mark = cached_search(rules.BOILERPLATE)
#: Elements of program text: their class names (``token comment``, ``hljs-comment``) are syntax
#: highlighting, never a page's comments or share buttons.
_CODE_TAGS = frozenset({"pre", "code"})


def _in_code(node: HtmlElement) -> bool:
    return node.tag in _CODE_TAGS or any(a.tag in _CODE_TAGS for a in node.iterancestors())


@dataclass
class PageContext:
    """A parsed page, its URL and metadata, and the elements each step has claimed."""

    tree: HtmlElement
    url: str
    meta: Metadata
    language: str | None = None  # the declared language, for reading printed dates and names
    title: HtmlElement | None = None
    order: dict[HtmlElement, int] = field(default_factory=dict)  # document position
    marks: dict[HtmlElement, str] = field(default_factory=dict)  # each element's marks, in order
    outside: dict[HtmlElement, str] = field(default_factory=dict)  # the same, boilerplate blocks left out
    boilerplate: set[HtmlElement] = field(default_factory=set)  # roots of boilerplate blocks
    article_chrome: list[HtmlElement] = field(default_factory=list)  # footers/navs inside <article>
    claimed: list[HtmlElement] = field(default_factory=list)  # removed before body extraction
    _long: list[int] | None = None
    _first_long: HtmlElement | None = None
    _in_boilerplate: set[HtmlElement] = field(default_factory=set)  # the blocks' elements
    _in_author_boxes: set[HtmlElement] = field(default_factory=set)

    def index(self) -> None:
        """Number the elements and find the boilerplate blocks (none holds the title or most text)."""
        self.marks = all_marks(self.tree)
        self.order = {node: i for i, node in enumerate(self.marks)}
        keep = set(self.title.iterancestors()) if self.title is not None else set()
        marked = []
        for node, mark in self.marks.items():
            tag = node.tag
            if tag in _NEVER_BOILERPLATE or node in keep:
                continue
            if mark and _boilerplate_mark(mark):
                if not _in_code(node):  # syntax highlighting: <span class="token comment">
                    marked.append(node)
            elif tag in rules.CHROME_TAGS:  # an article's own footer keeps its byline: body-only
                in_article = any(a.tag == "article" for a in node.iterancestors())
                (self.article_chrome if in_article else marked).append(node)
        text = {p: len(text_of(p)) for p in self.tree.iter("p")}
        half = sum(text.values()) / 2
        self.boilerplate = {  # a block holding most of the page's paragraphs is the article, whatever its class
            node for node in marked if not half or sum(text.get(p, 0) for p in node.iter("p")) <= half
        }
        self._in_boilerplate = inside = {node for root in self.boilerplate for node in root.iter()}
        self.outside = {node: mark for node, mark in self.marks.items() if node not in inside}

    def is_boilerplate(self, element: HtmlElement) -> bool:
        """Whether ``element`` lies in a boilerplate block (:meth:`index` lists them all)."""
        return element in self._in_boilerplate

    def in_author_box(self, element: HtmlElement) -> bool:
        """Whether ``element`` lies in an author box (:meth:`add_author_box`)."""
        return element in self._in_author_boxes

    def add_author_box(self, box: HtmlElement) -> None:
        """Record an author box: its elements are not the article's byline, dates or images."""
        self._in_author_boxes.update(box.iter())

    def pos(self, element: HtmlElement) -> int:
        return self.order.get(element, -1)

    def title_pos(self) -> int:
        return self.pos(self.title) if self.title is not None else -1

    def in_header(self, element: HtmlElement | None, loose: bool = False) -> bool:
        """Whether ``element`` lies in the article's header: after the title and before the body
        text, or before the title in the block around it (its parent or grandparent, when that
        block does not also hold the body text, unless ``loose``)."""
        if element is None:
            return False
        long_paragraphs = self.long_paragraphs()
        body = long_paragraphs[0] if long_paragraphs else len(self.order)
        start, pos = self.title_pos(), self.pos(element)
        if start < pos < body:
            return True
        if self.title is None or pos >= start:
            return False
        first = self._first_long_paragraph()
        around = [
            a
            for a in islice(self.title.iterancestors(), 2)
            if a.tag not in _NEVER_HEADER and (loose or first is None or a not in first.iterancestors())
        ]
        return any(a in element.iterancestors() for a in around)

    def _first_long_paragraph(self) -> HtmlElement | None:
        self.long_paragraphs()
        return self._first_long

    def long_paragraphs(self) -> list[int]:
        """Positions of the long paragraphs after the title (where the body text is)."""
        if self._long is None:
            start = self.title_pos()
            found = [
                p
                for p in self.tree.iter("p")
                if self.pos(p) > start
                and short_text(p, LONG_PARAGRAPH) is None
                and not self.is_boilerplate(p)
            ]
            self._long = [self.pos(p) for p in found]
            self._first_long = found[0] if found else None
        return self._long

    def claim(self, element: HtmlElement | None) -> None:
        """Mark an element as metadata (byline, credit, bio...) so the body leaves it out."""
        if element is not None and element not in self.claimed:
            self.claimed.append(element)

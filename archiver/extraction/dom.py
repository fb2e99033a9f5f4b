"""Small helpers over lxml trees shared by the extraction modules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


class _Memo:
    """What :func:`memoized` remembers per element, one dict per kind."""

    __slots__ = ("raw", "text", "marks")

    def __init__(self) -> None:
        self.raw: dict[HtmlElement, str] = {}
        self.text: dict[HtmlElement, str] = {}
        self.marks: dict[HtmlElement, str] = {}


#: Per-page memo (see :func:`memoized`).
_MEMO: ContextVar[_Memo | None] = ContextVar("dom_memo", default=None)


@contextmanager
def memoized() -> Iterator[None]:
    """Within the block, each element's text and marks are computed once (:func:`drop` forgets
    those it changes)."""
    token = _MEMO.set(_Memo())
    try:
        yield
    finally:
        _MEMO.reset(token)


def _html_parser() -> lxml.html.HTMLParser:
    """lxml.html's parser, its element classes looked up in C rather than by a Python call per
    element proxy (every element the steps and trafilatura's tree copies touch). Comments are
    left out: React writes ``<p>When <!-- -->President</p>`` and text after a comment node is
    its tail, which extractors walking a paragraph's children lose."""
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    lookup.get_namespace(None).update(
        getattr(lxml.html.HtmlElementClassLookup, "_default_element_classes", {})
    )
    parser = lxml.html.HTMLParser(remove_comments=True)  # a comment's tail text stays where it was
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _html_parser()


#: Elements a browser lays out apart from the text around them (their text is a word apart).
_LAID_OUT_APART = (
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    "option", "caption",
)  # fmt: skip
#: Inline elements whose text, ending a word in lower case, is glued to a capital after them by
#: CSS alone ("<span>Lucy Thornton</span><span>News Reporter</span>").
_INLINE = ("a", "span", "strong", "b", "em", "i", "small", "time", "label", "abbr", "cite", "button")
_WORD_END = re.compile(r"[a-zà-ÿ0-9.:!?)]$")


def _starts_capital(text: str | None) -> bool:
    return bool(text) and text[0].isupper()  # type: ignore[index]


def _separate_words(tree: HtmlElement) -> None:
    """Put whitespace where the layout puts a break: around block elements and ``<br>``, and
    between an inline element ending a word and a capital glued after it. The texts of
    neighbouring elements are then never glued into one word (by ``text_content()``, trafilatura
    or the steps)."""
    for node in tree.iter(*_LAID_OUT_APART):
        tail = node.tail
        if not tail or not tail[0].isspace():
            node.tail = " " + (tail or "")
        before = node.getprevious()  # text right before the block: a space after it, if any
        if before is not None:
            if before.tail and not before.tail[-1].isspace():
                before.tail += " "
        else:
            parent = node.getparent()
            if parent is not None and parent.text and not parent.text[-1].isspace():
                parent.text += " "
    for node in tree.iter(*_INLINE):
        before, parent = node.getprevious(), node.getparent()
        text_before = before.tail if before is not None else parent.text if parent is not None else None
        if _starts_capital(node.text) and text_before and _WORD_END.search(text_before):
            if before is not None:
                before.tail = text_before + " "
            elif parent is not None:
                parent.text = text_before + " "
        if len(node) or not node.text or not _WORD_END.search(node.text):
            continue
        tail, after = node.tail, node.getnext()
        if _starts_capital(tail) or (not tail and after is not None and _starts_capital(after.text)):
            node.tail = " " + (tail or "")


def parse_html(text: str) -> HtmlElement:
    """Parse decoded HTML (an XML declaration is dropped: lxml refuses it in a str); words stay
    apart (:func:`_separate_words`)."""
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    try:
        tree = lxml.html.document_fromstring(text if text.strip() else "<html></html>", parser=_PARSER)
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<html></html>", parser=_PARSER)
    _separate_words(tree)
    return tree


def squash(text: str | None) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return " ".join((text or "").split())


def _content(element: HtmlElement) -> str:
    """``text_content()``; without child nodes that is the element's own text (no XPath call)."""
    return (element.text or "") if not len(element) else element.text_content()


def _raw_text(element: HtmlElement, memo: _Memo | None) -> str:
    if memo is None:
        return _content(element)
    raw = memo.raw.get(element)
    if raw is None:
        raw = memo.raw[element] = _content(element)
    return raw


def text_of(element: HtmlElement) -> str:
    """The element's visible text, whitespace collapsed."""
    memo = _MEMO.get()
    if memo is None:
        return " ".join(_content(element).split())
    text = memo.text.get(element)
    if text is None:
        text = memo.text[element] = " ".join(_raw_text(element, memo).split())
    return text


def short_text(element: HtmlElement, limit: int) -> str | None:
    """The element's text if it is at most ``limit`` characters (cheap for big elements)."""
    memo = _MEMO.get()
    if len(_raw_text(element, memo)) > limit * 4:
        return None
    text = text_of(element)
    return text if len(text) <= limit else None


def longer_than(element: HtmlElement, limit: int) -> bool:
    """Whether :func:`text_of` the element is longer than ``limit``, without collapsing the whole
    text of a big element (the collapsed start of a text is never longer than the whole)."""
    memo = _MEMO.get()
    known = memo.text.get(element) if memo is not None else None
    if known is not None:
        return len(known) > limit
    raw = _raw_text(element, memo)
    if len(raw) <= limit:
        return False
    size = 2 * limit
    while size < len(raw):  # the page's indentation may fill the start: look further each time
        if len(squash(raw[:size])) > limit:
            return True
        size *= 4
    return len(text_of(element)) > limit


def marks(element: HtmlElement) -> str:
    """Class, id, role, itemprop and data-testid of an element, as one string to match rules against."""
    memo = _MEMO.get()
    if memo is not None:
        known = memo.marks.get(element)
        if known is not None:
            return known
    get = element.get
    found = " ".join(
        filter(None, (get("class"), get("id"), get("role"), get("itemprop"), get("data-testid")))
    )
    if memo is not None:
        memo.marks[element] = found
    return found


#: The attributes :func:`marks` reads, in its order, each found in the whole tree at once.
_MARK_ATTRIBUTES = tuple(
    etree.XPath(f"descendant-or-self::*/@{name}")
    for name in ("class", "id", "role", "itemprop", "data-testid")
)


def all_marks(tree: HtmlElement) -> dict[HtmlElement, str]:
    """:func:`marks` of every element of ``tree``, in document order (remembered like marks)."""
    parts: dict[HtmlElement, str] = {}
    for attribute in _MARK_ATTRIBUTES:
        for value in attribute(tree):
            if value:
                element = value.getparent()
                known = parts.get(element)
                parts[element] = f"{known} {value}" if known else str(value)
    found = {node: parts.get(node, "") for node in tree.iter(etree.Element)}
    memo = _MEMO.get()
    if memo is not None:
        memo.marks.update(found)
    return found


def cached_search(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """``pattern.search`` as a yes/no remembered per string (pages repeat their class names)."""
    seen: dict[str, bool] = {}

    def search(text: str) -> bool:
        found = seen.get(text)
        if found is None:
            if len(seen) > 4096:
                seen.clear()
            found = seen[text] = pattern.search(text) is not None
        return found

    return search


def is_hidden(element: HtmlElement) -> bool:
    """Hidden by the ``hidden`` attribute or an inline ``display:none``."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style


def absolute(url: str | None, base: str) -> str | None:
    """``url`` made absolute against ``base``; None when empty."""
    url = (url or "").strip()
    return urljoin(base, url) if url else None


def drop(element: HtmlElement) -> None:
    """Remove an element and its content, keeping its tail text (in the parent's text or the
    previous sibling's tail): only the texts of its ancestors change, they are forgotten."""
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()
        memo = _MEMO.get()
        if memo is not None:
            for node in (parent, *parent.iterancestors()):
                memo.raw.pop(node, None)
                memo.text.pop(node, None)

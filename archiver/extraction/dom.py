"""Small helpers over lxml trees shared by the extraction modules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: Per-page memo: each memoized function's results by element (see :func:`memoized`).
_MEMO: ContextVar[dict[Callable, dict[HtmlElement, str]] | None] = ContextVar("dom_memo", default=None)


@contextmanager
def memoized() -> Iterator[None]:
    """Within the block, each element's text and marks are computed once (:func:`drop` forgets them)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _per_page(compute: Callable[[HtmlElement], str]) -> Callable[[HtmlElement], str]:
    """``compute`` remembered per element inside :func:`memoized`."""

    @wraps(compute)
    def remembered(element: HtmlElement) -> str:
        memo = _MEMO.get()
        if memo is None:
            return compute(element)
        known = memo.get(compute)
        if known is None:
            known = memo[compute] = {}
        value = known.get(element)
        if value is None:
            value = known[element] = compute(element)
        return value

    return remembered


def parse_html(text: str) -> HtmlElement:
    """Parse decoded HTML (an XML declaration is dropped: lxml refuses it in a str)."""
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    try:
        return lxml.html.document_fromstring(text if text.strip() else "<html></html>")
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<html></html>")


def squash(text: str | None) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return " ".join((text or "").split())


_raw_text = _per_page(HtmlElement.text_content)


@_per_page
def text_of(element: HtmlElement) -> str:
    """The element's visible text, whitespace collapsed."""
    return squash(_raw_text(element))


def short_text(element: HtmlElement, limit: int) -> str | None:
    """The element's text if it is at most ``limit`` characters (cheap for big elements)."""
    if len(_raw_text(element)) > limit * 4:
        return None
    text = text_of(element)
    return text if len(text) <= limit else None


@_per_page
def marks(element: HtmlElement) -> str:
    """Class, id, role, itemprop and data-testid of an element, as one string to match rules against."""
    get = element.get
    return " ".join(filter(None, (get("class"), get("id"), get("role"), get("itemprop"), get("data-testid"))))


def is_hidden(element: HtmlElement) -> bool:
    """Hidden by the ``hidden`` attribute or an inline ``display:none``."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style


def elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """All elements in document order (comments and processing instructions skipped)."""
    for node in tree.iter():
        if isinstance(node.tag, str):
            yield node


def absolute(url: str | None, base: str) -> str | None:
    """``url`` made absolute against ``base``; None when empty."""
    url = (url or "").strip()
    return urljoin(base, url) if url else None


def drop(element: HtmlElement) -> None:
    """Remove an element and its content, keeping its tail text."""
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()
        forget()  # the texts of its ancestors changed


def forget() -> None:
    """Drop the memo of :func:`memoized` (call after changing the tree)."""
    memo = _MEMO.get()
    if memo is not None:
        memo.clear()

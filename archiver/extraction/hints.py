"""Site profile hints: CSS selectors naming the elements that hold a field on one site.

A hint is the first layer of its field (:mod:`.fields`). :data:`HINTS` says, per hint, which
field it answers, how the picked elements are read and whether the first one is claimed (kept
out of the body); ``remove`` drops elements before any step looks at the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cssselect import SelectorError
from lxml.html import HtmlElement

from archiver.extraction import bios, byline, images
from archiver.extraction.context import PageContext
from archiver.extraction.dom import drop, text_of

Reader = Callable[[PageContext, list[HtmlElement]], Any]


@dataclass(frozen=True)
class Hint:
    """What the elements one hint picks give: the field they answer and how they are read."""

    field: str
    read: Reader
    claim: bool = False  # the first picked element is metadata: the body leaves it out


def _credit(page: PageContext, nodes: list[HtmlElement]) -> str | None:
    return images.credit_in_line(text_of(nodes[0]))


#: Per hint name (a profile's ``[hints]`` key), the field it answers first.
HINTS: dict[str, Hint] = {
    "title": Hint("title", lambda page, nodes: text_of(nodes[0])),
    "byline": Hint("authors", lambda page, nodes: byline.names_in(page, nodes[0]), claim=True),
    "date": Hint("published", lambda page, nodes: byline.date_of(nodes[0], page.language)[0], claim=True),
    "credit": Hint("credit", _credit, claim=True),
    "bio": Hint("bios", lambda page, nodes: [bios.Bio(text_of(n), n, n) for n in nodes]),
    "body": Hint("body", lambda page, nodes: nodes),
}


def select(tree: HtmlElement, selector: str | None) -> list[HtmlElement]:
    """Elements a hint's CSS selector picks; an invalid selector picks nothing."""
    try:
        return list(tree.cssselect(selector)) if selector else []
    except SelectorError:
        return []


def remove_hinted(tree: HtmlElement, hints: Mapping[str, Any]) -> None:
    """Drop the elements the ``remove`` hint's selectors pick."""
    for selector in hints.get("remove") or ():
        for node in select(tree, selector):
            drop(node)


class HintedFields:
    """The profile's hints over one page: per field, the elements picked and what they give."""

    def __init__(self, hints: Mapping[str, Any]) -> None:
        self._selectors = {HINTS[name].field: (HINTS[name], hints[name]) for name in HINTS if hints.get(name)}
        self._nodes: dict[str, list[HtmlElement]] = {}

    def elements(self, page: PageContext, field: str) -> list[HtmlElement]:
        """The elements the hint for ``field`` picks (selected once; the first claimed if so marked)."""
        if field not in self._selectors:
            return []
        if field not in self._nodes:
            hint, selector = self._selectors[field]
            nodes = self._nodes[field] = select(page.tree, selector)
            if nodes and hint.claim:
                page.claim(nodes[0])
        return self._nodes[field]

    def value(self, page: PageContext, field: str) -> Any:
        """What the hint for ``field`` gives on this page (None when there is none or it picks nothing)."""
        nodes = self.elements(page, field)
        return self._selectors[field][0].read(page, nodes) if nodes else None

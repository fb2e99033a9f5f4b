"""trafilatura's extraction of a tree, read back as paragraphs."""

from __future__ import annotations

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction import rules
from archiver.extraction.dom import squash

#: trafilatura's output tags that make one paragraph each.
_OUTPUT_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "cell", "list"})
#: Those that hold running text: a ``code`` inside one is inline code, part of its paragraph.
_TEXT_BLOCKS = _OUTPUT_BLOCKS - {"code", "list"}
_string = etree.XPath("string()")


class _Reader:
    """The paragraphs of trafilatura's XML body: each output block ends the text before it and
    its own; the text of a block around other blocks is kept, in order, between theirs. A text
    paragraph that reads like script code (text the parser left outside a ``<script>``) is not
    the article's."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self._words: list[str] = []

    def flush(self, code: bool = False) -> None:
        text = squash("".join(self._words))
        if text and (code or not rules.SCRIPT_TEXT.match(text)):
            self.out.append(text)
        self._words.clear()

    def walk(self, node: etree._Element, in_text: bool = False) -> None:
        tag = node.tag
        block = tag in _OUTPUT_BLOCKS and not (tag == "code" and in_text and "\n" not in _string(node))
        if block:
            self.flush()
        self._words.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                self.walk(child, in_text or tag in _TEXT_BLOCKS)
            if child.tag == "lb":
                self._words.append(" ")
            self._words.append(child.tail or "")
        if block:
            self.flush(code=tag == "code")


def paragraphs_of(body: etree._Element) -> list[str]:
    """One string per output block of trafilatura's XML body (inline code stays in its paragraph)."""
    reader = _Reader()
    reader.walk(body)
    reader.flush()
    return reader.out


def trafilatura_paragraphs(tree: HtmlElement, url: str, fast: bool = True) -> list[str]:
    """trafilatura's main text of ``tree`` as paragraphs (it works on a copy: ``tree`` stays).

    ``fast`` skips its comparison with its fallback extractors (readability, jusText).
    """
    doc = trafilatura.bare_extraction(
        tree, url=url, fast=fast, with_metadata=False, include_comments=False, include_images=False
    )
    body = getattr(doc, "body", None)  # a Document (a dict only when asked for one)
    return paragraphs_of(body) if body is not None else []

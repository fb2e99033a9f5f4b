"""Article bodies as data: blocks separated by blank lines, rendered to HTML and to text.

A block is ``### heading``, raw HTML (starts with ``<``: lists, quotes, boxes) kept as
written, or else a paragraph (inline HTML allowed).
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

INDENT = " " * 28


def body_blocks(body: str) -> list[str]:
    return [block.strip("\n") for block in re.split(r"\n\s*\n", body.strip("\n")) if block.strip()]


def body_html(body: str) -> str:
    """Blocks to HTML: ``### heading``, raw HTML kept as written, else a justified paragraph."""
    out: list[str] = []
    for block in body_blocks(body):
        if block.startswith("### "):
            lines = [f"<h3>{block[4:]}</h3>"]
        elif block.startswith("<"):
            lines = block.splitlines()
        else:
            lines = [f'<p style="text-align: justify;">{block}</p>']
        out.extend(INDENT + line + "\n" for line in lines)
    return "".join(out)


def body_text(body: str) -> list[str]:
    """The text a reader sees as the article, one string a paragraph (asides left out)."""
    texts: list[str] = []
    for block in body_blocks(body):
        if block.startswith("### "):
            texts.append(text(block[4:]))
        elif block.startswith("<"):
            texts.extend(_raw_block_text(block))
        else:
            texts.append(text(block))
    return texts


def asides(body: str) -> list[str]:
    """Text of the boxes inside the body that are not the article ("À lire aussi")."""
    return [text_of(el) for block in body_blocks(body) if block.startswith("<")
            for el in _elements(block) if _is_aside(el)]  # fmt: skip


def _raw_block_text(block: str) -> list[str]:
    texts: list[str] = []
    for element in _elements(block):
        if _is_aside(element):
            continue
        children = element.xpath("./li | ./p")
        texts.extend(text_of(el) for el in (children or [element]))
    return texts


def _elements(block: str) -> list[lxml.html.HtmlElement]:
    return [el for el in lxml.html.fragments_fromstring(block) if isinstance(el, lxml.html.HtmlElement)]


def _is_aside(element: lxml.html.HtmlElement) -> bool:
    return "lire-aussi" in (element.get("class") or "")


def text(fragment: str) -> str:
    return text_of(lxml.html.fragment_fromstring(fragment, create_parent="div"))


def text_of(element: Any) -> str:
    return " ".join(element.text_content().split())

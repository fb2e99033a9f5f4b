"""The URLs a stylesheet loads, read with tinycss2: ``@import``, fonts and images.

:func:`stylesheet_requisites` takes a fetched stylesheet (bytes, with the
``Content-Type`` charset) or a ``<style>`` block; :func:`style_requisites` a
``style`` attribute. An ``@import`` is a stylesheet, a ``url()`` inside
``@font-face`` a font, any other ``url()`` or ``image-set()`` string an image.
``data:`` URLs are not requisites. Pure functions: text in, absolute URLs out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import tinycss2
from tinycss2 import ast

from archiver.crawl.requisite import Requisite, ResourceKind, absolute_requisite

#: At-rules whose block holds rules (scanned as a stylesheet).
_GROUPING_RULES = frozenset({"media", "supports", "layer", "container", "document", "-moz-document", "scope",
                             "starting-style"})  # fmt: skip
#: Functions whose string arguments are URLs.
_URL_FUNCTIONS = frozenset({"url", "src", "image-set", "-webkit-image-set"})


def stylesheet_requisites(css: bytes | str, url: str, charset: str | None = None) -> list[Requisite]:
    """The requisites of the stylesheet ``css`` found at ``url`` (``charset``: its HTTP one)."""
    if isinstance(css, bytes):
        rules, _encoding = tinycss2.parse_stylesheet_bytes(
            css, protocol_encoding=charset, skip_comments=True, skip_whitespace=True
        )
    else:
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _unique(_rule_requisites(rules, url))


def style_requisites(style: str, base: str) -> list[Requisite]:
    """The images a ``style`` attribute loads (``background: url(...)``)."""
    tokens = tinycss2.parse_component_value_list(style, skip_comments=True)
    return _unique(_absolute(_token_urls(tokens), base, ResourceKind.IMAGE))


def _rule_requisites(rules: Iterable[ast.Node], base: str) -> Iterator[Requisite]:
    for rule in rules:
        if isinstance(rule, ast.AtRule):
            keyword = rule.lower_at_keyword
            if keyword == "import":
                yield from _absolute(_import_url(rule.prelude), base, ResourceKind.STYLESHEET)
            elif keyword == "font-face":
                yield from _absolute(_token_urls(rule.content or []), base, ResourceKind.FONT)
            elif keyword in _GROUPING_RULES and rule.content:
                nested = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                yield from _rule_requisites(nested, base)
            elif keyword != "namespace":
                yield from _absolute(
                    _token_urls([*rule.prelude, *(rule.content or [])]), base, ResourceKind.IMAGE
                )
        elif isinstance(rule, ast.QualifiedRule):
            yield from _absolute(_token_urls(rule.content), base, ResourceKind.IMAGE)


def _import_url(prelude: list[ast.Node]) -> Iterator[str]:
    """The URL of an ``@import`` prelude: a string, ``url(x)`` or ``url("x")``."""
    for token in prelude:
        if isinstance(token, ast.WhitespaceToken | ast.Comment):
            continue
        if isinstance(token, ast.StringToken | ast.URLToken):
            yield token.value
        elif isinstance(token, ast.FunctionBlock) and token.lower_name == "url":
            yield from (arg.value for arg in token.arguments if isinstance(arg, ast.StringToken))
        return


def _token_urls(tokens: Iterable[ast.Node]) -> Iterator[str]:
    """Every ``url()`` and ``image-set()`` string in a token list, nested blocks included."""
    for token in tokens:
        if isinstance(token, ast.URLToken):
            yield token.value
        elif isinstance(token, ast.FunctionBlock):
            if token.lower_name in _URL_FUNCTIONS:
                yield from (arg.value for arg in token.arguments if isinstance(arg, ast.StringToken))
            yield from _token_urls(token.arguments)
        elif isinstance(token, ast.SquareBracketsBlock | ast.ParenthesesBlock | ast.CurlyBracketsBlock):
            yield from _token_urls(token.content)


def _absolute(urls: Iterable[str], base: str, kind: ResourceKind) -> Iterator[Requisite]:
    for url in urls:
        if (requisite := absolute_requisite(url, base, kind)) is not None:
            yield requisite


def _unique(requisites: Iterable[Requisite]) -> list[Requisite]:
    return list(dict.fromkeys(requisites))

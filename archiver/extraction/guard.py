"""trafilatura's own reading of the whole page as the body's guard.

Our body is trafilatura on the page cleared by our rules (bylines, captions, bios, boilerplate
dropped, the article's container alone kept). Where that reading looks wrong, trafilatura
reads the whole page, with its fallback extractors, and a rule measured on wcxb-dev decides
which reading is the body. Suspicious: nothing or very little of the text our rules left
(under :data:`SHORT_SHARE` of it, or under :data:`MIN_CHARS`), or text that reads like script
code. trafilatura's reading wins when ours is under :data:`SWITCH_SHARE` of its length, or is
code where its is not. Measured on the 711 article pages of wcxb-dev (thresholds 0.5 to 0.9
all give within 0.002 of the best): 67 pages (9%) are suspicious, 34 switch; body word F1
0.918 without the guard, 0.942 with it (trafilatura alone: 0.935).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from archiver.extraction.textblocks import trafilatura_paragraphs

#: Below this share of the characters our rules left on the page, our body is suspicious.
SHORT_SHARE = 0.6
#: A body of fewer characters is always suspicious.
MIN_CHARS = 300
#: trafilatura's whole-page reading wins when ours has less than this share of its characters.
SWITCH_SHARE = 0.6
#: Code punctuation per character above which a text reads like code.
CODE_SHARE = 0.08
_CODE_MARKS = frozenset("{}();=<>$\\*")
_WORD = re.compile(r"\w")


def _chars(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def code_share(paragraphs: list[str]) -> float:
    """Share of code punctuation in the text."""
    size = _chars(paragraphs)
    return sum(p.count(mark) for p in paragraphs for mark in _CODE_MARKS) / size if size else 0.0


def is_suspicious(paragraphs: list[str], page_chars: int) -> bool:
    """Whether our body may have missed the article (see the module's docstring)."""
    size = _chars(paragraphs)
    return size < MIN_CHARS or size < SHORT_SHARE * page_chars or code_share(paragraphs) > CODE_SHARE


def prefers_page_reading(ours: list[str], theirs: list[str]) -> bool:
    """Whether trafilatura's whole-page reading is the better body."""
    if not any(_WORD.search(p) for p in theirs):
        return False
    if _chars(ours) < SWITCH_SHARE * _chars(theirs):
        return True
    return code_share(ours) > CODE_SHARE and code_share(theirs) < code_share(ours) / 2


def guard_body(paragraphs: list[str], page_chars: int, page: HtmlElement, url: str) -> tuple[list[str], str]:
    """The body's paragraphs and their source: ours ("trafilatura") unless the guard finds them
    suspicious and trafilatura's reading of ``page``, the whole page, better ("trafilatura-page")."""
    if not is_suspicious(paragraphs, page_chars):
        return paragraphs, "trafilatura"
    theirs = trafilatura_paragraphs(page, url, fast=False)
    if prefers_page_reading(paragraphs, theirs):
        return theirs, "trafilatura-page"
    return paragraphs, "trafilatura"

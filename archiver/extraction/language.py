"""The page's language as an ISO 639-1 code."""

from __future__ import annotations

import re

from archiver.extraction import rules
from archiver.extraction.metadata import Metadata

_CODE = re.compile(r"^\s*([a-zA-Z]{2})(?:[-_][a-zA-Z0-9]+)?\s*$")
_WORDS = re.compile(r"\w+")


def declared_language(meta: Metadata) -> str | None:
    """``<html lang>``, else the language meta tags, as a two-letter code."""
    for value in (meta.lang, meta.first("language"), meta.jsonld.get("inLanguage")):
        match = _CODE.match(value) if isinstance(value, str) else None
        if match:
            return match.group(1).lower()
    return None


def guess_language(text: str) -> str | None:
    """The language whose stop words are most frequent in ``text`` (None for too little text)."""
    words = _WORDS.findall(text.lower()[:5000])
    if len(words) < 20:
        return None
    scores = {lang: sum(word in stop for word in words) for lang, stop in rules.STOPWORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else None

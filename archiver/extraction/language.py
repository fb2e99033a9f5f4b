"""The page's language as an ISO 639-1 code."""

from __future__ import annotations

import re
from collections import Counter

from archiver.extraction import lexicon
from archiver.extraction.metadata import Metadata

_CODE = re.compile(r"^\s*([a-zA-Z]{2})(?:[-_][a-zA-Z0-9]+)?\s*$")
_WORDS = re.compile(r"\w+")
_CONFIDENT_WORDS = 80


def declared_language(meta: Metadata) -> str | None:
    """``<html lang>``, else the language meta tags, as a two-letter code."""
    for value in (meta.lang, meta.first("language"), meta.jsonld.get("inLanguage")):
        match = _CODE.match(value) if isinstance(value, str) else None
        if match:
            return match.group(1).lower()
    return None


def guess_language(text: str, confident: bool = False) -> str | None:
    """The language whose stop words are most frequent in ``text`` (None for too little text).

    With ``confident``, only a clear winner (twice the runner-up, on enough words) is returned.
    """
    words = _WORDS.findall(text.lower()[:5000])
    if len(words) < (_CONFIDENT_WORDS if confident else 20):
        return None
    counts = Counter(words)
    scores = sorted(
        ((sum(counts[w] for w in stop), lang) for lang, stop in lexicon.STOPWORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    if best < 3 or (confident and best < 2 * second):
        return None
    return lang


def article_language(meta: Metadata, body: str) -> tuple[str | None, str | None]:
    """The declared language, unless the article's text is clearly in another one; and its source."""
    declared = declared_language(meta)
    guessed = guess_language(body, confident=declared is not None)
    if guessed and guessed != declared:
        return guessed, "text"
    return (declared, "declared") if declared else (None, None)

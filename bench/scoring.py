"""Quality measures of an extracted record against a gold record (tests and benchmarks).

Same definitions as the shared gold-corpus scorer: exact title/date/language/authors/
credit after normalising, token F1 for body and bios, leaks of forbidden snippets.
"""

from __future__ import annotations

import collections
import re
import unicodedata
from typing import Any

_LABEL = re.compile(
    r"^\s*(?:image|images|photo|photos|foto|crédits?(?: photo)?|credits?(?: photo)?|"
    r"bildnachweis|fuente|source|illustration|©|\(c\))\s*[:：©-]?\s*",
    re.IGNORECASE,
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def norm(text: str | None) -> str:
    """NFKC, straight quotes, collapsed whitespace, case-folded."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_QUOTES).split()).casefold()


def norm_credit(text: str | None) -> str | None:
    """A credit normalised and stripped of its label ("Photo: X" → "x")."""
    if not text:
        return None
    text = norm(text)
    for _ in range(2):
        text = _LABEL.sub("", text).strip()
    return text.strip(" .()")


def f1(gold: str, got: str) -> float:
    """Bag-of-words token F1 of ``got`` against ``gold``."""
    g = collections.Counter(re.findall(r"\w+", norm(gold)))
    h = collections.Counter(re.findall(r"\w+", norm(got)))
    if not g and not h:
        return 1.0
    common = sum((g & h).values())
    if not common:
        return 0.0
    precision, recall = common / sum(h.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def score(gold: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """Per-field results of one extracted record against its gold."""
    names = {norm(a["name"]): a for a in record["authors"]}
    images = record["images"]
    credit = images[0]["credit"] if images else None
    bios = [
        f1(bio, (names.get(norm(name)) or {}).get("bio") or "") for name, bio in gold["author_bios"].items()
    ]
    body = record["body"]
    return {
        "title": norm(record["title"]) == norm(gold["title"]),
        "date": (record["published"] or "")[:10] == (gold["published"] or ""),
        "language": record["language"] == gold["language"],
        "authors": set(names) == {norm(a) for a in gold["authors"]},
        "credit": norm_credit(credit) == norm_credit(gold["image_credit"]),
        "bio": min(bios) if bios else (0.0 if any(a.get("bio") for a in names.values()) else 1.0),
        "body": f1(gold["body"], body),
        "leaks": [s for s in gold["must_not_be_in_body"] if norm(s) in norm(body)],
    }


def meets_bars(result: dict[str, Any], min_body: float = 0.95, min_bio: float = 0.90) -> bool:
    """Whether a :func:`score` result passes every bar of the gold scorer."""
    exact = all(result[k] for k in ("title", "date", "language", "authors", "credit"))
    return exact and result["bio"] >= min_bio and result["body"] >= min_body and not result["leaks"]

"""Person names in bylines: telling a name from a role, a label or a sentence."""

from __future__ import annotations

import re

from archiver.extraction import rules
from archiver.extraction.dom import squash

_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-ZÀ-ÖØ-Þ]\.)$")


def is_person_name(text: str) -> bool:
    """Two to five capitalised words (particles allowed), no digits, no role words."""
    text = squash(text)
    if not 3 <= len(text) <= 60 or any(ch.isdigit() for ch in text) or rules.ROLE_WORDS.search(text):
        return False
    if any(ch in text for ch in '@!?:;|/()[]«»"“”'):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitals = [t for t in tokens if _TOKEN.match(t)]
    others = [t for t in tokens if not _TOKEN.match(t)]
    return len(capitals) >= 2 and all(t in rules.NAME_PARTICLES for t in others)


def split_names(text: str) -> list[str]:
    """Names in a byline's text: prefix stripped, cut at the date/role, split at and/et/und/y/e."""
    text = squash(text)
    prefix = rules.BYLINE_PREFIX.match(text)
    if prefix:
        text = text[prefix.end() :]
    stop = rules.BYLINE_STOP.search(text)
    if stop:
        text = text[: stop.start()]
    names = []
    for part in rules.AUTHOR_JOINERS.split(text):
        part = part.strip(" .,:")
        if is_person_name(part):
            names.append(part)
        elif names:  # a role or anything else after the names ends them
            break
    return names


def starts_with_byline(text: str) -> bool:
    """Whether a short text reads as a byline ("Par : X", "By X and Y", "Von X | date")."""
    text = squash(text)
    return len(text) <= 200 and bool(rules.BYLINE_PREFIX.match(text)) and bool(split_names(text))

"""Person names in bylines: telling a name from a role, a label or a sentence."""

from __future__ import annotations

import re

from archiver.extraction import rules
from archiver.extraction.dates import parse_date
from archiver.extraction.dom import squash

_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-ZÀ-ÖØ-Þ]\.)$")


def is_person_name(text: str) -> bool:
    """Two to five capitalised words (particles allowed), no digits, no role or organisation words."""
    text = squash(text)
    if not 3 <= len(text) <= 60 or any(ch.isdigit() for ch in text) or rules.ROLE_WORDS.search(text):
        return False
    if rules.ORGANISATION_WORDS.search(text):
        return False
    if any(ch in text for ch in '@!?:;|/()[]«»"“”'):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitals = [t for t in tokens if _TOKEN.match(t)]
    others = [t for t in tokens if not _TOKEN.match(t)]
    if len(capitals) < 2 or not all(t in rules.NAME_PARTICLES for t in others):
        return False
    prefix = rules.BYLINE_PREFIX.match(text)  # "By Jane Doe" is a byline, not a name
    if prefix is None or prefix.group().strip(" :").lower() in rules.NAME_PARTICLES:
        return True  # "Da Silva Costa", "Von der Leyen": the particle belongs to the name
    return not is_person_name(text[prefix.end() :])


def is_named_author(text: str) -> bool:
    """An author a generic extractor reported that may stand: a person's name, or one to four
    capitalised words with no role, organisation word, digit, address or punctuation of a sentence."""
    text = squash(text)
    if is_person_name(text):
        return True
    if (
        not 2 <= len(text) <= 40
        or any(ch.isdigit() for ch in text)
        or any(ch in text for ch in '@!?:;|/()[]«»"“”.,')
    ):
        return False
    if rules.ROLE_WORDS.search(text) or rules.ORGANISATION_WORDS.search(text):
        return False
    tokens = text.split()
    return len(tokens) <= 4 and all(t[0].isupper() or t in rules.NAME_PARTICLES for t in tokens)


def is_collective_byline(text: str) -> bool:
    """A desk or team named as the author ("Podium Staff", "The Upwork Team"), not a generic one
    ("Editorial Team", "Staff")."""
    tokens = squash(text).split()
    if (
        not 2 <= len(tokens) <= 4
        or not rules.COLLECTIVE_BYLINE.search(text)
        or any(ch.isdigit() for ch in text)
    ):
        return False
    named = [
        t
        for t in tokens
        if not rules.COLLECTIVE_BYLINE.fullmatch(t) and t.casefold() not in rules.GENERIC_BYLINE_WORDS
    ]
    return bool(named) and all(t[0].isupper() for t in named)


def clean_name(text: str) -> str:
    """A name without its honorific ("Dr. Anna Schmidt" → "Anna Schmidt") when one remains."""
    text = squash(text)
    bare = rules.HONORIFICS.sub("", text, count=1)
    return bare if bare != text and is_person_name(bare) else text


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
        part = clean_name(part.strip(" .,:"))
        if not is_person_name(part):  # a role, a date or a sentence ends the names
            break
        names.append(part)
    return names


def inline_names(text: str) -> list[str]:
    """Names after a byline word inside a dated line ("Publié le 3 mars 2023 par Jean Dupont")."""
    match = rules.BYLINE_INLINE.search(text)
    if not match or not parse_date(text[: match.start()] or text):
        return []
    return split_names(text[match.end() :])


def starts_with_byline(text: str) -> bool:
    """Whether a short text reads as a byline ("Par : X", "By X and Y", "Publié le … par X")."""
    text = squash(text)
    if len(text) > 200:
        return False
    return bool(rules.BYLINE_PREFIX.match(text) and split_names(text)) or bool(inline_names(text))

"""A title's site name: recognised among its separated parts and taken off.

Document titles name the site before or after the headline ("Headline - Site",
"Site | Headline"); the site is known from ``og:site_name`` or the publisher, from the
URL's host spelled out ("Move.org", "DianaHR" on getdianahr.com), else guessed as a last
part shorter than the rest.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

from archiver.extraction.dom import squash

#: Separators between a title and its site name or section ("Headline - Site", "Site | Headline").
SEPARATORS = re.compile(r"\s+[-|–—·»•⋆]\s+|\s+::\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
#: Read alike when comparing titles: typographic quotes and dashes, invisible characters.
_ALIKE = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‒": "-", "\u00a0": " ", "&": " and "}
    | _INVISIBLE
)
#: Separator characters a title does not begin or end with ("| Site" when the headline is empty).
_EDGE = " |-–—·•⋆"
#: A part of a site name shorter than this (characters) is not recognised as the site's name.
_SHORTEST_NAME = 6


def title_key(text: str | None) -> str:
    """A title as compared: Unicode-normalised, quotes and dashes alike, case and spaces folded."""
    return squash(unicodedata.normalize("NFKC", text or "").translate(_ALIKE)).casefold()


def clean_title(text: str | None) -> str:
    """A title as text: entities left undecoded ("&amp;", "&#8211;", "&#x26;") decoded, invisible
    characters dropped, whitespace collapsed."""
    text = text or ""
    if "&" in text and ";" in text:
        text = html.unescape(text)
    return squash(text.translate(_INVISIBLE)).strip(_EDGE)


def host_letters(url: str) -> str:
    """The URL's host, letters and digits only ("www.get-diana.com" -> "wwwgetdianacom")."""
    return re.sub(r"[\W_]", "", (urlsplit(url).hostname or "").casefold())


def _names_alike(part: str, name: str) -> bool:
    """The site name, or the words it begins or ends with ("Britannica" for "Encyclopedia
    Britannica", "Thrive Internet Marketing" for "... Agency"; a name with a separator in it
    counts only whole)."""
    if part == name:
        return True
    if len(part) < _SHORTEST_NAME or SEPARATORS.search(name):
        return False
    return name.startswith(part + " ") or name.endswith(" " + part)


def is_site_name(part: str, site_names: list[str], url: str = "") -> bool:
    """Whether a title part names the site: a known site name, or the host's name spelled out."""
    key = title_key(part)
    if any(_names_alike(key, title_key(name)) for name in site_names):
        return True
    letters = re.sub(r"[\W_]", "", key)
    return len(letters) >= 4 and letters in host_letters(url)


def strip_site_name(
    title: str, site_names: list[str] | str | None = None, url: str = "", guess: bool = True
) -> str:
    """A document title without its site name ("Headline - Site", "Site | Headline").

    A first or last part that names the site (:func:`is_site_name`) goes; without a known
    name, a last part shorter than what precedes it is taken for it (if ``guess``). A domain
    name glued before the title without a separator goes too ("davidbau.com Vibe Coding").
    """
    names = [site_names] if isinstance(site_names, str) else list(site_names or [])
    title = squash(title)
    separators = list(SEPARATORS.finditer(title))
    if not separators:
        for name in names:
            if "." in name and title_key(title).startswith(title_key(name) + " "):
                return title[len(name) :].strip()
        return title
    head, tail = title[: separators[0].start()], title[separators[-1].end() :]
    if is_site_name(head, names, url):
        return title[separators[0].end() :]
    rest = title[: separators[-1].start()]
    if is_site_name(tail, names, url):
        return strip_site_name(rest, names, url, guess=False)
    return rest if guess and not names and len(tail) < len(rest) else title

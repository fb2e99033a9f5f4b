"""The headline as shown on the page, checked against the titles the page gives machines.

The page's machine titles (JSON-LD ``headline``, Open Graph, Twitter and Dublin Core
titles, ``<title>``), each also without its site name (:mod:`.sitename`), are the
references. The headline is, in order:

1. a heading (``h1``-``h3``) that reads as one of them;
2. a heading that does once one of its parts is left out (a date, byline or label printed
   inside the ``h1``), or once the characters it lost are read as the reference's (a
   ``?`` or U+FFFD where the reference has an apostrophe);
3. the longest heading a reference contains (a site name is shorter than the headline);
4. the first ``h1``, unless it is no headline: the site's name, a label sharing almost no
   word with the references ("Contact Us", a section name) or a paragraph set as a
   heading; then the first reference;
5. the first reference.

A heading keeps no site name and no short section label after a pipe ("Headline |
Opinion"); a heading that repeats the whole document title loses what ``<title>`` would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from archiver.extraction.context import LONG_PARAGRAPH, PageContext
from archiver.extraction.dom import text_of
from archiver.extraction.sitename import SEPARATORS, clean_title, is_site_name, strip_site_name, title_key

_HEADINGS = ("h1", "h2", "h3")
_PIPE = re.compile(r"\s+\|\s+")
#: Characters a heading shows where its bytes or entities were lost.
_LOST = re.compile(r"[?\ufffd]")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
#: A first ``h1`` sharing under this share of its words with every reference is no headline.
_UNRELATED = 0.1
#: Descendants of a heading tried as its extra part (a date or label inside the ``h1``).
_MAX_PARTS = 12
#: The shortest headline left once a heading's extra part is taken out.
_SHORTEST_REST = 10


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", title_key(text)))


class _References:
    """The page's machine titles, as given and without their site names, by key."""

    def __init__(self, page: PageContext) -> None:
        meta = page.meta
        self.url = page.url
        self.site_names = [
            name for name in (meta.first("site_name"), meta.publisher) if name and len(name) > 1
        ]
        headline = meta.jsonld.get("headline")
        given: list[tuple[str, str]] = [(headline, "json-ld")] if isinstance(headline, str) else []
        for name in ("og:title", "twitter:title", "dc.title", "headline"):
            given += [(value, "og" if name == "og:title" else "meta") for value in meta.meta.get(name, ())]
        document = page.tree.find(".//title")
        self.document = clean_title(document.text_content()) if document is not None else ""
        given.append((self.document, "title"))
        self.given = [(clean_title(text), source) for text, source in given if clean_title(text)]
        self.by_key: dict[str, str] = {}
        self.first_parts: set[str] = set()
        self.stripped = [self.strip(text) for text, _ in self.given]
        for (text, _), kept in zip(self.given, self.stripped, strict=True):
            for form in (text, kept):
                self.by_key.setdefault(title_key(form), form)
            self.first_parts.add(title_key(SEPARATORS.split(text)[0]))

    def strip(self, text: str, *extra_names: str) -> str:
        return strip_site_name(text, [*self.site_names, *extra_names], self.url)

    def heading_text(self, text: str) -> str:
        """A heading's text as the headline: entities decoded, without a site name or a short
        section label after a pipe, and stripped like ``<title>`` when it repeats it whole."""
        text = clean_title(text)
        if title_key(text) == title_key(self.document):
            text = self.strip(text)
        text = strip_site_name(text, self.site_names, self.url, guess=False)
        parts = _PIPE.split(text)
        if len(parts) > 1 and len(" | ".join(parts[1:])) * 2 < len(parts[0]):
            return parts[0]  # "Headline | Opinion": a pipe is no part of a printed headline
        return text

    def mentions(self, text: str) -> bool:
        """Whether some reference has ``text`` in it."""
        key = title_key(text)
        return bool(key) and any(key in title_key(reference) for reference, _ in self.given)

    def reads_as(self, text: str) -> bool:
        return title_key(text) in self.by_key or title_key(self.heading_text(text)) in self.by_key

    def first(self, site_name: str | None = None, usable: bool = True) -> tuple[str | None, str | None]:
        """The first reference (JSON-LD, Open Graph, meta, ``<title>``) without its site name
        (also without ``site_name``, the name a heading gave)."""
        names = [*self.site_names, site_name] if site_name else self.site_names
        for text, source in self.given:
            kept = self.heading_text(self.strip(text, *names))
            if not usable or (re.search(r"\w", kept) and not is_site_name(kept, names, self.url)):
                return kept, source  # (a usable one is not the site's name alone)
        return None, None

    def related(self, text: str) -> bool:
        """Whether a heading shares enough of its words with some reference."""
        words = _words(text)
        for kept in self.stripped:
            other = _words(kept)
            if words and other and len(words & other) / len(words | other) >= _UNRELATED:
                return True
        return False

    def names_site(self, text: str) -> bool:
        """Whether a heading is the site's name: a known one, or the part a title's site name
        is taken off from."""
        if is_site_name(text, self.site_names, self.url):
            return True
        key = title_key(text)
        for (reference, _), kept in zip(self.given, self.stripped, strict=True):
            removed = reference.replace(kept, "", 1)
            if kept != reference and key in {title_key(part) for part in SEPARATORS.split(removed)}:
                return True
        return False

    def read_lost(self, text: str) -> str | None:
        """The reference a heading reads as once each of its lost characters (``?``, U+FFFD)
        stands for one or two of the reference's."""
        if not _LOST.search(text):
            return None
        pattern = re.compile(
            "".join("[^?\ufffd]{1,2}" if _LOST.fullmatch(ch) else re.escape(ch) for ch in title_key(text))
        )
        return next((reference for key, reference in self.by_key.items() if pattern.fullmatch(key)), None)


def _text_without(heading: HtmlElement, parts: set[HtmlElement]) -> str:
    """The heading's text with some of its descendants (and what they hold) left out."""
    pieces: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node in parts:
            pieces.append(node.tail or "")
            return
        pieces.append(node.text or "")
        for child in node:
            walk(child)
        if node is not heading:
            pieces.append(node.tail or "")

    walk(heading)
    return " ".join("".join(pieces).split())


def _without_parts(heading: HtmlElement, refs: _References) -> Iterator[tuple[HtmlElement, str]]:
    """The heading's text without each of its first descendants in turn, then without all its
    children that no reference mentions (a label and a byline): each with what was left out."""
    for i, node in enumerate(heading.iterdescendants()):
        if i >= _MAX_PARTS:
            break
        if isinstance(node.tag, str):
            yield node, _text_without(heading, {node})
    extra = {child for child in heading if isinstance(child.tag, str) and not refs.mentions(text_of(child))}
    if len(extra) > 1:
        yield heading, _text_without(heading, extra)


def _matching_heading(headings: list[HtmlElement], refs: _References) -> tuple[HtmlElement, str] | None:
    """The first heading that reads as a reference as it is, else without one of its parts or
    with its lost characters read as the reference's: the heading and the title it gives."""
    for node in headings:
        if refs.reads_as(text_of(node)):
            return node, text_of(node)
    for node in headings:
        for part, rest in _without_parts(node, refs):
            key = title_key(rest)
            known = key in refs.by_key or key in refs.first_parts
            # a part the references also give (a subtitle in <span>) is no extra part
            if len(rest) >= _SHORTEST_REST and known and (part is node or not refs.mentions(text_of(part))):
                return node, rest
        lost = refs.read_lost(text_of(node))
        if lost is not None:
            return node, lost
    return None


def _is_paragraph(text: str) -> bool:
    """A paragraph set as a heading: long, of several sentences."""
    return len(text) > LONG_PARAGRAPH and len(_SENTENCE_END.findall(text)) >= 2


def find_title(page: PageContext) -> tuple[str | None, str | None]:
    """The headline and its source, by the steps of this module's docstring.

    Sets ``page.title`` to the heading element the headline is printed in (the first ``h1``
    when the headline comes from the references because that ``h1`` is no headline).
    """
    refs = _References(page)
    headings = [node for node in page.tree.iter(*_HEADINGS) if text_of(node)]
    found = _matching_heading(headings, refs)
    if found is not None:
        page.title = found[0]
        return refs.heading_text(found[1]), str(found[0].tag)
    keys = [title_key(text) for text, _ in refs.given]
    contained = [
        node
        for node in headings
        if len(title_key(text_of(node))) >= 15
        and any(title_key(text_of(node)) in key for key in keys)
        and not refs.names_site(text_of(node))
    ]
    if contained:  # the longest: a site name is also in <title>, but shorter than the headline
        page.title = max(contained, key=lambda node: len(text_of(node)))
        return refs.heading_text(text_of(page.title)), str(page.title.tag)
    h1s = [node for node in headings if node.tag == "h1"]
    if not h1s:
        reference = refs.first()
        return reference if reference[0] else refs.first(usable=False)
    page.title = h1s[0]
    text = text_of(h1s[0])
    site = refs.names_site(text)
    if site or not refs.related(text) or _is_paragraph(text):
        reference = refs.first(text if site else None)
        if reference[0]:
            return reference
    return refs.heading_text(text), "h1"

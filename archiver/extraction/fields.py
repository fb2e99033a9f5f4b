"""One function per article field, each returning ``(value, source)``.

A field's layers are tried in a fixed order, the most precise first; the first that answers
gives the value and names its source (``extraction.sources`` in the record): the site
profile's hints (:mod:`.hints`), our rules on the visible page, the page's structured data
(JSON-LD, Open Graph, meta tags), and last the generic extractors (:mod:`.generic`), which
run only when every earlier layer abstains.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archiver.extraction import bios, images, rules
from archiver.extraction.byline import Byline
from archiver.extraction.context import PageContext
from archiver.extraction.dates import parse_iso
from archiver.extraction.dom import squash, text_of
from archiver.extraction.generic import GenericExtractors
from archiver.extraction.hints import HintedFields
from archiver.extraction.names import is_person_name
from archiver.extraction.title import find_title

Answer = tuple[Any, str | None]
#: One layer of a field: a function giving ``(value, source)``, the value empty when it abstains.
Layer = Callable[[], Answer]


def first_answer(*layers: Layer) -> Answer:
    """The first layer's answer that is not empty, else ``(None, None)``."""
    for layer in layers:
        value, source = layer()
        if value:
            return value, source
    return None, None


def _hinted(page: PageContext, hinted: HintedFields, field: str) -> Layer:
    return lambda: (hinted.value(page, field), "hints")


def title(page: PageContext, hinted: HintedFields) -> Answer:
    """The headline: the hinted element, else the visible heading machine titles agree with
    (:func:`.title.find_title`, which falls back on JSON-LD, Open Graph and ``<title>``).
    Sets ``page.title``."""
    nodes = hinted.elements(page, "title")
    if nodes:
        page.title = nodes[0]
        return text_of(nodes[0]), "hints"
    return find_title(page)


def _structured_authors(page: PageContext) -> Answer:
    names = page.meta.jsonld_authors()
    if names:
        return names, "json-ld"
    author = page.meta.first("author")
    if (
        author
        and is_person_name(author)
        and author not in (page.meta.publisher, page.meta.first("site_name"))
    ):
        return [author], "meta"
    return None, None


def _visible_authors(page: PageContext, found: Byline, near_headline: bool) -> Answer:
    """The byline's names if it is printed near the headline (or, asked for, elsewhere)."""
    if not found.authors or page.in_header(found.element) != near_headline:
        return None, None
    return found.authors, "byline"


def authors(page: PageContext, hinted: HintedFields, found: Byline, generic: GenericExtractors) -> Answer:
    """Author names: hints, the byline near the headline, JSON-LD/meta persons, a byline elsewhere
    on the page (a teaser card's or a related article's may come first), trafilatura's metadata."""
    return first_answer(
        _hinted(page, hinted, "authors"),
        lambda: _visible_authors(page, found, near_headline=True),
        lambda: _structured_authors(page),
        lambda: _visible_authors(page, found, near_headline=False),
        lambda: (generic.authors(), "trafilatura"),
    )


def byline_text(page: PageContext, hinted: HintedFields, found: Byline) -> str:
    """The byline as printed: the hinted byline element's text, else the visible byline's."""
    nodes = hinted.elements(page, "authors")
    return text_of(nodes[0]) if nodes else found.text


def _structured_date(page: PageContext, *keys: tuple[str, str]) -> Answer:
    """The first machine date among JSON-LD keys (``("json-ld", key)``) and meta fields."""
    for kind, key in keys:
        value = page.meta.jsonld.get(key) if kind == "json-ld" else page.meta.first(key)
        if isinstance(value, str) and parse_iso(value):
            return parse_iso(value), kind
    return None, None


def _visible_date(page: PageContext, found: Byline, near_headline: bool) -> Answer:
    """The byline's date if it is printed near the headline (or, asked for, elsewhere), unless
    the page's metadata says it is the date of an update, not of the publication."""
    if not found.published:
        return None, None
    day = found.published[:10]
    declared = {value[:10] for value in _machine_dates(page, "datePublished", "published")}
    if page.in_header(found.date_element) != near_headline and day not in declared:
        return None, None  # (a date one of the page's declared dates confirms counts anywhere)
    updated, _ = _structured_date(page, ("json-ld", "dateModified"), ("meta", "modified"))
    if updated and declared and updated[:10] == day and day not in declared:
        return None, None
    return found.published, found.published_source


def _machine_dates(page: PageContext, jsonld_key: str, meta_field: str) -> list[str]:
    """Every machine date the page declares for one field (JSON-LD key, then meta tags)."""
    values = [page.meta.jsonld.get(jsonld_key)]
    values += [v for name in rules.META_FIELDS[meta_field] for v in page.meta.meta.get(name, ())]
    return [day for day in (parse_iso(v) for v in values if isinstance(v, str)) if day]


def _updated_only(page: PageContext, found: Byline) -> Answer:
    """The printed update date when the page prints no publication date: the date the page gives
    itself, whatever older date its metadata declares (measured on wcxb-dev: the gold takes it on
    36 of 40 such pages)."""
    if found.published or not found.modified:
        return None, None
    return found.modified, "byline-updated"


def published(page: PageContext, hinted: HintedFields, found: Byline, generic: GenericExtractors) -> Answer:
    """Publication date: hints, the visible date near the headline, the printed update date of a
    page that prints no publication date, JSON-LD/meta, a visible date elsewhere on the page (a
    sidebar's or a teaser's may come first), htmldate."""
    return first_answer(
        _hinted(page, hinted, "published"),
        lambda: _visible_date(page, found, near_headline=True),
        lambda: _updated_only(page, found),
        lambda: _structured_date(page, ("json-ld", "datePublished"), ("meta", "published")),
        lambda: _visible_date(page, found, near_headline=False),
        lambda: (generic.published(), "htmldate"),
    )


def modified(page: PageContext, found: Byline) -> Answer:
    """Last-update date: the visible "updated" date, else JSON-LD/meta."""
    return first_answer(
        lambda: (found.modified, "byline"),
        lambda: _structured_date(page, ("json-ld", "dateModified"), ("meta", "modified")),
    )


def bio_boxes(page: PageContext, hinted: HintedFields) -> list[bios.Bio]:
    """Hinted bio elements and the page's author boxes (found before the byline, which they
    are not part of)."""
    return (hinted.value(page, "bios") or []) + bios.find_bio_boxes(page)


def author_bios(
    page: PageContext, hinted: HintedFields, boxes: list[bios.Bio], names: list[str]
) -> tuple[dict[str, bios.Bio], str | None]:
    """Each author's bio, matched to the names from the boxes or the page's bio paragraphs."""
    matched = bios.assign_bios(page, boxes, names)
    return matched, (("hints" if hinted.elements(page, "bios") else "author-box") if matched else None)


def lead_image(page: PageContext, hinted: HintedFields) -> tuple[images.LeadImage | None, str | None]:
    """The lead image and the source of its credit (a hinted credit wins over the page's)."""
    lead = images.find_lead_image(page)
    credit = hinted.value(page, "credit")
    if lead is not None and credit:
        lead.credit, lead.credit_source = credit, "hints"
    return lead, (lead.credit_source if lead else None)


def tags(page: PageContext) -> list[str]:
    """Tags: ``article:tag`` metas, else the ``tags`` meta, else ``rel=tag`` links."""
    listed = page.meta.meta.get("article:tag") or []
    if not listed and page.meta.first("tags"):
        listed = (page.meta.first("tags") or "").split(",")
    if not listed:
        listed = [text_of(a) for a in page.tree.iter("a") if "tag" in (a.get("rel") or "").split()]
    found: list[str] = []
    for tag in listed:
        tag = squash(tag).lstrip("#")
        if tag and tag not in found:
            found.append(tag)
    return found

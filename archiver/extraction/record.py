"""Assemble the article record from the extraction steps, in the order they depend on."""

from __future__ import annotations

from typing import Any

from cssselect import SelectorError
from lxml.html import HtmlElement

from archiver.extraction import bios, byline, images
from archiver.extraction.body import extract_body
from archiver.extraction.context import PageContext
from archiver.extraction.dates import parse_iso
from archiver.extraction.dom import drop, squash, text_of
from archiver.extraction.language import article_language, declared_language
from archiver.extraction.metadata import read_metadata
from archiver.extraction.names import is_person_name
from archiver.extraction.title import find_title


def _select(tree: HtmlElement, selector: str | None) -> list[HtmlElement]:
    """Elements a hint's CSS selector picks; an invalid selector picks nothing."""
    try:
        return list(tree.cssselect(selector)) if selector else []
    except SelectorError:
        return []


def _tags(page: PageContext) -> list[str]:
    listed = page.meta.meta.get("article:tag") or []
    if not listed and (declared := page.meta.first("tags")):
        listed = declared.split(",")
    if not listed:
        listed = [text_of(a) for a in page.tree.iter("a") if "tag" in (a.get("rel") or "").split()]
    tags = []
    for tag in listed:
        tag = squash(tag).lstrip("#")
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _metadata_authors(page: PageContext) -> tuple[list[str], str | None]:
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
    return [], None


def build_record(tree: HtmlElement, url: str, hints: dict[str, Any]) -> dict[str, Any]:
    """The article fields of a parsed page (see :func:`archiver.extraction.extract_article`)."""
    meta = read_metadata(tree, url)
    for selector in hints.get("remove") or ():
        for node in _select(tree, selector):
            drop(node)
    page = PageContext(tree, url, meta)
    sources: dict[str, str | None] = {}
    title: str | None
    hinted = _select(tree, hints.get("title"))
    if hinted:
        page.title, title, sources["title"] = hinted[0], text_of(hinted[0]), "hints"
    else:
        title, sources["title"] = find_title(page)
    page.index()
    language = declared_language(meta)
    hinted_bios = [bios.Bio(text_of(node), node, node) for node in _select(tree, hints.get("bio"))]
    boxes = hinted_bios + bios.find_bio_boxes(page)
    found = byline.find_byline(page, language)
    for node in _select(tree, hints.get("byline"))[:1]:
        found.authors, found.element, found.text = byline.names_in(page, node), node, text_of(node)
        page.claim(node)
        sources["authors"] = "hints"
    for node in _select(tree, hints.get("date"))[:1]:
        found.published, found.published_source = byline.date_of(node, language)[0], "hints"
        page.claim(node)
    authors, sources["authors"] = (
        found.authors,
        sources.get("authors") or ("byline" if found.authors else None),
    )
    if not authors:
        authors, sources["authors"] = _metadata_authors(page)
    published, sources["published"] = found.published, found.published_source
    if published is None:
        for value, source in (
            (meta.jsonld.get("datePublished"), "json-ld"),
            (meta.first("published"), "meta"),
        ):
            if isinstance(value, str) and parse_iso(value):
                published, sources["published"] = parse_iso(value), source
                break
    modified = found.modified or parse_iso(
        str(meta.jsonld.get("dateModified") or meta.first("modified") or "")
    )
    matched = bios.assign_bios(page, boxes, authors)
    sources["bios"] = ("hints" if hinted_bios else "author-box") if matched else None
    lead = images.find_lead_image(page)
    for node in _select(tree, hints.get("credit"))[:1]:
        if lead is not None:
            lead.credit, lead.credit_source = images.credit_of_line(text_of(node)) or text_of(node), "hints"
        page.claim(node)
    sources["credit"] = lead.credit_source if lead else None
    body, sources["body"] = extract_body(page, _select(tree, hints.get("body")) or None)
    language, sources["language"] = article_language(meta, body)
    return {
        "title": title,
        "language": language,
        "authors": [
            {
                "name": name,
                "bio": matched[name].text if name in matched else None,
                "links": matched[name].links if name in matched else [],
            }
            for name in authors
        ],
        "byline": found.text,
        "published": published,
        "modified": modified or None,
        "images": [{"url": lead.url, "caption": lead.caption, "credit": lead.credit}] if lead else [],
        "body": body,
        "tags": _tags(page),
        "canonical_url": meta.canonical,
        "description": meta.first("description"),
        "site_name": meta.first("site_name") or meta.publisher,
        "extraction": {"sources": sources},
    }

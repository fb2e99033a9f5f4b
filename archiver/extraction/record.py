"""Assemble the article record from the fields (:mod:`.fields`), in the order they depend on."""

from __future__ import annotations

from typing import Any

from lxml.html import HtmlElement

from archiver.extraction import byline, fields
from archiver.extraction.body import extract_body
from archiver.extraction.context import PageContext
from archiver.extraction.generic import GenericExtractors
from archiver.extraction.hints import HintedFields, remove_hinted
from archiver.extraction.language import article_language, declared_language
from archiver.extraction.metadata import read_metadata


def build_record(tree: HtmlElement, url: str, hints: dict[str, Any]) -> dict[str, Any]:
    """The article fields of a parsed page (see :func:`archiver.extraction.extract_article`).

    The title comes first (the other steps look around it), author boxes before the byline
    (which is not in them), the byline's authors and dates before the bios matched to them,
    and the body last: it works on the tree cleared of everything the other steps claimed.
    """
    meta = read_metadata(tree, url)
    remove_hinted(tree, hints)
    page = PageContext(tree, url, meta, language=declared_language(meta))
    hinted, generic = HintedFields(hints), GenericExtractors(tree, url)
    sources: dict[str, str | None] = {}
    title, sources["title"] = fields.title(page, hinted)
    page.index()
    boxes = fields.bio_boxes(page, hinted)
    found = byline.find_byline(page, page.language)
    authors, sources["authors"] = fields.authors(page, hinted, found, generic)
    authors = authors or []
    published, sources["published"] = fields.published(page, hinted, found, generic)
    modified, sources["modified"] = fields.modified(page, found)
    matched, sources["bios"] = fields.author_bios(page, hinted, boxes, authors)
    lead, sources["credit"] = fields.lead_image(page, hinted)
    body, sources["body"] = extract_body(page, hinted.elements(page, "body") or None)
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
        "byline": fields.byline_text(page, hinted, found),
        "published": published,
        "modified": modified,
        "images": [{"url": lead.url, "caption": lead.caption, "credit": lead.credit}] if lead else [],
        "body": body,
        "tags": fields.tags(page),
        "canonical_url": meta.canonical,
        "description": meta.first("description"),
        "site_name": meta.first("site_name") or meta.publisher,
        "extraction": {"sources": sources},
    }

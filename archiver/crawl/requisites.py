"""The requisites of an HTML page, read from its lxml tree in one pass.

:func:`page_requisites` is pure (tree in, URLs out) and runs in the extraction worker
with the page's other analysis (:mod:`archiver.crawl.analysis`). It finds, in page
order: ``<link rel=stylesheet | icon | preload | modulepreload>``, ``<script src>``
(not ``nomodule``), ``<img src>`` with the ``srcset`` or ``<picture><source>``
candidate a desktop browser loads (:mod:`archiver.crawl.srcset`) and the lazy-loading
attributes scripts swap in (``data-src``, ``data-srcset``), ``<video poster>``,
``<input type=image>``, and ``url()`` in ``style`` attributes and ``<style>`` blocks
(:mod:`archiver.crawl.cssurls`).

It also tells which URL each ``<img>`` shows (:attr:`PageRequisites.shown`): the lazy
image rather than its placeholder, the chosen candidate rather than ``src``, so that
a record's lead image names the capture a reader saw.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from archiver.crawl import srcset
from archiver.crawl.cssurls import style_requisites, stylesheet_requisites
from archiver.crawl.requisite import Requisite, ResourceKind, absolute_requisite

#: ``<link rel>`` values that load a resource, and its kind.
LINK_RELS = {"stylesheet": ResourceKind.STYLESHEET, "icon": ResourceKind.IMAGE,
             "modulepreload": ResourceKind.SCRIPT}  # fmt: skip
#: ``<link rel=preload as=...>`` → kind.
PRELOAD_AS = {"style": ResourceKind.STYLESHEET, "script": ResourceKind.SCRIPT, "font": ResourceKind.FONT,
              "image": ResourceKind.IMAGE}  # fmt: skip
#: Attributes lazy-loading scripts read the real image from (URL, then srcset).
LAZY_SRC = ("data-src", "data-lazy-src", "data-original")
LAZY_SRCSET = ("data-srcset", "data-lazy-srcset")


@dataclass
class PageRequisites:
    """The resources a page needs, in page order, and the URL each of its images shows."""

    resources: list[Requisite] = field(default_factory=list)
    shown: dict[str, str] = field(default_factory=dict)  # any URL an <img> names -> the one it shows

    def shown_url(self, url: str) -> str:
        """The URL an image named ``url`` (its ``src``, a candidate) shows."""
        return self.shown.get(url, url)


def page_requisites(root: etree._Element, url: str) -> PageRequisites:
    """The requisites of the HTML tree ``root`` fetched from ``url``."""
    base = root.xpath("string(//base/@href)").strip()
    base = urljoin(url, base) if base else url
    found = PageRequisites()
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == "img":
            found.resources.extend(_image(element, base, found.shown))
        elif tag == "link":
            found.resources.extend(_link(element, base))
        elif tag == "script":
            if element.get("src") and element.get("nomodule") is None:
                found.resources.extend(_one(element.get("src"), base, ResourceKind.SCRIPT))
        elif tag == "style":
            found.resources.extend(stylesheet_requisites(element.text or "", base))
        elif tag == "video":
            found.resources.extend(_one(element.get("poster"), base, ResourceKind.IMAGE))
        elif tag == "input" and (element.get("type") or "").lower() == "image":
            found.resources.extend(_one(element.get("src"), base, ResourceKind.IMAGE))
        if style := element.get("style"):
            found.resources.extend(style_requisites(style, base))
    found.resources = list(dict.fromkeys(found.resources))
    return found


def _one(reference: str | None, base: str, kind: ResourceKind) -> list[Requisite]:
    requisite = absolute_requisite(reference or "", base, kind)
    return [requisite] if requisite else []


def _link(element: etree._Element, base: str) -> list[Requisite]:
    rels = (element.get("rel") or "").lower().split()
    href = element.get("href")
    for rel in rels:
        if rel in LINK_RELS:
            return _one(href, base, LINK_RELS[rel])
        if rel == "preload":
            kind = PRELOAD_AS.get((element.get("as") or "").lower(), ResourceKind.OTHER)
            chosen = srcset.choose(element.get("imagesrcset") or "", element.get("imagesizes"))
            return _one(chosen or href, base, kind)
    return []


def _image(img: etree._Element, base: str, shown: dict[str, str]) -> Iterator[Requisite]:
    """The images an ``<img>`` loads: src, its chosen candidate (or its picture's), lazy ones."""
    named: list[str] = []  # every URL the element names, for ``shown``
    src = img.get("src")
    candidate = _picture_choice(img, named) or _srcset_choice(img, "srcset", "sizes", named)
    lazy = next((img.get(name) for name in LAZY_SRC if img.get(name)), None)
    lazy = lazy or next((_srcset_choice(img, name, "data-sizes", named) for name in LAZY_SRCSET
                         if img.get(name)), None)  # fmt: skip
    loaded = [_one(reference, base, ResourceKind.IMAGE) for reference in (src, candidate, lazy)]
    requisites = [r[0] if r else None for r in loaded]
    displayed = next((r for r in reversed(requisites) if r is not None), None)
    if displayed is not None:
        for reference in (src, lazy, *named):
            if found := absolute_requisite(reference or "", base, ResourceKind.IMAGE):
                shown.setdefault(found.url, displayed.url)
    yield from (r for r in requisites if r is not None)


def _srcset_choice(element: etree._Element, attribute: str, sizes: str, named: list[str]) -> str | None:
    value = element.get(attribute)
    if not value:
        return None
    named.extend(candidate.url for candidate in srcset.parse_srcset(value))
    return srcset.choose(value, element.get(sizes) or element.get("sizes"))


def _picture_choice(img: etree._Element, named: list[str]) -> str | None:
    """The candidate of the first ``<source>`` of the img's ``<picture>`` a desktop browser uses.

    libxml2 does not know ``<source>`` is void and nests the sources and the img in one
    another: the sources are the picture's descendants, wherever they landed.
    """
    picture = next(img.iterancestors("picture"), None)
    if picture is None:
        return None
    chosen = None
    for source in picture.iter("source"):
        value = source.get("srcset") or ""
        named.extend(candidate.url for candidate in srcset.parse_srcset(value))
        kind = (source.get("type") or "").lower()
        usable = (not kind or kind in srcset.SUPPORTED_TYPES) and srcset.media_matches(source.get("media"))
        if chosen is None and usable and value:
            chosen = srcset.choose(value, source.get("sizes"))
    return chosen

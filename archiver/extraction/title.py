"""The headline as shown on the page."""

from __future__ import annotations

import re

from archiver.extraction.context import PageContext
from archiver.extraction.dom import squash, text_of

_HEADINGS = ("h1", "h2", "h3")
_SEPARATORS = re.compile(r"\s+[-|–—·»]\s+")


def _key(text: str | None) -> str:
    return squash(text).casefold().replace("’", "'")


def find_title(page: PageContext) -> tuple[str | None, str | None]:
    """Pick the visible heading that machine titles agree with, else the first ``h1``.

    Sets ``page.title`` to the heading element. Returns ``(title, source)``.
    """
    meta = page.meta
    references = [
        (meta.jsonld.get("headline") if isinstance(meta.jsonld.get("headline"), str) else None),
        meta.first("title"),
        *(meta.meta.get("headline", [])),
    ]
    wanted = {_key(ref) for ref in references if ref}
    html_title = page.tree.find(".//title")
    title_tag = _key(html_title.text_content()) if html_title is not None else ""
    headings = [node for node in page.tree.iter(*_HEADINGS) if text_of(node)]
    for node in headings:
        if _key(text_of(node)) in wanted:
            page.title = node
            return text_of(node), str(node.tag)
    h1s = [node for node in headings if node.tag == "h1"]
    contained = [
        node
        for node in headings
        if len(_key(text_of(node))) >= 15
        and (_key(text_of(node)) in title_tag or any(_key(text_of(node)) in ref for ref in wanted))
    ]
    if contained:  # the longest: a site name is also in <title>, but shorter than the headline
        page.title = max(contained, key=lambda node: len(text_of(node)))
        return text_of(page.title), str(page.title.tag)
    if h1s:
        page.title = h1s[0]
        return text_of(page.title), "h1"
    for ref, source in ((references[0], "json-ld"), (references[1], "og")):
        if ref:
            site = meta.first("site_name")
            return (strip_site_name(ref, site) if site else squash(ref)), source
    if html_title is None or not squash(html_title.text_content()):
        return None, None
    return strip_site_name(html_title.text_content(), meta.first("site_name")), "title"


def strip_site_name(title: str, site_name: str | None = None) -> str:
    """A document title without its site name ("Headline - Site", "Site | Headline").

    Without a known site name, a last part shorter than what precedes it is taken for it.
    """
    title = squash(title)
    separators = list(_SEPARATORS.finditer(title))
    if not separators:
        return title
    head, tail = title[: separators[0].start()], title[separators[-1].end() :]
    if site_name and _key(head) == _key(site_name):
        return title[separators[0].end() :]
    rest = title[: separators[-1].start()]
    if (site_name and _key(tail) == _key(site_name)) or (not site_name and len(tail) < len(rest)):
        return rest
    return title

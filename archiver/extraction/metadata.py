"""Machine metadata of a page: meta tags (OG, Dublin Core, itemprop), JSON-LD, links."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from archiver.extraction import rules
from archiver.extraction.dom import absolute, squash
from archiver.extraction.jsonld import ARTICLE_TYPES, jsonld_nodes, node_types
from archiver.extraction.names import is_person_name


@dataclass
class Metadata:
    """What the page says about itself in markup meant for machines."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name -> contents
    jsonld: dict[str, Any] = field(default_factory=dict)  # the article object, merged
    publisher: str | None = None
    lang: str | None = None
    canonical: str | None = None
    people: dict[str, str] = field(default_factory=dict)  # JSON-LD Person @id -> name

    def first(self, key: str) -> str | None:
        """First non-empty meta content for a field of :data:`rules.META_FIELDS`."""
        for name in rules.META_FIELDS[key]:
            for value in self.meta.get(name, ()):
                if squash(value):
                    return squash(value)
        return None

    def jsonld_authors(self) -> list[str]:
        """Person names of the JSON-LD ``author`` (organisations and the publisher excluded)."""
        authors = self.jsonld.get("author")
        authors = authors if isinstance(authors, list) else [authors] if authors else []
        names = []
        for author in authors:
            typed = isinstance(author, dict) and author.get("@type") == "Person"
            if isinstance(author, dict):
                if author.get("@type") not in (None, "Person"):
                    continue
                typed = typed or str(author.get("@id")) in self.people
                author = author.get("name") or self.people.get(str(author.get("@id")))
            if not isinstance(author, str) or squash(author) in ("", self.publisher):
                continue
            if typed or is_person_name(author):  # an untyped string must look like a person's name
                names.append(squash(author))
        return names


#: A ``WebPage`` node fills what the article node leaves out (never the other way round).
PAGE_TYPE = "WebPage"


def read_metadata(tree: HtmlElement, url: str) -> Metadata:
    """Collect meta tags, the JSON-LD article and the canonical link of a parsed page."""
    found = Metadata()
    for meta in tree.iter("meta"):
        name = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = meta.get("content")
        if name and content is not None:
            found.meta.setdefault(name.strip().lower(), []).append(content)
    for obj in jsonld_nodes(tree):
        types = node_types(obj)
        if types & ARTICLE_TYPES or PAGE_TYPE in types:
            if PAGE_TYPE in types and found.jsonld:
                continue
            found.jsonld = {**obj, **found.jsonld} if PAGE_TYPE in types else {**found.jsonld, **obj}
        if "Person" in types and obj.get("@id") and isinstance(obj.get("name"), str):
            found.people[str(obj["@id"])] = obj["name"]  # an author given as {"@id": ...}
        if types & {"Organization", "NewsMediaOrganization"} and obj.get("name"):
            found.publisher = found.publisher or squash(str(obj["name"]))
    publisher = found.jsonld.get("publisher")
    if isinstance(publisher, dict) and publisher.get("name"):
        found.publisher = squash(str(publisher["name"]))
    found.lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            found.canonical = absolute(link.get("href"), url)
            break
    if found.canonical is None and found.first("url"):
        found.canonical = absolute(found.first("url"), url)
    return found

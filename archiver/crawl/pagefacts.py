"""The measurements of one page that the page-kind features test, each taken once.

:class:`PageFacts` reads an lxml tree and its URL lazily: a fact is computed the first
time a feature of :mod:`archiver.crawl.pagetype` asks for it. Most come from a handful
of passes (the meta tags, the tag counts, the paragraphs, the visible text, the links),
not from one XPath walk per question.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cached_property
from itertools import islice
from urllib.parse import urlsplit

from lxml import etree

from archiver.crawl import pagetype_rules as rules
from archiver.extraction.dates import parse_date
from archiver.extraction.jsonld import jsonld_nodes, page_types

_PRICE = re.compile(rules.PRICE_PATTERN)
_CTA = re.compile(rf"^(?:{rules.CALL_TO_ACTION_PATTERN})", re.MULTILINE)
_SLUG_WORDS = re.compile(r"[-_+]+")
_CODE_TEXT = ".//script/text() | .//style/text()"
_TEASERS_INSIDE = ".//h2[.//a[@href]] | .//h3[.//a[@href]] | .//h4[.//a[@href]]"
_TEASER_SELF = "self::*[self::h2 or self::h3 or self::h4][.//a[@href]] | " + _TEASERS_INSIDE
_TEXT_BEFORE = "preceding::text()[normalize-space()][not(parent::script or parent::style)][position() <= 4]"
_HEADINGS = ("h1", "h2", "h3")
_COUNTED_TAGS = (
    "h1", "h2", "h3", "article", "section", "aside", "nav", "form", "time", "pre", "code", "table",
    "blockquote", "li", "a", "img", "button", "input", "textarea", "select",
)  # fmt: skip


class PageFacts:
    """What the page-kind features look at."""

    def __init__(self, root: etree._Element, url: str = "") -> None:
        self.root = root
        parts = urlsplit(url)
        self.has_url = bool(url)
        self.segments = [s.lower() for s in parts.path.split("/") if s]
        self.host_labels = (parts.hostname or "").lower().split(".")[:-2]  # "docs" of docs.x.org

    # --- what the page says it is -----------------------------------------------------
    @cached_property
    def meta(self) -> dict[str, str]:
        """Lower-cased ``property``/``name``/``itemprop`` of each meta tag -> its first content."""
        found: dict[str, str] = {}
        for meta in self.root.iter("meta"):
            name = meta.get("property") or meta.get("name") or meta.get("itemprop")
            if name:
                found.setdefault(name.strip().lower(), (meta.get("content") or "").strip())
        return found

    def has_meta(self, names: tuple[str, ...]) -> bool:
        """Some meta tag named one of ``names`` (a trailing ``:`` names a prefix) says something."""
        return any(
            value and (key in names or any(n.endswith(":") and key.startswith(n) for n in names))
            for key, value in self.meta.items()
        )

    @property
    def og_type(self) -> str:
        return self.meta.get("og:type", "").lower()

    @property
    def generator(self) -> str:
        return self.meta.get("generator", "").lower()

    @cached_property
    def jsonld_types(self) -> set[str]:
        return page_types(jsonld_nodes(self.root))

    @cached_property
    def itemtypes(self) -> set[str]:
        """Microdata ``itemtype`` names (``https://schema.org/Comment`` -> ``Comment``)."""
        return {t.rstrip("/").rsplit("/", 1)[-1] for v in self.root.xpath("//@itemtype") for t in v.split()}

    # --- the shape of the page --------------------------------------------------------
    @cached_property
    def tags(self) -> Counter[str]:
        """How many elements of each of a few tags the page has (form fields: those a reader fills)."""
        counts: Counter[str] = Counter()
        for element in self.root.iter(*_COUNTED_TAGS):
            if element.tag != "input" or (element.get("type") or "text").lower() not in rules.UNFILLED_INPUTS:
                counts[str(element.tag)] += 1
        return counts

    @cached_property
    def classes(self) -> str:
        """Every class attribute, lower-cased, in one string: one substring test per word."""
        return "\n".join(self.root.xpath("//@class")).lower()

    def has_class(self, words: tuple[str, ...]) -> bool:
        """True if some element's class attribute contains one of ``words``."""
        return any(word in self.classes for word in words)

    @cached_property
    def blocks(self) -> TextBlocks:
        return TextBlocks(self.root)

    @cached_property
    def headline_date(self) -> str | None:
        """A date printed next to the page's (first) ``h1``."""
        heading = next(self.root.iter("h1"), None)
        return None if heading is None else _date_near(heading)

    @cached_property
    def content_date(self) -> str | None:
        """A date printed next to the heading of the main text (the last ``h1``-``h3`` before it)."""
        if self.blocks.container is None:
            return None
        heading = _heading_before(self.blocks.container)
        return None if heading is None else _date_near(heading)

    @cached_property
    def text(self) -> str:
        """The visible text of the body (the code of scripts and styles taken out), lower-cased."""
        body = self.root.find("body")
        if body is None:
            return ""
        text = etree.tostring(body, method="text", encoding="unicode", with_tail=False)
        for code in body.xpath(_CODE_TEXT):  # one serialization and a few cuts beat a filtered XPath
            if len(code) > rules.CODE_TEXT_MIN:
                text = text.replace(code, " ", 1)
        return text.lower()

    def says(self, phrases: tuple[str, ...]) -> bool:
        """The visible text holds one of ``phrases`` (lower-cased)."""
        return any(phrase in self.text for phrase in phrases)

    @cached_property
    def words(self) -> Counter[str]:
        """How often each word of the visible text occurs."""
        return Counter(self.text.split())

    def word_share(self, words: frozenset[str]) -> float:
        """The share of the visible text's words that are one of ``words``."""
        total = self.words.total()
        return sum(self.words[word] for word in words) / total if total else 0.0

    @property
    def we_share(self) -> float:
        """The share of the page's words that are "we", "our", "us" (a firm speaking of itself)."""
        return self.word_share(rules.WE_WORDS)

    @cached_property
    def headline(self) -> str:
        """The page's first ``h1``, or else its ``<title>``, whitespace collapsed."""
        for path in ("//h1", "//title"):
            for element in self.root.xpath(path)[:1]:
                if text := " ".join(" ".join(element.itertext()).split()):
                    return text
        return ""

    @cached_property
    def headings(self) -> list[str]:
        """The texts of the page's ``h2`` and ``h3``."""
        return [" ".join(" ".join(h.itertext()).split()) for h in self.root.iter("h2", "h3")]

    @cached_property
    def link_texts(self) -> list[str]:
        return self.root.xpath("//body//a//text()")

    @cached_property
    def printed_chars(self) -> int:
        """Characters of the visible text, whitespace aside."""
        return _printed(self.text)

    @cached_property
    def link_share(self) -> float:
        """The share of the visible text (whitespace aside) inside links."""
        text = self.printed_chars
        return _printed("".join(self.link_texts)) / text if text else 0.0

    def prices(self, enough: int) -> int:
        """Prices in the text, counted up to ``enough``."""
        if not any(mark in self.text for mark in rules.CURRENCY_MARKS):  # most pages: no regex scan
            return 0
        return sum(1 for _ in islice(_PRICE.finditer(self.text), enough))

    def class_count(self, word: str) -> int:
        """How many times ``word`` occurs in the page's class attributes."""
        return self.classes.count(word)

    @cached_property
    def hrefs(self) -> str:
        """Every link target of the page, in one string."""
        return "\n".join(self.root.xpath("//a/@href"))

    def links_to(self, prefix: str) -> int:
        """How many links' targets start with ``prefix`` (``tel:``, ``#``)."""
        return ("\n" + self.hrefs).count("\n" + prefix)

    @cached_property
    def labels(self) -> str:
        """The texts of links and buttons, one a line, lower-cased."""
        return "\n".join(t.strip() for t in self.link_texts + self.root.xpath("//button//text()")).lower()

    @cached_property
    def calls_to_action(self) -> int:
        """Links and buttons that ask the reader to buy, book or get in touch."""
        return len(_CTA.findall(self.labels))

    @cached_property
    def teasers(self) -> int:
        return int(self.root.xpath(f"count({rules.TEASER_XPATH})"))

    # --- the URL ----------------------------------------------------------------------
    def url_has(self, segments: tuple[str, ...], hosts: tuple[str, ...] = (), slug: bool = True) -> bool:
        """A path segment (the last one, the page's own slug, only if ``slug``) or a host label
        is one of these words."""
        path = self.segments if slug else self.segments[:-1]
        return bool(set(path) & set(segments) or set(self.host_labels) & set(hosts))

    @property
    def slug_words(self) -> int:
        slug = re.sub(r"\.\w+$", "", self.segments[-1]) if self.segments else ""
        return len([w for w in _SLUG_WORDS.split(slug) if w and not w.isdigit()])


class TextBlocks:
    """Where the paragraph text of a page is: per parent, and the best content container.

    The container is scored as readability does: each paragraph of some length counts for
    its parent and half for its grandparent, so one article body beats scattered blurbs.
    """

    def __init__(self, root: etree._Element) -> None:
        totals: dict[etree._Element, int] = defaultdict(int)
        scores: dict[etree._Element, float] = defaultdict(float)
        self.prose_paragraphs, self.prose_chars = 0, 0  # paragraphs of a sentence or more
        for paragraph in root.iter("p"):
            parent = paragraph.getparent()
            if parent is None:
                continue
            chars = len(" ".join(paragraph.itertext()).strip())
            if chars >= rules.PROSE_PARAGRAPH_CHARS:
                self.prose_paragraphs += 1
                self.prose_chars += chars
            totals[parent] += chars
            if chars >= rules.CONTENT_PARAGRAPH_CHARS:
                scores[parent] += chars
                if (grandparent := parent.getparent()) is not None:
                    scores[grandparent] += chars / 2
        self.longest = max(totals.values(), default=0)  # paragraph text under one parent
        self.paragraph_chars = sum(totals.values())
        best = max(scores, key=scores.__getitem__) if scores else None
        self.container = best  # the element that holds the most paragraph text
        self.content_score = scores[best] if best is not None else 0.0
        self.content_link_share = _link_share(best) if best is not None else 0.0


def _heading_before(element: etree._Element) -> etree._Element | None:
    """The last ``h1``-``h3`` before ``element`` in the document (a walk back, cheaper than ``preceding::``)."""
    node: etree._Element | None = element
    while node is not None:
        for sibling in node.itersiblings(etree.Element, preceding=True):
            if sibling.tag in _HEADINGS:
                return sibling
            if inner := list(sibling.iter(*_HEADINGS)):
                return inner[-1]
        node = node.getparent()
    return None


def _text_until_teaser(element: etree._Element) -> list[str]:
    """The texts of the siblings after ``element``, up to the first that is or holds a teaser."""
    texts = []
    for sibling in element.itersiblings(etree.Element):
        if sibling.xpath(_TEASER_SELF):
            break
        texts.append(" ".join(" ".join(sibling.itertext()).split()))
    return texts


def _date_near(heading: etree._Element) -> str | None:
    """A date printed next to ``heading``: above it or just below, as bylines do."""
    title = " ".join("".join(heading.itertext()).split())
    zone, text = heading, title
    for _ in range(3):  # up to the header or article that holds the byline, not up to teasers
        if len(text) >= len(title) + rules.HEADLINE_ZONE_CHARS or (parent := zone.getparent()) is None:
            break
        if any(teaser is not heading for teaser in parent.xpath(_TEASERS_INSIDE)):
            text = " ".join([text, *_text_until_teaser(zone)])  # what follows, up to the first teaser
            break  # the dates below the teasers are theirs, not the page's
        zone, text = parent, " ".join(" ".join(parent.itertext()).split())
    at = max(0, text.find(title))
    zone_text = text[max(0, at - rules.HEADLINE_ZONE_CHARS) : at + len(title) + rules.HEADLINE_ZONE_CHARS]
    if found := parse_date(zone_text):
        return found
    before = " ".join(" ".join(reversed(heading.xpath(_TEXT_BEFORE))).split())  # a date heading above it
    return parse_date(before[-rules.HEADLINE_ZONE_CHARS :]) if before else None


def _printed(text: str) -> int:
    """Characters of ``text`` that are not whitespace."""
    return len(text) - sum(map(text.count, " \n\t\r\xa0"))


def _link_share(element: etree._Element) -> float:
    text = len("".join(element.itertext()))
    linked = sum(len("".join(a.itertext())) for a in element.iter("a"))
    return linked / text if text else 0.0

"""The lead image: its URL, its caption and its credit (label stripped)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from archiver.extraction import rules
from archiver.extraction.context import PageContext
from archiver.extraction.dom import absolute, longer_than, marks, short_text, squash, text_of

_MAX_CREDIT_LINE = 160
#: Tags that hold a credit when they close a caption.
_CREDIT_TAGS = ("cite", "small")
_SCAN_AFTER_IMAGE = 60


@dataclass
class LeadImage:
    """The article's lead image as printed."""

    url: str
    caption: str | None = None
    credit: str | None = None
    credit_source: str | None = None


def credit_value(text: str | None) -> str | None:
    """A credit without rights statements and stray punctuation; None when only a label is left
    ("Copyright", "© Tous droits réservés")."""
    text = squash(rules.RIGHTS_RESERVED.sub(" ", text or "")).strip(" .,;:-–—/|")
    return None if not text or rules.CREDIT_LABEL_ONLY.match(text) else text


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption into (caption, credit): "Un train … © Reuters" → ("Un train …", "Reuters")."""
    text = squash(text)
    match = rules.CREDIT_IN_TEXT.search(text)
    if not match:
        return text, None
    credit = (match["credit"] or match["credit2"] or "").strip(" .)")
    return text[: match.start()].strip(" (["), credit_value(credit)


def credit_of_line(text: str) -> str | None:
    """The credit in a standalone credit line ("Image : X / AFP", "Credit: Getty Images")."""
    match = rules.CREDIT_LINE.match(squash(text))
    return credit_value(match["credit"] or match["c2"]) if match else None


def credit_in_line(text: str) -> str | None:
    """The credit a credit-marked line gives: its labelled credit, else its whole text."""
    return credit_of_line(text) or credit_value(text)


def _src(img: HtmlElement) -> str:
    """The image's URL, lazy-loading attributes and srcset included."""
    for name in ("src", "data-src", "data-lazy-src", "data-original", "srcset", "data-srcset"):
        value = (img.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value.split(",")[0].split()[0] if "srcset" in name else value
    return ""


def _candidate(page: PageContext, img: HtmlElement) -> bool:
    src = _src(img)
    if not src or page.is_boilerplate(img) or page.in_author_box(img):
        return False
    if rules.NOT_LEAD_IMAGE.search(" ".join((src, marks(img), img.get("alt") or ""))):
        return False
    width = img.get("width") or ""
    return not (width.isdigit() and int(width) < 200)


def _caption(page: PageContext, img: HtmlElement) -> HtmlElement | None:
    node = img
    for _ in range(5):
        parent = node.getparent()
        if parent is None or longer_than(parent, 1000):
            return None
        node = parent
        for found in node.iter():
            if found is img or not isinstance(found.tag, str):
                continue
            if found.tag == "figcaption" or rules.CAPTION_CLASS.search(marks(found)):
                return found
    return None


def _credit_line(page: PageContext, start: int) -> HtmlElement | None:
    """A short credit line ("Image : X", class "credit") soon after ``start``, before the body text."""
    for node in list(page.order)[start + 1 : start + 1 + _SCAN_AFTER_IMAGE]:
        text = short_text(node, _MAX_CREDIT_LINE)
        if node.tag == "p" and text is None:
            return None
        if not text or page.is_boilerplate(node):
            continue
        if credit_of_line(text) or rules.CREDIT_CLASS.search(marks(node)):
            return node
    return None


def _read_caption(caption: HtmlElement) -> tuple[str | None, str | None]:
    """(caption, credit) of a caption element: a credit-classed child, a labelled credit at the
    end, or a trailing ``<cite>``/``<small>``."""
    credited = [n for n in caption.iter() if isinstance(n.tag, str) and rules.CREDIT_CLASS.search(marks(n))]
    last = next((n for n in reversed(caption) if isinstance(n.tag, str)), None)
    closing = last is not None and last.tag in _CREDIT_TAGS and len(text_of(last)) <= 80
    if not credited and last is not None and closing and text_of(last) != text_of(caption):
        credited = [last]
    if credited:
        line = text_of(credited[0])
        return squash(text_of(caption).replace(line, "")) or None, credit_in_line(line)
    text, credit = split_credit(text_of(caption))
    return text or None, credit


def _metadata_image(page: PageContext) -> LeadImage | None:
    """The og:image when the page shows no image element (a CSS hero), with a credit line if any."""
    url = page.meta.first("image")
    if not url or page.title is None:
        return None
    lead = LeadImage(absolute(url, page.url) or "")
    line = _credit_line(page, page.title_pos())
    if line is not None:
        page.claim(line)
        lead.credit = credit_in_line(text_of(line))
        lead.credit_source = "credit-line" if lead.credit else None
    return lead


def find_lead_image(page: PageContext) -> LeadImage | None:
    """The first content image between the title and the body's second paragraph (else the nearest
    before the title), with its caption and credit."""
    images = [img for img in page.tree.iter("img") if _candidate(page, img)]
    start, long_paragraphs = page.title_pos(), page.long_paragraphs()
    end = long_paragraphs[1] if len(long_paragraphs) > 1 else len(page.order)
    after = [i for i in images if start < page.pos(i) < end]
    ordered = after + [i for i in images if page.pos(i) <= start][::-1]
    if not ordered:
        return _metadata_image(page)
    img = ordered[0]
    lead = LeadImage(absolute(_src(img), page.url) or "")
    caption = _caption(page, img)
    if caption is not None:
        page.claim(caption)
        lead.caption, lead.credit = _read_caption(caption)
        lead.credit_source = "caption" if lead.credit else None
    if lead.credit is None:
        line = _credit_line(page, page.pos(img))
        if line is not None:
            page.claim(line)
            lead.credit = credit_in_line(text_of(line))
            lead.credit_source = "credit-line" if lead.credit else None
    return lead

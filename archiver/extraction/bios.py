"""Author boxes and bios: before or after the body, in a sidebar, or as a closing italic note."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from archiver.extraction import rules
from archiver.extraction.context import PageContext
from archiver.extraction.dom import absolute, cached_search, longer_than, marks, text_of
from archiver.extraction.names import is_person_name

_COMMENTS = ("comment", "commentaire", "kommentar", "commento", "respond")
_BLOCK_TAGS = ("p", "h4", "h5", "h6", "dd", "dt", "div")
_NAME_TAGS = ("a", "h2", "h3", "h4", "h5", "h6", "b", "strong", "p", "dt", "span", "cite")
_bio_mark = cached_search(rules.BIO_CLASS)


@dataclass
class Bio:
    """One author's bio and the box it was printed in."""

    text: str
    element: HtmlElement
    box: HtmlElement
    name: str | None = None
    links: list[str] = field(default_factory=list)


def _in_comments(element: HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        if any(word in marks(node).lower() for word in _COMMENTS):
            return True
    return False


def _box_of(element: HtmlElement, others: list[HtmlElement], title: HtmlElement | None) -> HtmlElement:
    """The author box around a bio: the highest close ancestor marked as one, holding no other bio."""
    box, node = element, element
    limit = len(text_of(element)) + 400
    for _ in range(5):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html", "main"):
            break
        if parent.tag == "article" and title is not None and parent in title.iterancestors():
            break  # the page's article; an author's profile may be an <article> of its own (Drupal)
        node = parent
        if longer_than(node, limit) or any(o is not element and node in o.iterancestors() for o in others):
            break
        if rules.AUTHOR_BOX.search(marks(node)) or node.tag == "aside":
            box = node
    return box


def _name_in_box(box: HtmlElement, bio: HtmlElement) -> str | None:
    for node in box.iter(*_NAME_TAGS):
        if node is bio or bio in node.iterancestors() or node in bio.iterancestors():
            continue
        if is_person_name(text_of(node)):
            return text_of(node)
    return None


def find_bio_boxes(page: PageContext) -> list[Bio]:
    """Bios marked by class (author-bio, profile-textblock, nota-autore...), innermost elements."""
    marked = [
        node
        for node, mark in page.marks.items()
        if mark
        and _bio_mark(mark)
        and node.tag not in ("body", "html", "main")
        and (node.tag != "article" or page.title is None or node not in page.title.iterancestors())
        and len(text_of(node)) >= 40
        and not _in_comments(node)
    ]
    inner = [node for node in marked if not any(other in marked for other in node.iterdescendants())]
    bios = []
    for node in inner:
        box = _box_of(node, inner, page.title)
        links = []
        for link in box.iter("a"):
            href = absolute(link.get("href"), page.url)
            if href and href not in links and not href.startswith(("mailto:", "javascript:")):
                links.append(href)
        bios.append(Bio(text_of(node), node, box, _name_in_box(box, node), links))
        page.add_author_box(box)
    return bios


def _blocks_after(heading: HtmlElement) -> list[HtmlElement]:
    """Innermost text blocks following a heading, up to the next major heading."""
    found = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str) or sibling.tag in ("h1", "h2", "h3"):
            break
        inner = [n for n in sibling.iter(*_BLOCK_TAGS) if not any(c.tag in _BLOCK_TAGS for c in n)]
        found.extend(inner or [sibling])
    return found


def _after_heading(page: PageContext, authors: list[str]) -> list[Bio]:
    """Bios under an "About the authors" heading: a name line, then the bio paragraph."""
    bios: list[Bio] = []
    for heading in page.tree.iter("h2", "h3", "h4", "h5", "strong", "p"):
        if not rules.BIO_HEADINGS.match(text_of(heading)):
            continue
        name = next((a for a in authors if a in text_of(heading)), None)  # "Written by X"
        for node in _blocks_after(heading):
            text = text_of(node)
            if text in authors:
                name = text
                page.claim(node)
            elif text and (name or len(authors) == 1):
                bios.append(Bio(text, node, node, name or authors[0]))
                name = None
        if bios:
            page.claim(heading)
            break
    return bios


def _closing_italic(page: PageContext, authors: list[str]) -> list[Bio]:
    """A paragraph in italics that opens with an author's name, or the last one that names them."""
    bios = []
    for node in page.tree.iter("p"):
        text = text_of(node)
        emphasis = [e for e in node if e.tag in ("em", "i")]
        if not emphasis or len(text_of(emphasis[0])) < 0.9 * len(text) or page.is_boilerplate(node):
            continue
        last = next((n for n in node.itersiblings() if n.tag == "p" and text_of(n)), None) is None
        for name in authors:
            opens = text.startswith(name) and rules.BIO_OPENERS.match(text[len(name) :])
            if opens or (last and name in text):
                bios.append(Bio(text, node, node, name))
    return bios


def _name_led(page: PageContext, authors: list[str]) -> list[Bio]:
    """A paragraph or table cell that opens with an author's name and a bio verb ("X is a..."):
    after the title, or before it inside an author box (a profile printed in a sidebar)."""
    bios = []
    start = page.pos(page.title) if page.title is not None else -1
    for node in page.tree.iter("p", "div", "dd", "td"):
        if any(isinstance(c.tag, str) and c.tag in ("p", "div", "table") for c in node):
            continue
        if page.pos(node) <= start and not any(
            rules.AUTHOR_BOX.search(marks(a)) for a in node.iterancestors()
        ):
            continue
        text = text_of(node)
        for name in authors:
            opens = text.startswith(name) and rules.BIO_OPENERS.match(text[len(name) :])
            if opens and 60 <= len(text) <= 1200 and not _in_comments(node):
                bios.append(Bio(text, node, node, name))
    return bios


def assign_bios(page: PageContext, boxes: list[Bio], authors: list[str]) -> dict[str, Bio]:
    """Match bios to the byline's authors (by name in the box or the bio, or a lone pair)."""
    found: dict[str, Bio] = {}
    for bio in boxes:
        name = next((a for a in authors if bio.text.startswith(a)), None)
        name = name or next((a for a in authors if a == bio.name), None)
        if name is None and len(authors) == 1 and len(boxes) == 1:
            name = authors[0]
        if name and name not in found:
            found[name] = bio
    missing = [a for a in authors if a not in found]
    if missing:
        for bio in (
            _after_heading(page, missing) or _closing_italic(page, missing) or _name_led(page, missing)
        ):
            found.setdefault(bio.name or "", bio)
    for bio in found.values():
        page.claim(bio.box)
    return {name: bio for name, bio in found.items() if name}

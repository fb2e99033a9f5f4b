"""The per-page memo and tree helpers the extraction steps rely on for speed."""

from __future__ import annotations

import lxml.html
import trafilatura
from lxml import etree

from archiver.extraction.dom import all_marks, drop, longer_than, marks, memoized, parse_html, text_of

PAGE = """<html><body>
<div id="outer" class="wrap"><p class="lead" role="note">First words</p> tail one
<div data-testid="inner"><p>Second <em>words</em></p><span itemprop="x" class="">Third</span></div>
<form><input name="q"><select></select><textarea></textarea><label>L</label></form><!-- note -->
</div></body></html>"""


def test_drop_forgets_the_texts_of_the_ancestors_only() -> None:
    tree = parse_html(PAGE)
    outer, inner = tree.get_element_by_id("outer"), tree.find(".//div[@data-testid]")
    second = inner.find("p")
    with memoized():
        assert "Third" in text_of(outer) and "Third" in text_of(inner)
        assert text_of(second) == "Second words"
        drop(inner.find("span"))
        assert "Third" not in text_of(outer) and "Third" not in text_of(inner)
        assert text_of(second) == "Second words"
        drop(tree.find(".//p"))  # its tail goes to the parent's text
        assert text_of(outer).startswith("tail one")


def test_trafilatura_leaves_the_tree_it_is_given_alone() -> None:
    """extract_body keeps remembered texts across bare_extraction: it must work on a copy."""
    paragraphs = "".join(f"<p>Paragraph {i}: {'some words here, ' * 20}</p>" for i in range(5))
    tree = parse_html(
        f"<html><body><nav><a href='/'>Home</a></nav><article>{paragraphs}</article></body></html>"
    )
    before = etree.tostring(tree)
    trafilatura.bare_extraction(tree, url="https://site.example/a", fast=True, include_comments=False)
    assert etree.tostring(tree) == before


def test_all_marks_are_the_marks_of_every_element_in_order() -> None:
    tree = parse_html(PAGE)
    found = all_marks(tree)
    assert list(found) == [node for node in tree.iter() if isinstance(node.tag, str)]
    assert all(mark == marks(node) for node, mark in found.items())
    assert found[tree.find(".//p")] == "lead note"


def test_longer_than_agrees_with_the_text_length() -> None:
    tree = parse_html("<html><body><div>" + "\n" * 3000 + "word " * 400 + "</div></body></html>")
    div = tree.find(".//div")
    for limit in (10, 500, 1999, 2000, 5000):
        assert longer_than(div, limit) == (len(text_of(div)) > limit)


def test_parsed_elements_have_the_lxml_html_classes() -> None:
    theirs = lxml.html.document_fromstring(PAGE, parser=lxml.html.HTMLParser(remove_comments=True))
    assert [type(n) for n in parse_html(PAGE).iter()] == [type(n) for n in theirs.iter()]


def test_comments_leave_no_node_and_the_text_after_them_stays() -> None:
    """React writes ``<!-- -->`` between the parts of a sentence: the words after it belong to it."""
    tree = parse_html("<html><body><p>When <!-- -->President<!-- --> Lee spoke</p></body></html>")
    paragraph = tree.find(".//p")
    assert not list(paragraph) and paragraph.text == "When President Lee spoke"


def test_texts_of_neighbouring_elements_are_never_glued() -> None:
    """Blocks and ``<br>`` are a word apart, and so is a capital glued after a word by CSS alone."""
    tree = parse_html(
        "<html><body><div><span>Lucy Thornton</span><span>News Reporter</span></div>"
        "<div><a href='/a'>Houston Mitchell</a>Assistant Sports Editor<button>Follow</button></div>"
        "<div><p>One.</p><p>Two<br>three</p></div><h1><span>Open Progress</span><div>Why it works</div></h1>"
        "<p>A <b>W</b>ord and <i>it</i>alics</p></body></html>"
    )
    assert text_of(tree) == (
        "Lucy Thornton News Reporter Houston Mitchell Assistant Sports Editor Follow One. Two three "
        "Open Progress Why it works A Word and italics"
    )

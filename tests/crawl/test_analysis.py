"""One parse of a page gives its links, its kind and (for an article) the fields extract_article gives."""

from __future__ import annotations

import pytest

from archiver.crawl import analysis
from archiver.crawl.analysis import analyze_page
from archiver.extraction import extract_article
from tests.support.fixturesite import listing_html
from tests.support.requires import require_corpus

URL = "https://www.ofnrs.example/article/x/"


def seed_page() -> bytes:
    """The reference article page of the gold corpus (skips without it)."""
    return (require_corpus() / "00-ofnrs-seed.html").read_bytes()


def test_an_article_gives_links_kind_and_the_fields_of_extract_article() -> None:
    body = seed_page()
    found = analyze_page(body, URL, {}, {})
    assert found.kind == "article" and found.error is None
    assert found.fields == extract_article(body, URL, {}, {})
    assert len(found.links.anchors) > 20 and all(link.startswith("http") for link in found.links.anchors)


def test_a_listing_gives_its_links_and_no_fields() -> None:
    html = listing_html("Asie", ["a", "b", "c", "d", "e"], next_url="/analyses/?page=2").encode()
    found = analyze_page(html, "https://site.example/analyses/", {}, {})
    assert found.kind == "listing" and found.fields is None
    assert "https://site.example/article/c/" in found.links.anchors
    assert found.links.next_page == "https://site.example/analyses/?page=2"


def test_a_known_kind_is_kept_and_extraction_can_be_skipped() -> None:
    html = listing_html("Asie", ["a"]).encode()
    assert analyze_page(html, "https://site.example/a/", {}, {}, kind="other").kind == "other"
    assert analyze_page(seed_page(), URL, {}, {}, extract=False).fields is None


def test_a_failing_extraction_is_reported_and_the_links_still_count(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> dict:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(analysis, "extract_tree", broken)
    found = analyze_page(seed_page(), URL, {}, {})
    assert found.fields is None and found.error == "RuntimeError: parser bug"
    assert "parser bug" in found.trace and found.links.anchors

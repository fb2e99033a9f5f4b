"""canonicalize_url: one URL per page, whatever link led to it."""

from __future__ import annotations

import pytest

from archiver.urls import canonicalize_url

CANONICAL = "https://www.ofnrs.example/article/la-coree/"


@pytest.mark.parametrize(
    "link",
    [
        CANONICAL,
        CANONICAL + "#commentaires",
        CANONICAL + "?utm_source=newsletter&utm_medium=email&utm_campaign=oct",
        CANONICAL + "?fbclid=IwAR0abc",
        CANONICAL + "?gclid=xyz&mc_cid=1&mc_eid=2",
        CANONICAL + "?PHPSESSID=0a1b2c",
        "https://www.ofnrs.example/article/la-coree/;jsessionid=ABC123",
        CANONICAL + "?print=1",
        CANONICAL + "?output=print",
        CANONICAL + "print/",
        "HTTPS://WWW.OFNRS.EXAMPLE:443/article/la-coree/",
        "  https://www.ofnrs.example/article/la-coree/?_ga=2.1&pk_campaign=x  ",
    ],
)
def test_variants_fold_into_one_url(link: str) -> None:
    assert canonicalize_url(link) == CANONICAL


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://a.example/list/?page=2&b=1", "http://a.example/list/?b=1&page=2"),  # query sorted, kept
        ("http://a.example:8080/x", "http://a.example:8080/x"),  # a non-default port stays
        ("http://a.example", "http://a.example/"),
        ("http://a.example/blueprint/", "http://a.example/blueprint/"),  # "print" inside a word
        ("http://a.example/print/", "http://a.example/print/"),  # a section named print
        ("http://a.example/a?id=3&sort=date", "http://a.example/a?id=3&sort=date"),
    ],
)
def test_meaningful_parts_are_kept(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_idempotent() -> None:
    url = "https://A.example/x/print/?utm_source=t&b=2&a=1#f"
    assert canonicalize_url(canonicalize_url(url)) == canonicalize_url(url)

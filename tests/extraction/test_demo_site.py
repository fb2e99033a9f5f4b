"""The demo site's article pages (archiver/demo) against their expected records."""

from __future__ import annotations

import pytest

from archiver.demo import demo_routes, expected_articles
from archiver.extraction import extract_article
from bench.scoring import meets_bars, score

BASE = "http://127.0.0.1:8000"
ROUTES = demo_routes(BASE)
EXPECTED = expected_articles()


@pytest.mark.parametrize("gold", EXPECTED, ids=lambda gold: gold["id"][:40])
def test_demo_article_meets_every_bar(gold: dict) -> None:
    html = ROUTES[gold["url"]].body
    record = extract_article(html, BASE + gold["url"], {"Content-Type": "text/html"})
    result = score(gold, record)
    assert meets_bars(result), result

"""The demo site's article pages (archiver/demo) against their expected records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import archiver.demo
from archiver.extraction import extract_article
from bench.scoring import meets_bars, score

DEMO = Path(archiver.demo.__file__).parent
EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold", EXPECTED, ids=lambda gold: gold["id"][:40])
def test_demo_article_meets_every_bar(gold: dict) -> None:
    html = (DEMO / "site" / gold["url"].strip("/") / "index.html").read_bytes()
    record = extract_article(html, "http://127.0.0.1:8000" + gold["url"], {"Content-Type": "text/html"})
    result = score(gold, record)
    assert meets_bars(result), result

"""Our own fixture pages (other CMS families and languages) scored like the gold corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archiver.extraction import extract_article
from bench.scoring import meets_bars, score

PAGES = Path(__file__).parent / "pages"
CASES = sorted(PAGES.glob("*.expected.json"))


def test_there_are_fixture_pages() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("expected_path", CASES, ids=lambda p: p.name.split(".")[0])
def test_fixture_page_meets_every_bar(expected_path: Path) -> None:
    gold = json.loads(expected_path.read_text(encoding="utf-8"))
    html = expected_path.with_name(expected_path.name.replace(".expected.json", ".html")).read_bytes()
    record = extract_article(html, gold["url"], gold.get("headers") or {"Content-Type": "text/html"})
    result = score(gold, record)
    assert meets_bars(result), result

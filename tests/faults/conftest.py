"""Fixtures of the fault-injection suite: a slow 40-article site and its profile (helpers: tests/support/faults.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.changingsite import ChangingSite, article_html, site_profile
from tests.support.faults import ARTICLES


@pytest.fixture(scope="module")
def article_site() -> Iterator[ChangingSite]:
    """A site of 40 articles, each a little slow, listed on the home page and in the sitemap."""
    site = ChangingSite(delay=0.02)
    for n in range(ARTICLES):
        site.put(f"a{n:02d}", article_html(f"a{n:02d}", f"Text of article {n}."), "2025-03-12")
    site.server.start()
    yield site
    site.server.stop()


@pytest.fixture
def sites_dir(tmp_path: Path, article_site: ChangingSite) -> Path:
    return site_profile(tmp_path / "sites", article_site)

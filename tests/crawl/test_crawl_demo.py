"""The bundled demo site: zero configuration finds exactly its articles; so does its profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.demo import DISALLOWED, expected_articles, serve_demo
from tests.support.cli import FAST
from tests.support.records import read_records


@pytest.mark.parametrize("profile", [None, "demo"])
def test_demo_site_articles_found_from_the_pages(archiver_cli, tmp_path: Path, profile: str | None) -> None:
    server = serve_demo()
    try:
        extra = ["--profile", profile] if profile else []
        proc = archiver_cli("crawl", server.url("/"), *extra, "--archive", "arch", *FAST)
        fetched = {r.path for r in server.requests}
    finally:
        server.stop()
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = {r["url"]: r for r in read_records(tmp_path / "arch")}
    expected = {server.url(e["url"]): e for e in expected_articles()}
    assert set(records) == set(expected)
    assert not fetched & set(DISALLOWED)
    for url, gold in expected.items():
        assert records[url]["title"] == gold["title"]
        assert records[url]["site"] == (profile or "127.0.0.1")

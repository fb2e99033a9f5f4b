"""``archiver reindex``: records rebuilt from the WARCs alone are the crawl's records, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import read_records
from tests.records.conftest import archiver, record_files


def test_the_shared_archive_covers_redirects_coding_and_profiles(crawled_archive: Path) -> None:
    records = read_records(crawled_archive)
    assert len(records) >= 9 + 4
    moved = [r for r in records if r["url"].endswith("/article/moved/")]
    assert moved and moved[0]["requested_url"].endswith("/old")
    assert [url.rsplit("/", 1)[-1] for url in moved[0]["redirects"]] == ["old", "mid"]
    assert {r["site"] for r in records} == {"demo", None}
    assert len({r["warc"]["filename"] for r in records}) == 2


def test_reindex_rewrites_the_very_same_records(archive: Path, sandbox_env: dict[str, str]) -> None:
    before = record_files(archive)
    done = archiver("reindex", "--archive", str(archive), env=sandbox_env, cwd=archive.parent)
    assert done.returncode == 0, done.stderr[-3000:]
    assert record_files(archive) == before
    assert f"{len(before)} unchanged, 0 rewritten, 0 new, 0 removed" in done.stdout


def test_reindex_restores_lost_and_damaged_records_and_drops_strays(
    archive: Path, sandbox_env: dict[str, str]
) -> None:
    before = record_files(archive)
    lost, damaged = [archive / "records" / name for name in sorted(before)[:2]]
    lost.unlink()
    record = json.loads(damaged.read_text("utf-8"))
    damaged.write_text(json.dumps({**record, "body": "edited by hand"}), "utf-8")
    stray = archive / "records" / "elsewhere.example" / "00000000-0000-5000-8000-000000000000.json"
    stray.parent.mkdir()
    stray.write_text("{}", "utf-8")
    done = archiver("reindex", "--archive", str(archive), env=sandbox_env, cwd=archive.parent)
    assert done.returncode == 0, done.stderr[-3000:]
    assert record_files(archive) == before
    assert "1 rewritten, 1 new, 1 removed" in done.stdout


def test_reindex_without_warcs_is_a_usage_error(tmp_path: Path, sandbox_env: dict[str, str]) -> None:
    done = archiver("reindex", "--archive", str(tmp_path / "nothing"), env=sandbox_env, cwd=tmp_path)
    assert done.returncode == 2
    assert "no WARC folder" in done.stderr

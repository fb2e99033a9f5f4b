"""``archiver demo``: the README's main job, end to end."""

from __future__ import annotations

from archiver.demo import expected_articles
from archiver.records.schema import record_errors
from tests.support.records import read_records


def test_demo_serves_crawls_and_says_where_things_went(archiver_cli, tmp_path):
    done = archiver_cli("demo", "--archive", "arch", "--port", "0")
    assert done.returncode == 0, done.stdout + done.stderr
    warcs = sorted((tmp_path / "arch" / "warc").glob("*.warc.gz"))
    records = read_records(tmp_path / "arch")
    assert warcs and all(path.name in done.stdout for path in warcs)
    assert len(records) == len(expected_articles())
    assert all(record_errors(record) == [] for record in records)
    assert f"JSON records ({len(records)}) in arch/records" in done.stdout

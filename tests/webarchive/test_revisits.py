"""Pages a re-run captured as revisits: listed, packaged with their originals, replayed."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from archiver.index.lookup import Capture, CaptureIndex
from tests.webarchive.conftest import DemoArchive, copy_archive, write_revisit
from tests.webarchive.replaying import archiver_replay


@pytest.fixture
def revisited(demo_archive: DemoArchive, tmp_path: Path) -> tuple[DemoArchive, dict, Capture]:
    """A copy of the demo archive where a re-run found one article unchanged a day later."""
    archive = copy_archive(demo_archive, tmp_path)
    record = archive.records[0]
    (original,) = CaptureIndex(archive.path).captures(record["url"])
    return archive, record, write_revisit(archive.path, original)


def when(timestamp: str) -> datetime:
    return datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def test_captures_lists_the_revisit_after_the_original(revisited, cli) -> None:
    archive, record, revisit = revisited
    done = cli("captures", record["url"], "--json", "--archive", str(archive.path))
    assert done.returncode == 0, done.stderr
    found = [json.loads(line) for line in done.stdout.splitlines()]
    assert [c["revisit"] for c in found] == [False, True]
    assert found[0]["offset"] == record["warc"]["offset"]
    assert found[1]["filename"] == revisit.filename and found[1]["digest"] == record["payload_digest"]


def test_a_package_since_the_rerun_carries_the_original_too(revisited, cli, pywb_replay, tmp_path) -> None:
    archive, record, revisit = revisited
    output = tmp_path / "rerun.wacz"
    since = when(revisit.timestamp).isoformat()
    done = cli("package", "--since", since, "-o", str(output), "--archive", str(archive.path))
    assert done.returncode == 0, done.stderr
    assert "2 captures, 1 article pages" in done.stdout
    with zipfile.ZipFile(output) as package:
        pages = package.read("pages/pages.jsonl").splitlines()[1:]
    assert [json.loads(page)["url"] for page in pages] == [record["url"]]
    replayed = pywb_replay([output]).get(record["url"], revisit.timestamp)
    assert replayed.status == record["http_status"]
    assert replayed.body == archive.served_body(record["url"])
    assert parsedate_to_datetime(replayed.headers["memento-datetime"]) == when(revisit.timestamp)


def test_archiver_replay_serves_the_revisit(revisited, tools_env: dict[str, str]) -> None:
    archive, record, revisit = revisited
    with archiver_replay(archive.path, tools_env) as replay:
        replayed = replay.fetch(f"{replay.base_url}/{revisit.timestamp}/{record['url']}", mode="id_")
    assert replayed.status == record["http_status"]
    assert replayed.body == archive.served_body(record["url"])
    assert parsedate_to_datetime(replayed.headers["memento-datetime"]) == when(revisit.timestamp)

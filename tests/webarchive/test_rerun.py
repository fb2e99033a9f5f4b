"""A re-run of the demo site writes revisits: listed, packaged with their originals, replayed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from archiver.demo import serve_demo
from archiver.index.lookup import Capture, CaptureIndex
from tests.support.cli import FAST
from tests.support.records import read_records
from tests.support.webarchive import DemoArchive, page_list, wacz_validate
from tests.webarchive.replaying import archiver_replay


def when(timestamp: str) -> datetime:
    return datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


@pytest.fixture(scope="module")
def rerun(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]) -> tuple[DemoArchive, str]:
    """The demo site crawled twice into one archive (every article re-checked), and the
    14-digit time the second crawl began."""
    archive = tmp_path_factory.mktemp("rerun") / "archive"
    command = [sys.executable, "-m", "archiver", "crawl", "--profile", "demo", "--archive", str(archive),
               "-s", "ARCHIVER_RECHECK_INTERVAL=0", *FAST]  # fmt: skip
    with serve_demo() as site:
        for run in range(2):
            if run:
                time.sleep(1.1)  # captures of the two runs fall in different seconds
                second = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
            done = subprocess.run([*command, site.url("/")], cwd=archive.parent, env=sandbox_env,
                                  capture_output=True, text=True, timeout=120)  # fmt: skip
            assert done.returncode == 0, done.stderr[-3000:]
        base_url = site.url("/")
    return DemoArchive(archive, base_url, read_records(archive)), second


def revisits(archive: DemoArchive, since: str) -> dict[str, Capture]:
    """The revisit of each article captured since ``since``, by URL."""
    index = CaptureIndex(archive.path)
    found = {}
    for record in archive.records:
        later = [c for c in index.captures(record["url"]) if c.timestamp >= since]
        assert [c.is_revisit for c in later] == [True], record["url"]
        assert later[0].digest == record["payload_digest"]
        found[record["url"]] = later[0]
    return found


def test_the_rerun_captured_every_unchanged_article_as_a_revisit(rerun) -> None:
    archive, second = rerun
    assert len(revisits(archive, second)) == len(archive.records)


def test_captures_lists_each_revisit_after_its_original(rerun, cli) -> None:
    archive, second = rerun
    record = archive.records[0]
    done = cli("captures", record["url"], "--json", "--archive", str(archive.path))
    assert done.returncode == 0, done.stderr
    found = [json.loads(line) for line in done.stdout.splitlines()]
    assert [c["revisit"] for c in found] == [False, True]
    assert found[0]["timestamp"] < second <= found[1]["timestamp"]


def test_archiver_replay_serves_each_revisit_as_the_page_was_sent(rerun, tools_env: dict[str, str]) -> None:
    archive, second = rerun
    with archiver_replay(archive.path, tools_env) as replay:
        for url, revisit in revisits(archive, second).items():
            replayed = replay.fetch(f"{replay.base_url}/{revisit.timestamp}/{url}", mode="id_")
            assert replayed.status == revisit.status == 200
            assert replayed.body == archive.served_body(url)
            assert parsedate_to_datetime(replayed.headers["memento-datetime"]) == when(revisit.timestamp)


def test_a_package_of_the_rerun_carries_the_originals(
    rerun, cli, tools_env, pywb_replay, tmp_path: Path
) -> None:
    archive, second = rerun
    output = tmp_path / "rerun.wacz"
    done = cli(
        "package", "--since", when(second).isoformat(), "-o", str(output), "--archive", str(archive.path)
    )
    assert done.returncode == 0, done.stderr
    assert wacz_validate(output, tools_env).returncode == 0
    _, pages = page_list(output)
    assert sorted(page["url"] for page in pages) == sorted(record["url"] for record in archive.records)
    replay = pywb_replay([output])
    for url, revisit in revisits(archive, second).items():
        replayed = replay.get(url, revisit.timestamp)
        assert replayed.status == 200 and replayed.body == archive.served_body(url)
        assert parsedate_to_datetime(replayed.headers["memento-datetime"]) == when(revisit.timestamp)

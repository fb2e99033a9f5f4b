"""A crawled demo site as an archive, the web-archive tools, and a re-run that writes a revisit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scrapy.http import Request
from warcio.archiveiterator import ArchiveIterator
from warcio.recordbuilder import RecordBuilder

from archiver.capture.records import request_record, warc_date
from archiver.capture.warcfiles import WarcFileSeries
from archiver.demo import demo_routes, serve_demo
from archiver.index.cdxj import wait_for_indexing
from archiver.index.lookup import Capture, CaptureIndex
from tests.conftest import FAST, read_records
from tests.support.pywb import pywb_bin_dir, pywb_replay  # noqa: F401 - fixture


@dataclass
class DemoArchive:
    """The archive of one crawl of the demo site, and what the site served."""

    path: Path
    base_url: str
    records: list[dict]
    indexed_by_the_crawl: list[str] = field(default_factory=list)  # index files when it ended

    def served_body(self, url: str) -> bytes:
        """The body the demo site sends for ``url`` (content coding removed)."""
        return demo_routes(self.base_url)[urlsplit(url).path].body


@pytest.fixture(scope="session")
def tools_env(sandbox_env: dict[str, str]) -> dict[str, str]:
    """The sandbox environment with ``$ARCHIVER_PYWB_BIN_DIR`` naming the web-archive tools."""
    return sandbox_env | {"ARCHIVER_PYWB_BIN_DIR": str(pywb_bin_dir())}


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]) -> DemoArchive:
    """``archiver crawl`` of the demo site (profile ``demo``) into a fresh archive, in WARC
    files of about 50 kB (several files, rotated during the crawl)."""
    archive = tmp_path_factory.mktemp("webarchive") / "archive"
    with serve_demo() as site:
        done = subprocess.run(
            [sys.executable, "-m", "archiver", "crawl", site.url("/"), "--profile", "demo",
             "--archive", str(archive), "-s", "ARCHIVER_WARC_MAX_SIZE=50000", *FAST],
            cwd=archive.parent, env=sandbox_env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        base_url = site.url("/")
    assert done.returncode == 0, done.stderr[-3000:]
    records = read_records(archive)
    assert records, "the demo crawl wrote no record"
    indexed = sorted(path.name for path in (archive / "indexes").iterdir())
    return DemoArchive(archive, base_url, records, indexed)


@pytest.fixture
def cli(tools_env: dict[str, str], tmp_path: Path):
    """Run ``archiver ARGS`` with the web-archive tools at hand; the CompletedProcess."""

    def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "archiver", *args], cwd=tmp_path, env=tools_env,
                              capture_output=True, text=True, timeout=timeout)  # fmt: skip

    return run


def copy_archive(archive: DemoArchive, to: Path) -> DemoArchive:
    """A copy of ``archive`` under ``to`` that a test may change."""
    shutil.copytree(archive.path, to / "archive")
    return DemoArchive(to / "archive", archive.base_url, archive.records)


def write_revisit(archive: Path, original: Capture, days_later: int = 1) -> Capture:
    """What a re-run writes when a page comes back unchanged: a ``revisit`` record (profile
    identical-payload-digest) of ``original``, with its request, in a new WARC file; the
    revisit's capture as the index (updated when the file closes) lists it."""
    with (archive / "warc" / original.filename).open("rb") as stream:
        stream.seek(original.offset)
        record = next(iter(ArchiveIterator(stream)))
    headers = record.rec_headers
    when = datetime.fromisoformat(headers.get_header("WARC-Date").replace("Z", "+00:00"))
    revisit = RecordBuilder(warc_version="1.1").create_revisit_record(
        original.url,
        digest=headers.get_header("WARC-Payload-Digest"),
        refers_to_uri=original.url,
        refers_to_date=headers.get_header("WARC-Date"),
        http_headers=record.http_headers,
        warc_headers_dict={"WARC-Date": warc_date(when + timedelta(days=days_later))},
    )
    revisit.rec_headers.replace_header("WARC-Refers-To", headers.get_header("WARC-Record-ID"))
    series = WarcFileSeries(archive / "warc", "rerun", {"description": "re-run"}, host="test")
    series.write_pair(revisit, request_record(Request(original.url), revisit))
    series.close()
    wait_for_indexing()
    later = [c for c in CaptureIndex(archive).captures(original.url) if c.is_revisit]
    assert len(later) == 1
    return later[0]

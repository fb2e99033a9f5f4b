"""Rotation between pairs, cancelled downloads, and recovery of a crashed ``.open`` file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from scrapy.http import Request, Response

from archiver.capture.check import check_warc
from archiver.capture.records import request_record, response_record, warc_date
from archiver.capture.recovery import recover_open_file
from archiver.capture.warcfiles import WarcFileSeries
from archiver.demo.server import Page, SiteServer
from tests.support.capture import abandon, read_warc_records, run_capture, warcio_check
from tests.support.capturesite import article
from tests.support.requires import ROOT

MAX_SIZE = 2500


@pytest.fixture(scope="module")
def rotated(tmp_path_factory, sandbox_env):
    """A crawl of ten pages with ARCHIVER_WARC_MAX_SIZE=2500 and DOWNLOAD_MAXSIZE=20000."""
    routes = {f"/page/{n}": Page(article(f"Page {n}")) for n in range(10)}
    routes["/huge"] = Page(b"x" * 50_000, content_type="text/plain")
    with SiteServer(routes) as server:
        urls = [server.url(path) for path in routes]
        archive = tmp_path_factory.mktemp("rotation") / "archive"
        yield server, run_capture(urls, archive, sandbox_env, f"ARCHIVER_WARC_MAX_SIZE={MAX_SIZE}",
                                  "DOWNLOAD_MAXSIZE=20000", "ARCHIVER_WARC_PREFIX=Rot~Test")  # fmt: skip


def test_files_rotate_between_pairs_at_max_size(rotated):
    server, run = rotated
    warcs = run.warcs()
    assert len(warcs) > 2
    serials = [re.match(r"rot-test-\d{17}-(\d{5})-", p.name).group(1) for p in warcs]
    assert serials == [f"{n:05d}" for n in range(len(warcs))]
    pairs = 0
    for path in warcs:
        types = [r.type for r in read_warc_records(path)]
        assert types[0] == "warcinfo"
        assert types[1:] == ["response", "request"] * (len(types) // 2)
        assert len(types) == 3 or path.stat().st_size <= MAX_SIZE
        assert check_warc(path).ok
        pairs += len(types) // 2
    assert pairs == len([r for r in server.requests if r.path != "/huge"])
    assert f"'archiver/warc_files': {len(warcs)}" in run.log


def test_download_over_maxsize_is_logged_not_captured(rotated):
    server, run = rotated
    assert server.fetched("/huge") == 1
    uris = [r.uri for path in run.warcs() for r in read_warc_records(path)]
    assert server.url("/huge") not in uris
    assert "Not captured" in run.log and "/huge" in run.log
    assert "'archiver/warc_not_captured': 1" in run.log


def exchange(n: int) -> tuple:
    url = f"http://127.0.0.1:8/article/{n}?q=é"
    request = Request(url, headers={"User-Agent": "archiver-test"})
    body = article(f"Article {n}")
    response = Response(url, status=200, headers={"Content-Type": "text/html"}, body=body, request=request)
    record = response_record(response, warc_date())
    return record, request_record(request, record)


def test_unclosed_series_leaves_an_open_file_that_recovers(tmp_path):
    series = WarcFileSeries(tmp_path, "crash", {"software": "test"}, gzip_level=1, host="box")
    locations = [series.write_pair(*exchange(n)) for n in range(3)]
    abandon(series)  # killed here: never closed
    (open_file,) = tmp_path.glob("*.warc.gz.open")
    assert open_file.name == locations[0].filename + ".open"
    size = open_file.stat().st_size
    with open_file.open("r+b") as stream:  # the crash cut the last request record mid-way
        stream.truncate(size - 40)
    assert not check_warc(open_file).ok

    recovered = recover_open_file(open_file)

    assert recovered == tmp_path / locations[0].filename and not open_file.exists()
    result = check_warc(recovered)
    assert result.ok, result.problems
    assert warcio_check([recovered]).returncode == 0
    assert [r.type for r in result.records] == ["warcinfo"] + ["response", "request"] * 2 + ["response"]
    assert result.records[-1].offset == locations[-1].offset


def test_recovery_of_a_closed_file_copy_keeps_every_record(rotated, tmp_path):
    source = rotated[1].warcs()[0]
    copy = tmp_path / (source.name + ".open")
    shutil.copy(source, copy)
    recovered = recover_open_file(copy)
    assert recovered.read_bytes() == source.read_bytes()


@pytest.mark.parametrize("cut", [40, 300, 700])
def test_check_finds_a_cut_off_file_that_warcio_check_may_pass(tmp_path, cut):
    series = WarcFileSeries(tmp_path, "crash", {"software": "test"}, host="box")
    for n in range(3):
        series.write_pair(*exchange(n))
    (open_file,) = tmp_path.glob("*.open")
    with open_file.open("r+b") as stream:
        stream.truncate(open_file.stat().st_size - cut)
    result = check_warc(open_file)
    assert not result.ok and "incomplete gzip member" in result.problems[-1]


def test_recovery_without_a_complete_record_removes_the_file(tmp_path):
    series = WarcFileSeries(tmp_path, "crash", {"software": "test"}, host="box")
    series.write_pair(*exchange(0))
    abandon(series)
    (open_file,) = tmp_path.glob("*.open")
    with open_file.open("r+b") as stream:
        stream.truncate(30)
    assert recover_open_file(open_file) is None
    assert not list(tmp_path.iterdir())


def test_closing_renames_after_the_last_pair(tmp_path):
    series = WarcFileSeries(tmp_path, "ok", {"software": "test"}, host="Box~1")
    location = series.write_pair(*exchange(0))
    path = series.close()
    assert path.name == location.filename and path.name.endswith("-box-1.warc.gz")
    assert series.close() is None
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from archiver.capture.warcfiles import WarcFileSeries
from tests.capture.test_rotation_recovery import exchange
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (5000, 5000))
series = WarcFileSeries(Path(sys.argv[1]), "full", {"software": "test"}, host="box")
try:
    for n in range(100):
        series.write_pair(*exchange(n))
except OSError as error:
    print("failed after", n, error.errno)
"""


def test_a_failed_write_leaves_no_partial_pair(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.stdout.startswith("failed after"), done.stderr
    (open_file,) = tmp_path.glob("*.open")
    result = check_warc(open_file)
    assert result.ok, result.problems
    assert [r.type for r in result.records][-2:] == ["response", "request"]

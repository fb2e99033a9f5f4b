"""A crawl killed mid-way leaves only complete closed files and an ``.open`` file that recovers."""

from __future__ import annotations

import signal
import subprocess
import time

from archiver.capture.check import check_warc
from archiver.capture.recovery import recover_open_file
from archiver.demo.server import Page, SiteServer
from tests.support.capture import capture_command, read_warc_records, warcio_check
from tests.support.capturesite import article
from tests.support.requires import ROOT


def wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def holds_bytes(path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:  # renamed (closed) since it was listed
        return False


def test_killed_crawl_leaves_a_recoverable_open_file(tmp_path, sandbox_env):
    routes = {f"/slow/{n}": Page(article(f"Lent {n}"), delay=0.3) for n in range(40)}
    with SiteServer(routes) as server:
        archive = tmp_path / "archive"
        command = capture_command([server.url(p) for p in routes], archive, "CONCURRENT_REQUESTS=1",
                                  "ARCHIVER_WARC_MAX_SIZE=4000")  # fmt: skip
        crawl = subprocess.Popen(command, cwd=ROOT, env=sandbox_env, stderr=subprocess.DEVNULL)
        try:
            warc_dir = archive / "warc"
            # A closed file, and an open one holding records (not one created an instant ago).
            wait_for(
                lambda: list(warc_dir.glob("*.warc.gz")) and any(map(holds_bytes, warc_dir.glob("*.open")))
            )
            crawl.send_signal(signal.SIGKILL)
        finally:
            crawl.wait(timeout=30)
    closed = sorted(warc_dir.glob("*.warc.gz"))
    (open_file,) = warc_dir.glob("*.warc.gz.open")
    for path in closed:
        assert check_warc(path).ok
    recovered = recover_open_file(open_file)
    assert recovered is not None and recovered.name == open_file.name.removesuffix(".open")
    assert check_warc(recovered).ok and warcio_check([*closed, recovered]).returncode == 0
    assert read_warc_records(recovered)[0].type == "warcinfo"

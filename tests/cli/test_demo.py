"""``archiver demo``: the README's main job, end to end."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

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


@pytest.mark.parametrize(
    ("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"]
)
def test_demo_serve_stops_on_ctrl_c_and_sigterm(sandbox_env, tmp_path, stop, code):
    demo = subprocess.Popen([sys.executable, "-m", "archiver", "demo", "--serve", "--port", "0", "--archive", "arch"],
                            cwd=tmp_path, env=sandbox_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert demo.stderr is not None
        lines = []
        while not (lines and lines[-1].startswith("serving ")):
            line = demo.stderr.readline()
            assert line, "".join(lines)
            lines.append(line)
        base = lines[-1].split()[1]
        time.sleep(0.3)  # well into the wait
        started = time.monotonic()
        demo.send_signal(stop)
        assert demo.wait(timeout=15) == code
        assert time.monotonic() - started < 10
    finally:
        demo.kill()
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", urlsplit(base).port)) != 0, "the demo site still listens"

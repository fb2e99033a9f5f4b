"""The crawl's progress: a bar redrawn in place on a terminal (a real pty), with queue, elapsed and estimate."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from tests.support.changingsite import ChangingSite, article_html
from tests.support.cli import FAST
from tests.support.requires import ROOT

BAR = re.compile(
    r"\r\[[#.]{20}\] +(\d+)% (\d+) pages fetched, [^\r]*? (\d+) queued, \d+:\d\d:\d\d elapsed, [\d.]+ pages/s"
)


def test_a_terminal_gets_a_bar_with_queue_elapsed_time_and_an_estimate(tmp_path, sandbox_env) -> None:
    site = ChangingSite(delay=0.25)
    for n in range(12):
        site.put(f"p{n:02d}", article_html(f"p{n:02d}", "Progress."), "2025-03-12")
    with site.server:
        leader, follower = pty.openpty()
        command = [sys.executable, "-m", "archiver", "crawl", site.server.url("/"), "--archive", str(tmp_path / "a"),
                   *FAST, "-s", "ARCHIVER_PROGRESS_INTERVAL=0.2", "-s", "CONCURRENT_REQUESTS=1",
                   "-s", "ARCHIVER_EXTRACT_WORKERS=0"]  # fmt: skip
        crawl = subprocess.Popen(command, cwd=ROOT, env=sandbox_env, stdout=subprocess.PIPE, stderr=follower)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the crawl is over
                break
            if not chunk:
                break
            seen += chunk
        os.close(leader)
        assert crawl.wait(timeout=120) == 0
    text = seen.decode("utf-8", "replace")
    bars = BAR.findall(text)
    assert len(bars) >= 3, text[-2000:]
    assert any(int(queued) > 0 for _, _, queued in bars) and "left" in text  # an estimate from the queue
    shares = [int(share) for share, _, _ in bars]
    assert shares[-1] > shares[0]  # it moves on
    assert "\narchiver: " not in text  # no plain lines on a terminal

"""One crawl run for every way in: ``scrapy crawl observatory`` takes the site's lock as ``archiver crawl`` does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.demo.server import Page, SiteServer
from archiver.profiles import resolve_profile
from archiver.state.lock import SiteLock
from tests.support.cli import FAST
from tests.support.fixturesite import article_html
from tests.support.requires import ROOT


def test_scrapy_crawl_is_refused_while_another_run_holds_the_site(sandbox_env, tmp_path: Path) -> None:
    archive = tmp_path / "arch"
    with SiteServer({"/a/one/": Page(article_html("one").encode())}) as server:
        start = server.url("/a/one/")
        command = [sys.executable, "-m", "scrapy", "crawl", "observatory", "-a", f"start={start}",
                   "-s", f"ARCHIVER_ARCHIVE_DIR={archive}", *FAST]  # fmt: skip
        with SiteLock(archive, resolve_profile(start).name):
            refused = subprocess.run(command, cwd=ROOT, env=sandbox_env, capture_output=True, text=True,
                                     timeout=120)  # fmt: skip
        fetched_while_locked = list(server.requests)
        done = subprocess.run(command, cwd=ROOT, env=sandbox_env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == exitcodes.LOCKED, refused.stderr[-3000:]
    assert "being crawled" in refused.stderr and not fetched_while_locked
    assert done.returncode == exitcodes.OK, done.stderr[-3000:]
    assert "pages fetched" in done.stdout and "run stats:" in done.stdout  # archiver crawl's summary

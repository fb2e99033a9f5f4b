"""A crawled demo site as an archive, the web-archive tools, and reading WACZ packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archiver.demo import serve_demo
from tests.support.cli import FAST
from tests.support.pywb import pywb_bin_dir, pywb_replay  # noqa: F401 - fixture
from tests.support.records import read_records
from tests.support.webarchive import DemoArchive


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

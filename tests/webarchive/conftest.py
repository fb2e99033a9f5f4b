"""A crawled demo site as an archive, the web-archive tools, and reading WACZ packages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archiver.demo import demo_routes, serve_demo
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


def wacz_validate(path: Path, tools_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The real ``wacz validate -f PATH``."""
    wacz = Path(tools_env["ARCHIVER_PYWB_BIN_DIR"]) / "wacz"
    return subprocess.run(
        [str(wacz), "validate", "-f", str(path)], capture_output=True, text=True, timeout=300
    )


def page_list(path: Path) -> tuple[dict, list[dict]]:
    """The header and entries of the package's ``pages/pages.jsonl``."""
    with zipfile.ZipFile(path) as package:
        header, *pages = (json.loads(line) for line in package.read("pages/pages.jsonl").splitlines())
    return header, pages

"""A crawl of the two-host resource site, shared by the tests that only read it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FAST, read_records
from tests.resources.site import RESOURCE_MAXSIZE, ResourceSite, serve_resource_site
from tests.support.capture import ReadRecord, read_warc_records
from tests.support.pywb import pywb_replay  # noqa: F401 - fixture
from tests.webarchive.conftest import tools_env  # noqa: F401 - fixture


@dataclass
class ResourceCrawl:
    """One finished crawl of the resource site: its archive, run file, and what the hosts served."""

    archive: Path
    site: ResourceSite
    run: dict
    served: list[str]  # URLs the two hosts were asked for during the crawl

    def warc_records(self) -> list[ReadRecord]:
        return [
            r for path in sorted((self.archive / "warc").glob("*.warc.gz")) for r in read_warc_records(path)
        ]

    def responses(self, *types: str) -> Counter[str]:
        """How many records of ``types`` (default response) each URL has."""
        wanted = types or ("response",)
        return Counter(r.uri for r in self.warc_records() if r.type in wanted)

    def records(self) -> dict[str, dict]:
        return {record["url"]: record for record in read_records(self.archive)}


def crawl(site: ResourceSite, archive: Path, env: dict[str, str], *settings: str) -> dict:
    """``archiver crawl`` of the page host into ``archive``; the run file."""
    extra = [arg for setting in settings for arg in ("-s", setting)]
    done = subprocess.run(
        [sys.executable, "-m", "archiver", "crawl", site.url("/"), "--archive", str(archive), *FAST,
         "-s", f"ARCHIVER_RESOURCE_MAXSIZE={RESOURCE_MAXSIZE}", "-s", "ARCHIVER_RECHECK_INTERVAL=0", *extra],
        cwd=archive.parent, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    runs = sorted((archive / "runs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    return json.loads(runs[-1].read_text("utf-8"))


def served_urls(site: ResourceSite) -> list[str]:
    return [site.url(r.path) for r in site.pages.requests] + [
        site.image(r.path) for r in site.images.requests
    ]


@pytest.fixture(scope="module")
def resource_site() -> Iterator[ResourceSite]:
    with serve_resource_site() as site:
        yield site


@pytest.fixture(scope="module")
def resource_crawl(
    resource_site: ResourceSite, tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]
) -> ResourceCrawl:
    archive = tmp_path_factory.mktemp("resources") / "archive"
    run = crawl(resource_site, archive, sandbox_env)
    return ResourceCrawl(archive, resource_site, run, served_urls(resource_site))

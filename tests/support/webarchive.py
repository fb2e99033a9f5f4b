"""A crawled demo site as an archive, and reading and validating WACZ packages."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from archiver.demo import demo_routes


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

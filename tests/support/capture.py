"""Run the test capture spider in a subprocess and read back what it wrote."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FAST, ROOT

SPIDER = ROOT / "tests" / "capture" / "capture_spider.py"


@dataclass
class CaptureRun:
    """A finished capture crawl: its archive folder, items (by URL asked for) and log."""

    archive: Path
    items: dict[str, dict]
    log: str

    @property
    def warc_dir(self) -> Path:
        return self.archive / "warc"

    def warcs(self) -> list[Path]:
        return sorted(self.warc_dir.glob("*.warc.gz"))


def run_capture(urls: list[str], archive: Path, env: dict[str, str], *settings: str) -> CaptureRun:
    """Crawl ``urls`` with the archiver's settings, capturing to ``archive``; -s NAME=VALUE extras."""
    feed = archive.parent / f"{archive.name}-items.jsonl"
    extra = [arg for setting in settings for arg in ("-s", setting)]
    command = [sys.executable, "-m", "scrapy", "runspider", str(SPIDER), "-a", "urls=" + " ".join(urls),
               "-o", f"{feed}:jsonlines", "-s", "ITEM_PIPELINES={}", "-s", "RETRY_ENABLED=False",
               "-s", f"ARCHIVER_ARCHIVE_DIR={archive}", *FAST, *extra]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError(f"crawl failed ({done.returncode}):\n{done.stderr[-4000:]}")
    items = [json.loads(line) for line in feed.read_text("utf-8").splitlines() if line.strip()]
    return CaptureRun(archive, {item["requested_url"]: item for item in items}, done.stderr)

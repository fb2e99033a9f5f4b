"""Run the test capture spider in a subprocess and read back what it wrote."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders

from tests.support.cli import FAST
from tests.support.requires import ROOT

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


def capture_command(urls: list[str], archive: Path, *settings: str) -> list[str]:
    """The ``scrapy runspider`` command crawling ``urls`` into ``archive``; -s NAME=VALUE extras."""
    feed = archive.parent / f"{archive.name}-items.jsonl"
    extra = [arg for setting in settings for arg in ("-s", setting)]
    return [sys.executable, "-m", "scrapy", "runspider", str(SPIDER), "-a", "urls=" + " ".join(urls),
            "-o", f"{feed}:jsonlines", "-s", "ITEM_PIPELINES={}", "-s", "RETRY_ENABLED=False",
            "-s", f"ARCHIVER_ARCHIVE_DIR={archive}", "-s", "ARCHIVER_DIGEST_INDEX=",  # raw captures, no revisits
            *FAST, *extra]  # fmt: skip


def run_capture(urls: list[str], archive: Path, env: dict[str, str], *settings: str) -> CaptureRun:
    """Crawl ``urls`` with the archiver's settings, capturing to ``archive``; -s NAME=VALUE extras."""
    feed = archive.parent / f"{archive.name}-items.jsonl"
    command = capture_command(urls, archive, *settings)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError(f"crawl failed ({done.returncode}):\n{done.stderr[-4000:]}")
    items = [json.loads(line) for line in feed.read_text("utf-8").splitlines() if line.strip()]
    return CaptureRun(archive, {item["requested_url"]: item for item in items}, done.stderr)


@dataclass
class ReadRecord:
    """A WARC record read back with warcio: headers, raw block parts and position."""

    offset: int
    length: int
    type: str
    warc: dict[str, str]
    http: StatusAndHeaders | None
    payload: bytes

    @property
    def uri(self) -> str:
        return self.warc.get("WARC-Target-URI", "")


def read_warc_records(path: Path) -> list[ReadRecord]:
    """Every record of a WARC file, payloads as stored (content coding kept)."""
    out = []
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            payload = record.raw_stream.read()
            out.append(ReadRecord(
                iterator.get_record_offset(), 0, record.rec_type, dict(record.rec_headers.headers),
                record.http_headers, payload,
            ))  # fmt: skip
            iterator.read_to_end()
            out[-1].length = iterator.get_record_length()
    return out


def b32_sha1(data: bytes) -> str:
    """``sha1:<base32>``, the WARC digest of ``data``."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warcio_check(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """The real ``warcio check -v`` command line on ``paths``."""
    warcio = Path(sys.executable).parent / "warcio"
    return subprocess.run([str(warcio), "check", "-v", *map(str, paths)], capture_output=True, text=True)


def abandon(series) -> None:
    """Leave ``series`` as a killed process leaves it: its ``.open`` file unclosed, its locks dropped."""
    if series._file is not None:
        series._file.close()
    if series._spool is not None and series._spool._out is not None:
        series._spool._out.close()

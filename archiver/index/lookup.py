"""Finding captures in an archive's sorted CDXJ indexes by binary search.

Lines of a CDXJ index are sorted by SURT key (the URL in the order an archive sorts
it: ``org,example)/path``), so every capture of a URL, or of a host, is one run of
lines found in O(log n) seeks per index file; no WARC is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import surt

from archiver.index.cdxj import INDEX_SUFFIX, indexes_dir

REVISIT_MIME = "warc/revisit"


@dataclass(frozen=True)
class Capture:
    """One capture as its CDXJ line tells it: when, what status, which bytes where."""

    urlkey: str
    timestamp: str  # 14 digits, UTC
    url: str
    status: int | None
    mime: str
    digest: str
    filename: str
    offset: int
    length: int

    @property
    def is_revisit(self) -> bool:
        return self.mime == REVISIT_MIME

    @classmethod
    def from_line(cls, line: bytes) -> Capture:
        """Parse ``<urlkey> <timestamp> <JSON>``."""
        urlkey, timestamp, fields = line.decode("utf-8").split(" ", 2)
        data = json.loads(fields)
        status = data.get("status")
        return cls(urlkey, timestamp, data.get("url", ""), int(status) if status and status != "-" else None,
                   data.get("mime", ""), data.get("digest", ""), data.get("filename", ""),
                   int(data.get("offset", 0)), int(data.get("length", 0)))  # fmt: skip


def url_key(url: str) -> str:
    """The SURT key of ``url``, as ``cdxj-indexer`` writes it."""
    return surt.surt(url)


def host_key(host: str) -> str:
    """The SURT form of ``host`` (``host:port`` allowed): what keys of its URLs start with."""
    return url_key(f"http://{host}/").split(")", 1)[0]


def first_line_at_or_after(stream: BinaryIO, key: bytes, size: int) -> int:
    """Offset of the first line of the sorted ``stream`` that is >= ``key`` (``size`` at the end)."""

    def line_start(position: int) -> int:
        if position == 0:
            return 0
        stream.seek(position - 1)
        stream.readline()
        return stream.tell()

    def at_or_after(position: int) -> bool:
        start = line_start(position)
        if start >= size:
            return True
        stream.seek(start)
        return stream.readline() >= key

    low, high = 0, size
    while low < high:
        middle = (low + high) // 2
        if at_or_after(middle):
            high = middle
        else:
            low = middle + 1
    return line_start(low)


def lines_with_prefix(path: Path, prefix: bytes) -> Iterator[bytes]:
    """The lines of the sorted file ``path`` that start with ``prefix``."""
    with path.open("rb") as stream:
        size = path.stat().st_size
        stream.seek(first_line_at_or_after(stream, prefix, size))
        for line in stream:
            if not line.startswith(prefix):
                break
            yield line.rstrip(b"\n")


class CaptureIndex:
    """The CDXJ indexes of one archive (``<archive>/indexes/*.cdxj``)."""

    def __init__(self, archive: Path | str) -> None:
        self.archive = Path(archive)

    def index_files(self) -> list[Path]:
        return sorted(indexes_dir(self.archive).glob("*" + INDEX_SUFFIX))

    def captures(self, url: str) -> list[Capture]:
        """Every capture of ``url`` (its SURT key), oldest first."""
        return self._sorted(self._matching((url_key(url) + " ").encode("utf-8")))

    def host_captures(self, host: str) -> list[Capture]:
        """Every capture of a URL on ``host`` (any port unless ``host`` names one), oldest first."""
        prefix = host_key(host)
        after = (")",) if ":" in host else (")", ":")
        return self._sorted(c for c in self._matching(prefix.encode("utf-8"))
                            if c.urlkey[len(prefix)] in after)  # fmt: skip

    def all_captures(self) -> list[Capture]:
        """Every capture in the archive, oldest first."""
        return self._sorted(self._matching(b""))

    def _matching(self, prefix: bytes) -> Iterator[Capture]:
        for path in self.index_files():
            for line in lines_with_prefix(path, prefix):
                if line:
                    yield Capture.from_line(line)

    @staticmethod
    def _sorted(captures: Iterator[Capture]) -> list[Capture]:
        return sorted(captures, key=lambda c: (c.timestamp, c.filename, c.offset))

"""A series of WARC files: naming, ``.open`` then rename, rotation, one gzip member per record.

Files are named ``<prefix>-<UTC timestamp17>-<serial>-<host>.warc.gz`` (WARC 1.1 Annex C,
without Heritrix's ``~``: WACZ accepts only ``[-a-z0-9._]``). A file is written as
``<name>.open``, opens with a ``warcinfo`` record and is fsynced before it is renamed to
``<name>``, so a closed name always holds complete records; a crash leaves an ``.open``
file for :mod:`archiver.capture.recovery`. The writer holds an exclusive ``flock`` on the
file from its creation (under the hidden name ``.<name>.open``, renamed once locked and
holding its ``warcinfo``) until it is renamed, so a repair can tell a live file from one a
dead process left. Each record is one gzip member, written in a
single ``write`` (stored, not deflated, when its payload is compressed already); a request/response pair never straddles two files. Each record's index
line is spooled as it is written and a closed file's CDXJ index is written at once
(:class:`archiver.index.cdxj.IndexSpool`, ``<archive>/indexes``).
"""

from __future__ import annotations

import fcntl
import gzip
import io
import os
import re
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.recordloader import ArcWarcRecord
from warcio.warcwriter import WARCWriter

from archiver.capture.records import WARC_VERSION, warcinfo_record
from archiver.index.cdxj import IndexSpool

OPEN_SUFFIX = ".open"
#: A file being created: ``.<name>.open`` until it is locked and holds its warcinfo.
PARTIAL_PREFIX = "."
EXTENSION = ".warc.gz"


@dataclass(frozen=True)
class RecordLocation:
    """Where a record lies: its closed file's basename, byte offset and length."""

    filename: str
    offset: int
    length: int


def safe_name_part(text: str) -> str:
    """``text`` lower-cased with every character outside ``[-a-z0-9._]`` replaced by ``-``."""
    return re.sub(r"[^-a-z0-9._]+", "-", text.lower()).strip("-") or "x"


def timestamp17(moment: datetime | None = None) -> str:
    """UTC ``YYYYmmddHHMMSSfff`` (17 digits, milliseconds)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y%m%d%H%M%S") + f"{moment.microsecond // 1000:03d}"


def warc_filename(prefix: str, timestamp: str, serial: int, host: str) -> str:
    """``<prefix>-<timestamp17>-<serial 5 digits>-<host>.warc.gz`` with safe characters only."""
    return f"{safe_name_part(prefix)}-{timestamp}-{serial:05d}-{safe_name_part(host)}{EXTENSION}"


def warc_name_pattern(prefix: str) -> re.Pattern[str]:
    """File names :func:`warc_filename` gives with ``prefix`` (closed, or ``.open``), and no other
    prefix's: ``archiver-demo`` does not take the files of ``archiver-demo-x``."""
    return re.compile(
        rf"{re.escape(safe_name_part(prefix))}-\d{{17}}-\d{{5}}-.*{re.escape(EXTENSION)}(?:{OPEN_SUFFIX})?"
    )


#: Content types whose bodies are compressed already: deflating them again gains nothing.
PRECOMPRESSED_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "font/woff",
                       "font/woff2", "application/font-woff", "video/", "audio/", "application/zip",
                       "application/gzip", "application/x-gzip")  # fmt: skip


def precompressed(record: ArcWarcRecord) -> bool:
    """Whether the HTTP payload of ``record`` is compressed already (a content coding, a JPEG ...)."""
    headers = record.http_headers
    if headers is None or record.rec_type not in ("response", "resource"):
        return False
    coding = (headers.get_header("Content-Encoding") or "identity").strip().lower()
    content_type = (headers.get_header("Content-Type") or "").strip().lower()
    return coding != "identity" or content_type.startswith(PRECOMPRESSED_TYPES)


def gzip_member(record: ArcWarcRecord, level: int) -> bytes:
    """``record`` serialized by warcio and compressed as one gzip member.

    A payload compressed already is stored (level 0): deflate would spend the crawler's time
    (~30 ms per MB) on bytes it cannot shrink.
    """
    buffer = io.BytesIO()
    WARCWriter(buffer, gzip=False, warc_version=WARC_VERSION).write_record(record)
    return gzip.compress(buffer.getvalue(), compresslevel=0 if precompressed(record) else level, mtime=0)


class WarcFileSeries:
    """Writes request/response pairs to rotating ``.warc.gz`` files in ``directory``.

    ``warcinfo`` holds the fields of the ``warcinfo`` record opening each file.
    The counters (``records``, ``bytes``, ``files``) feed the crawler stats.
    """

    def __init__(
        self,
        directory: Path | str,
        prefix: str,
        warcinfo: dict[str, Any],
        max_size: int = 1_000_000_000,
        gzip_level: int = 6,
        host: str | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.prefix = prefix
        self.warcinfo = dict(warcinfo)
        self.max_size = max_size
        self.gzip_level = gzip_level
        self.host = host or socket.gethostname()
        self.serial = 0
        self.records = self.bytes = self.files = 0
        self._file: BinaryIO | None = None
        self._spool: IndexSpool | None = None
        self._name = ""
        self._warcinfo_end = 0

    @property
    def path(self) -> Path:
        """The ``.open`` file being written, or the folder when none is open."""
        return self.directory / (self._name + OPEN_SUFFIX) if self._file is not None else self.directory

    def write_pair(self, response: ArcWarcRecord, request: ArcWarcRecord) -> RecordLocation:
        """Append a response and its request record; returns where the response lies."""
        return self.write_records(response, request)

    def write_records(self, *records: ArcWarcRecord, rotate: bool = True) -> RecordLocation:
        """Append records in one write, never split over two files; returns where the first lies.

        ``rotate=False`` keeps them in the current file even past ``max_size`` (a page's
        ``metadata`` record stays beside the captures it describes, never alone in a file).
        """
        members = [gzip_member(record, self.gzip_level) for record in records]
        size = sum(map(len, members))
        out = self._file_for(size) if rotate or self._file is None else self._file
        offset = out.tell()
        _write_at_end(out, b"".join(members))
        if self._spool is not None:
            start = offset
            for record, member in zip(records, members, strict=True):
                self._spool.add(record, start, len(member))
                start += len(member)
        self.records += len(members)
        self.bytes += size
        return RecordLocation(self._name, offset, len(members[0]))

    def close(self) -> Path | None:
        """Fsync and close the current file and rename it without ``.open``; its path."""
        if self._file is None:
            return None
        out, self._file = self._file, None
        path = self.directory / self._name
        try:
            os.fsync(out.fileno())
            os.rename(path.with_name(self._name + OPEN_SUFFIX), path)  # still locked: never repaired
            _fsync_directory(self.directory)
        except OSError:  # left .open, complete up to its last record: the next run repairs it
            if self._spool is not None:
                self._spool.abandon()
                self._spool = None
            raise
        finally:
            out.close()
        spool, self._spool = self._spool, None
        if spool is not None:
            spool.finish()
        return path

    def _file_for(self, size: int) -> BinaryIO:
        """The file to append ``size`` bytes to: rotates when it would exceed ``max_size``."""
        if self._file is not None and self._file.tell() + size > self.max_size and self._holds_records():
            self.close()
        if self._file is None:
            self._open()
        assert self._file is not None
        return self._file

    def _holds_records(self) -> bool:
        return self._file is not None and self._file.tell() > self._warcinfo_end

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        while True:
            name = warc_filename(self.prefix, timestamp17(), self.serial, self.host)
            self.serial += 1
            if (self.directory / name).exists() or (self.directory / (name + OPEN_SUFFIX)).exists():
                continue
            member = gzip_member(
                warcinfo_record(name, self.warcinfo), self.gzip_level
            )  # before the file exists
            partial = self.directory / (PARTIAL_PREFIX + name + OPEN_SUFFIX)
            try:
                out = open(partial, "xb", buffering=0)  # noqa: SIM115 - kept open
            except FileExistsError:
                continue
            break
        try:
            fcntl.flock(out, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held until the file is closed
            _write_at_end(out, member)
            os.rename(partial, self.directory / (name + OPEN_SUFFIX))
        except BaseException:
            out.close()
            partial.unlink(missing_ok=True)
            raise
        self._file, self._name, self._warcinfo_end = out, name, len(member)
        self._spool = IndexSpool(self.directory / name)
        self.records += 1
        self.bytes += len(member)
        self.files += 1


def _write_at_end(out: BinaryIO, data: bytes) -> None:
    """Append all of ``data`` (unbuffered); on failure (disk full) cut back to where it began."""
    start = out.tell()
    view = memoryview(data)
    try:
        while view:
            view = view[out.write(view) :]
    except OSError:
        os.ftruncate(out.fileno(), start)
        out.seek(start)
        raise


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

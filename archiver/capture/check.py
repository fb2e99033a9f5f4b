"""Check a whole WARC file the way ``warcio check`` does, and list its records.

Every record is read to its end with digest checking on; a digest mismatch, a
response or request record without digests, an unparsable record or bytes after
the last complete gzip member (a cut-off record) is a problem.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = zlib.MAX_WBITS | 16
READ_SIZE = 64 * 1024
#: Record types that must carry a block or payload digest.
DIGESTED_TYPES = frozenset({"response", "request", "resource"})


@dataclass(frozen=True)
class RecordSummary:
    """One record of a checked file."""

    offset: int
    length: int
    type: str
    record_id: str
    target_uri: str | None


@dataclass
class WarcCheck:
    """The records of a file and the problems found in it (none: the file is valid)."""

    path: Path
    records: list[RecordSummary] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_warc(path: Path | str) -> WarcCheck:
    """Read every record of ``path``, verifying digests; see :class:`WarcCheck`."""
    result = WarcCheck(Path(path))
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, check_digests=True)
        try:
            for record in iterator:
                drain(record.content_stream())
                summary = RecordSummary(
                    offset=iterator.get_record_offset(),
                    length=iterator.get_record_length(),
                    type=record.rec_type,
                    record_id=record.rec_headers.get_header("WARC-Record-ID"),
                    target_uri=record.rec_headers.get_header("WARC-Target-URI"),
                )
                result.records.append(summary)
                result.problems += [f"offset {summary.offset}: {p}" for p in record_problems(record)]
        except Exception as error:  # warcio raises assorted errors (even AttributeError) on damaged input
            result.problems.append(f"unreadable after {len(result.records)} records: {error}")
    with open(path, "rb") as stream:
        gzipped = stream.read(2) == GZIP_MAGIC
        stream.seek(0)
        end, size = complete_members_end(stream), stream.seek(0, 2)
    if gzipped and end != size:
        result.problems.append(f"incomplete gzip member from offset {end} to {size}")
    return result


def complete_members_end(stream: BinaryIO) -> int:
    """Byte offset just after the last complete gzip member at the start of ``stream``.

    zlib checks each member's CRC-32 and length, so a member cut off or damaged ends the run.
    """
    end = position = 0
    decompressor = zlib.decompressobj(GZIP_WBITS)
    while chunk := stream.read(READ_SIZE):
        while chunk:
            try:
                decompressor.decompress(chunk)
            except zlib.error:
                return end
            if not decompressor.eof:
                position += len(chunk)
                break
            position += len(chunk) - len(decompressor.unused_data)
            end = position
            chunk = decompressor.unused_data
            decompressor = zlib.decompressobj(GZIP_WBITS)
    return end


def record_problems(record: ArcWarcRecord) -> list[str]:
    """Digest problems of a record read to its end with ``check_digests`` on; a missing digest."""
    checker = record.digest_checker
    problems = [str(p) for p in checker.problems] if checker.passed is False else []
    headers = record.rec_headers
    digested = headers.get_header("WARC-Block-Digest") or headers.get_header("WARC-Payload-Digest")
    if record.rec_type in DIGESTED_TYPES and not digested:
        problems.append(f"{record.rec_type} record without a digest")
    return problems


def drain(stream: BinaryIO) -> None:
    """Read ``stream`` to its end."""
    while stream.read(1 << 20):
        pass

"""Copying chosen captures, byte for byte, into a new WARC file.

Each record of our WARCs is one gzip member, so a capture is copied as the bytes its
CDXJ line points to, followed by the members after it that are ``WARC-Concurrent-To``
it (its ``request`` record, a ``metadata`` record written beside it). Digests and
record ids stay as captured; the new file opens with its own ``warcinfo`` record.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from archiver import __version__
from archiver.capture.records import warcinfo_record
from archiver.capture.warcfiles import gzip_member, timestamp17, warc_filename
from archiver.index.lookup import Capture


def record_head(path: Path, offset: int) -> dict[str, str]:
    """The WARC header fields of the record at ``offset`` of ``path``."""
    with path.open("rb") as stream:
        return dict(_record_at(stream, offset)[1].rec_headers.headers)


def capture_bytes(stream: BinaryIO, capture: Capture) -> bytes:
    """The capture's record and the records right after it that are ``WARC-Concurrent-To`` it
    (its request, a metadata record), as stored."""
    record_id = _record_at(stream, capture.offset)[1].rec_headers.get_header("WARC-Record-ID")
    stream.seek(capture.offset)
    parts = [stream.read(capture.length)]
    end = capture.offset + capture.length
    while True:
        try:
            iterator, following = _record_at(stream, end)
        except StopIteration:  # the end of the file
            break
        if following.rec_headers.get_header("WARC-Concurrent-To") != record_id:
            break
        iterator.read_to_end(following)
        length = iterator.get_record_length()
        stream.seek(end)
        parts.append(stream.read(length))
        end += length
    return b"".join(parts)


def request_referer(path: Path, capture: Capture) -> str | None:
    """The ``Referer`` of the request record written right after ``capture`` (its request), if any."""
    with path.open("rb") as stream:
        record_id = _record_at(stream, capture.offset)[1].rec_headers.get_header("WARC-Record-ID")
        try:
            _, following = _record_at(stream, capture.offset + capture.length)
        except StopIteration:
            return None
        if (
            following.rec_type != "request"
            or following.rec_headers.get_header("WARC-Concurrent-To") != record_id
        ):
            return None
        return following.http_headers.get_header("Referer") if following.http_headers else None


def _record_at(stream: BinaryIO, offset: int) -> tuple[ArchiveIterator, ArcWarcRecord]:
    stream.seek(offset)
    iterator = ArchiveIterator(stream)
    return iterator, next(iter(iterator))


def write_extract(captures: Iterable[Capture], warc_dir: Path, out_dir: Path, description: str) -> Path:
    """Copy ``captures`` (in their order) from ``warc_dir`` into a new WARC in ``out_dir``; its path."""
    name = warc_filename("archiver", timestamp17(), 0, socket.gethostname())
    info = {"software": f"archiver/{__version__}", "format": "WARC File Format 1.1",
            "description": description}  # fmt: skip
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / name
    streams: dict[str, BinaryIO] = {}
    with ExitStack() as stack, path.open("wb") as out:
        out.write(gzip_member(warcinfo_record(name, info), 6))
        for capture in captures:
            if capture.filename not in streams:
                streams[capture.filename] = stack.enter_context((warc_dir / capture.filename).open("rb"))
            out.write(capture_bytes(streams[capture.filename], capture))
    return path

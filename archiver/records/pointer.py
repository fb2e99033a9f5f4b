"""Follow an article record's ``warc`` pointer and check what it finds there.

The pointer (file, offset, length, record id) must lead to one whole response
record (or a revisit record, whose payload lies in an earlier response) of that id, whose URI, ``WARC-Date`` and payload digest are the record's
``url``, ``fetched_at`` and ``payload_digest``, and whose digests are valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from archiver.capture.check import GZIP_MAGIC, drain, record_problems


def pointer_problems(record: dict[str, Any], warc_dir: Path) -> list[str]:
    """How an article record's ``warc`` pointer fails to lead to its response record (empty: it does)."""
    pointer = record.get("warc")
    if not pointer:
        return []
    path = warc_dir / pointer["filename"]
    if not path.is_file():
        return [f"warc: no file {pointer['filename']} in {warc_dir}"]
    with path.open("rb") as stream:
        stream.seek(pointer["offset"])
        if path.name.endswith(".gz") and stream.read(2) != GZIP_MAGIC:  # warcio would skip to the next member
            return [f"warc: no WARC record at offset {pointer['offset']} of {pointer['filename']} "
                    "(not the start of a gzip member)"]  # fmt: skip
        stream.seek(pointer["offset"])
        iterator = ArchiveIterator(stream, check_digests=True)
        try:
            found = next(iter(iterator))
            drain(found.raw_stream)
            iterator.read_to_end()
        except Exception as exc:  # warcio raises assorted errors on bytes that are not a record
            return [f"warc: no WARC record at offset {pointer['offset']} of {pointer['filename']} "
                    f"({type(exc).__name__})"]  # fmt: skip
    headers = found.rec_headers
    expected = {
        "WARC-Type": ("revisit" if found.rec_type == "revisit" else "response", found.rec_type),
        "WARC-Record-ID": (pointer["record_id"], headers.get_header("WARC-Record-ID")),
        "WARC-Target-URI": (record.get("url"), headers.get_header("WARC-Target-URI")),
        "WARC-Date": (record.get("fetched_at"), headers.get_header("WARC-Date")),
        "WARC-Payload-Digest": (record.get("payload_digest"), headers.get_header("WARC-Payload-Digest")),
        "record length": (pointer["length"], iterator.get_record_length()),
    }
    problems = [f"warc: {name} is {got!r}, the record says {want!r}" for name, (want, got) in expected.items()
                if want != got]  # fmt: skip
    return problems + [f"warc: {problem}" for problem in record_problems(found)]

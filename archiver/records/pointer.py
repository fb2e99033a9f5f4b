"""Follow an article record's ``warc`` pointers (its own, its images') and check what they find.

The page's pointer (file, offset, length, record id) must lead to one whole response
record (or a revisit record, whose payload lies in an earlier response) of that id, whose URI, ``WARC-Date`` and payload digest are the record's
``url``, ``fetched_at`` and ``payload_digest``, and whose digests are valid. An image's
pointer must lead to a valid capture of the image's ``url``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from archiver.capture.check import GZIP_MAGIC, drain, record_problems


def pointer_problems(record: dict[str, Any], warc_dir: Path) -> list[str]:
    """How an article record's ``warc`` pointer, and its images' pointers, fail to lead to
    their response records (empty: they do)."""
    problems = []
    if pointer := record.get("warc"):
        expected = {"WARC-Target-URI": record.get("url"), "WARC-Date": record.get("fetched_at"),
                    "WARC-Payload-Digest": record.get("payload_digest")}  # fmt: skip
        problems += [f"warc: {problem}" for problem in capture_problems(pointer, expected, warc_dir)]
    for n, image in enumerate(record.get("images") or []):
        if pointer := image.get("warc"):
            found = capture_problems(pointer, {"WARC-Target-URI": image.get("url")}, warc_dir)
            problems += [f"images[{n}].warc: {problem}" for problem in found]
    return problems


def capture_problems(pointer: dict[str, Any], expected: dict[str, Any], warc_dir: Path) -> list[str]:
    """How ``pointer`` (file, offset, length, record id) fails to lead to one whole, valid
    response (or revisit) record of that id whose fields are ``expected``."""
    path = warc_dir / pointer["filename"]
    if not path.is_file():
        if path.with_name(path.name + ".open").is_file():
            return [f"{pointer['filename']} is still .open (being written, or left by a killed run: "
                    "`archiver repair` closes it)"]  # fmt: skip
        return [f"no file {pointer['filename']} in {warc_dir}"]
    with path.open("rb") as stream:
        stream.seek(pointer["offset"])
        if path.name.endswith(".gz") and stream.read(2) != GZIP_MAGIC:  # warcio would skip to the next member
            return [f"no WARC record at offset {pointer['offset']} of {pointer['filename']} "
                    "(not the start of a gzip member)"]  # fmt: skip
        stream.seek(pointer["offset"])
        iterator = ArchiveIterator(stream, check_digests=True)
        try:
            found = next(iter(iterator))
            drain(found.raw_stream)
            iterator.read_to_end()
        except Exception as exc:  # warcio raises assorted errors on bytes that are not a record
            return [f"no WARC record at offset {pointer['offset']} of {pointer['filename']} "
                    f"({type(exc).__name__})"]  # fmt: skip
    headers = found.rec_headers
    checks = {
        "WARC-Type": ("revisit" if found.rec_type == "revisit" else "response", found.rec_type),
        "WARC-Record-ID": (pointer["record_id"], headers.get_header("WARC-Record-ID")),
        **{name: (want, headers.get_header(name)) for name, want in expected.items()},
        "record length": (pointer["length"], iterator.get_record_length()),
    }
    problems = [f"{name} is {got!r}, the record says {want!r}" for name, (want, got) in checks.items()
                if want != got]  # fmt: skip
    return problems + record_problems(found)

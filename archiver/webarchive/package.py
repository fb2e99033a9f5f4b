"""A WACZ package of chosen captures of an archive, with our article records as its page list.

When every capture goes in and the WARC names fit WACZ (``[-a-z0-9._]``), the
archive's WARC files go in as they are; otherwise the chosen captures are copied
into one new WARC (:mod:`archiver.webarchive.warcextract`). The package is written
in a temporary folder, checked with ``wacz validate`` and only then moved to its name.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from archiver.index.cdxj import WARC_DIR, refresh_indexes
from archiver.index.lookup import CaptureIndex
from archiver.webarchive.pages import packaged_records, pages_jsonl
from archiver.webarchive.selection import Choice, choose_captures
from archiver.webarchive.wacz import WaczError, create_wacz, validate_wacz
from archiver.webarchive.warcextract import write_extract

#: File names a WACZ accepts (its frictionless resource paths).
WACZ_NAME = re.compile(r"^[-a-z0-9._]+$")


@dataclass
class Package:
    """A written package: its path and what it holds."""

    path: Path
    captures: int
    pages: int
    warcs: list[str]


def build_package(archive: Path, choice: Choice, output: Path, title: str) -> Package:
    """Write the WACZ ``output`` of the captures of ``archive`` that ``choice`` asks for.

    Raises LookupError when nothing matches and :class:`WaczError` when wacz fails.
    """
    refresh_indexes(archive)
    index = CaptureIndex(archive)
    warc_dir = archive / WARC_DIR
    captures = choose_captures(index, choice, warc_dir)
    if not captures:
        raise LookupError("no capture matches")
    records = packaged_records(archive, captures)
    description = describe(choice)
    names = sorted({capture.filename for capture in captures})
    with tempfile.TemporaryDirectory(prefix=".package-", dir=output.parent) as tmp:
        work = Path(tmp)
        if choice == Choice() and all(WACZ_NAME.match(name) for name in names):
            warcs = [warc_dir / name for name in names]
        else:
            warcs = [write_extract(captures, warc_dir, work / "warc", f"archiver package: {description}")]
        pages = work / "pages.jsonl"
        pages.write_bytes(pages_jsonl(records, title))
        written = work / "package.wacz"
        create_wacz(warcs, pages, written, title, description)
        valid, said = validate_wacz(written)
        if not valid:
            raise WaczError(f"wacz validate rejected the package:\n{said[-2000:]}")
        shutil.move(written, output)
    return Package(output, len(captures), len(records), [w.name for w in warcs])


def describe(choice: Choice) -> str:
    """What ``choice`` packages, in words."""
    hosts = ", ".join(choice.hosts) if choice.hosts else "every site"
    since = f" captured since {choice.since[:8]}T{choice.since[8:]}Z" if choice.since else ""
    return f"captures of {hosts}{since}"

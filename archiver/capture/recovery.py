"""Recover a ``.warc.gz.open`` file left by a killed process.

Each record is one gzip member, so the file is valid up to the end of its last
complete member (zlib checks the member's CRC-32 and length). The rest is cut
off and the file renamed without ``.open``.
"""

from __future__ import annotations

import os
from pathlib import Path

from archiver.capture.check import complete_members_end
from archiver.capture.warcfiles import OPEN_SUFFIX


def recover_open_file(path: Path | str) -> Path | None:
    """Truncate ``path`` after its last complete record and drop ``.open``; the new path.

    A file without a single complete record is removed and None returned.
    """
    path = Path(path)
    if not path.name.endswith(OPEN_SUFFIX):
        raise ValueError(f"not an .open WARC file: {path}")
    with open(path, "r+b") as stream:
        end = complete_members_end(stream)
        stream.truncate(end)
        stream.flush()
        os.fsync(stream.fileno())
    if end == 0:
        path.unlink()
        return None
    closed = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
    os.rename(path, closed)
    return closed

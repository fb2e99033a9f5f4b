"""Recover the ``.warc.gz.open`` files left by killed processes.

A live writer holds an exclusive ``flock`` on its ``.open`` file from before the file
gets its name until it is closed and renamed (:mod:`archiver.capture.warcfiles`); the
kernel drops the lock when the process dies, however it dies. So an ``.open`` file
that can be locked was left by a dead process, and any run of any command may repair
it: no site lock is needed, and a file a live crawl writes is never touched.

Each record is one gzip member, and a JSON record is written only after the WARC
bytes it points at (a complete member), so cutting the file after its last complete
member (zlib checks each member's CRC-32 and length) and dropping ``.open`` makes
every pointer written before the kill valid. The index spool of a repaired file is
dropped and the file indexed again from its bytes.
"""

from __future__ import annotations

import fcntl
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from archiver.atomicfile import remove_unless_held
from archiver.capture.check import complete_members_end
from archiver.capture.warcfiles import OPEN_SUFFIX, PARTIAL_PREFIX, warc_name_pattern

logger = logging.getLogger(__name__)


class WarcInUse(RuntimeError):
    """A live process holds the ``.open`` file: it is being written, not left behind."""


def recover_open_file(path: Path | str) -> Path | None:
    """Truncate ``path`` after its last complete record and drop ``.open``; the new path.

    A file without a single complete record is removed and None returned. Raises
    :class:`WarcInUse` when a live writer holds the file, FileNotFoundError when another
    repair took it first.
    """
    path = Path(path)
    if not path.name.endswith(OPEN_SUFFIX):
        raise ValueError(f"not an .open WARC file: {path}")
    with open(path, "r+b") as stream:
        try:
            fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WarcInUse(f"{path.name} is being written by a live process") from None
        if os.fstat(stream.fileno()).st_ino != os.stat(path).st_ino:  # renamed by a repair before us
            raise FileNotFoundError(path)
        end = complete_members_end(stream)
        stream.truncate(end)
        stream.flush()
        os.fsync(stream.fileno())
        if end == 0:
            path.unlink()
            return None
        closed = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
        os.rename(path, closed)  # still locked: a second repairer finds the name gone
    return closed


@dataclass
class Repair:
    """What :func:`repair_archive` did."""

    repaired: list[Path] = field(default_factory=list)  # closed files, kept
    removed: list[Path] = field(default_factory=list)  # .open files without a record
    in_use: list[Path] = field(default_factory=list)  # held by a live writer: left alone
    spools: list[Path] = field(default_factory=list)  # index spools of dead writers, dropped


def idle_open_warcs(warc_dir: Path, prefix: str | None = None) -> list[Path]:
    """The ``.open`` files of ``warc_dir`` (of ``prefix`` only, when given), oldest name first."""
    if not warc_dir.is_dir():
        return []
    pattern = warc_name_pattern(prefix) if prefix else None
    return sorted(
        p
        for p in warc_dir.iterdir()
        if p.name.endswith(OPEN_SUFFIX)
        and not p.name.startswith(PARTIAL_PREFIX)
        and (pattern is None or pattern.fullmatch(p.name))
    )


def repair_archive(archive: Path | str, prefix: str | None = None) -> Repair:
    """Close every ``.open`` WARC of ``archive`` no live process holds (of ``prefix`` only, when
    given), index the closed files and drop the spools and half-created files of dead writers."""
    from archiver.index.cdxj import drop_dead_spools, index_closed_warc

    archive = Path(archive)
    warc_dir = archive / "warc"
    result = Repair()
    for path in idle_open_warcs(warc_dir, prefix):
        try:
            closed = recover_open_file(path)
        except WarcInUse:
            result.in_use.append(path)
            continue
        except FileNotFoundError:  # another process repaired it
            continue
        logger.warning(
            "repaired %s left by a killed run: %s", path.name, closed.name if closed else "no record, removed"
        )
        if closed is None:
            result.removed.append(path)
            continue
        result.repaired.append(closed)
        index_closed_warc(closed)
    _remove_dead_partials(warc_dir)
    result.spools = drop_dead_spools(archive)
    return result


def _remove_dead_partials(warc_dir: Path) -> None:
    """Remove files a writer killed while creating them left (hidden, unlocked)."""
    if not warc_dir.is_dir():
        return
    for path in warc_dir.glob(PARTIAL_PREFIX + "*" + OPEN_SUFFIX):
        remove_unless_held(path)

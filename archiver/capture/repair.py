"""Repair what a killed run of a site left: its ``.open`` WARC files.

Run with the site's lock held (:mod:`archiver.state.lock`): then no live process
writes a file of this site, and every ``.open`` file with the site's WARC prefix
was left by a killed run. Each is cut after its last complete record, renamed and
indexed (:func:`archiver.capture.recovery.recover_open_file`). The pages of the
killed run are resumed by the spider from the state's pending rows.
"""

from __future__ import annotations

import logging
from pathlib import Path

from archiver.capture.recovery import recover_open_file
from archiver.capture.warcfiles import OPEN_SUFFIX, safe_name_part, warc_name_pattern
from archiver.index.cdxj import index_closed_warc

logger = logging.getLogger(__name__)


def site_warc_prefix(base_prefix: str, site: str) -> str:
    """The WARC file prefix of a site's runs: ``<base_prefix>-<site>``."""
    return f"{base_prefix}-{safe_name_part(site)}"


def open_warcs(warc_dir: Path, prefix: str) -> list[Path]:
    """The ``.open`` files named by :func:`~archiver.capture.warcfiles.warc_filename` with ``prefix``."""
    pattern = warc_name_pattern(prefix)
    if not warc_dir.is_dir():
        return []
    return sorted(p for p in warc_dir.iterdir() if p.name.endswith(OPEN_SUFFIX) and pattern.fullmatch(p.name))


def repair_open_warcs(archive: Path | str, prefix: str) -> list[Path]:
    """Close the ``.open`` WARC files of ``prefix`` in ``archive``; the files kept (empty ones are removed)."""
    repaired = []
    for path in open_warcs(Path(archive) / "warc", prefix):
        closed = recover_open_file(path)
        logger.warning(
            "repaired %s left by a killed run: %s", path.name, closed.name if closed else "no record, removed"
        )
        if closed:
            index_closed_warc(closed)
            repaired.append(closed)
    return repaired

"""Repair what killed runs left: their ``.open`` WARC files (see :mod:`archiver.capture.recovery`).

A file a live process writes is locked and left alone, so this is safe beside running
crawls; each idle file is cut after its last complete record, renamed and indexed. The
pages of a killed crawl are resumed by the spider from the state's pending rows.
"""

from __future__ import annotations

from pathlib import Path

from archiver.capture.recovery import repair_archive
from archiver.capture.warcfiles import safe_name_part


def site_warc_prefix(base_prefix: str, site: str) -> str:
    """The WARC file prefix of a site's runs: ``<base_prefix>-<site>``."""
    return f"{base_prefix}-{safe_name_part(site)}"


def repair_open_warcs(archive: Path | str, prefix: str | None = None) -> list[Path]:
    """Close the idle ``.open`` WARC files (of ``prefix`` only, when given) in ``archive``; the files
    kept (those without a record are removed)."""
    return repair_archive(archive, prefix).repaired

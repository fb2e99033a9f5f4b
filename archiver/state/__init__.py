"""The crawl state of an archive: what each site's runs fetched, for incremental and resumed runs.

One SQLite database per site (``<archive>/state/<site>.sqlite3``, WAL) holds per URL the
last fetch (time, status, ETag, Last-Modified, payload and content digests, record id)
and the runs (:mod:`archiver.state.db`). A run holds the site's lock
(:mod:`archiver.state.lock`) and repairs what a killed run left (:mod:`archiver.capture.repair`);
the spider asks :mod:`archiver.state.recheck` which known pages are due again, and the
record pipeline keeps earlier versions of changed articles (:mod:`archiver.records.versions`).
"""

from __future__ import annotations

import re
from pathlib import Path

STATE_DIR = "state"
_UNSAFE = re.compile(r"[^-A-Za-z0-9._]+")


def state_dir(archive: Path | str) -> Path:
    """``<archive>/state``: the site databases, locks and the digest index."""
    return Path(archive) / STATE_DIR


def site_file(archive: Path | str, site: str, suffix: str) -> Path:
    """``<archive>/state/<site><suffix>``, the site name made safe for a file name."""
    return state_dir(archive) / f"{_UNSAFE.sub('-', site).strip('-') or 'site'}{suffix}"

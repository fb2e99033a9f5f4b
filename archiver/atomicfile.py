"""Atomic file writes: a reader, a full disk or a killed process never sees a half-written file.

The data goes to a temporary name in the target's folder, is flushed to disk, then
renamed over the target (a rename within one file system is atomic).
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_unless_held(path: Path) -> bool:
    """Remove ``path`` unless a live process holds an ``flock`` on it (a dead one's is free);
    whether it was removed."""
    try:
        with open(path, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            path.unlink()
    except (BlockingIOError, FileNotFoundError):
        return False
    return True

"""The lock of a site's runs: ``<archive>/state/<site>.lock``, an ``flock`` held for the run.

The kernel releases the lock when the process ends, however it ends (SIGKILL
included), so a stale lock file never blocks the next run. The holder's pid and
start time are written in the file for the message a refused run prints.
"""

from __future__ import annotations

import fcntl
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from archiver.state import site_file


class SiteLocked(RuntimeError):
    """Another run holds the lock of this archive and site."""


class SiteLock:
    """A non-blocking exclusive lock on one site of one archive (a context manager)."""

    def __init__(self, archive: Path | str, site: str) -> None:
        self.path = site_file(archive, site, ".lock")
        self.site = site
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock at once, or raise :class:`SiteLocked` naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise SiteLocked(f"site {self.site!r} is being crawled into this archive by {holder} "
                             f"(lock {self.path})") from None  # fmt: skip
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Drop the lock (idempotent)."""
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def __enter__(self) -> SiteLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

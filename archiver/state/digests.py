"""The digest index of one archive on one machine, an SQLite file beside the crawl states.

See :mod:`archiver.capture.digestindex` for what a digest index does; this one is the
default (``ARCHIVER_DIGEST_INDEX``) of crawls that share no Redis.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import BaseSettings

from archiver.capture.digestindex import OriginalCapture
from archiver.state import state_dir
from archiver.state.db import open_database


class SqliteDigestIndex:
    """The digest index of one archive on one machine: ``<archive>/state/_digests.sqlite3``.

    A claim is one ``INSERT OR IGNORE`` then a read, in one immediate transaction,
    so concurrent crawls of the same archive (other sites, other processes) agree
    on a single original per digest.
    """

    FILENAME = "_digests.sqlite3"  # no site state file starts with "_"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.db = open_database(self.path)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS digests (payload_digest TEXT PRIMARY KEY, "
            "record_id TEXT NOT NULL, target_uri TEXT NOT NULL, warc_date TEXT NOT NULL)"
        )

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> SqliteDigestIndex:
        return cls(state_dir(settings.get("ARCHIVER_ARCHIVE_DIR", "archive")) / cls.FILENAME)

    def lookup(self, payload_digest: str) -> OriginalCapture | None:
        """The original capture of ``payload_digest``, or None."""
        query = "SELECT record_id, target_uri, warc_date FROM digests WHERE payload_digest = ?"
        row = self.db.execute(query, (payload_digest,)).fetchone()
        return OriginalCapture(*row) if row else None

    def claim(self, payload_digest: str, capture: OriginalCapture) -> OriginalCapture | None:
        """Atomically: the original capture of ``payload_digest``, or None after making ``capture`` it."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            inserted = self.db.execute(
                "INSERT OR IGNORE INTO digests VALUES (?, ?, ?, ?)",
                (payload_digest, capture.record_id, capture.target_uri, capture.warc_date),
            ).rowcount
            query = "SELECT record_id, target_uri, warc_date FROM digests WHERE payload_digest = ?"
            row = None if inserted else self.db.execute(query, (payload_digest,)).fetchone()
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return OriginalCapture(*row) if row else None

    def close(self) -> None:
        self.db.close()

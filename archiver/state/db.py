"""The state database of one site: per URL its last fetch, and the site's runs.

SQLite in WAL mode, one file per site (``<archive>/state/<site>.sqlite3``), no server.
Writes are queued in memory and committed in one transaction by :meth:`CrawlState.flush`
(the crawl-state extension flushes every second and at the end), so the crawl pays
for a commit a second, not one per page. A row is ``pending`` from the moment the
spider queues its URL until its page is durably stored; a run that ends cleanly
clears the flag, so rows still pending at the start of a run are the unfinished
work of a killed run, which the spider queues again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from archiver.crawl.failures import BROKEN_LINK_STATUSES
from archiver.state import site_file

SUFFIX = ".sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,      -- canonical URL as requested
    kind TEXT,                 -- article, listing, feed, sitemap, other ...
    status INTEGER,
    etag TEXT,
    last_modified TEXT,
    payload_digest TEXT,       -- of the body as stored in the WARC (content-coded)
    content_digest TEXT,       -- of the decoded body: what "unchanged" is decided on
    record_id TEXT,
    record_path TEXT,
    fetched_at TEXT,           -- WARC-Date of the last fetch
    changed_at TEXT,           -- WARC-Date of the fetch that last wrote its record
    error TEXT,                -- why the last fetch failed, else NULL
    pending INTEGER NOT NULL DEFAULT 0,
    run_id TEXT,
    failed_at TEXT,            -- when the last fetch or record failed (UTC), else NULL
    listed_date TEXT,          -- the sitemap <lastmod> / feed date last seen for it, as written
    capture_id TEXT,           -- WARC-Record-ID of its last full capture (what a 304 confirms)
    capture_uri TEXT,          -- that capture's WARC-Target-URI
    capture_date TEXT          -- and its WARC-Date
);
CREATE INDEX IF NOT EXISTS pages_pending ON pages (pending) WHERE pending = 1;
CREATE TABLE IF NOT EXISTS requisites (
    url TEXT PRIMARY KEY,      -- a page (as requested) or a stylesheet
    resources TEXT NOT NULL    -- JSON [[url, kind], ...]: what it needed when last read
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,          -- NULL: still running, or killed
    finish_reason TEXT,
    pages INTEGER, new INTEGER, changed INTEGER, unchanged INTEGER, revisits INTEGER, errors INTEGER
);
"""


@dataclass
class PageState:
    """What the state knows of one URL."""

    url: str
    kind: str | None = None
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    payload_digest: str | None = None
    content_digest: str | None = None
    record_id: str | None = None
    record_path: str | None = None
    fetched_at: str | None = None
    changed_at: str | None = None
    error: str | None = None
    pending: int = 0
    run_id: str | None = None
    failed_at: str | None = None
    listed_date: str | None = None
    capture_id: str | None = None
    capture_uri: str | None = None
    capture_date: str | None = None


_COLUMNS = [f.name for f in fields(PageState)]


def state_path(archive: Path | str, site: str) -> Path:
    """``<archive>/state/<site>.sqlite3``."""
    return site_file(archive, site, SUFFIX)


def open_database(path: Path) -> sqlite3.Connection:
    """A connection to the SQLite file ``path`` in WAL mode (created empty if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")  # WAL: a killed process loses no commit
    return connection


#: Columns added since the first schema: (table, column, type), added to older files on open
#: (the migration of a state database an older archiver wrote).
ADDED_COLUMNS = (
    ("pages", "failed_at", "TEXT"),
    # change detection by listed dates, conditional GETs (what a 304 confirms)
    ("pages", "listed_date", "TEXT"),
    ("pages", "capture_id", "TEXT"),
    ("pages", "capture_uri", "TEXT"),
    ("pages", "capture_date", "TEXT"),
)


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the state database at ``path`` (created with its tables if missing, migrated)."""
    connection = open_database(path)
    connection.executescript(SCHEMA)
    for table, column, kind in ADDED_COLUMNS:
        if column not in {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}:
            try:
                connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            except sqlite3.OperationalError as exc:  # another run opening the file added it first
                if "duplicate column" not in str(exc):
                    raise
    return connection


class CrawlState:
    """The state of one site: page rows, runs, and the writes not yet committed."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.db = connect(self.path)
        self._writes: list[tuple[str, tuple[Any, ...]]] = []

    @classmethod
    def open(cls, archive: Path | str, site: str) -> CrawlState:
        """The state of ``site`` in ``archive``."""
        return cls(state_path(archive, site))

    # --- reads -------------------------------------------------------------------------
    def page(self, url: str) -> PageState | None:
        """The committed row of ``url``, or None for a URL never queued."""
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM pages WHERE url = ?", (url,)).fetchone()
        return PageState(*row) if row else None

    def pending_urls(self) -> list[str]:
        """URLs a killed run queued and never stored, oldest first."""
        return [url for (url,) in self.db.execute("SELECT url FROM pages WHERE pending = 1 ORDER BY rowid")]

    def unfinished_urls(self) -> list[str]:
        """URLs to fetch again whatever leads to them: pending (a killed or stopped run's), or whose
        last fetch, capture or record failed (a broken link, 404/410, excepted), oldest first."""
        query = (
            "SELECT url FROM pages WHERE pending = 1 OR (error IS NOT NULL AND COALESCE(status, 0) "
            f"NOT IN ({', '.join(map(str, BROKEN_LINK_STATUSES))})) ORDER BY rowid"
        )
        return [url for (url,) in self.db.execute(query)]

    def pages(self) -> Iterator[PageState]:
        """Every committed row, by URL."""
        for row in self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM pages ORDER BY url"):
            yield PageState(*row)

    def requisites(self, url: str) -> list[tuple[str, str]]:
        """The requisites (URL, kind) ``url`` needed when it was last read (empty: none known)."""
        row = self.db.execute("SELECT resources FROM requisites WHERE url = ?", (url,)).fetchone()
        return [(found, kind) for found, kind in json.loads(row[0])] if row else []

    def runs(self) -> list[dict[str, Any]]:
        """Every run, the latest first."""
        cursor = self.db.execute("SELECT * FROM runs ORDER BY started_at DESC")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    # --- writes (queued until flush) -------------------------------------------------------
    def queue(self, url: str, run_id: str) -> None:
        """``url`` is about to be requested: pending until :meth:`store`."""
        self._writes.append((
            "INSERT INTO pages (url, pending, run_id) VALUES (?, 1, ?) "
            "ON CONFLICT (url) DO UPDATE SET pending = 1, run_id = excluded.run_id",
            (url, run_id),
        ))  # fmt: skip

    def store(self, page: PageState) -> None:
        """The fetch of ``page.url`` is done and its record (if any) durably written.

        The listed date is kept as it is unless ``page`` names one (see :meth:`note_listed`).
        """
        values = {**page.__dict__, "pending": 0}
        updates = ", ".join(
            f"{name} = excluded.{name}"
            if name != "listed_date"
            else f"{name} = coalesce(excluded.{name}, {name})"
            for name in _COLUMNS[1:]
        )
        self._writes.append((
            f"INSERT INTO pages ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
            f"ON CONFLICT (url) DO UPDATE SET {updates}",
            tuple(values[name] for name in _COLUMNS),
        ))  # fmt: skip

    def note_requisites(self, url: str, resources: list[tuple[str, str]]) -> None:
        """``url`` (a page, a stylesheet) needs ``resources`` (URL, kind): what a 304 of it re-checks."""
        self._writes.append((
            "INSERT INTO requisites (url, resources) VALUES (?, ?) "
            "ON CONFLICT (url) DO UPDATE SET resources = excluded.resources",
            (url, json.dumps(resources, separators=(",", ":"))),
        ))  # fmt: skip

    def note_listed(self, url: str, listed_date: str) -> None:
        """A sitemap or feed lists ``url`` with ``listed_date`` (its ``<lastmod>``, ``updated`` ...)."""
        self._writes.append((
            "INSERT INTO pages (url, listed_date) VALUES (?, ?) "
            "ON CONFLICT (url) DO UPDATE SET listed_date = excluded.listed_date",
            (url, listed_date),
        ))  # fmt: skip

    def confirm(
        self, url: str, fetched_at: str, etag: str | None, last_modified: str | None, run_id: str
    ) -> None:
        """A re-check of ``url`` was answered 304: its last capture still holds (validators refreshed)."""
        self._writes.append((
            "UPDATE pages SET fetched_at = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
            "error = NULL, failed_at = NULL, pending = 0, run_id = ? WHERE url = ?",
            (fetched_at, etag, last_modified, run_id, url),
        ))  # fmt: skip

    def fail(self, url: str, reason: str, status: int | None, run_id: str, failed_at: str) -> None:
        """The fetch of ``url`` failed (``status``: its HTTP status, or None): recorded, no longer
        pending; the earlier fetch's digests and record stay."""
        self._writes.append((
            "INSERT INTO pages (url, status, error, pending, run_id, failed_at) VALUES (?, ?, ?, 0, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET status = excluded.status, error = excluded.error, pending = 0, "
            "run_id = excluded.run_id, failed_at = excluded.failed_at",
            (url, status, reason, run_id, failed_at),
        ))  # fmt: skip

    def failing(self) -> Iterator[PageState]:
        """The rows whose last fetch or record failed, by URL."""
        query = f"SELECT {', '.join(_COLUMNS)} FROM pages WHERE error IS NOT NULL ORDER BY url"
        for row in self.db.execute(query):
            yield PageState(*row)

    def begin_run(self, run_id: str, started_at: str) -> None:
        """A run starts (unfinished until :meth:`end_run`)."""
        self._writes.append(
            ("INSERT OR REPLACE INTO runs (run_id, started_at) VALUES (?, ?)", (run_id, started_at))
        )

    def end_run(self, run_id: str, finished_at: str, reason: str, counts: dict[str, int]) -> None:
        """Close the run; a clean end (``finished``) leaves nothing pending."""
        names = ("pages", "new", "changed", "unchanged", "revisits", "errors")
        self._writes.append((
            f"UPDATE runs SET finished_at = ?, finish_reason = ?, {', '.join(f'{n} = ?' for n in names)} "
            "WHERE run_id = ?",
            (finished_at, reason, *(counts.get(n, 0) for n in names), run_id),
        ))  # fmt: skip
        if reason == "finished":
            self._writes.append(("UPDATE pages SET pending = 0 WHERE pending = 1", ()))

    @property
    def backlog(self) -> int:
        """How many writes wait for :meth:`flush`."""
        return len(self._writes)

    def flush(self) -> int:
        """Commit the queued writes in one transaction; how many there were."""
        writes, self._writes = self._writes, []
        if not writes:
            return 0
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for sql, params in writes:
                self.db.execute(sql, params)
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self._writes[:0] = writes  # kept for the next flush (a full disk may free up)
            raise
        self.db.execute("COMMIT")
        return len(writes)

    def close(self) -> None:
        """Commit what is queued and close the database."""
        self.flush()
        self.db.close()

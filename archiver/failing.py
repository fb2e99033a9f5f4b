"""The URLs of an archive whose last fetch or record failed, across runs.

Crawled sites keep each URL's last outcome in their crawl state
(``state/<site>.sqlite3``: the error, its HTTP status and when); URLs archived
without a crawl state (``archiver archive``, the workers of a shared crawl) are
followed through the runs' stats files (``runs/*.json``), oldest first: a failure
stands until a later run archives the URL. Each failure is an error or a broken link (404/410), as a run counts it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from archiver.crawl.failures import FailureKind, failure_kind
from archiver.extensions.runstats import runs_dir
from archiver.state import state_dir
from archiver.state.db import SUFFIX, CrawlState
from archiver.state.digests import SqliteDigestIndex


@dataclass(frozen=True)
class FailingUrl:
    """One URL whose last fetch or record failed."""

    url: str
    kind: FailureKind
    reason: str
    status: int | None  # HTTP status of the failed fetch; None: no answer (DNS, refused, timeout ...)
    at: str | None  # when (ISO 8601, UTC)
    site: str | None  # the crawled site, None for URLs archived one by one
    run_id: str | None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind.value}


def site_state_paths(archive: Path) -> list[Path]:
    """The crawl-state database of every site crawled into ``archive``."""
    folder = state_dir(archive)
    paths = sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []
    return [path for path in paths if path.name != SqliteDigestIndex.FILENAME]


def run_files(archive: Path) -> list[dict[str, Any]]:
    """Every readable run stats file of ``archive``, oldest run first."""
    runs = []
    folder = runs_dir(archive)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            runs.append(json.loads(path.read_text("utf-8")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue  # being replaced, or not a run file
    return sorted(runs, key=lambda run: run.get("started_at") or "")


def state_failures(path: Path) -> Iterator[FailingUrl]:
    """The failing URLs of one site's crawl state."""
    site = path.name.removesuffix(SUFFIX)
    state = CrawlState(path)
    try:
        for page in state.failing():
            yield FailingUrl(page.url, failure_kind(page.status), page.error or "", page.status,
                             page.failed_at or page.fetched_at, site, page.run_id)  # fmt: skip
    finally:
        state.close()


def stateless_failures(runs: list[dict[str, Any]], sites_with_state: set[str]) -> dict[str, FailingUrl]:
    """The URLs that failed in runs without a crawl state (``archiver archive``, shared crawls)
    and were not archived by a later one."""
    failing: dict[str, FailingUrl] = {}
    for run in runs:
        if run.get("site") in sites_with_state:
            continue
        for url in run.get("urls_ok") or []:
            failing.pop(url, None)
        for entry in [*(run.get("errors") or []), *(run.get("broken_links") or [])]:
            if entry.get("url"):
                failing[entry["url"]] = FailingUrl(
                    entry["url"], failure_kind(entry.get("status")), entry.get("reason") or "",
                    entry.get("status"), entry.get("at") or run.get("finished_at"), run.get("site"), run.get("run_id"),
                )  # fmt: skip
    return failing


def failing_urls(archive: Path) -> list[FailingUrl]:
    """Every URL of ``archive`` whose last fetch or record failed, newest failure first."""
    paths = site_state_paths(archive)
    found = list(
        stateless_failures(run_files(archive), {path.name.removesuffix(SUFFIX) for path in paths}).values()
    )
    for path in paths:
        found.extend(state_failures(path))
    return sorted(found, key=lambda failure: (failure.at or "", failure.url), reverse=True)

"""Failing URLs followed through the run files of runs that keep no crawl state (shared crawls, archive)."""

from __future__ import annotations

import json
from pathlib import Path

from archiver.crawl.failures import FailureKind
from archiver.failing import failing_urls
from archiver.state.db import CrawlState


def write_run(archive: Path, run_id: str, site: str | None, errors=(), broken=(), ok=()) -> None:
    run = {"run_id": run_id, "site": site, "started_at": f"2026-11-24T0{run_id[-1]}:00:00+00:00",
           "finished_at": f"2026-11-24T0{run_id[-1]}:30:00+00:00", "urls_ok": list(ok),
           "errors": [{"url": u, "reason": "HTTP 500", "status": 500, "at": None} for u in errors],
           "broken_links": [{"url": u, "reason": "HTTP 404", "status": 404, "at": None} for u in broken]}  # fmt: skip
    (archive / "runs").mkdir(parents=True, exist_ok=True)
    (archive / "runs" / f"{run_id}.json").write_text(json.dumps(run), "utf-8")


def test_a_later_run_that_archives_a_url_clears_its_failure(tmp_path: Path) -> None:
    write_run(tmp_path, "r1", "shared", errors=["http://s/a", "http://s/b"], broken=["http://s/gone"])
    write_run(tmp_path, "r2", "shared", ok=["http://s/a"])  # another worker, later: a is archived now
    write_run(tmp_path, "r3", None, errors=["http://x/one"])  # archiver archive
    # A site with a crawl state answers from it; its run files are not read for failures.
    state = CrawlState.open(tmp_path, "kept")
    state.fail("http://k/z", "HTTP 503", 503, "r4", "2026-11-24T05:00:00+00:00")
    state.close()
    write_run(tmp_path, "r4", "kept", errors=["http://k/not-from-the-run-file"])
    found = {f.url: f for f in failing_urls(tmp_path)}
    assert set(found) == {"http://s/b", "http://s/gone", "http://x/one", "http://k/z"}
    assert (
        found["http://s/gone"].kind == FailureKind.BROKEN_LINK
        and found["http://s/b"].kind == FailureKind.ERROR
    )
    assert found["http://s/b"].site == "shared" and found["http://s/b"].at == "2026-11-24T01:30:00+00:00"
    assert found["http://x/one"].site is None and found["http://k/z"].site == "kept"

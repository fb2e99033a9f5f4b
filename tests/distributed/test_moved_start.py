"""A start URL redirected to another host: every worker crawls the new host, not just the one that saw it."""

from __future__ import annotations

import json

from archiver.demo.server import Page, Request, SiteServer
from tests.support.fixturesite import article_html, html, listing_html
from tests.support.records import read_records
from tests.support.workers import start_worker, worker_log

SLUGS = [f"moved-{a}{b}" for a in "ab" for b in "abcdef"]


def moved_routes(port: int) -> dict[str, object]:
    """``http://127.0.0.1:PORT/`` redirects to ``http://localhost:PORT/``, where the articles are."""

    def home(request: Request) -> Page:
        if request.headers.get("Host", "").startswith("127.0.0.1"):
            return Page(status=301, location=f"http://localhost:{port}/")
        return html(listing_html("Moved", SLUGS))

    routes: dict[str, object] = {
        "/": home,
        "/robots.txt": Page(b"User-agent: *\n", content_type="text/plain"),
    }
    for slug in SLUGS:
        routes[f"/article/{slug}/"] = html(article_html(slug), delay=0.3)
    return routes


def test_workers_share_the_host_a_start_url_moved_to(redis_server, sandbox_env, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    with SiteServer() as server:
        server.routes.update(moved_routes(server.port))
        workers = [
            start_worker(server.url("/"), archive, f"{redis_server}/4", w, sandbox_env) for w in ("m1", "m2")
        ]
        for name, worker in zip(("m1", "m2"), workers, strict=True):
            assert worker.wait(60) in (0, 1), worker_log(archive, name)[-3000:]
    recorded = sorted(r["url"] for r in read_records(archive))
    assert recorded == [f"http://localhost:{server.port}/article/{slug}/" for slug in SLUGS]
    runs = [json.loads(path.read_text("utf-8")) for path in (archive / "runs").glob("*.json")]
    assert not [run for run in runs if run["stats"].get("archiver/pages_skipped")]  # none dropped off-site
    assert all(run["stats"].get("response_received_count") for run in runs), "a worker fetched nothing"

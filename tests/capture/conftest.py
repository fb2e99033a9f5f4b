"""One capture crawl of a fixture site with every awkward page, shared by the capture tests."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest

from archiver.demo.server import Page, Request, SiteServer
from tests.support.capture import CaptureRun, run_capture
from tests.support.capturesite import ASKED, PAGES, SLOW_DELAY, article
from tests.support.pywb import pywb_replay  # noqa: F401 - the replay fixture


@dataclass
class CapturedSite:
    """The fixture site, the crawl of it, and when the server received /slow."""

    server: SiteServer
    run: CaptureRun
    slow_received: list[float] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.server.url(path)


@pytest.fixture(scope="session")
def captured_site(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]):
    """The fixture site crawled once with the archiver's settings (server kept running)."""
    received: list[float] = []

    def slow(request: Request) -> Page:
        received.append(time.time())
        return Page(article("Lent"), delay=SLOW_DELAY)

    with SiteServer({**PAGES, "/slow": slow}) as server:
        urls = [server.url(path) for path in [*ASKED, "/slow"]]
        run = run_capture(urls, tmp_path_factory.mktemp("capture") / "archive", sandbox_env)
        yield CapturedSite(server, run, received)

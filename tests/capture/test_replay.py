"""Replay proof: pywb serves the captured pages back as they were served."""

from __future__ import annotations

import re

from tests.support.capturesite import PAGES


def timestamp14(capture: dict) -> str:
    """The 14-digit timestamp pywb uses, from a capture's WARC-Date."""
    return re.sub(r"\D", "", capture["warc_date"])[:14]


def test_gzip_and_chunked_pages_replay_as_served(captured_site, pywb_replay):
    replay = pywb_replay(captured_site.run.warcs())
    for path in ("/gzip", "/chunked", "/gzip-chunked"):
        capture = captured_site.run.items[captured_site.url(path)]["capture"]
        replayed = replay.get(captured_site.url(path), timestamp14(capture))
        assert replayed.status == 200, path
        assert replayed.body == PAGES[path].body, path
        assert replayed.headers.get("memento-datetime")


def test_redirect_replays_as_redirect_and_its_target_as_200(captured_site, pywb_replay):
    replay = pywb_replay(captured_site.run.warcs())
    item = captured_site.run.items[captured_site.url("/old")]
    for hop, status, location in zip(item["redirects"], (301, 302), ("/moved", "/target"), strict=True):
        replayed = replay.get(hop["url"], timestamp14(hop))
        assert replayed.status == status
        assert replayed.headers["location"].endswith(location)
    target = replay.get(item["url"], timestamp14(item["capture"]))
    assert target.status == 200
    assert target.body == PAGES["/target"].body

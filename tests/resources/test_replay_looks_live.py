"""Rendered like the original: headless Chromium shows the live article and its pywb replay alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from tests.support.browser import banner_aligned_difference, screenshot
from tests.support.resourcesite import ResourceCrawl

#: Share of pixels allowed to differ between the live and the replayed screenshot.
TOLERANCE = 0.002

pytestmark = pytest.mark.browser


def test_the_replayed_article_looks_like_the_live_one(
    resource_crawl: ResourceCrawl, pywb_replay, tmp_path: Path
) -> None:
    site = resource_crawl.site
    url = site.url("/article/one/")
    live = screenshot(url, tmp_path / "live.png")
    record = resource_crawl.records()[url]
    timestamp = re.sub(r"\D", "", record["fetched_at"])[:14]
    served = len(site.pages.requests) + len(site.images.requests)
    replay = pywb_replay(sorted((resource_crawl.archive / "warc").glob("*.warc.gz")))
    replayed = screenshot(f"http://127.0.0.1:{replay.port}/{replay.collection}/{timestamp}mp_/{url}",
                          tmp_path / "replayed.png")  # fmt: skip
    assert len(site.pages.requests) + len(site.images.requests) == served, "the replay reached the live site"
    banner, share = banner_aligned_difference(live, replayed)
    assert share <= TOLERANCE and banner <= 120, (banner, share)
    # The comparison can tell a page without its requisites: the HTML alone, replayed.
    bare = pywb_replay([html_only(resource_crawl.archive / "warc", url, tmp_path / "bare.warc.gz")])
    unstyled = screenshot(f"http://127.0.0.1:{bare.port}/{bare.collection}/{timestamp}mp_/{url}",
                          tmp_path / "unstyled.png")  # fmt: skip
    assert banner_aligned_difference(live, unstyled)[1] > 0.05


def test_pywb_misses_no_captured_requisite(
    resource_crawl: ResourceCrawl, pywb_replay, tmp_path: Path
) -> None:
    """Every request the replayed page makes for a captured requisite is answered from the archive."""
    site = resource_crawl.site
    url = site.url("/article/one/")
    timestamp = re.sub(r"\D", "", resource_crawl.records()[url]["fetched_at"])[:14]
    replay = pywb_replay(sorted((resource_crawl.archive / "warc").glob("*.warc.gz")))
    screenshot(
        f"http://127.0.0.1:{replay.port}/{replay.collection}/{timestamp}mp_/{url}", tmp_path / "shot.png"
    )
    log = (tmp_path / "pywb0" / "wayback.log").read_text("utf-8", errors="replace")
    asked = {target: status for target, status in REPLAY_REQUEST.findall(log)}
    wanted = site.captured - {site.url("/img/missing.png")}  # captured as the 404 it was
    shown = {u for u in wanted if u in asked}
    assert shown >= {site.url("/css/main.css"), site.url("/css/base.css"), site.url("/fonts/mono.ttf"),
                     site.image("/photos/lead-1280.png"), site.image("/photos/lazy.png")}  # fmt: skip
    assert {u: asked[u] for u in shown if asked[u] != "200"} == {}


#: A replay request in pywb's access log: the archived URL and the status pywb answered.
REPLAY_REQUEST = re.compile(r'"GET /[^/ ]+/[0-9]+[a-z_]*/(\S+) HTTP/1\.[01]" ([0-9]{3})')


def html_only(warc_dir: Path, url: str, output: Path) -> Path:
    """A WARC holding only the response record of ``url`` from the WARCs of ``warc_dir``."""
    with output.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for path in sorted(warc_dir.glob("*.warc.gz")):
            with path.open("rb") as stream:
                for record in ArchiveIterator(stream):
                    if (
                        record.rec_type == "response"
                        and record.rec_headers.get_header("WARC-Target-URI") == url
                    ):
                        writer.write_record(record)
    return output

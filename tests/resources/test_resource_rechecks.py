"""Re-runs re-check page resources like pages: conditional GETs, 304 -> revisit, even behind a 304 page.

The site (tests/support/changingsite.py) answers every conditional request it can with a 304.
Article a1's stylesheet ``@import``s a theme and names a background, a2 has a plain one; each
has its own lead image. Between the two runs only the theme (behind the unchanged a1 and its
stylesheet: reached only through what the crawl state kept) and a2's text change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from archiver.capture.records import SERVER_NOT_MODIFIED
from archiver.records.pointer import capture_problems
from tests.support.capture import ReadRecord, read_warc_records
from tests.support.changingsite import ChangingSite, crawl, site_profile
from tests.support.records import read_records
from tests.support.resourcesite import png

PNG = "image/png"
CSS = "text/css; charset=utf-8"
THEME_BEFORE, THEME_AFTER = b"h1 { color: #a02020; }\n", b"h1 { color: #20a020; font-size: 40px; }\n"
UNCHANGED_RESOURCES = ("/css/site.css", "/css/plain.css", "/img/bg.png", "/img/a1.png", "/img/a2.png")
STYLESHEETS = {"a1": "site.css", "a2": "plain.css"}


def article(slug: str, text: str) -> bytes:
    paragraphs = "\n".join(f"<p>{text} Paragraph {n} of {slug} says more about critical minerals, ports "
                           f"and supply chains, with enough words to count as article text.</p>"
                           for n in range(6))  # fmt: skip
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article {slug}</title>
<meta property="og:type" content="article"><link rel="stylesheet" href="/css/{STYLESHEETS[slug]}"></head>
<body><article><h1>Article {slug}</h1><p class="byline">By Ada Lovelace, 12 March 2025</p>
<figure><img src="/img/{slug}.png" width="200" height="80" alt="Lead photo of {slug}">
<figcaption>The lead photo of {slug}. Photo: Ana Lima / AFP</figcaption></figure>
{paragraphs}</article><footer><a href="/">Home</a></footer></body></html>""".encode()


@dataclass
class Rechecked:
    site: ChangingSite
    archive: Path
    first: list[ReadRecord]  # the records of the first run's WARCs
    second: list[ReadRecord]  # and of the second's
    requests: dict[str, dict[str, str]]  # path -> headers of the second run's request for it
    answered_304: list[str]  # paths the second run got a 304 for

    def of(self, records: list[ReadRecord], kind: str, path: str) -> list[ReadRecord]:
        url = self.site.server.url(path)
        return [r for r in records if r.type == kind and r.uri == url]


@pytest.fixture(scope="module")
def rechecked(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]):
    site = ChangingSite(has_sitemap=False)
    for slug in ("a1", "a2"):
        site.put(slug, article(slug, "First version."), "2025-03-12")
        site.assets[f"/img/{slug}.png"] = (png(200, 80, (120, 40, 40), slug), PNG)
    site.assets["/css/site.css"] = (
        b'@import url("theme.css");\nbody { background: url(/img/bg.png); }\n',
        CSS,
    )
    site.assets["/css/theme.css"] = (THEME_BEFORE, CSS)
    site.assets["/css/plain.css"] = (b"body { margin: 0; }\n", CSS)
    site.assets["/img/bg.png"] = (png(40, 40, (20, 120, 60), "bg"), PNG)
    root = tmp_path_factory.mktemp("rechecks")
    sites_dir, archive = site_profile(root / "sites", site), root / "archive"
    with site.server.start():
        first = crawl(archive, sites_dir, sandbox_env)
        assert first.returncode == 0, first.stderr[-3000:]
        first_warcs = set((archive / "warc").glob("*.warc.gz"))
        site.assets["/css/theme.css"] = (THEME_AFTER, CSS)
        site.put("a2", article("a2", "Second version, corrected."), "2025-03-12")
        served = len(site.server.requests)
        second = crawl(archive, sites_dir, sandbox_env, "ARCHIVER_RECHECK_INTERVAL=0")
        assert second.returncode == 0, second.stderr[-3000:]
    requests = {r.path: r.headers for r in site.server.requests[served:]}
    later = sorted(set((archive / "warc").glob("*.warc.gz")) - first_warcs)
    yield Rechecked(
        site,
        archive,
        [r for path in sorted(first_warcs) for r in read_warc_records(path)],
        [r for path in later for r in read_warc_records(path)],
        requests,
        list(site.not_modified),
    )


def test_known_resources_are_requested_conditionally_and_304s_are_not_modified_revisits(
    rechecked: Rechecked,
) -> None:
    assert "/article/a1/" in rechecked.answered_304  # the page itself is unchanged
    for path in UNCHANGED_RESOURCES:
        assert "If-None-Match" in rechecked.requests[path] and "If-Modified-Since" in rechecked.requests[path]
        assert rechecked.answered_304.count(path) == 1, path  # once per run, however many pages use it
        (original,) = rechecked.of(rechecked.first, "response", path)
        (revisit,) = rechecked.of(rechecked.second, "revisit", path)
        assert rechecked.of(rechecked.second, "response", path) == []
        headers = revisit.warc
        assert headers["WARC-Profile"] == SERVER_NOT_MODIFIED
        assert headers["WARC-Refers-To"] == original.warc["WARC-Record-ID"]
        assert headers["WARC-Refers-To-Date"] == original.warc["WARC-Date"]
        assert headers["WARC-Payload-Digest"] == original.warc["WARC-Payload-Digest"]


def test_a_changed_stylesheet_behind_an_unchanged_page_is_captured_again(rechecked: Rechecked) -> None:
    # a1 answered 304 and site.css 304: theme.css is known only from the state's requisites.
    assert "If-None-Match" in rechecked.requests["/css/theme.css"]
    assert "/css/theme.css" not in rechecked.answered_304
    (before,) = rechecked.of(rechecked.first, "response", "/css/theme.css")
    (after,) = rechecked.of(rechecked.second, "response", "/css/theme.css")
    assert before.payload == THEME_BEFORE and after.payload == THEME_AFTER


def test_the_changed_record_points_at_its_image_s_revisit(rechecked: Rechecked) -> None:
    record = {r["url"]: r for r in read_records(rechecked.archive)}[rechecked.site.url("a2")]
    assert record["version"] == 2 and "Second version" in record["body"]
    (image,) = record["images"]
    assert image["url"] == rechecked.site.server.url("/img/a2.png") and image["not_captured"] is None
    (revisit,) = rechecked.of(rechecked.second, "revisit", "/img/a2.png")
    assert image["warc"]["record_id"] == revisit.warc["WARC-Record-ID"]
    assert (
        capture_problems(image["warc"], {"WARC-Target-URI": image["url"]}, rechecked.archive / "warc") == []
    )


def test_pywb_replays_the_second_run_with_the_new_theme_and_the_confirmed_images(
    rechecked: Rechecked, pywb_replay
) -> None:
    replay = pywb_replay(sorted((rechecked.archive / "warc").glob("*.warc.gz")))
    (revisit,) = rechecked.of(rechecked.second, "revisit", "/img/a2.png")
    timestamp = "".join(ch for ch in revisit.warc["WARC-Date"] if ch.isdigit())[:14]
    image = replay.get(rechecked.site.server.url("/img/a2.png"), timestamp)
    assert image.status == 200 and image.body == rechecked.site.assets["/img/a2.png"][0]
    theme = replay.get(rechecked.site.server.url("/css/theme.css"), timestamp)
    assert theme.status == 200 and theme.body == THEME_AFTER

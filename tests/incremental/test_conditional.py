"""Re-runs that miss no edit and fetch no unchanged body: listed dates as written, conditional GETs, 304 revisits."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.capture.records import SERVER_NOT_MODIFIED
from tests.support.changingsite import ChangingSite, article_html, crawl, site_profile, start_site
from tests.support.records import read_records
from tests.support.requires import ROOT

UNCHANGED = ("a1", "a3", "a4")


def records_by_type(paths: list[Path]) -> list[tuple[str, dict[str, str], bytes]]:
    """(WARC-Type, WARC headers, block: the HTTP head warcio parsed, then the rest) of every record of ``paths``."""
    found = []
    for path in paths:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                head = record.http_headers.to_str().encode("latin-1") if record.http_headers else b""
                found.append(
                    (record.rec_type, dict(record.rec_headers.headers), head + record.raw_stream.read())
                )
    return found


def run_file(archive: Path, done: subprocess.CompletedProcess) -> dict:
    (path,) = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if line.startswith("run stats: ")]
    return json.loads(Path(path).read_text("utf-8"))


@dataclass
class Conditional:
    site: ChangingSite
    archive: Path
    first_warcs: set[Path]
    first_records: dict[str, bytes]
    second: subprocess.CompletedProcess
    answered_304: list[str]
    third_304: list[str]

    def new_warcs(self) -> list[Path]:
        return sorted(set((self.archive / "warc").glob("*.warc.gz")) - self.first_warcs)


@pytest.fixture(scope="module")
def conditional(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]):
    """No sitemap at all: the edit of a2 is told only by its new validators, the others answer 304."""
    site = start_site(has_sitemap=False)
    root = tmp_path_factory.mktemp("conditional")
    sites_dir, archive = site_profile(root / "sites", site), root / "archive"
    try:
        first = crawl(archive, sites_dir, sandbox_env)
        assert first.returncode == 0, first.stderr
        first_warcs = set((archive / "warc").glob("*.warc.gz"))
        first_records = {r["url"]: Path(p).read_bytes() for p, r in
                         ((p, json.loads(p.read_bytes())) for p in (archive / "records").rglob("*.json"))}  # fmt: skip
        site.put("a2", article_html("a2", "Second version, corrected."), "2025-03-12")  # no date changes
        second = crawl(archive, sites_dir, sandbox_env, "ARCHIVER_RECHECK_INTERVAL=0")
        assert second.returncode == 0, second.stderr
        answered_304 = list(site.not_modified)
        third = crawl(archive, sites_dir, sandbox_env, "ARCHIVER_RECHECK_INTERVAL=0")
        assert third.returncode == 0, third.stderr
        third_304 = site.not_modified[len(answered_304) :]
        yield Conditional(site, archive, first_warcs, first_records, second, answered_304, third_304)
    finally:
        site.server.stop()


def test_unchanged_articles_cost_no_body_and_the_edit_is_found(conditional: Conditional) -> None:
    articles = sorted(f"/article/{slug}/" for slug in UNCHANGED)
    assert sorted(conditional.answered_304) == articles
    assert sorted(conditional.third_304) == sorted([*articles, "/article/a2/"])
    current = {r["url"]: r for r in read_records(conditional.archive)}
    edited = current[conditional.site.url("a2")]
    assert edited["version"] == 2 and "Second version" in edited["body"]
    assert (conditional.archive / edited["supersedes"]["path"]).read_bytes() == conditional.first_records[
        conditional.site.url("a2")
    ]
    for slug in UNCHANGED:  # no new version, the record file untouched
        url = conditional.site.url(slug)
        assert current[url]["version"] == 1
        path = next(
            p
            for p in (conditional.archive / "records").rglob("*.json")
            if json.loads(p.read_bytes())["url"] == url
        )
        assert path.read_bytes() == conditional.first_records[url]
    run = run_file(conditional.archive, conditional.second)
    assert (run["articles_new"], run["articles_changed"], run["not_modified"], run["error_count"]) == (
        0,
        1,
        3,
        0,
    )
    assert run["errors"] == [] and "pages_not_found" not in json.dumps(run["status_counts"])


def test_a_304_is_a_server_not_modified_revisit_of_the_capture_it_confirms(conditional: Conditional) -> None:
    originals = {
        h["WARC-Target-URI"]: h
        for t, h, _ in records_by_type(sorted(conditional.first_warcs))
        if t == "response"
    }
    later = records_by_type(conditional.new_warcs())
    for slug in UNCHANGED:
        url = conditional.site.url(slug)
        revisits = [(h, block) for t, h, block in later if t == "revisit" and h["WARC-Target-URI"] == url]
        assert len(revisits) == 2  # run 2 and run 3: both confirm the first capture
        original = originals[url]
        for headers, block in revisits:
            assert headers["WARC-Profile"] == SERVER_NOT_MODIFIED
            assert headers["WARC-Refers-To"] == original["WARC-Record-ID"]
            assert headers["WARC-Refers-To-Target-URI"] == url
            assert headers["WARC-Refers-To-Date"] == original["WARC-Date"]
            assert headers["WARC-Payload-Digest"] == original["WARC-Payload-Digest"]
            assert block == b"" and headers["Content-Length"] == "0"
            requests = [
                h
                for t, h, b in later
                if t == "request" and h.get("WARC-Concurrent-To") == headers["WARC-Record-ID"]
            ]
            heads = [
                b
                for t, h, b in later
                if t == "metadata" and h.get("WARC-Concurrent-To") == headers["WARC-Record-ID"]
            ]
            assert len(requests) == 1 and heads and heads[0].startswith(b"http-status: 304 Not Modified\r\n")
    requests = [
        b for t, h, b in later if t == "request" and h["WARC-Target-URI"] == conditional.site.url("a1")
    ]
    assert b"If-None-Match: " in requests[0] and b"If-Modified-Since: " in requests[0]
    done = subprocess.run(["warcio", "check", *map(str, conditional.new_warcs())], cwd=ROOT, capture_output=True,
                          text=True, env={"PATH": str(Path(sys.executable).parent)})  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_captures_lists_the_304_and_show_the_stored_record(conditional: Conditional, archiver_cli) -> None:
    url = conditional.site.url("a1")
    done = archiver_cli("captures", url, "--json", "--archive", str(conditional.archive))
    assert done.returncode == 0, done.stderr
    captures = [json.loads(line) for line in done.stdout.splitlines()]
    assert [c["revisit"] for c in captures] == [False, True, True]
    shown = archiver_cli("show", url, "--archive", str(conditional.archive))
    assert f"last captured {captures[-1]['timestamp']}, not modified (304): revisit" in shown.stderr
    assert (
        shown.returncode == 0
        and json.loads(shown.stdout)["warc"]["offset"]
        == json.loads(conditional.first_records[url])["warc"]["offset"]
    )
    valid = archiver_cli("validate", str(conditional.archive))
    assert valid.returncode == 0, valid.stdout + valid.stderr


def test_pywb_replays_the_stored_page_at_the_time_of_the_304(conditional: Conditional, pywb_replay) -> None:
    url = conditional.site.url("a1")
    (revisit, *_) = [h for t, h, _ in records_by_type(conditional.new_warcs())
                     if t == "revisit" and h["WARC-Target-URI"] == url]  # fmt: skip
    timestamp = "".join(ch for ch in revisit["WARC-Date"] if ch.isdigit())[:14]
    replay = pywb_replay(sorted((conditional.archive / "warc").glob("*.warc.gz")))
    replayed = replay.get(url, timestamp)
    assert replayed.status == 200
    assert replayed.body == conditional.site.articles["a1"]
    assert replayed.headers["memento-datetime"]


@pytest.mark.parametrize("listing", ["sitemap", "feed"])
def test_a_date_only_lastmod_of_the_first_run_s_day_is_an_edit(
    listing: str, tmp_path: Path, sandbox_env: dict[str, str]
) -> None:
    """The date (sitemap <lastmod>, or Atom <updated>) changes to the first run's day: midnight, before it."""
    today = datetime.now(UTC).date()
    site = ChangingSite(has_sitemap=listing == "sitemap", has_feed=listing == "feed")
    for slug in ("a1", "a2", "a3"):
        site.put(slug, article_html(slug, "First version."), (today - timedelta(days=3)).isoformat())
    sites_dir, archive = site_profile(tmp_path / "sites", site), tmp_path / "archive"
    with site.server.start():
        assert crawl(archive, sites_dir, sandbox_env).returncode == 0
        before = {slug: site.server.fetched(f"/article/{slug}/") for slug in ("a1", "a2", "a3")}
        # Edited later the same day: the new lastmod (midnight) is older than our first fetch.
        site.put("a2", article_html("a2", "Corrected the same day."), today.isoformat())
        done = crawl(archive, sites_dir, sandbox_env)  # default re-check interval: 7 days
        assert done.returncode == 0, done.stderr
        after = {slug: site.server.fetched(f"/article/{slug}/") for slug in ("a1", "a2", "a3")}
    assert after == {**before, "a2": before["a2"] + 1}
    bodies = {r["url"]: r for r in read_records(archive)}
    assert (
        "Corrected the same day." in bodies[site.url("a2")]["body"] and bodies[site.url("a2")]["version"] == 2
    )

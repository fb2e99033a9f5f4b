"""A re-run over a site that changed: revisits for the unchanged, a new version for the edited, new records."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.capture.check import check_warc
from tests.support.changingsite import ChangingSite, article_html, crawl, site_profile, start_site
from tests.support.records import read_records
from tests.support.requires import ROOT

UNCHANGED = ("a1", "a3", "a4")


@dataclass
class Rerun:
    """Two crawls of one archive, the site edited in between."""

    site: ChangingSite
    archive: Path
    first_records: dict[str, bytes]  # slug → record file bytes after run 1
    first_mtimes: dict[str, int]
    first_warcs: set[Path]
    between: float  # a time after run 1 and before run 2
    second: subprocess.CompletedProcess

    def record_path(self, slug: str) -> Path:
        (path,) = [p for p in (self.archive / "records").rglob("*.json")
                   if json.loads(p.read_bytes())["url"] == self.site.url(slug)]  # fmt: skip
        return path

    def second_warcs(self) -> list[Path]:
        return sorted(set((self.archive / "warc").glob("*.warc.gz")) - self.first_warcs)


def warc_captures(paths: list[Path]) -> dict[str, dict[str, str]]:
    """Target URI → WARC headers of its response or revisit record."""
    found = {}
    for path in paths:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "revisit"):
                    found[record.rec_headers.get_header("WARC-Target-URI")] = dict(record.rec_headers.headers)
    return found


def assert_fixture_honours_conditional_requests(url: str) -> None:
    with urllib.request.urlopen(url) as response:
        etag = response.headers["ETag"]
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(urllib.request.Request(url, headers={"If-None-Match": etag}))
    assert answer.value.code == 304


@pytest.fixture(scope="module")
def rerun(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]):
    site = start_site(validators=False)  # a server that ignores conditional requests
    root = tmp_path_factory.mktemp("rerun")
    sites_dir, archive = site_profile(root / "sites", site), root / "archive"
    try:
        first = crawl(archive, sites_dir, sandbox_env)
        assert first.returncode == 0, first.stderr
        paths = {p: json.loads(p.read_bytes())["url"] for p in (archive / "records").rglob("*.json")}
        by_slug = {url.rstrip("/").rsplit("/", 1)[1]: p for p, url in paths.items()}
        first_records = {slug: p.read_bytes() for slug, p in by_slug.items()}
        first_mtimes = {slug: p.stat().st_mtime_ns for slug, p in by_slug.items()}
        first_warcs = set((archive / "warc").glob("*.warc.gz"))
        time.sleep(1.1)
        between = time.time()
        site.put("a2", article_html("a2", "Second version, corrected."), "2025-03-20")
        site.put("a5", article_html("a5", "A new article."), "2025-03-21")
        second = crawl(archive, sites_dir, sandbox_env, "ARCHIVER_RECHECK_INTERVAL=0")
        assert second.returncode == 0, second.stderr
        yield Rerun(site, archive, first_records, first_mtimes, first_warcs, between, second)
    finally:
        site.server.stop()


def test_unchanged_articles_are_revisits_and_their_records_untouched(rerun: Rerun) -> None:
    captures = warc_captures(rerun.second_warcs())
    originals = warc_captures(sorted(rerun.first_warcs))
    for slug in UNCHANGED:
        url = rerun.site.url(slug)
        revisit, original = captures[url], originals[url]
        assert revisit["WARC-Type"] == "revisit"
        assert revisit["WARC-Profile"].endswith("/revisit/identical-payload-digest")
        assert revisit["WARC-Refers-To"] == original["WARC-Record-ID"]
        assert revisit["WARC-Refers-To-Target-URI"] == url
        assert revisit["WARC-Refers-To-Date"] == original["WARC-Date"]
        assert revisit["WARC-Payload-Digest"] == original["WARC-Payload-Digest"]
        assert revisit["WARC-Truncated"] == "length"
        path = rerun.record_path(slug)
        assert path.read_bytes() == rerun.first_records[slug]
        assert path.stat().st_mtime_ns == rerun.first_mtimes[slug]


def test_the_edited_article_gets_a_new_version_naming_the_old_one(rerun: Rerun) -> None:
    captures = warc_captures(rerun.second_warcs())
    assert captures[rerun.site.url("a2")]["WARC-Type"] == "response"
    current = json.loads(rerun.record_path("a2").read_bytes())
    assert "Second version, corrected." in current["body"]
    assert current["version"] == 2
    old = rerun.first_records["a2"]
    assert current["supersedes"]["fetched_at"] == json.loads(old)["fetched_at"]
    assert current["supersedes"]["payload_digest"] == json.loads(old)["payload_digest"]
    assert (rerun.archive / current["supersedes"]["path"]).read_bytes() == old


def test_new_articles_are_recorded_and_nothing_else_changes(rerun: Rerun) -> None:
    records = {record["url"]: record for record in read_records(rerun.archive)}  # schema + WARC pointers
    assert set(records) == {rerun.site.url(slug) for slug in ("a1", "a2", "a3", "a4", "a5")}
    assert records[rerun.site.url("a5")]["version"] == 1
    assert "2 articles recorded" in rerun.second.stdout
    for path in sorted((rerun.archive / "warc").glob("*")):
        assert not path.name.endswith(".open")
        assert check_warc(path).ok, check_warc(path)
    done = subprocess.run(["warcio", "check", *map(str, (rerun.archive / "warc").glob("*.warc.gz"))],
                          cwd=ROOT, capture_output=True, text=True, env={"PATH": str(Path(sys.executable).parent)})  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_export_since_lists_only_what_the_rerun_wrote(rerun: Rerun, archiver_cli) -> None:
    done = archiver_cli("export", "--since", str(rerun.between), "--archive", str(rerun.archive))
    assert done.returncode == 0, done.stderr
    urls = [json.loads(line)["url"] for line in done.stdout.splitlines()]
    assert sorted(urls) == [rerun.site.url("a2"), rerun.site.url("a5")]


def test_status_prints_each_site(rerun: Rerun, archiver_cli) -> None:
    done = archiver_cli("status", "--json", "--archive", str(rerun.archive))
    assert done.returncode == 0, done.stderr
    (status,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert status["site"] == "changing" and status["articles"] == 5 and status["runs"] == 2
    last = status["last_run"]
    assert (last["finish_reason"], last["new"], last["changed"], last["unchanged"]) == ("finished", 1, 1, 3)
    assert status["errors"] == 0


def test_pywb_replays_a_revisited_page_after_the_rerun(rerun: Rerun, pywb_replay) -> None:
    url = rerun.site.url("a1")
    revisit = warc_captures(rerun.second_warcs())[url]
    timestamp = "".join(ch for ch in revisit["WARC-Date"] if ch.isdigit())[:14]
    replayed = pywb_replay(sorted((rerun.archive / "warc").glob("*.warc.gz"))).get(url, timestamp)
    assert replayed.status == 200
    assert replayed.body == rerun.site.articles["a1"]
    assert replayed.headers["memento-datetime"]


def test_known_articles_are_fetched_again_only_when_due(tmp_path: Path, sandbox_env: dict[str, str]) -> None:
    site = start_site()
    sites_dir, archive = site_profile(tmp_path / "sites", site), tmp_path / "archive"
    try:
        assert crawl(archive, sites_dir, sandbox_env).returncode == 0
        before = {slug: site.server.fetched(f"/article/{slug}/") for slug in ("a1", "a2", "a3", "a4")}
        home, sitemap = site.server.fetched("/"), site.server.fetched("/sitemap.xml")
        site.put("a2", article_html("a2", "Second version, corrected."), "2099-01-01")  # lastmod: newer
        site.put("a5", article_html("a5", "A new article."), "2025-03-21")
        done = crawl(archive, sites_dir, sandbox_env)  # default ARCHIVER_RECHECK_INTERVAL: 7 days
        assert done.returncode == 0, done.stderr
        after = {slug: site.server.fetched(f"/article/{slug}/") for slug in ("a1", "a2", "a3", "a4", "a5")}
        sent = [
            r.path for r in site.server.requests if {"If-None-Match", "If-Modified-Since"} & set(r.headers)
        ]
        answered_304 = list(site.not_modified)
        assert_fixture_honours_conditional_requests(site.url("a1"))
        assert site.server.fetched("/") == home + 1 and site.server.fetched("/sitemap.xml") == sitemap + 1
    finally:
        site.server.stop()
    assert after == {**before, "a2": before["a2"] + 1, "a5": 1}
    assert sent == ["/article/a2/"], "a re-check of a known article is a conditional GET; new pages are not"
    assert answered_304 == [], "a2 changed: answered in full"
    bodies = {record["url"]: record["body"] for record in read_records(archive)}
    assert "Second version" in bodies[site.url("a2")] and site.url("a5") in bodies


def test_an_article_cut_off_mid_body_is_an_error_fetched_again_next_run(
    tmp_path: Path, sandbox_env: dict[str, str]
) -> None:
    site = start_site()
    site.cut_off.add("a2")
    sites_dir, archive = site_profile(tmp_path / "sites", site), tmp_path / "archive"
    try:
        first = crawl(archive, sites_dir, sandbox_env)
        site.cut_off.clear()  # the connection holds this time; nothing else changed, nothing is due
        second = crawl(archive, sites_dir, sandbox_env)
        fetched = {slug: site.server.fetched(f"/article/{slug}/") for slug in ("a1", "a2")}
    finally:
        site.server.stop()
    assert first.returncode == 1, first.stdout + first.stderr  # partial failure: a scheduler sees it
    assert "1 errors" in first.stdout and site.url("a2") in first.stdout + first.stderr
    assert second.returncode == 0, second.stdout + second.stderr
    assert fetched == {"a1": 1, "a2": 2}, "only the cut-off article is fetched again"
    assert site.url("a2") in {record["url"] for record in read_records(archive)}


def test_new_compressed_bytes_of_the_same_content_are_stored_but_yield_no_new_record(
    tmp_path: Path, sandbox_env: dict[str, str]
) -> None:
    site = ChangingSite(varying_gzip=True, validators=False)  # no 304: the whole page each time
    site.put("a1", article_html("a1", "Same words."), "2025-03-12")
    sites_dir, archive = site_profile(tmp_path / "sites", site), tmp_path / "archive"
    with site.server:
        assert crawl(archive, sites_dir, sandbox_env).returncode == 0
        (path,) = (archive / "records").rglob("*.json")
        first, mtime = path.read_bytes(), path.stat().st_mtime_ns
        first_warcs = set((archive / "warc").glob("*.warc.gz"))
        done = crawl(archive, sites_dir, sandbox_env, "ARCHIVER_RECHECK_INTERVAL=0")
        assert done.returncode == 0, done.stderr
    captures = warc_captures(sorted(set((archive / "warc").glob("*.warc.gz")) - first_warcs))
    again = captures[site.url("a1")]
    assert again["WARC-Type"] == "response"  # other bytes: stored in full, faithfully
    assert again["WARC-Payload-Digest"] != json.loads(first)["payload_digest"]
    assert path.read_bytes() == first and path.stat().st_mtime_ns == mtime
    assert not (archive / "record-versions").exists()
    assert "0 new, 0 changed, 1 unchanged articles" in done.stdout

"""``archiver reindex``: records rebuilt from the WARCs alone are the crawl's records, byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from archiver.demo.server import Page, SiteServer
from tests.support.capture import read_warc_records
from tests.support.changingsite import article_html, crawl, site_profile, start_site
from tests.support.cli import FAST, archiver, command
from tests.support.pages import article
from tests.support.records import read_records, record_files


def test_the_shared_archive_covers_redirects_coding_and_profiles(crawled_archive: Path) -> None:
    records = read_records(crawled_archive)
    assert len(records) >= 9 + 4
    moved = [r for r in records if r["url"].endswith("/article/moved/")]
    assert moved and moved[0]["requested_url"].endswith("/old")
    assert [url.rsplit("/", 1)[-1] for url in moved[0]["redirects"]] == ["old", "mid"]
    assert {r["site"] for r in records} == {"demo", None}
    assert len({r["warc"]["filename"] for r in records}) == 2


def test_reindex_rewrites_the_very_same_records(archive: Path) -> None:
    before = record_files(archive)
    done = command("reindex", "--archive", str(archive))
    assert done.returncode == 0, done.stderr[-3000:]
    assert record_files(archive) == before
    assert f"{len(before)} unchanged, 0 rewritten, 0 new, 0 removed" in done.stdout


def test_reindex_restores_lost_and_damaged_records_and_drops_strays(archive: Path) -> None:
    before = record_files(archive)
    lost, damaged = [archive / "records" / name for name in sorted(before)[:2]]
    lost.unlink()
    record = json.loads(damaged.read_text("utf-8"))
    damaged.write_text(json.dumps({**record, "body": "edited by hand"}), "utf-8")
    stray = archive / "records" / "elsewhere.example" / "00000000-0000-5000-8000-000000000000.json"
    stray.parent.mkdir()
    stray.write_text("{}", "utf-8")
    done = command("reindex", "--archive", str(archive))
    assert done.returncode == 0, done.stderr[-3000:]
    assert record_files(archive) == before
    assert "1 rewritten, 1 new, 1 removed" in done.stdout


def test_reindex_without_warcs_is_a_usage_error(tmp_path: Path) -> None:
    done = command("reindex", "--archive", str(tmp_path / "nothing"))
    assert done.returncode == 2
    assert "no WARC folder" in done.stderr


def test_reindex_replays_the_versions_of_a_changed_article(versioned_archive: Path, tmp_path: Path) -> None:
    archive = Path(shutil.copytree(versioned_archive, tmp_path / "archive"))
    [record] = read_records(archive)
    assert (record["title"], record["version"], record["supersedes"]["version"]) == ("Seconde version", 2, 1)
    before = record_files(archive), versions(archive)
    assert len(before[1]) == 1
    done = command("reindex", "--archive", str(archive))
    assert done.returncode == 0, done.stderr[-3000:]
    assert (record_files(archive), versions(archive)) == before


def versions(archive: Path) -> dict[str, bytes]:
    """The earlier versions of records kept in ``archive``, by path, as bytes."""
    root = archive / "record-versions"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.json"))}


def test_warc_files_replay_in_time_order_whatever_their_prefix(
    tmp_path: Path, sandbox_env: dict[str, str]
) -> None:
    """Two workers' prefixes sort against time: the older file, named "zz-…", is replayed first."""
    archive = tmp_path / "archive"
    with SiteServer({}) as site:
        for prefix, title in (("zz-worker", "Première version"), ("aa-worker", "Seconde version")):
            site.routes["/article/x/"] = Page(article("x", title))
            done = archiver("archive", site.url("/article/x/"), "--archive", str(archive), *FAST,
                            "-s", f"ARCHIVER_WARC_PREFIX={prefix}", env=sandbox_env, cwd=tmp_path)  # fmt: skip
            assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert [p.name[:2] for p in sorted((archive / "warc").glob("*.warc.gz"))] == ["aa", "zz"]
    [record] = read_records(archive)
    assert (record["title"], record["version"]) == ("Seconde version", 2)
    before = record_files(archive), versions(archive)
    done = command("reindex", "--archive", str(archive))
    assert done.returncode == 0, done.stderr[-3000:]
    assert (record_files(archive), versions(archive)) == before


def test_reindex_after_an_incremental_rerun(tmp_path: Path, sandbox_env: dict[str, str]) -> None:
    """Two crawls with a crawl state: revisits, one edited article (version 2), one new article."""
    site = start_site()
    archive = tmp_path / "archive"
    try:
        sites_dir = site_profile(tmp_path / "sites", site)
        assert crawl(archive, sites_dir, sandbox_env).returncode == 0
        site.put("a2", article_html("a2", "Second version, corrected."), "2025-03-20")
        site.put("a5", article_html("a5", "A new article."), "2025-03-21")
        assert crawl(archive, sites_dir, sandbox_env, "ARCHIVER_RECHECK_INTERVAL=0").returncode == 0
    finally:
        site.server.stop()
    assert len(read_records(archive)) == 5 and len(versions(archive)) == 1
    assert "revisit" in {
        r.type for path in (archive / "warc").glob("*.warc.gz") for r in read_warc_records(path)
    }
    before = record_files(archive), versions(archive)
    done = command("reindex", "--archive", str(archive))
    assert done.returncode == 0, done.stderr[-3000:]
    assert (record_files(archive), versions(archive)) == before

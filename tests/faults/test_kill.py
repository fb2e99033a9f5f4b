"""``kill -9`` of ``archive`` and ``crawl`` at several points of their writes, then a re-run.

After the next run of either (or ``archiver repair``), every record passes ``validate``,
no ``.open`` or spool file is left, no article is lost or recorded twice, and
``reindex`` keeps every record whose capture was recovered.
"""

from __future__ import annotations

import signal

import pytest

from tests.support.faults import ARTICLES, archiver_args, leftovers, record_files, run_archiver, validate

KILLED = -signal.SIGKILL


def assert_whole(archive, env, articles=ARTICLES) -> list[dict]:
    """Every record valid, one per article, each a first version, nothing left open."""
    checked = validate(archive, env)
    assert checked.returncode == 0, checked.stdout[-3000:]
    assert leftovers(archive) == []
    records = record_files(archive)
    assert len(records) == articles
    assert len({r["canonical_url"] for r in records}) == articles
    assert {r["version"] for r in records} == {1}  # nothing recorded twice
    return records


@pytest.mark.parametrize("point", [("response", 6), ("rotation", 3)])
def test_killed_archive_then_archive_again(tmp_path, sandbox_env, article_site, point):
    archive = tmp_path / "archive"
    urls = [article_site.url(f"a{n:02d}") for n in range(ARTICLES)]
    args = archiver_args("archive", *urls, "--archive", str(archive),
                         settings=("ARCHIVER_WARC_MAX_SIZE=20000", "CONCURRENT_REQUESTS=2"))  # fmt: skip
    killed = run_archiver(args, sandbox_env, kill_at=point)
    assert killed.returncode == KILLED, killed.stderr[-2000:]
    before = {r["id"]: r for r in record_files(archive)}

    again = run_archiver(args, sandbox_env)

    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    after = {r["id"]: r for r in assert_whole(archive, sandbox_env)}
    for rid, record in before.items():  # records of the killed run kept, pointing at repaired files
        assert after[rid]["warc"] == record["warc"]


def test_reindex_after_a_kill_keeps_every_recoverable_record(tmp_path, sandbox_env, article_site):
    archive = tmp_path / "archive"
    urls = [article_site.url(f"a{n:02d}") for n in range(ARTICLES)]
    args = archiver_args(
        "archive", *urls, "--archive", str(archive), settings=("ARCHIVER_WARC_MAX_SIZE=20000",)
    )
    assert run_archiver(args, sandbox_env, kill_at=("record", 16)).returncode == KILLED
    before = {r["id"] for r in record_files(archive)}
    assert len(before) >= 16

    reindexed = run_archiver(["reindex", "--archive", str(archive)], sandbox_env)

    assert reindexed.returncode == 0, reindexed.stdout + reindexed.stderr
    assert "0 removed" in reindexed.stdout
    assert before <= {r["id"] for r in record_files(archive)}
    assert validate(archive, sandbox_env).returncode == 0
    assert leftovers(archive) == []


def test_repair_command_closes_what_a_killed_archive_left(tmp_path, sandbox_env, article_site):
    archive = tmp_path / "archive"
    urls = [article_site.url(f"a{n:02d}") for n in range(10)]
    assert run_archiver(archiver_args("archive", *urls, "--archive", str(archive)), sandbox_env,
                        kill_at=("record", 4)).returncode == KILLED  # fmt: skip
    assert "still .open" in validate(archive, sandbox_env).stdout

    repaired = run_archiver(["repair", "--archive", str(archive)], sandbox_env)

    assert repaired.returncode == 0 and "1 WARC file(s) repaired" in repaired.stdout, repaired.stdout
    assert validate(archive, sandbox_env).returncode == 0
    assert leftovers(archive) == []


@pytest.mark.parametrize("point, reindex", [(("record", 10), False), (("rotation", 4), True),
                                            (("creation", 3), False)])  # fmt: skip
def test_killed_crawl_then_crawl_again(tmp_path, sandbox_env, sites_dir, point, reindex):
    archive = tmp_path / "archive"
    args = archiver_args("crawl", "changing", "--sites-dir", str(sites_dir), "--archive", str(archive),
                         settings=("ARCHIVER_WARC_MAX_SIZE=8000",))  # fmt: skip
    killed = run_archiver(args, sandbox_env, kill_at=point)
    assert killed.returncode == KILLED, killed.stderr[-2000:]

    again = run_archiver(args, sandbox_env)

    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert_whole(archive, sandbox_env)
    if reindex:  # the records rebuilt from the repaired WARCs are the same
        assert run_archiver(["reindex", "--archive", str(archive)], sandbox_env).returncode == 0
        assert_whole(archive, sandbox_env)


def test_killed_crawl_then_archive_repairs_it(tmp_path, sandbox_env, sites_dir, article_site):
    archive = tmp_path / "archive"
    crawl = archiver_args("crawl", "changing", "--sites-dir", str(sites_dir), "--archive", str(archive))
    assert run_archiver(crawl, sandbox_env, kill_at=("response", 8)).returncode == KILLED
    again = run_archiver(
        archiver_args("archive", article_site.url("a00"), "--archive", str(archive)), sandbox_env
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert validate(archive, sandbox_env).returncode == 0
    assert leftovers(archive) == []

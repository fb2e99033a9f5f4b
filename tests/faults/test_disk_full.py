"""A disk that fills mid-crawl: one clear line, exit 1, nothing half-written; the next run, with
space again, fetches every article that failed, whatever leads to it."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiver.demo.server import Page, Request, SiteServer
from tests.support.faults import archiver_args, leftovers, no_traceback, record_files, run_archiver, validate

ARTICLES = 24
WORDS = [f"w{n}" for n in range(4000)]


def article_page(n: int) -> bytes:
    """An article of ~40 KB of words that gzip cannot shrink much."""
    rng = random.Random(n)
    paragraphs = "".join(f"<p>{' '.join(rng.choices(WORDS, k=120))}.</p>" for _ in range(50))
    return (f"<!doctype html><html lang='en'><head><title>Article {n}</title>"
            f"<meta property='og:type' content='article'></head><body><article><h1>Article {n}</h1>"
            f"<p class='byline'>By Ada Lovelace</p>{paragraphs}</article></body></html>").encode()  # fmt: skip


def plain_site() -> SiteServer:
    """Home → 4 plain link lists (no sitemap, no feed) → 6 articles each."""
    lists = {f"/list/{k}/": range(k * 6, k * 6 + 6) for k in range(4)}

    def page(request: Request) -> Page | None:
        path = request.path
        if path == "/":
            links = "".join(f"<a href='{p}'>list</a> " for p in lists)
            return Page(f"<html><body>{links}</body></html>".encode())
        if path in lists:
            links = "".join(f"<li><a href='/article/{n}/'>Article {n}</a></li>" for n in lists[path])
            return Page(f"<html><body><ul>{links}</ul></body></html>".encode())
        if path.startswith("/article/") and path.strip("/").split("/")[-1].isdigit():
            return Page(article_page(int(path.strip("/").split("/")[-1])))
        if path == "/robots.txt":
            return Page(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        return None

    return SiteServer(fallback=page)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB tmpfs mounted for the test (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs for the full disk needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """A ballast file leaving about ``leave`` bytes free on ``disk``."""
    free = shutil.disk_usage(disk).free
    ballast = disk / "ballast"
    with ballast.open("wb") as out:
        out.write(b"\0" * max(0, free - leave))
    return ballast


def plain_crawl(sites: Path, archive: Path, server: SiteServer) -> list[str]:
    """``archiver crawl`` of the plain site, whose listings are not due again for a day."""
    sites.mkdir(exist_ok=True)
    (sites / "plain.toml").write_text(f'start_urls = ["{server.url("/")}"]\n', "utf-8")
    return archiver_args("crawl", "plain", "--sites-dir", str(sites), "--archive", str(archive),
                         settings=("ARCHIVER_RECHECK_INTERVAL=86400",))  # fmt: skip


def test_disk_full_mid_crawl_then_rerun_with_space(tmp_path, sandbox_env, small_disk):
    archive = small_disk / "archive"
    with plain_site() as server:
        args = plain_crawl(tmp_path / "sites", archive, server)
        ballast = fill(small_disk, leave=900_000)

        full = run_archiver(args, sandbox_env)

        assert full.returncode == 1, full.stdout + full.stderr
        assert no_traceback(full.stderr + full.stdout), full.stderr
        lines = [line for line in full.stderr.splitlines() if "No space left on device" in line]
        assert len(lines) == 1 and str(archive) in lines[0] and "crawl stopped" in lines[0], full.stderr
        assert len(full.stderr) + len(full.stdout) < 20_000  # no page bodies, no entry per page
        recorded = len(record_files(archive))
        assert 0 < recorded < ARTICLES, full.stdout
        assert validate(archive, sandbox_env).returncode == 0  # what was written is whole

        ballast.unlink()
        again = run_archiver(args, sandbox_env)

        assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    records = record_files(archive)
    assert sorted(int(r["url"].rstrip("/").rsplit("/", 1)[1]) for r in records) == list(range(ARTICLES))
    assert {r["version"] for r in records} == {1}
    assert validate(archive, sandbox_env).returncode == 0
    assert leftovers(archive) == []


def test_a_record_that_could_not_be_written_is_fetched_again_by_the_next_run(tmp_path, sandbox_env):
    """A finished run whose record of one article failed: the next run fetches that article again,
    though no listing leading to it is due for a re-check."""
    from archiver.records.build import record_id
    from archiver.records.store import RecordStore

    archive = tmp_path / "archive"
    with plain_site() as server:
        args = plain_crawl(tmp_path / "sites", archive, server)
        url = server.url("/article/7/")
        blocked = RecordStore(archive / "records").path_for({"canonical_url": url, "id": record_id(url)})
        blocked.mkdir(parents=True)  # the record cannot be renamed into place

        first = run_archiver(args, sandbox_env)

        assert first.returncode == 1 and "/article/7/" in first.stdout, first.stdout + first.stderr
        assert len(record_files(archive)) == ARTICLES - 1
        blocked.rmdir()
        fetched = server.fetched("/article/7/")
        again = run_archiver(args, sandbox_env)

        assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
        assert server.fetched("/article/7/") == fetched + 1
        assert server.fetched("/list/1/") == 1  # not due: discovery did not lead back to it
    assert len(record_files(archive)) == ARTICLES
    assert validate(archive, sandbox_env).returncode == 0

"""One archive shared by the record tests: the demo site crawled, plus awkward pages archived."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archiver.demo import serve_demo
from archiver.demo.server import Page, SiteServer
from tests.support.cli import FAST, archiver
from tests.support.pages import article

#: Pages archived one by one beside the demo crawl: content coding, transfer coding, redirects.
PAGES = {
    "/article/gzip/": Page(article("gzip", "Le corridor médian"), gzip=True),
    "/article/chunked/": Page(article("chunked", "Le Kazakhstan charnière"), chunked=True),
    "/old": Page(status=301, location="/mid"),
    "/mid": Page(status=302, location="/article/moved/"),
    "/article/moved/": Page(article("moved", "Un article déménagé"), gzip=True, chunked=True),
    "/latin1": Page(article("latin1", "Économie déçue", "iso-8859-1"), content_type="text/html; charset=iso-8859-1"),
    "/report.pdf": Page(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"),
}  # fmt: skip
ASKED = ["/article/gzip/", "/article/chunked/", "/old", "/latin1", "/report.pdf"]


@pytest.fixture(scope="session")
def crawled_archive(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]) -> Path:
    """An archive written by ``archiver crawl`` (demo site, demo profile) and ``archiver archive``."""
    archive = tmp_path_factory.mktemp("records") / "archive"
    with serve_demo() as demo:
        crawl = archiver("crawl", demo.url("/"), "--profile", "demo", "--archive", str(archive), *FAST,
                         env=sandbox_env, cwd=archive.parent)  # fmt: skip
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    with SiteServer(PAGES) as site:
        urls = [site.url(path) for path in ASKED]
        done = archiver(
            "archive", *urls, "--archive", str(archive), *FAST, env=sandbox_env, cwd=archive.parent
        )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return archive


@pytest.fixture(scope="session")
def versioned_archive(tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]) -> Path:
    """One article archived three times, changed the third: version 2 supersedes version 1."""
    archive = tmp_path_factory.mktemp("versions") / "archive"
    with SiteServer({}) as site:
        for title in ("Première version", "Première version", "Seconde version"):
            site.routes["/article/x/"] = Page(article("x", title))
            done = archiver("archive", site.url("/article/x/"), "--archive", str(archive), *FAST,
                            env=sandbox_env, cwd=archive.parent)  # fmt: skip
            assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    return archive


@pytest.fixture
def archive(crawled_archive: Path, tmp_path: Path) -> Path:
    """A copy of the shared archive this test may change."""
    return Path(shutil.copytree(crawled_archive, tmp_path / "archive"))

"""``archiver crawl PROFILE``, ``archiver sites``, ``scrapy crawl observatory`` and usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from archiver import user_agent
from archiver.demo.server import Page, SiteServer
from tests.support.cli import FAST
from tests.support.fixturesite import article_html, listing_html
from tests.support.records import read_records
from tests.support.requires import ROOT

PROFILE = """
title = "Tiny observatory"
start_urls = ["{base}/analyses/"]
[urls]
article = ['^/a/[a-z]+/$']
exclude = ['^/compte/']
[limits]
patterns = {{ '^/agenda/' = 2 }}
[settings]
ROBOTSTXT_OBEY = false
[hints]
body = ".article-content"
"""


def tiny_site() -> dict[str, Page]:
    listing = listing_html("Analyses", []).replace(
        "</body>",
        '<a href="/a/one/">one</a> <a href="/a/two/">two</a> <a href="/compte/connexion/">login</a>'
        + "".join(f'<a href="/agenda/{m}/">m{m}</a>' for m in range(6))
        + "</body>",
    )
    short = "<html><body><h1>Brève</h1><p>Un paragraphe court mais un article quand même.</p></body></html>"
    return {
        "/analyses/": Page(listing.encode()),
        "/a/one/": Page(article_html("one").encode()),
        "/a/two/": Page(short.encode()),  # too short for the classifier; the profile pattern decides
        "/compte/connexion/": Page(b"<html><body>login</body></html>"),
        "/robots.txt": Page(b"User-agent: *\nDisallow: /a/\n", content_type="text/plain"),
    }


def test_crawl_a_profile_from_an_operator_folder(archiver_cli, tmp_path: Path) -> None:
    with SiteServer(tiny_site(), fallback=lambda r: Page(b"<html><body>agenda</body></html>")) as server:
        sites = tmp_path / "sites"
        sites.mkdir()
        (sites / "tiny.toml").write_text(PROFILE.format(base=server.base_url), encoding="utf-8")
        listed = archiver_cli("sites", "--sites-dir", str(sites))
        assert (
            listed.returncode == 0 and "tiny (Tiny observatory)" in listed.stdout and "ofnrs" in listed.stdout
        )
        proc = archiver_cli("crawl", "tiny", "--sites-dir", str(sites), "--archive", "arch", *FAST)
        fetched = [r.path for r in server.requests]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert fetched.count("/robots.txt") == 1  # read for Sitemap: lines only (ROBOTSTXT_OBEY = false)
    assert "/compte/connexion/" not in fetched
    assert len([p for p in fetched if p.startswith("/agenda/")]) == 2
    records = read_records(tmp_path / "arch")
    assert sorted(r["url"] for r in records) == [server.url("/a/one/"), server.url("/a/two/")]
    assert {r["site"] for r in records} == {"tiny"}


def test_scrapy_crawl_observatory(sandbox_env, tmp_path: Path) -> None:
    with SiteServer(tiny_site()) as server:
        proc = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "observatory", "-a", f"start={server.url('/analyses/')}",
             "-s", f"ARCHIVER_ARCHIVE_DIR={tmp_path / 'arch'}", *FAST,
             "-s", "ARCHIVER_CONTACT_URL=https://ops.example/archiving"],
            cwd=ROOT, env=sandbox_env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        fetched = {r.path for r in server.requests}
        agents = {r.headers.get("User-Agent") for r in server.requests}
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert agents == {user_agent("https://ops.example/archiving")}  # the contact URL, under scrapy crawl too
    assert "/a/one/" not in fetched and "/robots.txt" in fetched  # zero configuration obeys robots.txt
    (run_file,) = (tmp_path / "arch" / "runs").glob("*.json")
    assert json.loads(run_file.read_text())["robots_forbidden"] == 2


def test_usage_errors_exit_2(archiver_cli, tmp_path: Path) -> None:
    assert archiver_cli("crawl", "no-such-profile").returncode == 2
    assert archiver_cli("crawl", "ftp://x.example/").returncode == 2
    assert archiver_cli("crawl", "http://x.example/", "-s", "NOEQUALS").returncode == 2
    assert archiver_cli("crawl", "demo", "--sites-dir", str(tmp_path / "missing")).returncode == 2
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.toml").write_text("colour = 1\n")
    proc = archiver_cli("sites", "--sites-dir", str(bad))
    assert proc.returncode == 2 and "unknown keys" in proc.stderr
    helped = archiver_cli("crawl", "--help")
    assert (
        helped.returncode == 0 and "robots.txt" in helped.stdout and "ARCHIVER_CONTACT_URL" in helped.stdout
    )


def test_start_url_redirected_to_another_host_is_followed(archiver_cli, tmp_path: Path) -> None:
    with SiteServer() as server:
        moved = server.base_url.replace("127.0.0.1", "localhost")
        home = '<html><body><h1>Accueil</h1><a href="/article/x/">x</a></body></html>'
        server.routes.update({
            "/": Page(status=301, location=f"{moved}/home/"),
            "/home/": Page(home.encode()),
            "/article/x/": Page(article_html("x").encode()),
        })  # fmt: skip
        proc = archiver_cli("crawl", server.url("/"), "--archive", "arch", *FAST)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert [r["url"] for r in read_records(tmp_path / "arch")] == [f"{moved}/article/x/"]


def test_max_pages_bounds_the_crawl(archiver_cli, tmp_path: Path) -> None:
    links = "".join(f'<a href="/article/n{i}/">n{i}</a>' for i in range(10))
    with SiteServer({"/": Page(f"<html><body>{links}</body></html>".encode())}) as server:
        server.fallback = lambda r: (
            Page(article_html(r.path[9:-1]).encode()) if r.path.startswith("/article/") else None
        )
        proc = archiver_cli("crawl", server.url("/"), "--max-pages", "4", "--archive", "arch", *FAST)
        fetched = [r.path for r in server.requests if r.path != "/robots.txt"]
    assert proc.returncode == 0, proc.stderr[-3000:]
    # /sitemap.xml and / are both asked first; either may arrive first
    assert len(fetched) == 4 and "/" in fetched
    assert len(read_records(tmp_path / "arch")) == len([p for p in fetched if p.startswith("/article/")])

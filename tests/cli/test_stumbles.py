"""The smaller stumbles of issue 15, each with its test: validate --archive, scrapy -O, the contact
URL, the tools environment, --json of sites and validate, a pipe closed early."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.crawler import Crawler

from archiver import PLACEHOLDER_CONTACT_URL
from archiver.addons import ContactUserAgent
from archiver.crawl.process import crawl_settings
from archiver.demo.server import Page, SiteServer
from archiver.records.store import RecordStore
from spiders.urls import UrlsSpider
from tests.support.cli import FAST
from tests.support.pages import article
from tests.support.requires import ROOT


def test_scrapy_crawl_urls_writes_a_json_lines_feed(sandbox_env, tmp_path: Path) -> None:
    routes = {"/a/": Page(article("a", "Le corridor médian")), "/gone": Page(b"<html></html>", status=404)}
    with SiteServer(routes) as server:
        urls = f"{server.url('/a/')} {server.url('/gone')}"
        done = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={urls}", "-O", str(tmp_path / "items.jsonl"),
             "-s", f"ARCHIVER_ARCHIVE_DIR={tmp_path / 'arch'}", *FAST],
            cwd=ROOT, env=sandbox_env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "not JSON serializable" not in done.stderr
    items = {
        item["requested_url"]: item
        for item in map(json.loads, (tmp_path / "items.jsonl").read_text().splitlines())
    }
    assert set(items) == {server.url("/a/"), server.url("/gone")}
    assert items[server.url("/a/")]["status"] == 200 and items[server.url("/a/")]["record_path"].endswith(
        ".json"
    )
    assert items[server.url("/a/")]["capture"]["filename"].endswith(".warc.gz")
    assert items[server.url("/gone")]["status"] == 404 and "body" not in items[server.url("/gone")]


def _opened(overrides: dict[str, str], urls: list[str], caplog: pytest.LogCaptureFixture) -> list[str]:
    """The warnings of the contact add-on when a urls spider opens on ``urls``."""
    crawler = Crawler(UrlsSpider, crawl_settings(overrides=overrides))
    addon = ContactUserAgent.from_crawler(crawler)
    addon.update_settings(crawler.settings)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="archiver.addons"):
        addon.spider_opened(UrlsSpider(urls=urls))
    return [r.getMessage() for r in caplog.records]


def test_the_placeholder_contact_url_gets_a_warning_beyond_this_machine(caplog) -> None:
    (warning,) = _opened({}, ["https://observatory.example/a/", "http://127.0.0.1:9/"], caplog)
    assert PLACEHOLDER_CONTACT_URL in warning and "ARCHIVER_CONTACT_URL" in warning
    assert (
        _opened({}, ["http://127.0.0.1:9/", "http://localhost:9/"], caplog) == []
    )  # loopback tests, the demo
    assert (
        _opened({"ARCHIVER_CONTACT_URL": "https://ops.example/"}, ["https://observatory.example/"], caplog)
        == []
    )
    assert _opened({"USER_AGENT": "mine/1"}, ["https://observatory.example/"], caplog) == []


def test_the_first_replay_says_it_builds_the_tools_environment(
    archiver_cli, sandbox_env, tmp_path: Path
) -> None:
    env = {**sandbox_env, "XDG_DATA_HOME": str(tmp_path / "empty-data"), "PATH": str(Path(sys.executable).parent),
           "PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""}  # fmt: skip
    env.pop("ARCHIVER_PYWB_BIN_DIR", None)
    (tmp_path / "arch" / "warc").mkdir(parents=True)
    done = subprocess.run([sys.executable, "-m", "archiver", "replay", "--archive", "arch", "-p", "0"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert "building the web-archive tools environment" in done.stderr and "once" in done.stderr
    assert "could not install the web-archive tools" in done.stderr and done.returncode == 1


def test_validate_takes_archive_like_every_command_and_json(archiver_cli, tmp_path: Path) -> None:
    (tmp_path / "arch" / "records" / "x.example").mkdir(parents=True)
    (tmp_path / "arch" / "records" / "x.example" / "bad.json").write_text("{not json")
    for args in (["--archive", "arch"], ["arch"]):
        done = archiver_cli("validate", *args)
        assert done.returncode == 1 and "1 record(s) checked, 1 invalid" in done.stdout, done.stderr
    done = archiver_cli("validate", "--archive", "arch", "--json")
    result = json.loads(done.stdout)
    assert (result["checked"], result["invalid"]) == (1, 1)
    assert "not a JSON record" in result["problems"]["arch/records/x.example/bad.json"][0]
    assert archiver_cli("validate", "--archive", "nowhere").returncode == 2
    assert archiver_cli("validate", "a", "--archive", "b").returncode == 2


def test_sites_json_lists_every_profile(archiver_cli) -> None:
    done = archiver_cli("sites", "--json")
    assert done.returncode == 0
    profiles = {p["name"]: p for p in map(json.loads, done.stdout.splitlines())}
    assert profiles["demo"]["start_urls"] and profiles["demo"]["file"].endswith("demo.toml")


def test_a_pipe_closed_early_ends_quietly(tmp_path: Path, sandbox_env) -> None:
    store = RecordStore(tmp_path / "arch" / "records")
    for n in range(400):  # far more than a pipe holds
        url = f"https://x.example/article/{n}/"
        store.write({"id": f"{n:08d}-0000-5000-8000-000000000000", "canonical_url": url, "url": url,
                     "title": f"Article {n}", "fetched_at": "2026-11-24T10:00:00Z", "body": "texte " * 200})  # fmt: skip
    for command in (["export", "--since", "2020-01-01"], ["list"], ["list", "--json"]):
        reader = subprocess.Popen([sys.executable, "-m", "archiver", *command, "--archive", "arch"], cwd=tmp_path,
                                  env=sandbox_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        assert reader.stdout is not None and reader.stderr is not None
        reader.stdout.readline()
        reader.stdout.close()  # | head -1
        err = reader.stderr.read().decode()
        assert reader.wait(timeout=60) in (0, 141), err
        assert "Traceback" not in err and "BrokenPipeError" not in err, command

"""Brotli: the crawl does not ask for it, and a br response sent anyway is still read by warcio
(check, validate, reindex) and replayed by pywb."""

from __future__ import annotations

import subprocess

import brotli

from archiver.capture.check import check_warc
from archiver.demo.server import Page, Request, SiteServer
from tests.support.capture import read_warc_records, warcio_check
from tests.support.cli import FAST
from tests.support.pages import article
from tests.support.pywb import pywb_bin_dir

HTML = article("br", "Un article compressé en brotli")


def negotiated(request: Request) -> Page:
    """br when the client asks for it, else gzip."""
    if "br" in request.headers.get("Accept-Encoding", ""):
        return Page(brotli.compress(HTML), headers=[("Content-Encoding", "br"), ("Vary", "Accept-Encoding")])
    return Page(HTML, gzip=True)


def imposed(request: Request) -> Page:
    """br whatever the client asks for."""
    return Page(brotli.compress(HTML), headers=[("Content-Encoding", "br")])


def archive(archiver_cli, tmp_path, url):
    done = archiver_cli("archive", url, "--archive", str(tmp_path / "archive"), "--ignore-robots", *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    return sorted((tmp_path / "archive" / "warc").glob("*.warc.gz"))


def test_br_is_not_asked_for_so_the_capture_is_gzip(archiver_cli, tmp_path, pywb_replay):
    with SiteServer({"/article/br/": negotiated}) as server:
        warcs = archive(archiver_cli, tmp_path, server.url("/article/br/"))
    records = [r for warc in warcs for r in read_warc_records(warc)]
    (request,) = [r for r in records if r.type == "request"]
    assert request.http.get_header("Accept-Encoding") == "gzip, deflate"
    (response,) = [r for r in records if r.type == "response"]
    assert response.http.get_header("Content-Encoding") == "gzip"
    assert warcio_check(warcs).returncode == 0
    replayed = pywb_replay(warcs).get(server.url("/article/br/"))
    assert replayed.status == 200 and replayed.body == HTML


def test_br_sent_anyway_is_read_checked_and_replayed(archiver_cli, tmp_path, pywb_replay):
    with SiteServer({"/article/br/": imposed}) as server:
        warcs = archive(archiver_cli, tmp_path, server.url("/article/br/"))
    (response,) = [r for warc in warcs for r in read_warc_records(warc) if r.type == "response"]
    assert response.http.get_header("Content-Encoding") == "br"  # stored as sent
    assert all(check_warc(warc).ok for warc in warcs)  # warcio reads it in our process
    assert archiver_cli("validate", str(tmp_path / "archive")).returncode == 0
    tools_warcio = pywb_bin_dir() / "warcio"  # pywb's warcio, with brotlipy as pywb installs it
    checked = subprocess.run(
        [str(tools_warcio), "check", "-v", *map(str, warcs)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    replayed = pywb_replay(warcs).get(server.url("/article/br/"))
    assert replayed.status == 200 and replayed.body == HTML

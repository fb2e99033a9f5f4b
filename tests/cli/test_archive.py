"""``archiver archive``: one URL end to end, and every way a fetch goes wrong."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.demo.server import Page, SiteServer
from archiver.records.schema import record_errors
from archiver.webarchive.replay import free_port
from tests.support.cli import FAST
from tests.support.pages import article, listing
from tests.support.records import read_records


@pytest.fixture(scope="module")
def site():
    routes = {
        "/article/gzip/": Page(article("gzip", "Le corridor médian"), gzip=True),
        "/article/chunked/": Page(article("chunked", "Le Kazakhstan charnière"), chunked=True),
        "/old": Page(status=301, location="/mid"),
        "/mid": Page(status=302, location="/article/gzip/"),
        "/missing": Page(b"<html><body>nope</body></html>", status=404),
        "/broken": Page(b"<html><body>oops</body></html>", status=500),
        "/slow": Page(article("slow", "Lent"), delay=4),
        "/cut": Page(article("cut", "Coupé"), truncate_at=300),
        "/latin1": Page(
            article("latin1", "Économie déçue", "iso-8859-1"), content_type="text/html; charset=iso-8859-1"
        ),  # fmt: skip
        "/lying-charset": Page(
            article("lying", "Économie détournée"), content_type="text/html; charset=iso-8859-1"
        ),
        "/analyses/": Page(listing("Analyses", [f"a{n}" for n in range(10)])),
        "/robots.txt": Page(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/private/page": Page(article("private", "Interdit")),
        "/report.pdf": Page(
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
        ),
    }
    with SiteServer(routes) as server:
        yield server


def warc_files(archive: Path) -> list[Path]:
    return sorted((archive / "warc").glob("*.warc.gz"))


def responses(archive: Path) -> dict[str, list]:
    """WARC response records by target URI: (headers, raw payload, WARC headers)."""
    out: dict[str, list] = {}
    for path in warc_files(archive):
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    uri = rec.rec_headers.get_header("WARC-Target-URI")
                    out.setdefault(uri, []).append((rec.http_headers, rec.raw_stream.read(), rec.rec_headers))
    return out


def test_article_gets_a_valid_record_pointing_into_its_warc(site, archiver_cli, tmp_path):
    url = site.url("/article/gzip/")
    done = archiver_cli("archive", url, "--archive", "arch", *FAST)
    assert done.returncode == 0, done.stderr
    assert "1 recorded" in done.stdout
    [record] = read_records(tmp_path / "arch")
    assert record_errors(record) == []
    assert record["title"] == "Le corridor médian"
    assert record["url"] == url and record["http_status"] == 200
    assert "corridors ferroviaires" in record["body"] and "Accueil" not in record["body"]
    # The pointer: seek to offset, read length bytes: exactly the response record.
    pointer = record["warc"]
    with (tmp_path / "arch" / "warc" / pointer["filename"]).open("rb") as fh:
        fh.seek(pointer["offset"])
        chunk = fh.read(pointer["length"])
    [rec] = list(ArchiveIterator(io.BytesIO(chunk)))
    assert rec.rec_type == "response"
    assert rec.rec_headers.get_header("WARC-Record-ID") == pointer["record_id"]
    assert rec.rec_headers.get_header("WARC-Payload-Digest") == record["payload_digest"]
    assert rec.http_headers.get_header("Content-Encoding") == "gzip"  # stored as sent


def test_redirect_chain_records_the_final_page_once(site, archiver_cli, tmp_path):
    done = archiver_cli("archive", site.url("/old"), site.url("/article/gzip/"), "--archive", "arch", *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    records = read_records(tmp_path / "arch")
    assert len(records) == 1, "the redirected URL and the article are one record"
    assert records[0]["redirects"][:2] == [site.url("/old"), site.url("/mid")]
    warc = responses(tmp_path / "arch")
    assert warc[site.url("/old")][0][0].get_statuscode() == "301"
    assert warc[site.url("/mid")][0][0].get_statuscode() == "302"


@pytest.mark.parametrize(
    ("path", "title"), [("/latin1", "Économie déçue"), ("/lying-charset", "Économie détournée")]
)
def test_charsets_come_out_as_correct_text(site, archiver_cli, tmp_path, path, title):
    done = archiver_cli("archive", site.url(path), "--archive", "arch", *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    [record] = read_records(tmp_path / "arch")
    assert record["title"] == title
    assert "désormais le Kazakhstan" in record["body"]


def test_failures_are_reported_captured_and_never_recorded(site, archiver_cli, tmp_path):
    refused = f"http://127.0.0.1:{free_port()}/nothing"
    urls = [site.url(p) for p in ("/missing", "/broken", "/slow", "/cut", "/report.pdf", "/article/chunked/")]
    done = archiver_cli("archive", *urls, refused, "--archive", "arch", *FAST,
                        "-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=1")  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert f"GONE {site.url('/missing')}: HTTP 404: broken link" in out
    assert f"FAIL {site.url('/broken')}: HTTP 500" in out
    assert f"FAIL {site.url('/slow')}: timed out" in out
    assert f"FAIL {site.url('/cut')}: response cut off" in out
    assert f"FAIL {refused}: connection refused" in out
    assert f"OK   {site.url('/report.pdf')}: captured, no record: not HTML (application/pdf)" in out
    assert "1 recorded, 1 captured without record, 4 failed, 1 broken links" in out
    [record] = read_records(tmp_path / "arch")
    assert record["url"] == site.url("/article/chunked/")
    warc = responses(tmp_path / "arch")
    assert warc[site.url("/report.pdf")][0][1].startswith(b"%PDF-1.4")
    assert warc[site.url("/missing")][0][0].get_statuscode() == "404"
    cut = warc[site.url("/cut")][0]
    assert cut[2].get_header("WARC-Truncated") and len(cut[1]) == 300


@pytest.mark.parametrize("bad", ["ftp://example.org/file", "not a url", "http://", "javascript:alert(1)"])
def test_invalid_url_is_a_usage_error_and_writes_nothing(archiver_cli, tmp_path, bad):
    done = archiver_cli("archive", bad, "--archive", "arch")
    assert done.returncode == 2
    assert bad in done.stderr
    assert not (tmp_path / "arch").exists()


def test_listing_gets_no_record_and_says_why(site, archiver_cli, tmp_path):
    url = site.url("/analyses/")
    done = archiver_cli("archive", url, site.url("/article/gzip/"), "--archive", "arch", *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    [line] = [line for line in done.stdout.splitlines() if url in line]
    assert line.startswith(f"OK   {url}: captured, no record: listing page, not an article")
    assert "--article forces a record" in line and "[WARC " in line
    assert "1 recorded, 1 captured without record, 0 failed" in done.stdout
    assert [r["url"] for r in read_records(tmp_path / "arch")] == [site.url("/article/gzip/")]
    [(headers, payload, _)] = responses(tmp_path / "arch")[url]
    assert headers.get_statuscode() == "200" and b"Le corridor a3 en d" in payload


def test_article_flag_forces_a_record(site, archiver_cli, tmp_path):
    url = site.url("/analyses/")
    done = archiver_cli("archive", url, "--article", "--archive", "arch", *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 recorded" in done.stdout
    [record] = read_records(tmp_path / "arch")
    assert record["url"] == url and record["title"] == "Analyses"
    assert "Le corridor a3 en débat" in record["body"]


def test_urls_from_a_file(site, archiver_cli, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# to archive\n{site.url('/article/gzip/')}\n\n{site.url('/article/chunked/')}  # two\n"
    )
    done = archiver_cli("archive", "-i", str(listing), "--archive", "arch", *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(read_records(tmp_path / "arch")) == 2


def test_json_outcome_and_the_failures_it_leaves(site, archiver_cli, tmp_path):
    urls = [site.url("/article/gzip/"), site.url("/missing"), site.url("/broken")]
    done = archiver_cli("archive", *urls, "--archive", "arch", "--json", *FAST, "-s", "RETRY_TIMES=0")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    outcomes = {o["url"]: o for o in report["urls"]}
    assert outcomes[urls[0]]["outcome"] == "recorded" and outcomes[urls[0]]["record_path"].endswith(".json")
    assert outcomes[urls[1]] | {"record_path": None} == outcomes[urls[1]]
    assert (outcomes[urls[1]]["outcome"], outcomes[urls[1]]["status"]) == ("broken_link", 404)
    assert (outcomes[urls[2]]["outcome"], outcomes[urls[2]]["reason"]) == ("failed", "HTTP 500")
    assert (report["recorded"], report["failed"], report["broken_link"]) == (1, 1, 1)
    assert report["warc_files"] and all(
        (tmp_path / "arch" / "warc" / name).exists() for name in report["warc_files"]
    )
    # One error count: the run file says the same, and `failures` lists both, kinds apart.
    (run_file,) = (tmp_path / "arch" / "runs").glob("*.json")
    run = json.loads(run_file.read_text("utf-8"))
    assert run["state"] == "finished" and run["error_count"] == 1 and run["broken_link_count"] == 1
    listed = archiver_cli("failures", "--archive", "arch", "--json")
    assert listed.returncode == 1, listed.stderr
    failing = {f["url"]: f for f in map(json.loads, listed.stdout.splitlines())}
    assert set(failing) == {urls[1], urls[2]}
    assert failing[urls[1]]["kind"] == "broken_link" and failing[urls[2]]["kind"] == "error"
    assert (
        failing[urls[2]]["reason"] == "HTTP 500"
        and failing[urls[2]]["at"]
        and failing[urls[2]]["site"] is None
    )
    # Archived later, a URL is no longer failing; status sees the archive though no crawl made it.
    site.routes["/broken"] = Page(article("fixed", "Réparé"))
    again = archiver_cli("archive", urls[2], "--archive", "arch", *FAST)
    assert again.returncode == 0, again.stdout + again.stderr
    listed = archiver_cli("failures", "--archive", "arch")
    assert urls[2] not in listed.stdout and urls[1] in listed.stdout and "broken link" in listed.stdout
    assert listed.returncode == 0  # a broken link alone is no error
    status = archiver_cli("status", "--archive", "arch")
    assert status.returncode == 0, status.stderr
    assert "2 records" in status.stdout and "0 errors, 1 broken links" in status.stdout
    (host,) = map(json.loads, archiver_cli("status", "--archive", "arch", "--json").stdout.splitlines())
    assert host["site"] is None and host["host"] == f"127.0.0.1:{site.port}" and host["articles"] == 2
    site.routes["/broken"] = Page(b"<html><body>oops</body></html>", status=500)


def test_a_robots_blocked_url_says_what_was_written_and_why_not_the_page(site, archiver_cli, tmp_path):
    url = site.url("/private/page")
    done = archiver_cli("archive", url, "--archive", "arch", *FAST)
    assert done.returncode == 1
    assert (
        f"FAIL {url}: forbidden by robots.txt: not fetched (the site's robots.txt was fetched and captured"
        in done.stdout
    )
    [warc] = warc_files(tmp_path / "arch")
    assert warc.name in done.stdout and "nothing written" not in done.stdout
    assert site.url("/robots.txt") in responses(tmp_path / "arch") and url not in responses(tmp_path / "arch")

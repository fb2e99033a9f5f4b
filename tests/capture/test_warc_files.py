"""The WARC files of a crawl: valid, well named, opened by warcinfo, one linked pair per fetch."""

from __future__ import annotations

import re

from archiver.capture.check import check_warc
from archiver.capture.warcfiles import warc_filename, warc_name_pattern
from tests.support.capture import read_warc_records, warcio_check

NAME = re.compile(r"^archiver-\d{17}-\d{5}-[-a-z0-9._]+\.warc\.gz$")


def test_warcio_check_passes_on_every_file(captured_site):
    warcs = captured_site.run.warcs()
    assert warcs
    done = warcio_check(warcs)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "digest pass" in done.stdout
    for path in warcs:
        result = check_warc(path)
        assert result.ok, result.problems


def test_files_are_closed_and_named_with_safe_characters(captured_site):
    names = [p.name for p in captured_site.run.warc_dir.iterdir()]
    assert not [n for n in names if n.endswith(".open")]
    assert names and all(NAME.match(n) for n in names), names
    assert "'archiver/warc_files': 1" in captured_site.run.log


def test_a_prefix_names_its_own_files_only():
    mine, longer = warc_name_pattern("archiver-demo"), warc_filename("archiver-demo-x", "2" * 17, 0, "vm")
    name = warc_filename("archiver-demo", "2" * 17, 3, "vm")
    assert mine.fullmatch(name) and mine.fullmatch(name + ".open")
    assert not mine.fullmatch(longer) and not mine.fullmatch(name + ".cdxj")


def test_each_file_opens_with_a_warcinfo_record(captured_site):
    path = captured_site.run.warcs()[0]
    first = read_warc_records(path)[0]
    assert first.type == "warcinfo"
    assert first.warc["WARC-Filename"] == path.name
    fields = dict(line.split(": ", 1) for line in first.payload.decode().splitlines() if line)
    assert fields["software"].startswith("archiver/")
    assert fields["robots"] == "obey"
    assert fields["format"] == "WARC File Format 1.1"
    assert "warc-1.1" in fields["conformsTo"]
    assert fields["description"] == "archiver capture"
    assert fields["isPartOf"] and fields["hostname"]


def test_every_fetch_is_a_response_then_request_pair_linked_and_dated_alike(captured_site):
    records = [
        r for path in captured_site.run.warcs() for r in read_warc_records(path) if r.type != "warcinfo"
    ]
    assert len(records) % 2 == 0
    for response, request in zip(records[::2], records[1::2], strict=True):
        assert (response.type, request.type) == ("response", "request")
        assert request.warc["WARC-Concurrent-To"] == response.warc["WARC-Record-ID"]
        assert request.warc["WARC-Date"] == response.warc["WARC-Date"]
        assert request.uri == response.uri
        assert response.warc["WARC-IP-Address"] == "127.0.0.1"
        assert response.warc["WARC-Date"].endswith("Z") and "." in response.warc["WARC-Date"]
    # every request the server saw (robots.txt and redirect hops included) is in the WARC
    served = sorted(f"{r.method} {r.path}" for r in captured_site.server.requests)
    written = sorted(f"{r.http.protocol} {r.http.statusline.split(' ')[0]}" for r in records[1::2])
    assert written == served
    assert any(path == "/robots.txt" for path in (r.path for r in captured_site.server.requests))
    assert f"'archiver/warc_records': {len(records) + 1}" in captured_site.run.log

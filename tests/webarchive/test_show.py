"""``archiver show URL``: the stored record of a URL, found from any URL that leads to it."""

from __future__ import annotations

import json

from archiver.cli.show import find_record
from archiver.records.store import RecordStore
from tests.support.webarchive import DemoArchive


def test_every_record_is_found_by_its_url(demo_archive: DemoArchive) -> None:
    for record in demo_archive.records:
        path = find_record(demo_archive.path / "records", record["url"])
        assert path is not None and json.loads(path.read_text("utf-8")) == record


def test_show_prints_the_stored_record(demo_archive: DemoArchive, cli) -> None:
    record = demo_archive.records[0]
    done = cli("show", record["url"], "--archive", str(demo_archive.path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == record


def test_show_finds_the_record_from_a_tracking_url(demo_archive: DemoArchive, cli) -> None:
    record = demo_archive.records[-1]
    done = cli("show", record["url"] + "?utm_source=newsletter", "--archive", str(demo_archive.path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == record["id"]


def test_show_without_a_record(demo_archive: DemoArchive, cli) -> None:
    done = cli("show", demo_archive.base_url + "contact/", "--archive", str(demo_archive.path))
    assert done.returncode == 1 and "no record" in done.stderr
    assert cli("show", "not a url", "--archive", str(demo_archive.path)).returncode == 2


def test_a_redirected_url_finds_the_newest_record_it_led_to(demo_archive: DemoArchive, tmp_path) -> None:
    old, new = (dict(record) for record in demo_archive.records[:2])
    moved = demo_archive.base_url + "old-address/"
    old["redirects"], new["redirects"] = [moved], [moved]
    old["fetched_at"], new["fetched_at"] = "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"
    store = RecordStore(tmp_path / "records")
    for record in (old, new):
        store.write(record)
    assert json.loads(find_record(tmp_path / "records", moved).read_text("utf-8"))["id"] == new["id"]
    assert find_record(tmp_path / "records", demo_archive.base_url + "elsewhere/") is None

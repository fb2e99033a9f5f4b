"""``archiver validate``: every record against the schema, every WARC pointer against its WARC."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

from tests.support.cli import command
from tests.support.records import record_files


def validate(archive: Path) -> subprocess.CompletedProcess[str]:
    return command("validate", str(archive))


def test_a_clean_archive_is_valid(crawled_archive: Path) -> None:
    done = validate(crawled_archive)
    assert done.returncode == 0, done.stdout
    assert f"{len(record_files(crawled_archive))} record(s) checked, 0 invalid" in done.stdout


#: One way to break a record, and what ``archiver validate`` says of it.
BREAKAGES = [
    (lambda r: r["warc"].update(offset=r["warc"]["offset"] + 7), "no WARC record at offset"),
    (lambda r: r["warc"].update(offset=0), "WARC-Type is 'warcinfo'"),
    (lambda r: r["warc"].update(length=r["warc"]["length"] - 1), "record length is"),
    (
        lambda r: r["warc"].update(record_id="<urn:uuid:00000000-0000-4000-8000-000000000000>"),
        "WARC-Record-ID",
    ),
    (lambda r: r["warc"].update(filename="gone.warc.gz"), "no file gone.warc.gz"),
    (lambda r: r.update(fetched_at="2001-01-01T00:00:00Z"), "WARC-Date"),
    (lambda r: r.update(language="French"), "schema: language"),
    (lambda r: r.pop("body"), "schema: (record): 'body' is a required property"),
    (lambda r: r.update(id="3fa0b1de-0000-5000-8000-000000000000"), "misplaced"),
]


def test_each_broken_record_is_reported(archive: Path) -> None:
    names = sorted(record_files(archive))
    assert len(names) > len(BREAKAGES)
    for name, (change, _) in zip(names, BREAKAGES, strict=False):
        path = archive / "records" / name
        record = json.loads(path.read_text("utf-8"))
        change(record)
        path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
    done = validate(archive)
    assert done.returncode == 1, done.stdout
    for name, (_, reported) in zip(names, BREAKAGES, strict=False):
        lines = [line for line in done.stdout.splitlines() if Path(name).name in line]
        assert any(reported in line for line in lines), (reported, lines)
    assert f"{len(names)} record(s) checked, {len(BREAKAGES)} invalid" in done.stdout


def test_a_damaged_warc_fails_its_digest_check(archive: Path) -> None:
    """A byte changed inside a response body: the record still parses, its digest no longer matches."""
    record = json.loads((archive / "records" / sorted(record_files(archive))[0]).read_text("utf-8"))
    warc = archive / "warc" / record["warc"]["filename"]
    start, length = record["warc"]["offset"], record["warc"]["length"]
    data = warc.read_bytes()
    member = bytearray(gzip.decompress(data[start : start + length]))
    member[-10] = ord("#") if member[-10] != ord("#") else ord("%")
    warc.write_bytes(data[:start] + gzip.compress(bytes(member)) + data[start + length :])
    done = validate(archive)
    assert done.returncode == 1, done.stdout
    assert "digest" in done.stdout.lower()


def test_no_records_folder_is_a_usage_error(tmp_path: Path) -> None:
    done = command("validate", str(tmp_path))
    assert done.returncode == 2


def test_versions_are_checked_and_a_lost_one_is_reported(versioned_archive: Path, tmp_path: Path) -> None:
    archive = Path(shutil.copytree(versioned_archive, tmp_path / "archive"))
    done = validate(archive)
    assert done.returncode == 0 and "2 record(s) checked, 0 invalid" in done.stdout, done.stdout
    [kept] = (archive / "record-versions").rglob("*.json")
    kept.rename(kept.with_name(kept.name.replace(".v1.", ".v7.")))
    done = validate(archive)
    assert done.returncode == 1
    assert "supersedes: no readable record at record-versions/" in done.stdout
    assert "misplaced" in done.stdout and "2 invalid" in done.stdout

"""``archiver package``: WACZ packages that ``wacz validate`` accepts and pywb replays."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from archiver.webarchive.package import WACZ_NAME
from tests.support.webarchive import DemoArchive, page_list, wacz_validate


@pytest.fixture(scope="module")
def whole_package(demo_archive: DemoArchive, tools_env: dict[str, str], tmp_path_factory) -> Path:
    """``archiver package -o all.wacz`` of the whole demo archive."""
    output = tmp_path_factory.mktemp("package") / "all.wacz"
    command = [
        sys.executable,
        "-m",
        "archiver",
        "package",
        "-o",
        str(output),
        "--archive",
        str(demo_archive.path),
    ]
    done = subprocess.run(command, env=tools_env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{len(demo_archive.records)} article pages" in done.stdout
    return output


def test_the_package_passes_wacz_validate(whole_package: Path, tools_env: dict[str, str]) -> None:
    done = wacz_validate(whole_package, tools_env)
    assert done.returncode == 0 and "Validation succeeded" in done.stdout, done.stdout + done.stderr


def test_the_package_holds_the_archive_warcs_unchanged(
    whole_package: Path, demo_archive: DemoArchive
) -> None:
    with zipfile.ZipFile(whole_package) as package:
        warcs = {name.removeprefix("archive/"): package.read(name) for name in package.namelist()
                 if name.startswith("archive/")}  # fmt: skip
    assert warcs == {p.name: p.read_bytes() for p in (demo_archive.path / "warc").glob("*.warc.gz")}
    assert all(WACZ_NAME.match(name) for name in warcs)


def test_pages_jsonl_has_one_entry_per_article_record(whole_package: Path, demo_archive: DemoArchive) -> None:
    header, pages = page_list(whole_package)
    assert header["format"] == "json-pages-1.0" and header["hasText"] is True
    by_url = {page["url"]: page for page in pages}
    assert len(pages) == len(by_url) == len(demo_archive.records)
    for record in demo_archive.records:
        page = by_url[record["url"]]
        assert (page["ts"], page["title"], page["text"]) == (
            record["fetched_at"],
            record["title"],
            record["body"],
        )


def test_pywb_replays_every_article_of_the_unpacked_package(
    whole_package: Path, demo_archive: DemoArchive, pywb_replay
) -> None:
    replay = pywb_replay([whole_package])
    for record in demo_archive.records:
        timestamp = re.sub(r"\D", "", record["fetched_at"])[:14]
        got = replay.get(record["url"], timestamp)
        assert got.status == record["http_status"]
        assert got.body == demo_archive.served_body(record["url"])


def test_a_site_package_since_a_time(demo_archive: DemoArchive, cli, tools_env, tmp_path: Path) -> None:
    since = min(record["fetched_at"] for record in demo_archive.records)[:10]  # the crawl's day
    output = tmp_path / "demo.wacz"
    done = cli("package", "--site", "demo", "--since", since, "-o", str(output), "--archive",
               str(demo_archive.path))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert wacz_validate(output, tools_env).returncode == 0
    _, pages = page_list(output)
    assert sorted(page["url"] for page in pages) == sorted(record["url"] for record in demo_archive.records)
    with zipfile.ZipFile(output) as package:
        (warc,) = [name for name in package.namelist() if name.startswith("archive/")]
    assert WACZ_NAME.match(warc.removeprefix("archive/"))


def test_nothing_to_package_and_usage_errors(demo_archive: DemoArchive, cli, tmp_path: Path) -> None:
    archive = ("--archive", str(demo_archive.path))
    later = cli("package", "--since", "2999-01-01", "-o", str(tmp_path / "x.wacz"), *archive)
    assert later.returncode == 1 and "no capture" in later.stderr
    other = cli("package", "--site", "elsewhere.example", "-o", str(tmp_path / "x.wacz"), *archive)
    assert other.returncode == 1
    assert cli("package", "--since", "last week", "-o", str(tmp_path / "x.wacz"), *archive).returncode == 2
    assert cli("package", "-o", str(tmp_path / "x.zip"), *archive).returncode == 2
    assert not list(tmp_path.glob("*.wacz")) and not list(tmp_path.glob(".package-*"))

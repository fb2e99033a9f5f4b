"""``archiver list`` over records however made, and two sites on one host, different ports, kept apart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archiver.demo.server import Page, SiteServer
from tests.support.cli import FAST
from tests.support.pages import article
from tests.support.records import read_records


@pytest.fixture(scope="module")
def two_ports():
    """Two sites on 127.0.0.1, different ports, with the same paths."""
    first = {"/": Page(b'<html><body><a href="/article/same/">a</a></body></html>'),
             "/article/same/": Page(article("same", "Premier site : le corridor"))}  # fmt: skip
    second = {"/article/same/": Page(article("same", "Second site : la Caspienne")),
              "/article/other/": Page(article("other", "Second site : Aktaou"))}  # fmt: skip
    with SiteServer(first) as one, SiteServer(second) as two:
        yield one, two


def listed(archiver_cli, *args: str) -> list[dict]:
    done = archiver_cli("list", "--archive", "arch", "--json", *args)
    assert done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_list_filters_records_of_crawls_and_of_archive(two_ports, archiver_cli, tmp_path: Path) -> None:
    one, two = two_ports
    crawled = archiver_cli(
        "crawl", one.url("/"), "--archive", "arch", "--json", *FAST, "-s", "ARCHIVER_EXTRACT_WORKERS=0"
    )
    assert crawled.returncode == 0, crawled.stderr
    run = json.loads(crawled.stdout)  # crawl --json: the run's stats object, as in runs/<run-id>.json
    assert run == json.loads((tmp_path / "arch" / "runs" / f"{run['run_id']}.json").read_text("utf-8"))
    assert (run["state"], run["articles"], run["error_count"]) == ("finished", 1, 0)
    archived = archiver_cli(
        "archive", two.url("/article/same/"), two.url("/article/other/"), "--archive", "arch", *FAST
    )
    assert archived.returncode == 0, archived.stdout + archived.stderr
    records = read_records(tmp_path / "arch")
    assert len(records) == 3
    # Two sites on one host, different ports: each its own folder.
    folders = sorted(p.name for p in (tmp_path / "arch" / "records").iterdir())
    assert folders == sorted([f"127.0.0.1_{one.port}", f"127.0.0.1_{two.port}"])

    every = listed(archiver_cli)
    assert len(every) == 3 and all(e["kind"] == "current" and e["version"] == 1 for e in every)
    (site,) = {e["site"] for e in every if e["site"]}  # the crawl's site; archive's records have none
    assert [e["url"] for e in listed(archiver_cli, "--site", site)] == [one.url("/article/same/")]
    assert len(listed(archiver_cli, "--host", f"127.0.0.1:{two.port}")) == 2
    assert len(listed(archiver_cli, "--host", "127.0.0.1")) == 3
    assert [e["title"] for e in listed(archiver_cli, "--title", "aktaou")] == ["Second site : Aktaou"]
    assert (
        listed(archiver_cli, "--since", "2999-01-01") == []
        and len(listed(archiver_cli, "--since", "2020-01-01")) == 3
    )
    today = every[0]["fetched_at"][:10]
    assert len(listed(archiver_cli, "--until", today)) == 3  # a date alone: through that day
    assert listed(archiver_cli, "--kind", "earlier") == [] and len(listed(archiver_cli, "--kind", "all")) == 3
    assert {e["published"] for e in every} == {"2025-03-12"}  # "le 12 mars 2025" in the byline
    assert len(listed(archiver_cli, "--by", "published", "--until", "2025-03-12")) == 3
    assert listed(archiver_cli, "--by", "published", "--until", "2025-03-11") == []

    table = archiver_cli("list", "--archive", "arch")
    assert table.returncode == 0 and table.stdout.splitlines()[0].split() == [
        "fetched",
        "site",
        "host",
        "title",
        "url",
    ]
    assert "Second site : la Caspienne" in table.stdout and "3 record(s)" in table.stderr
    none = archiver_cli("list", "--archive", "arch", "--title", "absent")
    assert none.returncode == 1 and none.stdout == ""
    assert archiver_cli("list", "--archive", "arch", "--since", "yesterday").returncode == 2
    assert archiver_cli("list", "--archive", "nowhere").returncode == 2


def test_records_in_the_older_layout_are_still_found_and_moved_on_write(
    two_ports, archiver_cli, tmp_path: Path
) -> None:
    _, two = two_ports
    url = two.url("/article/same/")
    assert archiver_cli("archive", url, "--archive", "arch", *FAST).returncode == 0
    (current,) = (tmp_path / "arch" / "records").rglob("*.json")
    legacy = tmp_path / "arch" / "records" / "127.0.0.1" / current.name  # where the port used to be dropped
    legacy.parent.mkdir()
    shutil.move(current, legacy)
    shown = archiver_cli("show", url, "--archive", "arch")
    assert shown.returncode == 0 and json.loads(shown.stdout)["url"] == url
    assert [e["path"] for e in listed(archiver_cli)] == [f"records/127.0.0.1/{current.name}"]
    assert archiver_cli("validate", "--archive", "arch").returncode == 0
    two.routes["/article/same/"] = Page(article("same", "Second site : la Caspienne, mise à jour"))
    try:
        assert archiver_cli("archive", url, "--archive", "arch", *FAST).returncode == 0
    finally:
        two.routes["/article/same/"] = Page(article("same", "Second site : la Caspienne"))
    assert not legacy.exists() and current.is_file()
    assert json.loads(current.read_text("utf-8"))["title"] == "Second site : la Caspienne, mise à jour"
    assert len(read_records(tmp_path / "arch")) == 1

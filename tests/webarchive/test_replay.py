"""``archiver replay``: pywb over the archive in place, on 127.0.0.1, every article as captured."""

from __future__ import annotations

import signal
import socket
from urllib.parse import urlsplit

import pytest

from tests.support.webarchive import DemoArchive
from tests.webarchive.replaying import archiver_replay


def test_replay_serves_every_article_with_its_status_and_body(
    demo_archive: DemoArchive, tools_env: dict[str, str]
) -> None:
    with archiver_replay(demo_archive.path, tools_env) as replay:
        assert urlsplit(replay.base_url).hostname == "127.0.0.1"
        assert sorted(replay.articles) == sorted(record["url"] for record in demo_archive.records)
        for record in demo_archive.records:
            as_sent = replay.fetch(replay.articles[record["url"]], mode="id_")
            assert as_sent.status == record["http_status"]
            assert as_sent.body == demo_archive.served_body(record["url"])
            framed = replay.fetch(replay.articles[record["url"]])  # what a browser opens: pywb's frame
            assert framed.status == 200 and b"replay_iframe" in framed.body
            rewritten = replay.fetch(replay.articles[record["url"]], mode="mp_")  # the page in the frame
            assert rewritten.status == record["http_status"] and b"wombat" in rewritten.body


@pytest.mark.parametrize(
    ("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"]
)
def test_replay_stops_pywb_when_stopped(
    demo_archive: DemoArchive, tools_env: dict[str, str], stop, code
) -> None:
    with archiver_replay(demo_archive.path, tools_env) as replay:
        port = urlsplit(replay.base_url).port
        replay.process.send_signal(stop)
        assert replay.process.wait(timeout=20) == code  # Ctrl-C 130, SIGTERM 143
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0, "wayback still listens"


def test_replay_refuses_a_folder_that_is_no_archive(cli, tmp_path) -> None:
    done = cli("replay", "--archive", str(tmp_path / "nothing"))
    assert done.returncode == 2 and "no WARC folder" in done.stderr

"""``archiver crawl --redis`` refuses at once what cannot work."""

from __future__ import annotations

from archiver.webarchive.replay import free_port


def test_unreachable_redis_is_reported_before_crawling(archiver_cli):
    url = f"redis://127.0.0.1:{free_port()}/0"
    done = archiver_cli("crawl", "http://127.0.0.1:9/", "--redis", url, "--worker-id", "w1")
    assert done.returncode == 1
    assert f"Redis at {url}" in done.stderr and "Traceback" not in done.stderr


def test_a_bad_redis_url_is_reported(archiver_cli):
    done = archiver_cli("crawl", "http://127.0.0.1:9/", "--redis", "http://not-redis/")
    assert done.returncode == 1 and "Redis URL must specify" in done.stderr

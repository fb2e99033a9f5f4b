"""Retry backoff: how long the archiver waits before asking a struggling server again."""

from __future__ import annotations

from archiver.downloadermiddlewares.retry import backoff_delay


def test_backoff_doubles_up_to_the_cap_and_honours_retry_after() -> None:
    assert [backoff_delay(n, 1.0, 5.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
    assert backoff_delay(1, 1.0, 30.0, b"7") == 7.0 and backoff_delay(1, 1.0, 30.0, b"120") == 30.0
    assert backoff_delay(2, 1.0, 30.0, b"Wed, 21 Oct 2015 07:28:00 GMT") == 2.0

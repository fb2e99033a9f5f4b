"""RedisDigestIndex on a real redis-server: one original per payload digest, across clients."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import redis

from archiver.capture.digestindex import OriginalCapture
from archiver.distributed import RedisDigestIndex


def capture(n: int) -> OriginalCapture:
    return OriginalCapture(f"<urn:uuid:{n:08d}>", f"http://example.org/{n}", f"2026-01-01T00:00:{n:02d}Z")


def test_first_claim_wins_and_later_claims_get_it_back(redis_server: str):
    index = RedisDigestIndex(redis.Redis.from_url(f"{redis_server}/3"), key="test:digests")
    assert index.claim("sha1:AAA", capture(1)) is None
    assert index.claim("sha1:AAA", capture(2)) == capture(1)
    assert index.claim("sha1:BBB", capture(3)) is None
    assert len(index) == 2
    index.close()


def test_concurrent_claims_from_separate_connections_agree_on_one_original(redis_server: str):
    indexes = [RedisDigestIndex(redis.Redis.from_url(f"{redis_server}/3"), key="test:race") for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda n: indexes[n].claim("sha1:SAME", capture(n)), range(8)))
    winners = [n for n, result in enumerate(results) if result is None]
    assert len(winners) == 1
    assert all(result == capture(winners[0]) for result in results if result is not None)

"""The digest index of workers sharing a Redis: one hash, claims by ``HSETNX``."""

from __future__ import annotations

import json
from typing import Any

from scrapy.settings import BaseSettings

from archiver.capture.digestindex import OriginalCapture
from archiver.distributed.keys import DIGESTS_KEY


class RedisDigestIndex:
    """:class:`~archiver.capture.digestindex.DigestIndex` in the Redis hash ``key``.

    ``HSETNX`` and ``HGET`` run in one transaction: of two workers claiming one
    digest at once, exactly one becomes the original and the other gets it back.
    """

    def __init__(self, server: Any, key: str = DIGESTS_KEY) -> None:
        self.server = server
        self.key = key

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RedisDigestIndex:
        """The index in the Redis of ``REDIS_URL`` (or ``ARCHIVER_REDIS_URL``)."""
        from scrapy_redis.connection import get_redis_from_settings

        if not settings.get("REDIS_URL") and settings.get("ARCHIVER_REDIS_URL"):
            settings = settings.copy()
            settings.set("REDIS_URL", settings.get("ARCHIVER_REDIS_URL"))
        return cls(get_redis_from_settings(settings))

    def lookup(self, payload_digest: str) -> OriginalCapture | None:
        """The original capture of ``payload_digest``, or None."""
        stored = self.server.hget(self.key, payload_digest)
        return OriginalCapture(*json.loads(stored)) if stored else None

    def claim(self, payload_digest: str, capture: OriginalCapture) -> OriginalCapture | None:
        """The original capture of ``payload_digest``, or None after making ``capture`` it."""
        value = json.dumps([capture.record_id, capture.target_uri, capture.warc_date])
        pipe = self.server.pipeline(transaction=True)
        pipe.hsetnx(self.key, payload_digest, value)
        pipe.hget(self.key, payload_digest)
        added, stored = pipe.execute()
        if added:
            return None
        return OriginalCapture(*json.loads(stored))

    def __len__(self) -> int:
        return int(self.server.hlen(self.key))

    def close(self) -> None:
        self.server.close()

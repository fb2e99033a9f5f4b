"""The trap rule's ledger shared by the workers of a crawl: one Redis hash of URL templates,
and one Redis list of deferred URLs per template (``<traps key>:deferred:<template>``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from archiver.crawl.traps import ShapeRecord
from archiver.distributed.keys import CrawlKeys

T = TypeVar("T")


class RedisShapeStore:
    """:class:`~archiver.crawl.traps.ShapeStore` in the hash ``CrawlKeys(site).traps``.

    An update reads a template's record, changes it and writes it back in one optimistic
    transaction (``WATCH``/``MULTI``, retried when another worker wrote first).
    """

    def __init__(self, server: Any, key: str) -> None:
        self.server = server
        self.key = key

    @classmethod
    def from_settings(cls, settings: Any, site: str) -> RedisShapeStore:
        from archiver.distributed.status import connect

        return cls(connect(settings.get("ARCHIVER_REDIS_URL")), CrawlKeys(site).traps)

    def update(self, shape: str, change: Callable[[ShapeRecord], T]) -> T:
        result: list[T] = []

        def attempt(pipe: Any) -> None:
            record = ShapeRecord.from_json(pipe.hget(self.key, shape))
            result[:] = [change(record)]
            pipe.multi()
            pipe.hset(self.key, shape, record.to_json())

        self.server.transaction(attempt, self.key)
        return result[0]

    def queue_key(self, shape: str) -> str:
        return f"{self.key}:deferred:{shape}"

    def push(self, shape: str, url: str) -> None:
        self.server.rpush(self.queue_key(shape), url)

    def pop(self, shape: str, count: int) -> list[str]:
        return [url.decode() for url in self.server.lpop(self.queue_key(shape), count) or []]

    def clear(self, shape: str) -> None:
        self.server.delete(self.queue_key(shape))

    def get(self, shape: str) -> ShapeRecord | None:
        raw = self.server.hget(self.key, shape)
        return ShapeRecord.from_json(raw) if raw else None

    def records(self) -> dict[str, ShapeRecord]:
        return {
            name.decode(): ShapeRecord.from_json(raw) for name, raw in self.server.hgetall(self.key).items()
        }

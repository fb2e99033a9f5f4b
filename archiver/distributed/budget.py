"""``--max-pages`` counted across every worker of a shared crawl: one Redis counter."""

from __future__ import annotations

from typing import Any

from archiver.crawl.limits import PageCounter
from archiver.distributed.keys import CrawlKeys

#: Atomically: count a URL not counted yet; the new total, or 0 when it was.
TAKE_SCRIPT = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  return redis.call('INCR', KEYS[2])
end
return 0
"""


def shared_page_counter(settings: Any, site: str) -> PageCounter:
    """A :data:`~archiver.crawl.limits.PageCounter` over the Redis of ``ARCHIVER_REDIS_URL``."""
    from archiver.distributed.status import connect

    server = connect(settings.get("ARCHIVER_REDIS_URL"))
    keys = CrawlKeys(site)
    take = server.register_script(TAKE_SCRIPT)
    return lambda url: int(take(keys=[keys.requested, keys.pages], args=[url]))

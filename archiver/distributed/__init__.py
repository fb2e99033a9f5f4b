"""Several crawler processes or machines sharing one crawl through Redis (scrapy-redis).

``archiver crawl SITE --redis redis://HOST:PORT/DB`` (setting ``ARCHIVER_REDIS_URL``)
makes a process one *worker* of the site's shared crawl: the request queue and the
seen-URL filter are scrapy-redis's, in Redis (:mod:`.settings`, key names in
:mod:`.keys`); :mod:`.sharedcrawl` registers the worker, reports its counts and
ends the crawl when the shared queue stays empty; :mod:`.digestindex` shares the
payload digests so identical payloads become revisits across workers; :mod:`.status`
reads a crawl's progress. Needs the ``redis`` extra (``pip install 'archiver[redis]'``).
"""

from archiver.distributed.digestindex import RedisDigestIndex

__all__ = ["RedisDigestIndex"]

"""A real ``redis-server`` on a free loopback port, and crawl workers started against it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.distributed import RedisServer
from tests.support.requires import require_command


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``redis://127.0.0.1:PORT``: a redis-server without persistence, stopped at the end."""
    require_command("redis-server")
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server.url

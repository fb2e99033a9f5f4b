"""Fixtures shared by every test: the ``archiver`` command in a subprocess, run safely."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sandbox_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for subprocesses: caches and state dirs under a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    env = dict(os.environ)
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(home / name.lower())
    env["TLDEXTRACT_CACHE"] = str(home / "tldextract")
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.fixture
def archiver_cli(sandbox_env: dict[str, str], tmp_path: Path):
    """Run ``archiver ARGS`` in a subprocess (in tmp_path); return the CompletedProcess."""

    def run(*args: str, timeout: float = 120, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "archiver", *args],
            cwd=cwd or tmp_path, env=sandbox_env, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip

    return run


#: Fixtures that make a test end-to-end: a command or crawl in a subprocess (they all run in
#: ``sandbox_env``), a real pywb, a real redis-server.
E2E_FIXTURES = frozenset({"sandbox_env", "pywb_replay", "redis_server"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests by what they start (see the markers in pyproject.toml): ``redis`` for a real
    redis-server, ``e2e`` for those and every subprocess crawl, pywb replay or browser test."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "redis_server" in fixtures:
            item.add_marker(pytest.mark.redis)
        if fixtures & E2E_FIXTURES or item.get_closest_marker("browser") or item.get_closest_marker("redis"):
            item.add_marker(pytest.mark.e2e)

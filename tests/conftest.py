"""Fixtures shared by every test: the ``archiver`` command in a subprocess, run safely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.requires import CORPUS  # noqa: F401  (tests import it from here)

ROOT = Path(__file__).resolve().parent.parent

#: Settings every test crawl uses: no politeness delays, no side services.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "TELNETCONSOLE_ENABLED=False",
        "-s", "REMOTE_CONTROL_ENABLED=False"]  # fmt: skip


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


def read_records(archive: Path) -> list[dict]:
    """Every JSON record under ``archive/records``, each checked as ``archiver validate`` does."""
    from archiver.cli.validate import record_file_problems
    from archiver.state.versions import record_paths
    from archiver.storage import RecordStore

    problems = {str(path): record_file_problems(path, archive) for path in record_paths(archive)}
    assert not any(problems.values()), {path: found for path, found in problems.items() if found}
    return [json.loads(path.read_text("utf-8")) for path in RecordStore(archive / "records")]

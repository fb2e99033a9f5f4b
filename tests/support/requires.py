"""What a test needs beyond a fresh clone (../shared, redis-server, nginx, chromium ...).

On a fresh clone a test that lacks one skips and says what it needs; CI sets
``ARCHIVER_REQUIRE_ALL=1`` (``.ci/run`` does), which turns such a skip into a
failure, so CI cannot pass with a test left out.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

#: Set to 1 where every test must run (CI): a missing requirement fails the test.
REQUIRE_ALL = "ARCHIVER_REQUIRE_ALL"

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"  # the shared data sits beside the checkout, not in it
CORPUS = SHARED / "corpus"


def require_all() -> bool:
    """Whether a missing requirement fails the test instead of skipping it."""
    return os.environ.get(REQUIRE_ALL, "").strip().lower() in ("1", "true", "yes")


def require(available: bool, what: str) -> None:
    """Skip (or, with ``ARCHIVER_REQUIRE_ALL=1``, fail) the test unless ``available``."""
    if available:
        return
    if require_all():
        pytest.fail(f"needs {what} ({REQUIRE_ALL}=1: every test must run here)", pytrace=False)
    pytest.skip(f"needs {what}")


def require_command(name: str, *also: str, how: str = "") -> str:
    """The path of command ``name`` (or of one of the paths ``also``); skips or fails without it."""
    found = shutil.which(name) or next((path for path in also if os.access(path, os.X_OK)), None)
    require(found is not None, f"{name} ({how or f'apt-get install {name}'}; .ci/run installs it)")
    assert found is not None
    return found


def require_corpus() -> Path:
    """``../shared/corpus``, the observatory gold corpus beside the checkout."""
    require(CORPUS.is_dir() and any(CORPUS.glob("*.html")), f"the gold corpus {CORPUS} (beside the checkout)")
    return CORPUS

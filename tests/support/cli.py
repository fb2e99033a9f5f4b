"""The ``archiver`` command run by tests: in a subprocess (crawls) or in this process (quick commands)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from archiver.cli import main

#: Settings every test crawl uses: no politeness delays, no side services.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "TELNETCONSOLE_ENABLED=False",
        "-s", "REMOTE_CONTROL_ENABLED=False"]  # fmt: skip


def archiver(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``archiver ARGS`` run in a subprocess, in ``cwd``."""
    return subprocess.run([sys.executable, "-m", "archiver", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def command(*args: str) -> subprocess.CompletedProcess[str]:
    """``archiver ARGS`` run in this process (commands that start no crawl), output captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(["archiver", *args], code, out.getvalue(), err.getvalue())

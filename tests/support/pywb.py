"""A real pywb replaying WARC files, for replay proofs.

``wb-manager`` and ``wayback`` come from ``$ARCHIVER_PYWB_BIN_DIR`` or the separate
virtualenv ``.venv-pywb`` (pywb's pins conflict with ours), which is created with
``python -m venv`` + pip when missing, under a file lock so parallel runs build it once.
"""

from __future__ import annotations

import fcntl
import gzip
import http.client
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

PYWB_VENV = ROOT / ".venv-pywb"
PYWB_PACKAGES = ["pywb", "wacz", "cdxj-indexer"]
COLLECTION = "capture"


@dataclass
class Replayed:
    """One response replayed by pywb: status, headers (lower-case names) and decoded body."""

    status: int
    headers: dict[str, str]
    body: bytes


def pywb_bin_dir() -> Path:
    """The folder with ``wayback`` and ``wb-manager``; builds ``.venv-pywb`` if needed."""
    if configured := os.environ.get("ARCHIVER_PYWB_BIN_DIR"):
        return Path(configured)
    bin_dir = PYWB_VENV / "bin"
    with open(Path(tempfile.gettempdir()) / "archiver-venv-pywb.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (bin_dir / "wayback").exists():
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(PYWB_VENV)], check=True)
            subprocess.run([str(bin_dir / "pip"), "install", "-q", *PYWB_PACKAGES], check=True, timeout=900)
    return bin_dir


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PywbReplay:
    """A running ``wayback`` on 127.0.0.1 serving one collection of WARC files."""

    def __init__(self, port: int) -> None:
        self.port = port

    def get(self, url: str, timestamp: str = "2", mode: str = "id_") -> Replayed:
        """``GET /capture/<timestamp><mode>/<url>`` without following redirects; body decoded."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", f"/{COLLECTION}/{timestamp}{mode}/{url}")
            response = connection.getresponse()
            headers = {name.lower(): value for name, value in response.getheaders()}
            return Replayed(response.status, headers, _decoded(response.read(), headers))
        finally:
            connection.close()


@contextmanager
def running_pywb(warcs: list[Path], workdir: Path) -> Iterator[PywbReplay]:
    """Index ``warcs`` into a fresh collection under ``workdir`` and serve it; stopped on exit."""
    bin_dir = pywb_bin_dir()
    workdir.mkdir(parents=True, exist_ok=True)
    manager = str(bin_dir / "wb-manager")
    subprocess.run([manager, "init", COLLECTION], cwd=workdir, check=True, capture_output=True, timeout=120)
    subprocess.run([manager, "add", COLLECTION, *map(str, warcs)], cwd=workdir, check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    port = free_port()
    log = (workdir / "wayback.log").open("wb")
    process = subprocess.Popen([str(bin_dir / "wayback"), "-b", "127.0.0.1", "-p", str(port)],
                               cwd=workdir, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        _wait_for_port(port, process, workdir / "wayback.log")
        yield PywbReplay(port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def pywb_replay(tmp_path: Path):
    """Factory fixture: ``pywb_replay(warcs)`` → a :class:`PywbReplay` stopped after the test."""
    serial = itertools.count()
    with ExitStack() as stack:
        yield lambda warcs: stack.enter_context(running_pywb(list(warcs), tmp_path / f"pywb{next(serial)}"))


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"wayback exited {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"wayback did not listen on {port} within {timeout}s")


def _decoded(body: bytes, headers: dict[str, str]) -> bytes:
    coding = headers.get("content-encoding", "").lower()
    if coding == "gzip":
        return gzip.decompress(body)
    if coding == "deflate":
        return zlib.decompress(body)
    return body

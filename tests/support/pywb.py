"""A real pywb replaying WARC files or WACZ packages, for replay proofs.

``wb-manager`` and ``wayback`` come from :func:`archiver.webarchive.tools.tools_bin_dir`:
``$ARCHIVER_PYWB_BIN_DIR``, PATH, else the separate virtualenv ``.venv-pywb`` (pywb's
pins conflict with ours), created with ``python -m venv`` + pip when missing, under a
file lock so parallel runs build it once.
"""

from __future__ import annotations

import gzip
import http.client
import itertools
import subprocess
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from archiver.webarchive.replay import LOOPBACK, free_port, stop_process, wait_for_port
from archiver.webarchive.tools import tools_bin_dir
from tests.support.requires import ROOT

PYWB_VENV = ROOT / ".venv-pywb"
COLLECTION = "capture"


@dataclass
class Replayed:
    """One response replayed by pywb: status, headers (lower-case names) and decoded body."""

    status: int
    headers: dict[str, str]
    body: bytes


def pywb_bin_dir() -> Path:
    """The folder with ``wayback``, ``wb-manager`` and ``wacz``; builds ``.venv-pywb`` if needed."""
    return tools_bin_dir(venv=PYWB_VENV)


class PywbReplay:
    """A running ``wayback`` on 127.0.0.1 serving one collection of WARC files."""

    def __init__(self, port: int, collection: str = COLLECTION) -> None:
        self.port = port
        self.collection = collection

    def get(self, url: str, timestamp: str = "2", mode: str = "id_") -> Replayed:
        """``GET /<collection>/<timestamp><mode>/<url>`` without following redirects; body decoded."""
        return self.fetch(f"/{self.collection}/{timestamp}{mode}/{url}")

    def fetch(self, path: str) -> Replayed:
        """``GET path`` without following redirects; body decoded."""
        connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            headers = {name.lower(): value for name, value in response.getheaders()}
            return Replayed(response.status, headers, decoded(response.read(), headers))
        finally:
            connection.close()


@contextmanager
def running_pywb(warcs: list[Path], workdir: Path) -> Iterator[PywbReplay]:
    """Add ``warcs`` (WARC files, or WACZ packages: unpacked) to a fresh collection under
    ``workdir`` with ``wb-manager`` and serve it; stopped on exit."""
    bin_dir = pywb_bin_dir()
    workdir.mkdir(parents=True, exist_ok=True)
    manager = str(bin_dir / "wb-manager")
    subprocess.run([manager, "init", COLLECTION], cwd=workdir, check=True, capture_output=True, timeout=120)
    for unpack, group in itertools.groupby(warcs, key=lambda path: path.suffix == ".wacz"):
        flag = ["--unpack-wacz"] if unpack else []
        subprocess.run([manager, "add", *flag, COLLECTION, *map(str, group)], cwd=workdir, check=True,
                       capture_output=True, timeout=120)  # fmt: skip
    port = free_port()
    log = (workdir / "wayback.log").open("wb")
    process = subprocess.Popen([str(bin_dir / "wayback"), "-b", LOOPBACK, "-p", str(port)],
                               cwd=workdir, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        wait_for_port(LOOPBACK, port, process, workdir / "wayback.log")
        yield PywbReplay(port)
    finally:
        stop_process(process)
        log.close()


@pytest.fixture
def pywb_replay(tmp_path: Path):
    """Factory fixture: ``pywb_replay(warcs)`` → a :class:`PywbReplay` stopped after the test."""
    serial = itertools.count()
    with ExitStack() as stack:
        yield lambda warcs: stack.enter_context(running_pywb(list(warcs), tmp_path / f"pywb{next(serial)}"))


def decoded(body: bytes, headers: dict[str, str]) -> bytes:
    """``body`` without its ``Content-Encoding`` (gzip, deflate, br)."""
    coding = headers.get("content-encoding", "").lower()
    if coding == "br":
        import brotli

        return brotli.decompress(body)
    if coding == "gzip":
        return gzip.decompress(body)
    if coding == "deflate":
        return zlib.decompress(body)
    return body

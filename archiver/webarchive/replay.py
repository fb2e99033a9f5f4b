"""Replay of an archive with pywb's ``wayback`` on a loopback address.

pywb reads the archive in place: the collection's ``index_paths`` is the archive's
CDXJ index folder and its ``archive_paths`` the WARC folder, so nothing is copied
and WARCs closed while it runs are replayed as soon as they are indexed.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO

from archiver.index.cdxj import WARC_DIR, indexes_dir
from archiver.webarchive.tools import tool

COLLECTION = "archive"
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 60.0


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nobody listens on at ``host`` right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def replay_url(base_url: str, timestamp: str, url: str, mode: str = "", collection: str = COLLECTION) -> str:
    """``<base>/<collection>/<timestamp><mode>/<url>``: pywb's URL of a capture (``id_``: as sent)."""
    return f"{base_url.rstrip('/')}/{collection}/{timestamp}{mode}/{url}"


def pywb_config(archive: Path) -> str:
    """pywb's ``config.yaml`` serving ``archive`` as the collection ``archive`` (JSON strings are YAML)."""
    archive = archive.resolve()
    index_paths = json.dumps(str(indexes_dir(archive)) + "/")
    archive_paths = json.dumps(str(archive / WARC_DIR) + "/")
    return (
        f"collections:\n  {COLLECTION}:\n    index_paths: {index_paths}\n    archive_paths: {archive_paths}\n"
    )


def wait_for_port(host: str, port: int, process: subprocess.Popen, log: Path | None,
                  timeout: float = START_TIMEOUT) -> None:  # fmt: skip
    """Return once ``process`` listens on ``host:port``; raise if it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace")[-4000:] if log else ""
            raise RuntimeError(f"wayback exited with status {process.returncode}\n{output}")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"wayback did not listen on {host}:{port} within {timeout:.0f}s")


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    """Terminate ``process``; kill it if it is still there after ``timeout`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class ReplayServer:
    """``wayback`` serving one archive on ``host:port``; a context manager that stops it."""

    def __init__(self, archive: Path, host: str = LOOPBACK, port: int = 0, quiet: bool = True) -> None:
        self.archive = Path(archive)
        self.host = host
        self.port = port or free_port(host)
        self.quiet = quiet
        self.process: subprocess.Popen | None = None
        self._workdir: Path | None = None
        self._log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def collection_url(self) -> str:
        return f"{self.base_url}/{COLLECTION}/"

    def url(self, timestamp: str, url: str, mode: str = "") -> str:
        return replay_url(self.base_url, timestamp, url, mode)

    def start(self) -> ReplayServer:
        """Write the config in a temporary folder and start ``wayback``; wait until it listens."""
        self._workdir = Path(tempfile.mkdtemp(prefix="archiver-replay-"))
        (self._workdir / "config.yaml").write_text(pywb_config(self.archive), encoding="utf-8")
        log_path = self._workdir / "wayback.log" if self.quiet else None
        self._log = log_path.open("wb") if log_path else None
        self.process = subprocess.Popen([tool("wayback"), "-b", self.host, "-p", str(self.port)],
                                        cwd=self._workdir, stdout=self._log, stderr=subprocess.STDOUT)  # fmt: skip
        try:
            wait_for_port(self.host, self.port, self.process, log_path)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop ``wayback`` and remove its temporary folder (idempotent)."""
        if self.process is not None:
            stop_process(self.process)
            self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""``archiver replay`` run by a test: started, its printed replay URLs read, stopped."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from archiver.webarchive.replay import stop_process
from tests.support.pywb import PywbReplay, Replayed


@dataclass
class RunningReplay:
    """A running ``archiver replay``: its process, printed article lines and base URL."""

    process: subprocess.Popen
    articles: dict[str, str]  # article URL -> replay URL printed for it
    base_url: str  # the collection, e.g. http://127.0.0.1:8080/archive

    def fetch(self, replay_url: str, mode: str = "") -> Replayed:
        """GET a printed replay URL; ``mode="id_"`` asks for the capture as it was sent."""
        parts = urlsplit(replay_url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        collection, timestamp, rest = path.lstrip("/").split("/", 2)
        return PywbReplay(parts.port or 80, collection).fetch(f"/{collection}/{timestamp}{mode}/{rest}")


@contextmanager
def archiver_replay(archive: Path, env: dict[str, str], timeout: float = 90) -> Iterator[RunningReplay]:
    """Run ``archiver replay --port 0 --archive ARCHIVE`` until its ready line; SIGTERM on exit."""
    process = subprocess.Popen([sys.executable, "-m", "archiver", "replay", "--port", "0", "--archive",
                                str(archive)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)  # fmt: skip
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process, lines), daemon=True).start()
    articles = {}
    try:
        while (line := lines.get(timeout=timeout)) is not None and not line.startswith("replaying "):
            replay_url, _title = line.rstrip("\n").split("\t", 1)
            articles[replay_url.split("/", 5)[-1]] = replay_url
        if line is None:
            raise AssertionError(f"archiver replay ended early: {process.stderr.read()}")
        base_url = line.split(" at ", 1)[1].split(" ", 1)[0].rstrip("/")
        yield RunningReplay(process, articles, base_url)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        stop_process(process)


def _pump(process: subprocess.Popen, lines: queue.Queue[str | None]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.put(line)
    lines.put(None)

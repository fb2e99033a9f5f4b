"""Run ``archiver ARGS`` and SIGKILL the process at a chosen point of its writes.

``python -m tests.faults.killpoint POINT N ARGS...`` wraps one step of the archiver so
that the N-th time that step completes, the process sends itself SIGKILL: a real
``kill -9``, at a point a test could not hit by watching files from outside.

Points (the order of writes of one page is response record, metadata record, JSON record):

- ``response``: the N-th response/request pair is in the WARC, its JSON record is not written;
- ``record``: the N-th JSON record file is written (fsynced and renamed);
- ``rotation``: the N-th WARC file is renamed closed, its CDXJ index not yet written from the spool;
- ``creation``: the N-th new WARC file exists under its hidden name, not yet renamed ``.open``.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

POINTS = ("response", "record", "rotation", "creation")


def _kill_on(count_to: int) -> Any:
    lock = threading.Lock()
    seen = [0]

    def step() -> None:
        with lock:
            seen[0] += 1
            if seen[0] >= count_to:
                os.kill(os.getpid(), signal.SIGKILL)

    return step


def install(point: str, count_to: int) -> None:
    """Patch the archiver so that the ``count_to``-th ``point`` kills this process."""
    step = _kill_on(count_to)
    if point == "response":
        from archiver.downloadermiddlewares.warccapture import WarcCaptureMiddleware

        original = WarcCaptureMiddleware.process_response

        def process_response(self, request, response):  # noqa: ANN001, ANN202
            out = original(self, request, response)
            if response.status == 200 and not request.url.endswith("/robots.txt"):
                step()
            return out

        WarcCaptureMiddleware.process_response = process_response
    elif point == "record":
        from archiver.records.versions import VersionedRecordStore

        write = VersionedRecordStore.write

        def write_then_step(self, record):  # noqa: ANN001, ANN202
            out = write(self, record)
            step()
            return out

        VersionedRecordStore.write = write_then_step
    elif point == "rotation":
        from archiver.index.cdxj import IndexSpool

        finish = IndexSpool.finish

        def finish_after_step(self):  # noqa: ANN001, ANN202
            step()
            return finish(self)

        IndexSpool.finish = finish_after_step
    elif point == "creation":
        import archiver.capture.warcfiles as warcfiles

        rename = os.rename

        def rename_after_step(src, dst):  # noqa: ANN001, ANN202
            if os.path.basename(src).startswith(warcfiles.PARTIAL_PREFIX):
                step()
            return rename(src, dst)

        warcfiles.os.rename = rename_after_step  # type: ignore[attr-defined]
    else:
        raise SystemExit(f"unknown point {point!r}: one of {', '.join(POINTS)}")


if __name__ == "__main__":
    point, count_to, *args = sys.argv[1:]
    install(point, int(count_to))
    from archiver.cli import main

    sys.exit(main(args))

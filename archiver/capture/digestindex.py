"""The digest index: which payloads the archive already holds, for revisit records.

Before a response record is written, its ``WARC-Payload-Digest`` is *claimed* in
the index. The first claim of a digest wins and its capture becomes the original;
a later claim gets that original back, and the capture is written as an
``identical-payload-digest`` revisit pointing to it. Claims are atomic, so two
processes or machines sharing one index never both write the full payload.

Implementations: :class:`archiver.state.digests.SqliteDigestIndex` (embedded, one archive on one machine)
and ``archiver.distributed.RedisDigestIndex`` (workers sharing a Redis). The
setting ``ARCHIVER_DIGEST_INDEX`` names the class, built by its
``from_settings(settings)`` class method (:func:`load_digest_index`); empty
disables revisits.

A claim is made just before the record is written: a process killed between the
two leaves a digest whose original is missing, so later captures of that payload
become revisits of a record no file holds (the window is one ``write``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object


@dataclass(frozen=True)
class OriginalCapture:
    """The capture a revisit refers to."""

    record_id: str  # WARC-Record-ID of the original response record, with its <>
    target_uri: str  # its WARC-Target-URI
    warc_date: str  # its WARC-Date


class DigestIndex(Protocol):
    def claim(self, payload_digest: str, capture: OriginalCapture) -> OriginalCapture | None:
        """Atomically: the original capture of ``payload_digest``, or None after making ``capture`` it."""
        ...

    def close(self) -> None: ...


def load_digest_index(settings: BaseSettings) -> DigestIndex | None:
    """The index ``ARCHIVER_DIGEST_INDEX`` names (``cls.from_settings(settings)``), or None when empty."""
    path = settings.get("ARCHIVER_DIGEST_INDEX")
    if not path:
        return None
    return load_object(path).from_settings(settings)

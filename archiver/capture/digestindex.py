"""The digest index: which payloads the archive already holds, for revisit records.

Before a response record is written, its ``WARC-Payload-Digest`` is *looked up* in
the index: a payload the archive holds is written as an ``identical-payload-digest``
revisit pointing to its original. A payload it does not hold is written as a full
response, and only then *claimed*: the first claim of a digest wins and its capture
becomes the original (claims are atomic, so processes or machines sharing one index
agree on one original; two that fetch one new payload at the same instant may both
write it in full, which loses nothing).

Implementations: :class:`archiver.state.digests.SqliteDigestIndex` (embedded, one archive on one machine)
and ``archiver.distributed.RedisDigestIndex`` (workers sharing a Redis). The
setting ``ARCHIVER_DIGEST_INDEX`` names the class, built by its
``from_settings(settings)`` class method (:func:`load_digest_index`); empty
disables revisits.

A claim is made only once the original's bytes are in its WARC file, so a process
killed at any moment never leaves a digest whose original no file holds.
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
    def lookup(self, payload_digest: str) -> OriginalCapture | None:
        """The original capture of ``payload_digest``, or None when the archive holds none."""
        ...

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

"""Conditional re-checks: the validators a request sends and the capture a 304 confirms.

A re-check of a known URL (an article, a stylesheet, any page the crawl state knows)
carries a :class:`Revalidation` in ``request.meta[META_REVALIDATE]`` and its
``If-None-Match`` / ``If-Modified-Since`` headers. The capture middleware writes a
``304 Not Modified`` answer to such a request as a ``server-not-modified`` revisit of
:attr:`Revalidation.original` (:func:`archiver.capture.records.not_modified_record`).
"""

from __future__ import annotations

from dataclasses import dataclass

from archiver.capture.digestindex import OriginalCapture

#: ``request.meta`` key of a conditional re-check (a dict, see :meth:`Revalidation.to_meta`).
META_REVALIDATE = "archiver_revalidate"


@dataclass(frozen=True)
class Revalidation:
    """A conditional re-check of a known URL: the validators it sends, the capture a 304 confirms."""

    etag: str | None
    last_modified: str | None
    original: OriginalCapture  # the last whole 200 capture of the URL
    payload_digest: str | None  # that capture's WARC-Payload-Digest

    def headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for the stored validators."""
        found = {}
        if self.etag:
            found["If-None-Match"] = self.etag
        if self.last_modified:
            found["If-Modified-Since"] = self.last_modified
        return found

    def to_meta(self) -> dict[str, str | None]:
        """A picklable form for ``request.meta`` (requests may be queued in Redis)."""
        return {"etag": self.etag, "last_modified": self.last_modified, "payload_digest": self.payload_digest,
                "record_id": self.original.record_id, "target_uri": self.original.target_uri,
                "warc_date": self.original.warc_date}  # fmt: skip

    @classmethod
    def from_meta(cls, meta: dict[str, str | None]) -> Revalidation:
        original = OriginalCapture(str(meta["record_id"]), str(meta["target_uri"]), str(meta["warc_date"]))
        return cls(meta.get("etag"), meta.get("last_modified"), original, meta.get("payload_digest"))

"""The CDXJ index of an archive: where each capture lies, without scanning WARCs.

Each closed WARC file ``<archive>/warc/<name>`` has a sorted CDXJ index
``<archive>/indexes/<name>.cdxj`` (written by ``cdxj-indexer``, the format pywb reads);
:mod:`archiver.index.cdxj` writes and refreshes them, :mod:`archiver.index.lookup`
finds captures in them by binary search.
"""

from archiver.index.cdxj import index_closed_warc, refresh_indexes, wait_for_indexing, write_warc_index
from archiver.index.lookup import Capture, CaptureIndex

__all__ = [
    "Capture",
    "CaptureIndex",
    "index_closed_warc",
    "refresh_indexes",
    "wait_for_indexing",
    "write_warc_index",
]

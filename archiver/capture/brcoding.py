"""Reading ``Content-Encoding: br`` records with warcio when the brotli module is Google's.

warcio 1.8 decodes br with the ``brotli`` module of brotlipy (pywb's dependency): it sets
``unused_data`` on the decompressor and calls ``decompress``. Scrapy 2.19 needs Google's
``brotli`` (>= 1.2), whose C decompressor takes no attribute, so every br record fails to
read in this process (``'brotli.Decompressor' object has no attribute 'unused_data'``).
:func:`install` gives warcio an adapter around Google's decompressor. The crawl does not
ask for br (``Accept-Encoding: gzip, deflate``); this is for the servers that send it anyway.
"""

from __future__ import annotations

from typing import Any


class BrotliDecompressor:
    """warcio's view of a brotli decompressor (``decompress``, ``flush``, ``unused_data``)."""

    def __init__(self) -> None:
        import brotli  # type: ignore[import-untyped]

        self._decompressor: Any = brotli.Decompressor()
        self.unused_data: bytes | None = None

    def decompress(self, data: bytes) -> bytes:
        return self._decompressor.process(data)

    def flush(self) -> bytes:
        return b""


def install() -> None:
    """Make warcio decode br with :class:`BrotliDecompressor` when brotli is Google's module."""
    try:
        import brotli
    except ImportError:  # no brotli at all: warcio cannot read br either way
        return
    from warcio.bufferedreaders import BufferedReader

    probe = brotli.Decompressor()
    try:
        probe.unused_data = None
    except AttributeError:  # Google's brotli: warcio's own setup cannot work
        BufferedReader.DECOMPRESSORS["br"] = BrotliDecompressor

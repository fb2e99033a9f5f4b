"""Faithful WARC capture: HTTP messages, WARC records, WARC files, checks and recovery.

The Scrapy glue lives in :mod:`archiver.downloadermiddlewares.warccapture`. Importing this
package lets warcio read br-coded records in this process (:mod:`archiver.capture.brcoding`).
"""

from archiver.capture.brcoding import install as _install_brotli

_install_brotli()

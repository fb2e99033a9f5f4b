"""The archiver's own Scrapy signals, for extensions (``crawler.signals.connect``), as ``scrapy.signals``."""

#: A page could not be archived. Arguments: ``url`` (str), ``reason`` (str),
#: ``status`` (int or None: no HTTP answer).
page_failed = object()

#: The archive refused a write (a full disk, a read-only folder). Arguments: ``path``
#: (the file or folder written), ``error`` (the OSError), ``url`` (the page, or None).
archive_write_failed = object()

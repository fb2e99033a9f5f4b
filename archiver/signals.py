"""The archiver's own Scrapy signals, for extensions (``crawler.signals.connect``), as ``scrapy.signals``."""

#: A page could not be archived. Arguments: ``url`` (str), ``reason`` (str),
#: ``status`` (int or None: no HTTP answer).
page_failed = object()

"""Signals of the observatory spider, for extensions (``crawler.signals.connect``)."""

#: A page could not be archived. Arguments: ``url`` (str), ``reason`` (str),
#: ``status`` (int or None: no HTTP answer).
page_failed = object()

"""Faithful WARC capture: HTTP messages, WARC records, WARC files, checks and recovery.

The Scrapy glue lives in :mod:`archiver.downloadermiddlewares.warccapture`.
"""

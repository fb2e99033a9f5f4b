"""Scrapy downloader middlewares of the archiver."""

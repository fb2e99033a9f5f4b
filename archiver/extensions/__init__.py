"""Scrapy extensions of the archiver: progress on stderr, a stats file per run."""

"""Fixtures of the incremental-crawl tests."""

from tests.support.pywb import pywb_replay  # noqa: F401  (fixture)

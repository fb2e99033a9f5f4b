"""Helpers shared by the test packages (never imported from a conftest module).

- :mod:`~tests.support.cli`: the repository's paths, the ``-s`` settings of a fast test crawl,
  ``archiver`` in a subprocess or in this process;
- :mod:`~tests.support.records`: JSON records read back and checked as ``archiver validate`` does;
- :mod:`~tests.support.capture`, :mod:`~tests.support.capturesite`: capture crawls and their fixture site;
- :mod:`~tests.support.fixturesite`, :mod:`~tests.support.changingsite`, :mod:`~tests.support.pages`:
  fixture sites (a whole observatory-like site, a site whose articles change between runs, one page);
- :mod:`~tests.support.workers`: shared-crawl workers against a real redis-server;
- :mod:`~tests.support.webarchive`, :mod:`~tests.support.pywb`: a crawled demo archive, WACZ, real pywb.
"""

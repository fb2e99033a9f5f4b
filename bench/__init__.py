"""Crawl benchmark: a generated observatory-style site, nginx, a bare spider and the archiver."""

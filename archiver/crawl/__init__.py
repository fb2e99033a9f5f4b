"""Crawling whole sites: page types, link discovery, the frontier and its limits."""

"""The archiver's Scrapy spiders: ``urls`` (a list of URLs) and ``observatory`` (whole sites)."""

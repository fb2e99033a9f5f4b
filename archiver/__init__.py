"""archiver: faithful WARC captures and clean JSON article records of observatory-style sites."""

__version__ = "0.1.0"

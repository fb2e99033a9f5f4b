"""Tests of the WARC capture (archiver.capture, the WarcCaptureMiddleware)."""

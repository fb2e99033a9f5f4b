"""Helpers shared by test packages: real capture crawls, a real pywb."""

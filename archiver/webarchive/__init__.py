"""The archive as a web archive for the tools of the field: WACZ packages, pywb replay.

pywb and wacz pin libraries our own virtualenv cannot hold, so they run as commands
of a separate "web-archive tools" virtualenv (:mod:`archiver.webarchive.tools`).
"""

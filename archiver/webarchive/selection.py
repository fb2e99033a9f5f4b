"""Which captures a package holds: a site's and those since a time, found in the CDXJ index.

A revisit record only says "same payload as before": the capture it refers to goes
into the package too, whatever its time, or the revisit could not be replayed. The
requisites of a chosen page on other hosts (a CDN's stylesheet, an image server's
photo) go in too: their requests name the page as ``Referer``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from archiver.index.lookup import Capture, CaptureIndex
from archiver.profiles import ProfileError, load_profiles
from archiver.webarchive.warcextract import record_head, request_referer


@dataclass(frozen=True)
class Choice:
    """What to package: captures of ``hosts`` (all when None) at or after ``since`` (14 digits)."""

    hosts: tuple[str, ...] | None = None
    since: str | None = None


def parse_since(text: str) -> str:
    """An ISO 8601 date or date-time (UTC unless it says otherwise) as a 14-digit timestamp."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date or date-time (e.g. 2026-11-24T08:00Z)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def site_hosts(site: str, sites_dirs: list[str] | None = None) -> tuple[str, ...]:
    """The hosts of ``site``: a site profile's (its allowed hosts and start URLs' ``host:port``),
    or ``site`` itself as a host, ``host:port`` or URL."""
    try:
        profiles = load_profiles(sites_dirs or [])
    except ProfileError:
        profiles = {}
    if profile := profiles.get(site):
        netlocs = {urlsplit(url).netloc.lower() for url in profile.start_urls}
        return tuple(sorted({*profile.allowed_hosts, *netlocs}))
    netloc = urlsplit(site).netloc if "://" in site else site.strip().strip("/")
    if not netloc:
        raise ValueError(f"{site!r} is neither a site profile nor a host")
    return (netloc.lower(),)


def choose_captures(index: CaptureIndex, choice: Choice, warc_dir: Path) -> list[Capture]:
    """The captures ``choice`` asks for, with the originals their revisits refer to; oldest first."""
    if choice.hosts is None:
        found = index.all_captures()
    else:
        found = [capture for host in choice.hosts for capture in index.host_captures(host)]
    chosen = {(c.filename, c.offset): c for c in found if not choice.since or c.timestamp >= choice.since}
    if choice.hosts is not None:
        for capture in page_requisites(index, list(chosen.values()), choice.since, warc_dir):
            chosen.setdefault((capture.filename, capture.offset), capture)
    for capture in list(chosen.values()):
        if capture.is_revisit and (original := revisited(index, capture, warc_dir)):
            chosen.setdefault((original.filename, original.offset), original)
    return sorted(chosen.values(), key=lambda c: (c.timestamp, c.filename, c.offset))


def page_requisites(
    index: CaptureIndex, pages: Iterable[Capture], since: str | None, warc_dir: Path
) -> list[Capture]:
    """The captures on other hosts whose request names one of ``pages`` as ``Referer`` (at or after ``since``)."""
    pages = list(pages)
    chosen = {(c.filename, c.offset) for c in pages}
    page_urls = {c.url for c in pages}
    return [c for c in index.all_captures() if (c.filename, c.offset) not in chosen
            and (not since or c.timestamp >= since)
            and request_referer(warc_dir / c.filename, c) in page_urls]  # fmt: skip


def revisited(index: CaptureIndex, revisit: Capture, warc_dir: Path) -> Capture | None:
    """The capture holding the payload ``revisit`` refers to (``WARC-Refers-To-*``), if indexed."""
    head = record_head(warc_dir / revisit.filename, revisit.offset)
    uri = head.get("WARC-Refers-To-Target-URI") or revisit.url
    candidates = [c for c in index.captures(uri) if not c.is_revisit and c.digest == revisit.digest]
    earlier = [c for c in candidates if c.timestamp <= revisit.timestamp] or candidates
    return earlier[-1] if earlier else None

"""Options and helpers shared by the sub-commands that run crawls."""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urlsplit


def add_archive_option(parser: argparse.ArgumentParser) -> None:
    """``--archive DIR``, as every command that reads or writes an archive takes it."""
    parser.add_argument("--archive", metavar="DIR", type=Path, default=Path("archive"),
                        help="archive folder: WARCs go to DIR/warc, records to DIR/records (default: ./archive)")  # fmt: skip


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """``--archive``, ``-s NAME=VALUE`` and verbosity, as every crawling command takes them."""
    add_archive_option(parser)
    parser.add_argument("-s", "--set", metavar="NAME=VALUE", action="append", default=[], dest="settings",
                        help="override a Scrapy or archiver setting, as `scrapy crawl -s` does (repeatable)")  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true", help="show Scrapy's log (INFO level)")


#: The longest URL fetched (Scrapy's ``URLLENGTH_LIMIT``, the archiver's default).
MAX_URL_LENGTH = 2083


def check_url(url: str, max_length: int = MAX_URL_LENGTH) -> str | None:
    """Why ``url`` cannot be fetched (too long, not http/https, no host), or None when it can."""
    if max_length and len(url) > max_length:
        return f"URL of {len(url)} characters, over the {max_length} of URLLENGTH_LIMIT"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError as exc:
        return f"invalid URL: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return (
            f"unsupported scheme {parts.scheme!r} (only http and https)"
            if parts.scheme
            else "no scheme (http:// or https://)"
        )
    if not parts.hostname:
        return "no host"
    if any(ch.isspace() for ch in url):
        return "contains white space"
    return None


def shown(url: str, limit: int = 120) -> str:
    """``url`` quoted for a message, cut to ``limit`` characters (an over-long URL stays one line)."""
    return repr(url) if len(url) <= limit else repr(url[:limit]) + "..."


def check_writable(archive: Path) -> str | None:
    """Why nothing can be written to the archive folder ``archive``, or None when it can."""
    import tempfile

    try:
        archive.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=archive):
            pass
    except OSError as exc:
        return f"cannot write to the archive folder {archive}: {exc.strerror or exc}"
    return None


#: The folders that make a folder an archive (any one of them).
ARCHIVE_PARTS = ("warc", "records", "state", "runs")


def is_archive(folder: Path) -> bool:
    """Whether ``folder`` holds an archive (WARCs, records, crawl state or run files)."""
    return any((folder / part).is_dir() for part in ARCHIVE_PARTS)


def relative(path: str | Path) -> str:
    """``path`` relative to the working folder when it is below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)

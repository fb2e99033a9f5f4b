"""Dates as printed on pages, in several languages, turned into ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime

from archiver.extraction.lexicon import MONTHS

_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\w)(?P<d>\d{1,2})(?:er|º|°|\.|st|nd|rd|th)?\s*(?:de\s+)?(?P<month>" + _MONTH_NAMES + r")\.?"
    r",?\s*(?:de\s+)?(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    r"(?<!\w)(?P<month>" + _MONTH_NAMES + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<!\d)(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{4})(?!\d)")
_YMD_SLASH = re.compile(r"(?<!\d)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_iso(value: str) -> str | None:
    """Normalise a machine date ("2024-03-12T09:15:00+01:00", "2024-06-04T09:00:00-0400")."""
    match = _ISO.search(value or "")
    if not match:
        return None
    day = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None or not match["time"]:
        return day
    tz = match["tz"]
    if not tz:
        return day
    tz = "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    clock = match["time"] if match["time"].count(":") == 2 else match["time"] + ":00"
    try:
        return datetime.fromisoformat(f"{day}T{clock.split('.')[0]}{tz}").isoformat()
    except ValueError:
        return day


def parse_date(text: str, language: str | None = None) -> str | None:
    """Find the first date printed in ``text`` ("1er mars 2023", "3. März 2023", "12/03/2024"...).

    Returns ``YYYY-MM-DD`` (or a full datetime when the text is a machine date with offset).
    Numeric dates are read day first, except month first in English when the day cannot be first.
    """
    text = text or ""
    found: list[tuple[int, str]] = []
    iso = _ISO.search(text)
    if iso:
        found.append((iso.start(), parse_iso(iso.group(0)) or ""))
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            value = _valid(int(match["y"]), MONTHS[match["month"].lower()], int(match["d"]))
            if value:
                found.append((match.start(), value))
                break
    for match in _NUMERIC.finditer(text):
        a, b, y = int(match["a"]), int(match["b"]), int(match["y"])
        month_first = language == "en" and b > 12 and a <= 12
        value = _valid(y, a, b) if month_first else (_valid(y, b, a) or _valid(y, a, b))
        if value:
            found.append((match.start(), value))
            break
    for match in _YMD_SLASH.finditer(text):
        value = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
        if value:
            found.append((match.start(), value))
            break
    found = [item for item in found if item[1]]
    return min(found)[1] if found else None

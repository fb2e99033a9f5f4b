"""Which ``srcset`` candidate a desktop browser loads: srcset and sizes parsing, media queries.

The capture fetches the image a reader's browser shows, so the choice follows the
browsers' rules for a :data:`DESKTOP` viewport (1280 CSS px wide, device pixel ratio 1):
``sizes`` gives the slot width (default ``100vw``), each ``w`` descriptor becomes a
density, and the candidate is picked as Chromium picks it (the first density at
least the device's, or the lower one when the device is under the two's geometric
mean). Media queries understand ``min-width``/``max-width`` (px, em, rem),
``orientation``, ``prefers-color-scheme`` and the media types; anything else does not match.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Viewport:
    """The browser whose choices the capture follows."""

    width: float
    height: float
    dpr: float = 1.0


DESKTOP = Viewport(1280, 800)
#: Image types every desktop browser decodes (``<picture><source type>``).
SUPPORTED_TYPES = frozenset({
    "image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "image/svg+xml", "image/apng",
    "image/bmp", "image/x-icon", "image/vnd.microsoft.icon",
})  # fmt: skip
_EM = 16.0
_FEATURE = re.compile(r"^\(\s*([a-z-]+)\s*(?::\s*([^)]+?))?\s*\)$")
_LENGTH = re.compile(r"^(-?[0-9]*\.?[0-9]+)(px|em|rem|vw|vh)?$")


@dataclass(frozen=True)
class Candidate:
    """One ``srcset`` entry: its URL and its ``w`` or ``x`` descriptor (None: ``1x``)."""

    url: str
    width: float | None = None
    density: float | None = None


def parse_srcset(value: str) -> list[Candidate]:
    """The candidates of a ``srcset`` attribute (the HTML standard's parsing, descriptors simplified)."""
    candidates: list[Candidate] = []
    position, size = 0, len(value)
    while position < size:
        while position < size and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < size and not value[position].isspace():
            position += 1
        url = value[start:position]
        descriptors = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = value.find(",", position)
            end = size if end < 0 else end
            descriptors, position = value[position:end], end + 1
        if url:
            candidates.append(_candidate(url, descriptors.split()))
    return candidates


def _candidate(url: str, descriptors: list[str]) -> Candidate:
    for descriptor in descriptors:
        number, unit = descriptor[:-1], descriptor[-1:].lower()
        try:
            amount = float(number)
        except ValueError:
            continue
        if unit == "w" and amount > 0:
            return Candidate(url, width=amount)
        if unit == "x" and amount > 0:
            return Candidate(url, density=amount)
    return Candidate(url)


def media_matches(media: str | None, viewport: Viewport = DESKTOP) -> bool:
    """Whether a media query list (``media`` attribute) matches ``viewport``; empty matches."""
    if not media or not media.strip():
        return True
    return any(_query_matches(query.strip().lower(), viewport) for query in media.split(","))


def _query_matches(query: str, viewport: Viewport) -> bool:
    negate = query.startswith("not ")
    query = query.removeprefix("not ").removeprefix("only ").strip()
    parts = [part.strip() for part in re.split(r"\band\b", query) if part.strip()]
    matched = bool(parts) and all(_part_matches(part, viewport) for part in parts)
    return matched != negate


def _part_matches(part: str, viewport: Viewport) -> bool:
    if part in ("all", "screen"):
        return True
    found = _FEATURE.match(part)
    if not found:
        return False
    feature, value = found[1], (found[2] or "").strip()
    if feature in ("min-width", "max-width"):
        width = length_px(value, viewport)
        if width is None:
            return False
        return viewport.width >= width if feature == "min-width" else viewport.width <= width
    if feature == "orientation":
        return value == ("landscape" if viewport.width >= viewport.height else "portrait")
    if feature == "prefers-color-scheme":
        return value == "light"
    return False


def length_px(text: str, viewport: Viewport = DESKTOP) -> float | None:
    """A CSS length in px (``px``, ``em``, ``rem``, ``vw``, ``vh``; a bare 0), or None."""
    found = _LENGTH.match(text.strip().lower())
    if not found:
        return None
    amount, unit = float(found[1]), found[2]
    scale = {"px": 1.0, "em": _EM, "rem": _EM, "vw": viewport.width / 100, "vh": viewport.height / 100}
    if unit is None:
        return amount if amount == 0 else None
    return amount * scale[unit]


def slot_width(sizes: str | None, viewport: Viewport = DESKTOP) -> float:
    """The width the ``sizes`` attribute gives the image (its first matching entry; else ``100vw``)."""
    for entry in (sizes or "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        condition, _, length = entry.rpartition(" ")
        width = length_px(length, viewport)
        if width is not None and width >= 0 and media_matches(condition or None, viewport):
            return width
    return viewport.width


def choose(srcset: str, sizes: str | None = None, viewport: Viewport = DESKTOP) -> str | None:
    """The URL of the candidate of ``srcset`` a browser with ``viewport`` loads, or None."""
    candidates = parse_srcset(srcset)
    if not candidates:
        return None
    slot = slot_width(sizes, viewport) or viewport.width
    densities = sorted(
        ((c.width / slot if c.width else c.density or 1.0), index, c.url)
        for index, c in enumerate(candidates)
    )
    dpr = viewport.dpr
    chosen = len(densities) - 1
    for index in range(len(densities) - 1):
        following = densities[index + 1][0]
        if following < dpr:
            continue
        current = densities[index][0]
        above = (dpr <= 1.0 and dpr > current) or dpr >= math.sqrt(current * following)
        chosen = index + 1 if above else index
        break
    return densities[chosen][2]

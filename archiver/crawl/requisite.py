"""A page requisite: a resource a page needs to display (stylesheet, script, font, image).

:class:`ResourceMode` is the setting ``ARCHIVER_PAGE_RESOURCES``: which kinds a crawl
captures with its pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urljoin, urlsplit


class ResourceKind(StrEnum):
    """What a requisite is to the page (what the browser does with it)."""

    STYLESHEET = "stylesheet"
    SCRIPT = "script"
    FONT = "font"
    IMAGE = "image"  # <img>, icons, posters, CSS backgrounds
    OTHER = "other"  # <link rel=preload> of another kind


class ResourceMode(StrEnum):
    """``ARCHIVER_PAGE_RESOURCES``: the requisites captured with each HTML page."""

    ALL = "all"
    STYLES = "styles"  # stylesheets, scripts and fonts: no images
    NONE = "none"

    @classmethod
    def parse(cls, value: object) -> ResourceMode:
        """The mode a setting names; raises ValueError on anything else."""
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            names = " | ".join(mode.value for mode in cls)
            raise ValueError(f"ARCHIVER_PAGE_RESOURCES is {value!r}, not one of {names}") from None

    def captures(self, kind: ResourceKind) -> bool:
        """Whether requisites of ``kind`` are captured in this mode."""
        if self is ResourceMode.ALL:
            return True
        return self is ResourceMode.STYLES and kind in _STYLE_KINDS


_STYLE_KINDS = frozenset({ResourceKind.STYLESHEET, ResourceKind.SCRIPT, ResourceKind.FONT})


@dataclass(frozen=True)
class Requisite:
    """One resource a page (or stylesheet) needs: its absolute URL, without fragment, and kind."""

    url: str
    kind: ResourceKind


def absolute_requisite(reference: str, base: str, kind: ResourceKind) -> Requisite | None:
    """The requisite ``reference`` (as written in ``base``) names, or None when it is not one
    (empty, ``data:``, ``about:``, not http(s))."""
    reference = reference.strip()
    if not reference or reference.startswith("#") or reference[:5].lower() in ("data:", "blob:"):
        return None
    url = urljoin(base, reference).partition("#")[0]
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return Requisite(url, kind)

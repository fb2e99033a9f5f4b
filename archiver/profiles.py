"""Site profiles: what the archiver knows of one site, as a TOML file.

Profiles ship in ``archiver/sites/*.toml``; an operator adds more in folders named
by ``--sites-dir DIR`` or the ``ARCHIVER_SITES_DIRS`` setting (a later folder wins
over an earlier one, and both over the shipped ones). A site without a profile is
crawled with :meth:`SiteProfile.for_url`: zero configuration.

A profile file (every key optional; the name defaults to the file name)::

    name = "ofnrs"
    title = "Observatoire ..."
    start_urls = ["https://www.ofnrs.example/"]
    allowed_hosts = ["www.ofnrs.example"]        # default: the start URLs' hosts
    [urls]
    article = ['^/article/[^/]+/$']              # regexes over path?query
    exclude = ['^/compte/']                      # never followed
    [limits]
    max_pages = 0                                # 0: no limit
    max_pages_per_pattern = 500                  # fixed budget per URL shape (traps are cut by yield)
    patterns = { '^/agenda/' = 50 }              # per regex
    [settings]                                   # any Scrapy setting (politeness ...)
    DOWNLOAD_DELAY = 1.0
    [hints]                                      # CSS selectors for extraction
    title = "h1"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.urls import url_host

BUILTIN_DIR = Path(__file__).parent / "sites"
#: Extraction hint names a profile may give (CSS selectors; ``remove`` is a list).
HINT_NAMES = frozenset({"title", "byline", "date", "credit", "bio", "body", "remove"})
_TOP_KEYS = frozenset(
    {"name", "title", "start_urls", "allowed_hosts", "urls", "limits", "settings", "politeness", "hints"}
)
_LIMIT_KEYS = frozenset({"max_pages", "max_pages_per_pattern", "patterns", "depth"})


class ProfileError(ValueError):
    """A profile file that cannot be used, with the reason."""


@dataclass
class SiteProfile:
    """One site: where to start, what to follow, what is an article, how to be polite."""

    name: str
    title: str = ""
    start_urls: list[str] = field(default_factory=list)
    allowed_hosts: list[str] = field(default_factory=list)
    article_patterns: list[str] = field(default_factory=list)
    exclude_patterns: list[str] = field(default_factory=list)
    max_pages: int | None = None
    max_pages_per_pattern: int | None = None
    pattern_limits: dict[str, int] = field(default_factory=dict)
    depth_limit: int | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    hints: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def __post_init__(self) -> None:
        if not self.allowed_hosts:
            self.allowed_hosts = sorted({url_host(url) for url in self.start_urls if url_host(url)})
        self._article = [re.compile(p) for p in self.article_patterns]

    @classmethod
    def for_url(cls, url: str) -> SiteProfile:
        """The zero-configuration profile of the site of ``url`` (its host and its ``www.`` twin)."""
        host = url_host(url)
        twin = host.removeprefix("www.") if host.startswith("www.") else f"www.{host}"
        hosts = [host, twin] if host and "." in host and not host.replace(".", "").isdigit() else [host]
        return cls(name=host or "site", start_urls=[url], allowed_hosts=sorted(filter(None, hosts)))

    def with_start(self, url: str) -> SiteProfile:
        """This profile, crawling from ``url`` (and its host) instead of its own start URLs."""
        hosts = sorted({*self.allowed_hosts, url_host(url)})
        return replace(self, start_urls=[url], allowed_hosts=hosts)

    def limit_settings(self) -> dict[str, int]:
        """The profile's ``[limits]`` as the settings they stand for."""
        limits = {
            "ARCHIVER_MAX_PAGES": self.max_pages,
            "ARCHIVER_MAX_PAGES_PER_PATTERN": self.max_pages_per_pattern,
            "DEPTH_LIMIT": self.depth_limit,
        }
        return {name: value for name, value in limits.items() if value is not None}

    def is_article_url(self, path: str) -> bool | None:
        """True if ``path`` (path?query) matches an article pattern; None without patterns."""
        if not self._article:
            return None
        return any(p.search(path) for p in self._article)


def load_profile(path: Path) -> SiteProfile:
    """Read one profile file; raises :class:`ProfileError` on a bad one."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: {exc}") from exc
    try:
        return _profile_from(data, path)
    except (TypeError, ValueError, re.error) as exc:
        raise ProfileError(f"{path}: {exc}") from exc


def _profile_from(data: dict[str, Any], path: Path) -> SiteProfile:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    urls, limits, hints = data.get("urls", {}), data.get("limits", {}), data.get("hints", {})
    if set(limits) - _LIMIT_KEYS:
        raise ValueError(f"unknown [limits] keys {sorted(set(limits) - _LIMIT_KEYS)}")
    if set(hints) - HINT_NAMES:
        raise ValueError(f"unknown [hints] {sorted(set(hints) - HINT_NAMES)}; known: {sorted(HINT_NAMES)}")
    patterns = {str(k): int(v) for k, v in limits.get("patterns", {}).items()}
    for regex in [*urls.get("article", []), *urls.get("exclude", []), *patterns]:
        re.compile(regex)
    return SiteProfile(
        name=str(data.get("name", path.stem)),
        title=str(data.get("title", "")),
        start_urls=list(data.get("start_urls", [])),
        allowed_hosts=[h.lower() for h in data.get("allowed_hosts", [])],
        article_patterns=list(urls.get("article", [])),
        exclude_patterns=list(urls.get("exclude", [])),
        max_pages=limits.get("max_pages"),
        max_pages_per_pattern=limits.get("max_pages_per_pattern"),
        pattern_limits=patterns,
        depth_limit=limits.get("depth"),
        settings={**data.get("politeness", {}), **data.get("settings", {})},
        hints=dict(hints),
        source=path,
    )


def load_profiles(dirs: Iterable[str | Path] = ()) -> dict[str, SiteProfile]:
    """Every profile: the shipped ones, then those of ``dirs`` (later ones win)."""
    profiles: dict[str, SiteProfile] = {}
    for folder in [BUILTIN_DIR, *map(Path, dirs)]:
        if not folder.is_dir():
            raise ProfileError(f"{folder}: no such folder of site profiles")
        for path in sorted(folder.glob("*.toml")):
            profile = load_profile(path)
            profiles[profile.name] = profile
    return profiles


def resolve_profile(target: str, dirs: Iterable[str | Path] = (), profile: str | None = None) -> SiteProfile:
    """The profile to crawl ``target`` (a profile name or a URL) with.

    A URL uses ``profile`` if named, else the profile whose allowed hosts hold its
    host, else the zero-configuration profile. Raises :class:`ProfileError` for an
    unknown profile name.
    """
    profiles = load_profiles(dirs)
    is_url = "://" in target
    if not is_url:
        if target not in profiles:
            raise ProfileError(f"no site profile {target!r}; known: {', '.join(sorted(profiles)) or 'none'}")
        return profiles[target]
    if profile is not None:
        if profile not in profiles:
            raise ProfileError(f"no site profile {profile!r}; known: {', '.join(sorted(profiles))}")
        return profiles[profile].with_start(target)
    for candidate in profiles.values():
        if _serves(candidate, target):
            return candidate.with_start(target)
    return SiteProfile.for_url(target)


def _serves(profile: SiteProfile, url: str) -> bool:
    """True if ``url`` is on the site of ``profile``: a start URL's host and port, or an
    allowed host when ``url`` names no port (a loopback port is not a site)."""
    parts = urlsplit(url)
    if parts.netloc.lower() in {urlsplit(u).netloc.lower() for u in profile.start_urls}:
        return True
    return parts.port is None and (parts.hostname or "") in profile.allowed_hosts

"""Scrapy add-ons of the archiver: settings derived from other settings, for every way of running it.

Add-ons run once the spider has set its own settings and before they are frozen, both
under ``archiver`` and under ``scrapy crawl``; ``ADDONS`` in :mod:`archiver.settings` wires them.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES, Settings

from archiver import PLACEHOLDER_CONTACT_URL, user_agent

logger = logging.getLogger(__name__)


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` names this machine (127.0.0.0/8, ::1, localhost)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ContactUserAgent:
    """``USER_AGENT`` names the project and ``ARCHIVER_CONTACT_URL``, unless it was set itself.

    A crawl of a site beyond this machine whose User-Agent still carries the placeholder
    contact URL gets a warning: site operators would have no way to reach the operator.
    """

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgent:
        addon = cls(crawler)
        crawler.signals.connect(addon.spider_opened, signal=signals.spider_opened)
        return addon

    def update_settings(self, settings: Settings) -> None:
        priority = settings.getpriority("USER_AGENT")
        if priority is None or priority <= SETTINGS_PRIORITIES["project"]:
            settings.set("USER_AGENT", user_agent(settings["ARCHIVER_CONTACT_URL"]), priority="project")

    def spider_opened(self, spider: Spider) -> None:
        assert self.crawler is not None
        agent = self.crawler.settings.get("USER_AGENT") or ""
        targets = list(getattr(spider, "start_urls", None) or getattr(spider, "urls", None) or [])
        if PLACEHOLDER_CONTACT_URL in agent and not all(is_loopback_url(url) for url in targets):
            logger.warning(
                "the User-Agent (%s) carries the placeholder contact URL %s: set yours with "
                "-s ARCHIVER_CONTACT_URL=https://... so site operators can reach you",
                agent, PLACEHOLDER_CONTACT_URL,
            )  # fmt: skip

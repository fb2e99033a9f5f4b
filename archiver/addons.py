"""Scrapy add-ons of the archiver: settings derived from other settings, for every way of running it.

Add-ons run once the spider has set its own settings and before they are frozen, both
under ``archiver`` and under ``scrapy crawl``; ``ADDONS`` in :mod:`archiver.settings` wires them.
"""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES, Settings

from archiver import user_agent


class ContactUserAgent:
    """``USER_AGENT`` names the project and ``ARCHIVER_CONTACT_URL``, unless it was set itself."""

    def update_settings(self, settings: Settings) -> None:
        priority = settings.getpriority("USER_AGENT")
        if priority is None or priority <= SETTINGS_PRIORITIES["project"]:
            settings.set("USER_AGENT", user_agent(settings["ARCHIVER_CONTACT_URL"]), priority="project")

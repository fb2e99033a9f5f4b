"""The archiver's Scrapy add-ons (``scrapy crawl`` runs them too: tests/crawl/test_crawl_profile.py)."""

from __future__ import annotations

from archiver import user_agent
from archiver.addons import ContactUserAgent
from archiver.crawl.process import crawl_settings


def applied(overrides: dict[str, str]) -> str:
    settings = crawl_settings(overrides=overrides)
    assert settings["ADDONS"] == {"archiver.addons.ContactUserAgent": 0}
    ContactUserAgent().update_settings(settings)
    return settings["USER_AGENT"]


def test_user_agent_follows_the_contact_url_unless_set_itself() -> None:
    assert applied({}) == user_agent("https://example.org/archiver-contact")
    assert applied({"ARCHIVER_CONTACT_URL": "https://ops.example/"}) == user_agent("https://ops.example/")
    assert applied({"ARCHIVER_CONTACT_URL": "https://ops.example/", "USER_AGENT": "mine/1"}) == "mine/1"

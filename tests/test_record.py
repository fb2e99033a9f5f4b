"""The record's identity: one canonical URL, one id."""

from __future__ import annotations

from archiver.records.build import choose_canonical_url, record_id


def test_declared_canonical_on_the_same_site_names_the_record():
    page = "https://www.example.org/article/x/?print=1"
    assert (
        choose_canonical_url(page, "https://example.org/article/x/#top") == "https://example.org/article/x/"
    )


def test_off_site_or_home_page_canonicals_are_ignored():
    page = "https://www.example.org/article/x/?utm_source=feed"
    assert (
        choose_canonical_url(page, "https://syndication.example.net/x")
        == "https://www.example.org/article/x/"
    )
    assert choose_canonical_url(page, "https://www.example.org/") == "https://www.example.org/article/x/"
    assert (
        choose_canonical_url("https://www.example.org/", "https://www.example.org/")
        == "https://www.example.org/"
    )


def test_record_id_is_stable_and_distinct():
    a, b = "https://www.example.org/article/x/", "https://www.example.org/article/y/"
    assert record_id(a) == record_id(a) != record_id(b)

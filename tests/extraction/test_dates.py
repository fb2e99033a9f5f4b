"""Printed dates in five languages, numeric forms and machine dates."""

from __future__ import annotations

import pytest

from archiver.extraction.dates import parse_date, parse_iso


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Par : Yuliana Glazunova - le 25 octobre 2024", "fr", "2024-10-25"),
        ("Publié le 1er mars 2023 par Claire Dubois", "fr", "2023-03-01"),
        ("Von Jonas Weidner | 3. März 2023", "de", "2023-03-03"),
        ("25 ottobre 2024", "it", "2024-10-25"),
        ("25 de octubre de 2024", "es", "2024-10-25"),
        ("January 21, 2025", "en", "2025-01-21"),
        ("Sep 17, 2024", "en", "2024-09-17"),
        ("Published: 21 May 2025", "en", "2025-05-21"),
        ("publié 14/05/2024 09:00", "fr", "2024-05-14"),
        ("12.03.2024", "de", "2024-03-12"),
        ("03/21/2024", "en", "2024-03-21"),
        ("2024/05/14 - ", None, "2024-05-14"),
        ("no date here, only 2024", "en", None),
        ("31 février 2024", "fr", None),
    ],
)
def test_parse_date(text: str, language: str | None, expected: str | None) -> None:
    assert parse_date(text, language) == expected


def test_first_date_in_the_text_wins() -> None:
    assert parse_date("le 25 octobre 2024, mis à jour le 2 novembre 2024", "fr") == "2024-10-25"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-12T09:15:00+01:00", "2024-03-12T09:15:00+01:00"),
        ("2024-06-04T09:00:00-0400", "2024-06-04T09:00:00-04:00"),
        ("2024-09-17T00:00:00Z", "2024-09-17T00:00:00+00:00"),
        ("2024-09-17T10:32", "2024-09-17"),
        ("2024-09-17", "2024-09-17"),
        ("17 Sep", None),
    ],
)
def test_parse_iso(value: str, expected: str | None) -> None:
    assert parse_iso(value) == expected


def test_a_year_alone_is_not_a_date_from_htmldate() -> None:
    from archiver.extraction import parse_page
    from archiver.extraction.generic import _year_alone

    assert _year_alone(parse_page(b"<p>Analyst since 2019.</p>"), "2019-01-01")
    assert not _year_alone(parse_page(b"<p>Published January 1, 2019</p>"), "2019-01-01")
    assert not _year_alone(parse_page(b"<p>Analyst since 2019.</p>"), "2019-03-04")

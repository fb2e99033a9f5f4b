"""Byline names and credit labels: the conventions of each language."""

from __future__ import annotations

import pytest

from archiver.extraction.images import credit_of_line, split_credit
from archiver.extraction.names import is_person_name, split_names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Par : Yuliana Glazunova - le 25 octobre 2024", ["Yuliana Glazunova"]),
        ("By Amara Whitfield and Daniel Kessler", ["Amara Whitfield", "Daniel Kessler"]),
        ("Von Anna Schmidt und Jan Meyer | 3. März 2023", ["Anna Schmidt", "Jan Meyer"]),
        ("Por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"]),
        ("di Giulia Ferraris e Marco Rinaldi", ["Giulia Ferraris", "Marco Rinaldi"]),
        ("Publié par Lucie Ferrand à 10:32", ["Lucie Ferrand"]),
        ("Par Jean-Pierre de La Tour et Claire Dubois", ["Jean-Pierre de La Tour", "Claire Dubois"]),
        ("By Priya Raman, Senior Research Fellow", ["Priya Raman"]),
        ("Auteur(s) : Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Autoren: Anna Schmidt und Jan Meyer", ["Anna Schmidt", "Jan Meyer"]),
        ("By Dr. Anna Schmidt", ["Anna Schmidt"]),
        ("By 2030, the Union wants", []),
        ("Par ailleurs, la France", []),
    ],
)
def test_split_names(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    "text", ["Senior Research Fellow", "Envoyer par e-mail", "BlogThis!", "Website", "12 mars"]
)
def test_not_person_names(text: str) -> None:
    assert not is_person_name(text)


@pytest.mark.parametrize("text", ["Da Silva Costa", "De Luca Marco", "Von der Leyen", "Jean Dupont"])
def test_person_names_starting_with_a_particle(text: str) -> None:
    assert is_person_name(text)


@pytest.mark.parametrize("text", ["By Jane Doe", "Par Jean Dupont"])
def test_a_byline_is_not_a_name(text: str) -> None:
    assert not is_person_name(text)


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Image : Vladimir Smirnov / POOL / AFP", "Vladimir Smirnov / POOL / AFP"),
        ("Crédit photo : Nadia Ben Salah / Hans Lucas", "Nadia Ben Salah / Hans Lucas"),
        ("Credit: Getty Images / iStockphoto", "Getty Images / iStockphoto"),
        ("Foto: ANSA", "ANSA"),
        ("© Reuters", "Reuters"),
        ("Photo by Jane Doe / Reuters", "Jane Doe / Reuters"),
        ("Une photo de famille", None),
    ],
)
def test_credit_of_line(line: str, credit: str | None) -> None:
    assert credit_of_line(line) == credit


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "An oil tanker at anchor, December 2024. (Photo: Mikael Aho / Getty Images)",
            ("An oil tanker at anchor, December 2024.", "Mikael Aho / Getty Images"),
        ),
        ("Un train près de Huambo. © Reuters", ("Un train près de Huambo.", "Reuters")),
        ("L’usine du Nord. Photo : Romain Lefèvre / AFP", ("L’usine du Nord.", "Romain Lefèvre / AFP")),
        ("Photo de famille des dirigeants du G7", ("Photo de famille des dirigeants du G7", None)),
    ],
)
def test_split_credit(caption: str, expected: tuple[str, str | None]) -> None:
    assert split_credit(caption) == expected


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Copyright", None),
        ("© Tous droits réservés", None),
        ("© AFP. All rights reserved", "AFP"),
        ("Photo: Reuters", "Reuters"),
    ],
)
def test_a_credit_label_or_rights_statement_is_no_credit(text: str, credit: str | None) -> None:
    from archiver.extraction.images import credit_in_line

    assert credit_in_line(text) == credit


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Veröffentlicht von Anna Schmidt", ["Anna Schmidt"]),
        ("Artikel von Jan Meyer und Eva Roth", ["Jan Meyer", "Eva Roth"]),
        ("By Emily Way Fact-checked by Paul Rankin", ["Emily Way"]),
        (
            "By Ann Lee, Bob Stone, Carl Diaz and Dana Ruiz",
            ["Ann Lee", "Bob Stone", "Carl Diaz", "Dana Ruiz"],
        ),
    ],
)
def test_byline_labels_and_reviewers_are_not_names(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    ("text", "collective"),
    [("Podium Staff", True), ("The Upwork Team", True), ("Editorial Team", False), ("Staff", False)],
)
def test_collective_bylines(text: str, collective: bool) -> None:
    from archiver.extraction.names import is_collective_byline

    assert is_collective_byline(text) is collective

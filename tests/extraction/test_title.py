"""The headline on pages whose headings and machine titles disagree (our own fixture pages,
one per failure class, in ``pages/titles/``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.extraction import extract_article
from archiver.extraction.sitename import strip_site_name

PAGES = Path(__file__).parent / "pages" / "titles"

#: page -> (its URL, the headline, the source named for it)
CASES = {
    # the first h1 is the site's logo; a "Contact Us" h1 follows the article
    "logo-h1-and-contact-label": (
        "https://meridian-review.example/trade/caspian-rail",
        "Rail freight across the Caspian: three routes compared",
        "og",
    ),
    # the only h1 is a section label sharing no word with the page's titles
    "section-label-h1": (
        "https://coldchain-consult.example/blog/audits",
        "Why cold-chain warehouses fail their first audit",
        "og",
    ),
    # the date printed inside the h1
    "date-inside-h1": ("https://notes.example/notes/packaging-cli", "Notes on packaging a Python CLI", "h1"),
    # a label and the byline (date, author) inside the h1
    "byline-and-label-inside-h1": (
        "https://hearth-home.example/heat-pumps/stone-house",
        "Choosing a heat pump for an old stone house",
        "h1",
    ),
    # the h1 lost its apostrophe and colon to "?"; og:title kept them (as an entity)
    "lost-apostrophe-in-h1": (
        "https://allotment-diaries.example/seed-catalogues",
        "Reading a Seed Catalogue: A Beginner's Guide",
        "h1",
    ),
    # the h1 repeats the whole <title>, site and section after pipes, an entity escaped twice
    "pipe-suffix-and-entities": (
        "https://www.civictechweekly.example/explainers/ebooks",
        "How libraries lend e-books & audiobooks",
        "h1",
    ),
    # no heading; og:title ends with the site's name, which only the host spells
    "og-title-site-suffix-from-host": (
        "https://www.lumenfield.example/blog/warehouse-energy",
        "Five ways to cut warehouse energy bills",
        "og",
    ),
    # the document title is only the site's name ("&" where og:site_name says "and"): the h1 stays
    "site-name-only-document-title": (
        "https://solder-weekly.example/kits",
        "Electronic kits for a first workbench",
        "h1",
    ),
    # the h1 is an intro paragraph set in large type
    "paragraph-set-as-h1": (
        "https://velocity-lyon.example/routes",
        "The 7 Best Bicycle Commuting Routes in Lyon (Tested by Riders)",
        "json-ld",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_headline_and_its_source(name: str) -> None:
    url, title, source = CASES[name]
    record = extract_article((PAGES / f"{name}.html").read_bytes(), url, {"Content-Type": "text/html"})
    assert (record["title"], record["extraction"]["sources"]["title"]) == (title, source)


def test_every_title_fixture_page_has_a_case() -> None:
    assert sorted(path.stem for path in PAGES.glob("*.html")) == sorted(CASES)


@pytest.mark.parametrize(
    ("title", "names", "url", "expected"),
    [
        ("Ports of the Adriatic | Alto Adriatico", ["Alto Adriatico"], "", "Ports of the Adriatic"),
        ("Alto Adriatico - Ports of the Adriatic", ["Alto Adriatico"], "", "Ports of the Adriatic"),
        # a site name given longer than the title prints it
        ("Web Design Portfolio | Northwind Studio", ["Northwind Studio Agency"], "", "Web Design Portfolio"),
        # the same site name twice
        ("Critics' Choice 2025 – Artwire - Artwire", ["Artwire"], "", "Critics' Choice 2025"),
        # the host spells the site's name
        ("Moving Checklist | Move.org", [], "https://www.move.org/checklist/", "Moving Checklist"),
        # a domain name glued before the title
        ("example.com Vibe Coding", ["example.com"], "", "Vibe Coding"),
        # a known site name that is neither end: the title stays whole
        (
            "Transitioning to a plant-based diet – tips and tricks",
            ["Parkview"],
            "",
            "Transitioning to a plant-based diet – tips and tricks",
        ),
        # a short first word that starts the site name is no site name
        ("Docker Images: Security Validated | Docker", ["Docker"], "", "Docker Images: Security Validated"),
    ],
)
def test_strip_site_name(title: str, names: list[str], url: str, expected: str) -> None:
    assert strip_site_name(title, names, url) == expected

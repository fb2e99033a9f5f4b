"""extract_article: record shape, metadata fallbacks, site-profile hints, purity."""

from __future__ import annotations

import json

from archiver.extraction import EXTRACTOR_VERSION, extract_article

KEYS = {
    "title", "language", "authors", "byline", "published", "modified", "images", "body", "tags",
    "canonical_url", "description", "site_name", "extraction",
}  # fmt: skip

PARAGRAPHS = [
    "The first paragraph of the article explains what happened in the Black Sea ports this winter and why "
    "shipping companies have changed their routes in response to the new insurance conditions.",
    "The second paragraph adds the figures published by the port authorities and compares them with the "
    "volumes handled during the same months of the previous year, before the conflict escalated.",
    "The third paragraph looks ahead to the spring season and the negotiations between the grain traders "
    "and the governments of the coastal states about the safety of the corridor.",
]


def page(head: str = "", before: str = "", after: str = "", lang: str = "en") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Grain corridor - Site</title>'
        f"{head}</head><body><nav><a href='/'>Home</a></nav><main><article>"
        f"<h1>Grain corridor under pressure</h1>{before}<div class='article-body'>{body}</div>{after}"
        "</article></main><footer><p>© Site</p></footer></body></html>"
    ).encode()


def test_record_has_every_key_and_is_json() -> None:
    record = extract_article(page(), "https://site.example/a", {"Content-Type": "text/html"})
    assert set(record) == KEYS
    assert json.loads(json.dumps(record)) == record
    assert record["title"] == "Grain corridor under pressure"
    assert record["body"] == "\n\n".join(PARAGRAPHS)
    assert record["extraction"]["sources"]["body"] == "trafilatura"
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION.count(".") == 2


def test_same_input_same_output() -> None:
    html = page(before="<p class='byline'>By Anna Kowalska - 3 March 2023</p>")
    assert extract_article(html, "https://site.example/a") == extract_article(html, "https://site.example/a")


def test_visible_byline_beats_metadata() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-01-05",'
        ' "author": {"@type": "Person", "name": "Web Editor"}}</script>'
    )
    before = "<p class='byline'>By Anna Kowalska and Piotr Nowak - 3 March 2023</p>"
    record = extract_article(page(head, before), "https://site.example/a")
    assert [a["name"] for a in record["authors"]] == ["Anna Kowalska", "Piotr Nowak"]
    assert record["published"] == "2023-03-03"
    assert record["extraction"]["sources"]["published"] == "byline"
    assert "Anna Kowalska" not in record["body"]


def test_metadata_supplies_author_and_date_when_the_page_shows_none() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "Article", "datePublished": "2023-01-05T10:00:00+01:00",'
        ' "author": [{"@type": "Person", "name": "Web Editor"}, {"@type": "Organization", "name": "Site Ltd"}]}'
        "</script>"
    )
    record = extract_article(page(head), "https://site.example/a")
    assert [a["name"] for a in record["authors"]] == ["Web Editor"]
    assert record["published"] == "2023-01-05T10:00:00+01:00"
    assert record["extraction"]["sources"]["authors"] == "json-ld"


def test_organisation_named_as_a_plain_string_is_not_an_author() -> None:
    head = '<script type="application/ld+json">{"@type": "Article", "author": "Baltic Policy Institute"}</script>'
    head += '<meta name="author" content="Editorial Team">'
    assert extract_article(page(head), "https://site.example/a")["authors"] == []


def test_organisation_in_jsonld_is_not_an_author() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "Article", "author": "Site Ltd",'
        ' "publisher": {"@type": "Organization", "name": "Site Ltd"}}</script>'
    )
    assert extract_article(page(head), "https://site.example/a")["authors"] == []


def test_canonical_is_absolute_and_language_from_html() -> None:
    head = '<link rel="canonical" href="/a?x=1"><meta property="og:site_name" content="Site">'
    record = extract_article(page(head, lang="en-GB"), "https://site.example/a?utm=1")
    assert record["canonical_url"] == "https://site.example/a?x=1"
    assert record["language"] == "en"
    assert record["extraction"]["sources"]["language"] == "declared"
    assert record["site_name"] == "Site"


def test_text_clearly_in_another_language_beats_the_template_lang() -> None:
    record = extract_article(page(lang="fr"), "https://site.example/a")
    assert (record["language"], record["extraction"]["sources"]["language"]) == ("en", "text")


def test_language_guessed_from_text_when_undeclared() -> None:
    html = page().replace(b' lang="en"', b"")
    assert extract_article(html, "https://site.example/a")["language"] == "en"


def test_hints_override_generic_rules() -> None:
    before = (
        "<div class='sig'>Anna Kowalska</div><div class='when'>3/3/2023</div>"
        "<img src='/hero.jpg' width='800'><div class='pic'>Fot. PAP / Leszek Szymański</div>"
    )
    after = "<div class='promo'>Subscribe to the Grain Brief for weekly updates on the corridor.</div>"
    hints = {
        "byline": ".sig",
        "date": ".when",
        "credit": ".pic",
        "body": ".article-body",
        "remove": [".promo"],
    }
    record = extract_article(page(before=before, after=after), "https://site.example/a", None, hints)
    assert [a["name"] for a in record["authors"]] == ["Anna Kowalska"]
    assert record["published"] == "2023-03-03"
    assert record["images"][0] == {
        "url": "https://site.example/hero.jpg",
        "caption": None,
        "credit": "Fot. PAP / Leszek Szymański",
    }
    assert record["body"] == "\n\n".join(PARAGRAPHS)
    sources = record["extraction"]["sources"]
    assert (sources["authors"], sources["published"], sources["credit"], sources["body"]) == ("hints",) * 4


def test_empty_and_broken_input_give_an_empty_record() -> None:
    for html in (b"", b"   ", b"\x00\x01\x02", b"<html></html>"):
        record = extract_article(html, "https://site.example/a")
        assert set(record) == KEYS
        assert record["body"] == "" and record["authors"] == [] and record["title"] is None


def test_byline_after_the_body_beats_a_site_link_before_the_title() -> None:
    html = page(after="<p class='signature'>Written by Jane Doe</p>").replace(
        b"<nav>", b"<a class='site-title' rel='author' href='/'>Chokepoint Observatory</a><nav>"
    )
    assert [a["name"] for a in extract_article(html, "https://site.example/a")["authors"]] == ["Jane Doe"]


def test_date_above_the_title_beats_dates_listed_after_the_body() -> None:
    html = page(after="<ul><li><span class='date'>1 January 2020</span> Older piece</li></ul>").replace(
        b"<h1>", b"<p class='date'>3 March 2023</p><h1>"
    )
    assert extract_article(html, "https://site.example/a")["published"] == "2023-03-03"


def test_lazy_loaded_lead_image_with_credit_in_its_figcaption() -> None:
    before = (
        "<figure><img data-src='/img/port.jpg' src='data:image/gif;base64,R0lGOD' width='1200'>"
        "<figcaption>The port of Constanța at dawn. <span class='credit'>Foto: Radu Ionescu / Inquam</span>"
        "</figcaption></figure>"
    )
    record = extract_article(page(before=before), "https://site.example/a")
    assert record["images"] == [
        {
            "url": "https://site.example/img/port.jpg",
            "caption": "The port of Constanța at dawn.",
            "credit": "Radu Ionescu / Inquam",
        }
    ]
    assert "Radu Ionescu" not in record["body"] and "Constanța at dawn" not in record["body"]


def test_og_image_and_credit_line_when_the_hero_is_a_css_background() -> None:
    head = '<meta property="og:image" content="https://cdn.site.example/hero.jpg">'
    before = (
        "<div class='hero' style='background-image:url(/hero.jpg)'></div><p>Crédit photo : Jean Martin</p>"
    )
    record = extract_article(page(head, before), "https://site.example/a")
    assert record["images"] == [
        {"url": "https://cdn.site.example/hero.jpg", "caption": None, "credit": "Jean Martin"}
    ]
    assert "Jean Martin" not in record["body"]


def test_a_block_holding_most_of_the_text_is_never_boilerplate() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<html lang='en'><body><header><h1>Grain corridor under pressure</h1></header>"
        f"<div class='layout content-with-sidebar'><div class='text'>{body}</div>"
        "<div class='sidebar'><p>Most read: a story about something else entirely.</p></div></div>"
        "</body></html>"
    ).encode()
    assert extract_article(html, "https://site.example/a")["body"] == "\n\n".join(PARAGRAPHS)


def test_unlabelled_credit_closing_a_caption() -> None:
    before = "<figure><img src='/a.jpg'><figcaption>Kherson port in 2023. <cite>Oleksii Filippov/AFP</cite></figcaption></figure>"
    record = extract_article(page(before=before), "https://site.example/a")
    assert (record["images"][0]["caption"], record["images"][0]["credit"]) == (
        "Kherson port in 2023.",
        "Oleksii Filippov/AFP",
    )


def test_title_falls_back_to_the_document_title_without_the_site_name() -> None:
    html = page().replace(b"<h1>Grain corridor under pressure</h1>", b"")
    record = extract_article(html, "https://site.example/a")
    assert (record["title"], record["extraction"]["sources"]["title"]) == ("Grain corridor", "title")


def test_og_title_loses_its_site_suffix() -> None:
    head = '<meta property="og:title" content="Ports of the Adriatic | Alto Adriatico">'
    head += '<meta property="og:site_name" content="Alto Adriatico">'
    html = page(head).replace(b"<h1>Grain corridor under pressure</h1>", b"")
    assert extract_article(html, "https://site.example/a")["title"] == "Ports of the Adriatic"


def test_closing_italic_note_naming_the_author_is_the_bio() -> None:
    byline = "<p class='byline'>Par Claire Dubois</p>"
    note = "<p><em>Chercheuse associée à l'Observatoire, Claire Dubois travaille sur les ports de l'océan Indien.</em></p>"
    html = page(before=byline, lang="fr").replace(b"</div></article>", note.encode() + b"</div></article>")
    record = extract_article(html, "https://site.example/a")
    assert record["authors"][0]["name"] == "Claire Dubois"  # the "Par" of a byline-classed block is no name
    assert record["authors"][0]["bio"].startswith("Chercheuse associée")
    assert "Chercheuse" not in record["body"]


def test_wordpress_date_marked_published_and_updated_is_the_publication_date() -> None:
    before = (
        '<div class="entry-meta">Posted on <time class="entry-date published updated" '
        'datetime="2023-03-03T10:00:00+01:00">March 3, 2023</time> by <a class="url fn n">Anna Kowalska</a></div>'
    )
    record = extract_article(page(before=before), "https://site.example/a")
    assert record["published"] == "2023-03-03T10:00:00+01:00"
    assert record["modified"] is None


def test_rdfa_date_property_is_a_machine_date() -> None:
    before = '<span property="dc:date dc:created" content="2024-10-25T08:00:00+00:00"></span>'
    assert (
        extract_article(page(before=before), "https://site.example/a")["published"]
        == "2024-10-25T08:00:00+00:00"
    )

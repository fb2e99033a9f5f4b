"""The demo site is rendered from ``site.toml``: an article added to the data appears everywhere."""

from __future__ import annotations

import dataclasses
import datetime

import lxml.etree
import lxml.html

from archiver.demo import demo_site, expected_articles
from archiver.demo.body import body_text
from archiver.demo.expected import record
from archiver.demo.render import render_site
from archiver.demo.sitedata import Article

BASE = "http://127.0.0.1:8765"
NEW = Article(
    slug="azerbaidjan-le-gaz-de-la-caspienne",
    section="analyses",
    language="fr",
    locale="fr_FR",
    title="Azerbaïdjan : le gaz de la Caspienne & l’Europe",
    description="Bakou veut doubler ses livraisons.",
    excerpt="Bakou veut doubler ses livraisons…",
    published=datetime.datetime(2025, 4, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
    authors=("julien-marchetti", "nino-beridze"),
    tags=("caucase", "energie"),
    related=("georgie-le-port-d-anaklia-relance-sous-pavillon-chinois",),
    body='Premier paragraphe, avec <a href="/notes/">un lien</a>.\n\n### Un intertitre\n\n'
    "<ul>\n    <li>un point ;</li>\n    <li>un autre.</li>\n</ul>\n\nDernier paragraphe.",
    image="/media/articles/2025/03/georgie-cote-anaklia.jpg",
    image_credit="Leyla Aliyeva / AFP",
)


def with_new_article() -> dict[str, str]:
    site = demo_site()
    return render_site(dataclasses.replace(site, articles=(NEW, *site.articles)), BASE)


def test_a_new_article_in_the_data_appears_in_every_page_that_lists_it() -> None:
    files = with_new_article()
    page = lxml.html.document_fromstring(files[NEW.path + "index.html"])
    assert page.xpath("string(//h1)") == NEW.title
    assert page.xpath("//html/@lang") == ["fr"]
    assert page.xpath('//p[contains(@class, "image-credit")]//text()') == ["Image : Leyla Aliyeva / AFP"]
    assert [a.text for a in page.xpath('//h5[contains(@class, "author-name")]/a')] == [
        "Julien Marchetti",
        "Nino Beridze",
    ]
    for listing in ("/index.html", "/analyses/index.html", "/tag/caucase/index.html", "/tag/energie/index.html",
                    "/auteur/julien-marchetti/index.html", "/auteur/nino-beridze/index.html"):  # fmt: skip
        assert f'<a href="{NEW.path}">' in files[listing], listing
    assert NEW.path not in files["/tag/chine/index.html"]
    sitemap = lxml.etree.fromstring(files["/sitemap-articles.xml"].encode())
    assert sitemap[0][0].text == BASE + NEW.path and sitemap[0][1].text == "2025-04-01"
    feed = lxml.etree.fromstring(files["/feed/index.xml"].encode())
    assert feed.findtext("channel/item/link") == BASE + NEW.path
    assert feed.findtext("channel/item/title") == NEW.title  # "&" escaped in XML, read back
    assert feed.findtext("channel/lastBuildDate") == "Tue, 01 Apr 2025 09:00:00 +0100"


def test_a_new_article_pushes_the_analyses_listing_onto_one_more_page() -> None:
    before = render_site(demo_site(), BASE)
    after = with_new_article()
    pages = sorted(path for path in after if path.startswith("/analyses/"))
    assert len(pages) == len([p for p in before if p.startswith("/analyses/")]) + 1
    assert '<link rel="next" href="/analyses/page/4/">' in after["/analyses/page/3/index.html"]


def test_the_expected_record_is_the_text_the_page_shows_as_the_article() -> None:
    files = with_new_article()
    expected = record(dataclasses.replace(demo_site(), articles=(NEW, *demo_site().articles)), NEW)
    page = lxml.html.document_fromstring(files[NEW.path + "index.html"])
    blocks = page.xpath('//div[contains(@class, "article-content")]/*[self::p or self::h3] '
                        '| //div[contains(@class, "article-content")]/ul/li')  # fmt: skip
    assert expected["body"] == "\n\n".join(" ".join(b.text_content().split()) for b in blocks)
    assert expected["body"].startswith("Premier paragraphe, avec un lien.\n\nUn intertitre\n\nun point ;")
    assert expected["authors"] == ["Julien Marchetti", "Nino Beridze"]
    assert expected["published"] == "2025-04-01" and expected["image_credit"] == "Leyla Aliyeva / AFP"
    assert "Image : Leyla Aliyeva / AFP" in expected["must_not_be_in_body"]


def test_every_expected_record_matches_its_article_page() -> None:
    files = render_site(demo_site(), BASE)
    for expected, article in zip(expected_articles(), demo_site().articles, strict=True):
        page = lxml.html.document_fromstring(files[article.path + "index.html"])
        assert expected["title"] == page.xpath("string(//h1)")
        assert expected["body"] == "\n\n".join(body_text(article.body))
        shown = " ".join([page.text_content(), *page.xpath("//img/@alt")]).split()
        assert all(" ".join(s.split()) in " ".join(shown) for s in expected["must_not_be_in_body"])

"""The demo site's HTML pages, rendered from its data with ``templates/*.html``."""

from __future__ import annotations

import json
from urllib.parse import quote

from archiver.demo.body import body_html
from archiver.demo.sitedata import Article, Author, Listing, Site, Tag
from archiver.demo.templating import author_links, byline, esc, fill, french_date, layout, teasers

HOME_TEASERS = 5


def home(site: Site) -> str:
    newsletter = site.article(site.newsletter_article)
    commented = max(site.listed, key=lambda a: len(a.comments))
    intro = fill("home-intro.html", newsletter_url=newsletter.path, newsletter_title=esc(newsletter.title),
                 most_commented_url=commented.path, most_commented_title=esc(commented.title),
                 most_commented_count=len(commented.comments))  # fmt: skip
    main = fill("listing.html", heading=esc(site.name), lead=esc(site.tagline), intro=intro,
                teasers=teasers(site, site.listed[:HOME_TEASERS]), after=fill("home-more.html"))  # fmt: skip
    return layout(site, title=f"{site.short} - {site.name}", description=site.tagline, main=main)


def listing(site: Site, listing: Listing) -> dict[str, str]:
    """``/<listing>/`` and its ``/page/<n>/`` pages, linked by rel=prev/next."""
    articles = [a for a in site.listed if a.section == listing.slug]
    size = listing.per_page or len(articles)
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)] or [[]]
    paths = [f"/{listing.slug}/"] + [f"/{listing.slug}/page/{n}/" for n in range(2, len(chunks) + 1)]
    files = {}
    for number, chunk in enumerate(chunks, start=1):
        suffix = f" - page {number}" if number > 1 else ""
        head = ""
        if number > 1:
            head += f'    <link rel="prev" href="{paths[number - 2]}">\n'
        if number < len(chunks):
            head += f'    <link rel="next" href="{paths[number]}">\n'
        pagination = _pagination(paths, number) if len(chunks) > 1 else ""
        main = fill("listing.html", heading=esc(listing.name + suffix), lead=esc(listing.lead), intro="",
                    teasers=teasers(site, chunk), after=pagination)  # fmt: skip
        files[paths[number - 1] + "index.html"] = layout(
            site,
            title=f"{listing.name}{suffix} - {site.short}",
            description=listing.lead,
            main=main,
            head=head,
        )
    return files


def _pagination(paths: list[str], current: int) -> str:
    items = []
    if current > 1:
        items.append(f'<a class="page-link" rel="prev" href="{paths[current - 2]}">« Précédent</a>')
    for number, path in enumerate(paths, start=1):
        if number == current:
            items.append(f'<span class="page-link">{number}</span>')
        else:
            items.append(f'<a class="page-link" href="{path}">{number}</a>')
    if current < len(paths):
        items.append(f'<a class="page-link" rel="next" href="{paths[current]}">Suivant »</a>')
    lines = [
        f'            <li class="page-item{" active" if "span" in item else ""}">{item}</li>\n'
        for item in items
    ]
    return (
        '        <nav aria-label="Pagination"><ul class="pagination justify-content-center">\n'
        + "".join(lines)
        + ("        </ul></nav>\n")
    )


def tag(site: Site, tag: Tag) -> str:
    lead = f"Toutes nos publications sur le thème « {tag.name} »."
    articles = [a for a in site.listed if tag.slug in a.tags]
    main = fill("listing.html", heading=esc(f"Mot-clé : {tag.name}"), lead=esc(lead), intro="",
                teasers=teasers(site, articles), after="")  # fmt: skip
    return layout(site, title=f"{tag.name} - {site.short}", description=lead, main=main)


def author(site: Site, author: Author) -> str:
    articles = [a for a in site.listed if author.slug in a.authors]
    intro = f'        <p class="author-links small">{author_links(author)}</p>\n'
    main = fill("listing.html", heading=esc(author.name), lead=esc(author.bio), intro=intro,
                teasers=teasers(site, articles), after="")  # fmt: skip
    return layout(site, title=f"{author.name} - {site.short}", description=author.bio, main=main)


def static_page(site: Site, name: str) -> str:
    """``/a-propos/``, ``/contact/``: their ``main`` is a template of its own."""
    page = site.pages[name]
    return layout(site, title=f"{page['title']} - {site.short}", description=page["description"],
                  main=fill(f"{name}.html"))  # fmt: skip


def article(site: Site, article: Article) -> str:
    listing = next(item for item in site.listings if item.slug == article.section)
    main = fill(
        "article.html",
        section=listing.slug,
        section_name=esc(listing.name),
        hero=_hero(article),
        title=esc(article.title),
        byline=byline(site, article, linked=True),
        date=french_date(article.published.date()),
        share=quote(article.title, safe=""),
        credit=_credit(article),
        body=body_html(article.body),
        tags=" ".join(
            f'<a class="badge badge-light" rel="tag" href="/tag/{t}/">{esc(site.tag(t).name)}</a>'
            for t in article.tags
        ),
        author_cards="".join(_author_card(site.author(slug)) for slug in article.authors),
        related="".join(
            f'                            <li><a href="/article/{slug}/">{esc(site.article(slug).title)}</a></li>\n'
            for slug in article.related
        ),
        comments=_comments(article),
    )
    return layout(site, lang=article.html_lang or article.language, title=f"{article.title} - {site.short}",
                  description=article.description, head=_article_head(site, article), main=main)  # fmt: skip


def _hero(article: Article) -> str:
    if not article.image or article.figure:
        return ""
    return f'                    <img class="card-img-top" src="{article.image}" alt="Card image cap">\n'


def _credit(article: Article) -> str:
    if article.figure:
        return fill(
            "figure.html", image=article.image, alt=esc(article.figure.alt), caption=article.figure.caption
        )
    if article.image_credit:
        return (
            '                        <p class="card-text image-credit"><small class="text-muted font-italic">'
            f"Image : {esc(article.image_credit)}</small></p>\n"
        )
    return ""


def _author_card(author: Author) -> str:
    return fill("author-card.html", slug=author.slug, name=esc(author.name), links=author_links(author),
                bio=esc(author.bio))  # fmt: skip


def _comments(article: Article) -> str:
    if not article.comments_open:
        return '                        <p class="text-muted">Les commentaires sont fermés pour cet article.</p>\n'
    if article.comments:
        listed = "".join(fill("comment.html", id=c.id, name=esc(c.name), date=french_date(c.date), text=esc(c.text))
                         for c in article.comments)  # fmt: skip
    else:
        listed = '                        <p class="text-muted">Pas encore de commentaires. Soyez le premier à commenter cet article !</p>\n'
    return listed + fill("comment-form.html")


def _article_head(site: Site, article: Article) -> str:
    lines = [
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{esc(site.name)}">',
        f'<meta property="og:title" content="{esc(article.title)}">',
        f'<meta property="og:url" content="{article.path}">',
        f'<meta property="og:locale" content="{article.locale}">',
    ]
    if article.image:
        lines.append(f'<meta property="og:image" content="{article.image}">')
    lines.append(f'<link rel="canonical" href="{article.path}">')
    if article.structured_data:
        lines.append(f'<meta property="article:published_time" content="{article.published.isoformat()}">')
        lines += ['<script type="application/ld+json">', json.dumps(_json_ld(site, article), ensure_ascii=False),
                  "</script>"]  # fmt: skip
    return "".join(f"    {line}\n" for line in lines)


def _json_ld(site: Site, article: Article) -> dict[str, object]:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
    }
    if article.modified:
        data["dateModified"] = article.modified.isoformat()
    data["author"] = [
        {"@type": "Person", "name": site.author(s).name, "url": f"/auteur/{s}/"} for s in article.authors
    ]
    if article.image:
        data["image"] = [article.image]
    data["inLanguage"] = article.language
    data["mainEntityOfPage"] = {"@type": "WebPage", "@id": article.path}
    data["publisher"] = {"@type": "Organization", "name": site.name,
                         "logo": {"@type": "ImageObject", "url": "/static/img/logo-onfe.svg"}}  # fmt: skip
    return data

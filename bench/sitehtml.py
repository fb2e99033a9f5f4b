"""HTML of the generated site: page chrome and fragments, as templates (data) plus small fillers.

The chrome imitates the OFNRS template of ``/work/shared/corpus/00-ofnrs-seed.html``:
Bootstrap navbar with dropdown menus, article card, author box, comments, sidebar, footer.
Every link is a root-relative path, so the site can be served on any host and port.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from bench.lexicon import SECTIONS

#: Host of the site's CDN (Bootstrap, Font Awesome, the tag manager, some lead images):
#: :func:`bench.sitegen.generate` writes the second loopback host's base URL in its place.
CDN = "https://cdn.invalid"
STYLE = """
        body { padding-top: 72px; background-color: #f4f2ee; font-family: "Source Sans Pro", Arial, sans-serif; }
        .navbar-brand img { height: 42px; }
        .article-card .card-title { font-family: "Playfair Display", Georgia, serif; font-size: 2rem; }
        .article-content p { font-size: 1.08rem; line-height: 1.75; }
        .author-card .author-links a { color: #8a1c1c; }
        .share-links a { color: #555; margin-right: .6rem; font-size: 1.2rem; }
        .related-card .card-title { font-size: 1.05rem; }
        .sidebar h6 { text-transform: uppercase; letter-spacing: .05em; }
        #cookie-bar { position: fixed; bottom: 0; left: 0; right: 0; z-index: 1050; }
        footer.site-footer { background: #1f1f1f; color: #ccc; }
        footer.site-footer a { color: #eee; }
"""

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
    <title>{title} - OFNRS</title>
    <meta name="description" content="{description}">
    <meta property="og:type" content="{og_type}">
    <meta property="og:site_name" content="Observatoire Français des Nouvelles Routes de la Soie">
    <meta property="og:title" content="{title}">
    <meta property="og:url" content="{path}">
    <link rel="canonical" href="{path}">
    <link rel="icon" type="image/png" href="/static/img/favicon-32.png">
    <link rel="stylesheet" href="https://cdn.invalid/npm/bootstrap@4.6.2/dist/css/bootstrap.min.css" crossorigin="anonymous">
    <link rel="stylesheet" href="https://cdn.invalid/releases/v5.15.4/css/all.css">
    <link rel="stylesheet" href="/static/css/main.css?v=3.4">
    <script src="/static/js/site.js?v=3.4" defer></script>
    <style>{style}</style>
    <script async src="https://cdn.invalid/gtag/js?id=G-4RT8N2KX7Q"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){{dataLayer.push(arguments);}}
        gtag('js', new Date());
        gtag('config', 'G-4RT8N2KX7Q', {{ 'anonymize_ip': true }});
    </script>
</head>
<body>
{navbar}
<main class="page-content py-4">
    <div class="container">
        <nav aria-label="breadcrumb"><ol class="breadcrumb">{breadcrumb}</ol></nav>
        <div class="row">
            <div class="col-lg-8">
{main}
            </div>
            <aside class="col-lg-4 sidebar">
{sidebar}
            </aside>
        </div>
    </div>
</main>
{footer}
</body>
</html>
"""

NAVBAR_HEAD = """<nav class="navbar navbar-expand-lg navbar-dark bg-dark fixed-top" id="mainNav">
    <div class="container">
        <a class="navbar-brand" href="/"><img src="/static/img/logo-ofnrs-blanc.png" alt="OFNRS"></a>
        <button class="navbar-toggler" type="button" data-toggle="collapse" data-target="#navbarResponsive" aria-controls="navbarResponsive" aria-expanded="false" aria-label="Toggle navigation">
            <span class="navbar-toggler-icon"></span>
        </button>
        <div class="collapse navbar-collapse" id="navbarResponsive">
            <ul class="navbar-nav mr-auto">
                <li class="nav-item"><a class="nav-link" href="/">Accueil</a></li>
"""

DROPDOWN = """                <li class="nav-item dropdown">
                    <a class="nav-link dropdown-toggle" href="#" id="drop{key}" role="button" data-toggle="dropdown" aria-haspopup="true" aria-expanded="false">{label}</a>
                    <div class="dropdown-menu" aria-labelledby="drop{key}">
{items}
                    </div>
                </li>
"""

NAVBAR_TAIL = """                <li class="nav-item"><a class="nav-link" href="/entretiens/">Entretiens</a></li>
                <li class="nav-item"><a class="nav-link" href="/podcasts/">Podcasts</a></li>
                <li class="nav-item"><a class="nav-link" href="/evenements/">Événements</a></li>
                <li class="nav-item"><a class="nav-link" href="/contact/">Contact</a></li>
            </ul>
            <form class="form-inline my-2 my-lg-0 mr-lg-3" action="/recherche/" method="get">
                <input class="form-control form-control-sm mr-sm-2" type="search" name="q" placeholder="Rechercher" aria-label="Rechercher">
            </form>
            <ul class="navbar-nav">
                <li class="nav-item"><a class="nav-link" href="/compte/connexion/">Connexion</a></li>
                <li class="nav-item"><a class="btn btn-sm btn-outline-light ml-lg-2" href="/compte/inscription/">Inscription</a></li>
            </ul>
        </div>
    </div>
</nav>
"""

MENUS = {
    "Observatoire": (
        "L'Observatoire",
        [
            ("/observatoire/presentation/", "Présentation"),
            ("/observatoire/equipe/", "L'équipe"),
            ("/observatoire/partenaires/", "Nos partenaires"),
            ("/observatoire/nous-rejoindre/", "Nous rejoindre"),
        ],
    ),
    "Analyses": ("Analyses", [(f"/analyses/{slug}/", name) for slug, name in SECTIONS.items()]),
    "Publications": (
        "Publications",
        [
            ("/publications/notes/", "Notes d'analyse"),
            ("/publications/rapports/", "Rapports"),
            ("/publications/revue-de-presse/", "Revue de presse"),
        ],
    ),
}

FOOTER = """<footer class="site-footer pt-5 pb-3">
    <div class="container">
        <div class="row">
            <div class="col-md-5 mb-4">
                <h5 class="text-white">Observatoire Français des Nouvelles Routes de la Soie</h5>
                <p class="small">Think tank indépendant consacré aux enjeux géopolitiques, économiques et sociétaux de l’espace eurasiatique.</p>
                <p class="small"><i class="fas fa-map-marker-alt"></i> 12 rue des Tanneurs, 75005 Paris</p>
            </div>
            <div class="col-md-3 mb-4">
                <h6 class="text-white text-uppercase">Liens utiles</h6>
                <ul class="list-unstyled small">
                    <li><a href="/mentions-legales/">Mentions légales</a></li>
                    <li><a href="/confidentialite/">Politique de confidentialité</a></li>
                    <li><a href="/charte-editoriale/">Charte éditoriale</a></li>
                    <li><a href="/observatoire/nous-rejoindre/">Nous rejoindre</a></li>
                </ul>
            </div>
            <div class="col-md-4 mb-4">
                <h6 class="text-white text-uppercase">Lettre d'information</h6>
                <p class="small">Recevez chaque mois une sélection de nos analyses.</p>
                <form action="/newsletter/inscription/" method="post" class="form-inline">
                    <input type="email" name="email" class="form-control form-control-sm mr-2" placeholder="Votre adresse e-mail" required>
                    <button type="submit" class="btn btn-sm btn-danger">S'abonner</button>
                </form>
                <p class="mt-3">
                    <a href="https://twitter.com/example_ofnrs" title="X"><i class="fab fa-twitter fa-lg mr-3"></i></a>
                    <a href="https://www.linkedin.com/company/example-ofnrs/" title="LinkedIn"><i class="fab fa-linkedin fa-lg mr-3"></i></a>
                    <a href="https://t.me/example_ofnrs" title="Telegram"><i class="fab fa-telegram fa-lg mr-3"></i></a>
                    <a href="https://www.youtube.com/@example_ofnrs" title="YouTube"><i class="fab fa-youtube fa-lg"></i></a>
                </p>
            </div>
        </div>
        <hr class="border-secondary">
        <p class="text-center small mb-0">© 2024 OFNRS - Tous droits réservés</p>
    </div>
</footer>
<div id="cookie-bar" class="alert alert-dark mb-0 rounded-0 d-none" role="alert">
    <div class="container d-flex justify-content-between align-items-center">
        <span class="small">Ce site utilise des cookies de mesure d’audience afin d’améliorer votre navigation. <a href="/confidentialite/">En savoir plus</a></span>
        <button type="button" class="btn btn-sm btn-light" id="cookie-accept">J'accepte</button>
    </div>
</div>
<script src="https://cdn.invalid/npm/jquery@3.5.1/dist/jquery.slim.min.js" crossorigin="anonymous"></script>
<script src="https://cdn.invalid/npm/bootstrap@4.6.2/dist/js/bootstrap.bundle.min.js" crossorigin="anonymous"></script>"""

ARTICLE = """                <div class="card article-card mb-4">
                    <img class="card-img-top" src="{image}" alt="Card image cap">
                    <div class="card-body">
                        <h1 class="card-title">{title}</h1>
                        <p class="card-text article-meta"><small class="text-muted">Par : <a href="{author_path}">{author}</a> - le {date}</small></p>
                        <div class="share-links mb-2">
                            <a href="https://twitter.com/intent/tweet?url={quoted}" target="_blank" rel="noopener" title="Partager sur X"><i class="fab fa-twitter"></i></a>
                            <a href="https://www.facebook.com/sharer/sharer.php?u={quoted}" target="_blank" rel="noopener" title="Partager sur Facebook"><i class="fab fa-facebook-f"></i></a>
                            <a href="https://www.linkedin.com/sharing/share-offsite/?url={quoted}" target="_blank" rel="noopener" title="Partager sur LinkedIn"><i class="fab fa-linkedin-in"></i></a>
                            <a href="mailto:?subject=OFNRS%20-%20{quoted}" title="Envoyer par e-mail"><i class="fas fa-envelope"></i></a>
                        </div>
                        <p class="card-text image-credit"><small class="text-muted font-italic">Image : {credit}</small></p>
                        <div class="card-text article-content">
{body}
                        </div>
                        <p class="article-tags">Mots-clés : {tags}</p>
                        <nav class="d-flex justify-content-between small">{neighbours}</nav>
                    </div>
                </div>
                <div class="card author-card mb-4">
                    <div class="card-body">
                        <div class="media">
                            <img class="mr-3 rounded-circle" src="/media/auteurs/{author_slug}.jpg" alt="" width="96" height="96">
                            <div class="media-body">
                                <h5 class="mt-0 author-name"><a href="{author_path}">{author}</a></h5>
                                <p class="author-links small"><a href="https://{author_slug}.example/" target="_blank" rel="noopener">Website</a> | <a href="https://t.me/example_{author_slug}" target="_blank" rel="noopener">Telegram</a> | <a href="https://www.instagram.com/example_{author_slug}/" target="_blank" rel="noopener">Instagram</a> | <a href="https://www.linkedin.com/in/example-{author_slug}/" target="_blank" rel="noopener">LinkedIn</a></p>
                                <p class="author-bio">{bio}</p>
                            </div>
                        </div>
                    </div>
                </div>
                <div class="card comments-card mb-4" id="commentaires">
                    <div class="card-body">
                        <h4 class="card-title">Les commentaires</h4>
                        <p class="text-muted">Pas encore de commentaires. Soyez le premier à commenter cet article !</p>
                        <p><a href="/compte/connexion/?next={path}%23commentaires">Connectez-vous</a> pour ajouter un commentaire</p>
                    </div>
                </div>
                <h4 class="mb-3">Articles similaires</h4>
                <div class="row">
{related}
                </div>
"""

RELATED_CARD = """                    <div class="col-md-4 mb-3"><div class="card related-card h-100">
                        <a href="{path}"><img class="card-img-top" src="/media/articles/{image}-thumb.jpg" alt="{title}"></a>
                        <div class="card-body"><h5 class="card-title"><a href="{path}">{title}</a></h5>
                        <p class="card-text small">{excerpt}</p><p class="small text-muted">{date}</p></div>
                    </div></div>"""

LISTING_ITEM = """                <div class="media mb-4 listing-item">
                    <a href="{path}"><img class="mr-3" src="/media/articles/{image}-thumb.jpg" alt="" width="160"></a>
                    <div class="media-body">
                        <h5 class="mt-0"><a href="{path}">{title}</a></h5>
                        <p class="small text-muted">Par <a href="{author_path}">{author}</a> - {date}</p>
                        <p>{excerpt}</p>
                    </div>
                </div>"""


def link(path: str, label: str, css: str = "") -> str:
    """An ``<a>`` element; ``label`` is escaped."""
    cls = f' class="{css}"' if css else ""
    return f'<a{cls} href="{path}">{escape(label)}</a>'


def navbar() -> str:
    """The fixed top menu (the same on every page)."""
    dropdowns = "".join(
        DROPDOWN.format(
            key=key,
            label=label,
            items="\n".join(
                f"                        {link(path, name, 'dropdown-item')}" for path, name in items
            ),
        )
        for key, (label, items) in MENUS.items()
    )
    return NAVBAR_HEAD + dropdowns + NAVBAR_TAIL


def link_list(title: str, links: list[tuple[str, str]]) -> str:
    """A sidebar block: heading and a list of links."""
    items = "".join(f"<li>{link(path, label)}</li>" for path, label in links)
    return f'                <h6 class="mt-4">{escape(title)}</h6>\n                <ul class="list-unstyled small">{items}</ul>'


def breadcrumb(trail: list[tuple[str, str]]) -> str:
    """Breadcrumb items, the last one (current page) without a link."""
    *parents, (_, current) = [("/", "Accueil"), *trail]
    items = [f'<li class="breadcrumb-item">{link(path, label)}</li>' for path, label in parents]
    items.append(f'<li class="breadcrumb-item active" aria-current="page">{escape(current)}</li>')
    return "".join(items)


def pagination(base: str, page: int, pages: int) -> str:
    """First/previous/window/next/last links of a listing page (``base`` is page 1)."""

    def page_path(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"

    links = []
    if page > 1:
        links += [link(page_path(1), "« Première"), link(page_path(page - 1), "‹ Précédente")]
    for n in range(max(1, page - 3), min(pages, page + 3) + 1):
        links.append(escape(str(n)) if n == page else link(page_path(n), str(n)))
    if page < pages:
        links += [link(page_path(page + 1), "Suivante ›"), link(page_path(pages), "Dernière »")]
    return '                <nav class="pagination">' + " ".join(links) + "</nav>"


def page(
    path: str,
    title: str,
    description: str,
    main: str,
    sidebar: str,
    trail: list[tuple[str, str]],
    og_type: str = "website",
) -> str:
    """A whole HTML page in the site's chrome."""
    return PAGE.format(
        title=escape(title),
        description=escape(description),
        og_type=og_type,
        path=path,
        style=STYLE,
        navbar=navbar(),
        breadcrumb=breadcrumb(trail),
        main=main,
        sidebar=sidebar,
        footer=FOOTER,
    )


def quoted(path: str) -> str:
    """``path`` percent-encoded for a share-link query."""
    return quote("https://www.ofnrs.example" + path, safe="")

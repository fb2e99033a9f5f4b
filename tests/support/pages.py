"""An article page for tests that need a small real one (title, charset)."""

from __future__ import annotations

ARTICLE = """<!DOCTYPE html><html lang="fr"><head><meta charset="{charset}">
<title>{title} | Observatoire</title><link rel="canonical" href="/article/{slug}/"></head>
<body><nav><a href="/">Accueil</a> <a href="/analyses/">Analyses</a></nav>
<main><article><h1>{title}</h1>
<p class="byline">Par : Camille Rousseau - le 12 mars 2025</p>
<p>Les corridors ferroviaires entre la Chine et l'Europe traversent désormais le Kazakhstan à un rythme soutenu,
et les autorités d'Astana présentent ces flux comme la preuve d'un rôle charnière retrouvé.</p>
<p>Cette évolution s'accompagne d'investissements portuaires sur la Caspienne, où Aktaou et Kouryk rivalisent
pour attirer les conteneurs qui évitent désormais le territoire russe depuis deux ans.</p>
<p>Reste que la capacité des lignes géorgiennes et azerbaïdjanaises demeure limitée, ce qui freine l'essor
du corridor médian malgré l'enthousiasme des opérateurs logistiques européens.</p>
</article></main><footer>© Observatoire</footer></body></html>"""


def article(slug: str, title: str, charset: str = "utf-8") -> bytes:
    return ARTICLE.format(slug=slug, title=title, charset=charset).encode(charset)


LISTING = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} | Observatoire</title>
<link rel="next" href="?page=2"></head>
<body><nav><a href="/">Accueil</a> <a href="/analyses/">Analyses</a></nav>
<main><h1>{title}</h1>{teasers}<nav class="pagination"><a rel="next" href="?page=2">Suivant</a></nav></main>
<footer>© Observatoire</footer></body></html>"""
TEASER = """<div class="teaser"><h3><a href="/article/{slug}/">Le corridor {slug} en débat</a></h3>
<p>Résumé : ce que les délégations ont retenu du sommet, en quelques lignes.</p></div>"""


def listing(title: str, slugs: list[str]) -> bytes:
    """A section page: one teaser per slug (heading link and a line of summary) and a next-page link."""
    return LISTING.format(title=title, teasers="".join(TEASER.format(slug=s) for s in slugs)).encode("utf-8")

"""Extraction rules as data: class/id patterns, labels and keyword lists.

The code in the sibling modules applies these; adding a CMS family or a language
should mostly mean editing this file.
"""

from __future__ import annotations

import re

#: Subtrees never part of an article: matched on the element's class/id/role.
BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|commentaires?|kommentare|commenti|comentarios|respond|disqus|"
    r"reactions|responses|replies|"
    r"share|sharing|sharedaddy|social|sd-sharing|share-links|news-share|post-share-buttons|sharethis|"
    r"shariff|addtoany|a2a_kit|"
    r"related|relatedposts|correlati|connexes|similar|recommended|yarpp|more-articles|read-more|also-read|"
    r"newsletter|subscribe|subscription|signup|sign-up|optin|mailpoet|mc4wp|"
    r"cookie|cookies|cookieman|cookiebot|onetrust|didomi|axeptio|tarteaucitron|iubenda|borlabs|cmplz|"
    r"consent|gdpr|"
    r"key-findings|keyfindings|key-takeaways|takeaways|key-points|keypoints|highlights|tldr|a-retenir|"
    r"points-cles|summary-box|"
    r"breadcrumbs?|briciole|sitemappath|"
    r"sidebar|widget-area|portlet|"
    r"tags-links|tag-links|blog-tags-list|entry-taxonomies|post-labels|post-footer-line-2|"
    r"item-pagination|post-navigation|nav-links|pagination|"
    r"documentactions|strumenti|download|"
    r"skip-link|screen-reader-text|sr-only|hiddenstructure|ms-hidden)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Tags dropped with their content before anything else looks at the page.
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "form", "button", "select", "iframe")

#: Whole-page chrome: elements whose tag alone marks them as boilerplate.
CHROME_TAGS = ("nav", "footer")

#: Elements whose class marks a kicker/overline printed above the title.
KICKER = re.compile(
    r"(?:^|[\s_-])(?:kicker|overline|occhiello|surtitre|dachzeile|news-category|contenttype|"
    r"post-category|entry-category|eyebrow|rubrique)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Elements holding the visible byline (authors and/or date).
BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|bylines|author|authors|autore|auteur|autor|posted-by|meta-author|"
    r"p-author|documentauthor|news-list-author|post-author|entry-author|article-author)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Elements holding the publication date.
DATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:date|data|datum|fecha|posted-on|published|dt-published|date-header|"
    r"meta-date|documentpublished|entry-date|post-date|article-date|pubdate)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Dates that are not the publication date.
UPDATED_CLASS = re.compile(r"(?:updated|modified|aktualisiert|last-?modified)", re.IGNORECASE)
#: Marks of a publication date, which win over an "updated" mark on the same element.
PUBLISHED_CLASS = re.compile(r"(?:published|datepublished|pubdate)", re.IGNORECASE)

#: Byline prefixes, per language; the name(s) follow.
BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:publié|publiée|posted|written|geschrieben|veröffentlicht|verfasst|erstellt|artikel|"
    r"ein artikel|beitrag|ein beitrag|text und fotos|publicado|pubblicato|scritto|words|text|texte|"
    r"un article|article|rédigé|écrit|escrito|redactado|testo|articolo|reporting|interview|story)"
    r"\s+(?:par|by|von|por|da|di)|par|by|von|por|di|de|da|"
    r"(?:auteur|author|autor|autore)(?:\(e?s\)|\(s\)|es|en|e|s|i|in|innen)?|texte|text)"
    r"\s*(?::|\s)\s*",
    re.IGNORECASE,
)

#: A byline word inside a longer line ("Publié le 3 mars 2023 par Jean Dupont").
BYLINE_INLINE = re.compile(
    r"(?:^|[\s,;|–—-])(?:par|by|von|por|di|da)\s*:?\s+(?=(?-i:[A-ZÀ-Þ]))", re.IGNORECASE
)

#: A collective byline's word ("Podium Staff", "The Upwork Team", "EDB Team", "Redaktion X").
COLLECTIVE_BYLINE = re.compile(
    r"\b(?:team|staff|desk|editors|newsroom|redaktion|rédaction|redazione|redacción|équipe)\b", re.IGNORECASE
)
#: Words that leave a collective byline generic ("Editorial Team", "Our Editors"): not an author.
GENERIC_BYLINE_WORDS = frozenset(
    {"the", "our", "editorial", "news", "content", "web", "site", "blog", "marketing", "la", "die", "der"}
)

#: Titles printed before a name, dropped from it.
HONORIFICS = re.compile(
    r"^(?:dr|prof|pr|mme|mrs|mr|ms|herr|frau|dott|dott\.ssa|prof\.ssa|ing|sra|sr)\.?\s+", re.IGNORECASE
)

#: Text that ends the names in a byline ("- le 25 octobre", "| 3. März", "à 10:32", ", Senior ...").
BYLINE_STOP = re.compile(
    r"\s+[-–—|•·]\s+|\s*\|\s*|\s+(?:le|am|el|il|on|à|at|um|às|alle)\s+\d|\s+(?:à|at|um)\s+\d|"
    r"\s+-\s*$|\s+(?:publié|published|veröffentlicht|publicado|pubblicato|mis à jour|updated)\b|"
    r"\s+(?:fact[- ]?checked|reviewed|medically reviewed|edited|tested|photos?|illustrations?|"
    r"relu|vérifié|geprüft|überprüft|revisado|verificato)\s+(?:by|par|von|por|da|di)\b",
    re.IGNORECASE,
)

#: Joins between several authors.
AUTHOR_JOINERS = re.compile(r"\s*(?:,|;|&|\band\b|\bet\b|\bund\b|\by\b|\be\b)\s*", re.IGNORECASE)

#: Name particles allowed in lower case inside a person's name.
NAME_PARTICLES = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "di",
        "da",
        "del",
        "della",
        "dos",
        "das",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "zu",
        "y",
        "e",
    ]
)

#: Words that make a byline segment a role, not a person.
ROLE_WORDS = re.compile(
    r"\b(?:fellow|director|directeur|directrice|researcher|chercheur|chercheuse|analyst|analyste|"
    r"professor|professeur|editor|rédacteur|rédactrice|correspondent|correspondant|associate|"
    r"senior|junior|head|chair|programme|program|mitarbeiter|referent|leiter|leiterin|"
    r"ricercatore|ricercatrice|investigador|investigadora|staff|team|redaktion|rédaction|redazione)\b",
    re.IGNORECASE,
)

#: Words that make a name an organisation, not a person.
ORGANISATION_WORDS = re.compile(
    r"\b(?:observatory|observatoire|osservatorio|observatorio|institute|institut|istituto|instituto|"
    r"cent(?:er|re|ro)|foundation|fondation|fondazione|fundación|stiftung|university|université|università|"
    r"universidad|universität|agency|agence|agenzia|agencia|association|verein|council|conseil|forum|lab|"
    r"monitor|network|group|groupe|news|press|presse|media|review|journal|magazine|blog|editors?|"
    r"newsroom|desk|admin|webmaster|ltd|inc|gmbh|llc|s\.a\.|e\. ?v\.)\b",
    re.IGNORECASE,
)

#: Labels of "updated" dates, which are never the publication date.
UPDATED_LABELS = re.compile(
    r"(?:mis à jour|mise à jour|\bmàj\b|actualisé|dernière modification|modifié|updated|last updated|"
    r"last modified|zuletzt aktualisiert|aktualisiert|geändert|\bstand\s*:|actualizado|aggiornato|"
    r"ultima modifica)",
    re.IGNORECASE,
)
#: A text that opens with an "updated" label ("Last updated: 4 May 2024").
UPDATED_LABEL_FIRST = re.compile(r"^\W*" + UPDATED_LABELS.pattern, re.IGNORECASE)
#: A text that ends with one ("<span>Updated on</span> <time>...</time>").
UPDATED_LABEL_LAST = re.compile(
    UPDATED_LABELS.pattern + r"(?:\s+(?:on|le|am|el|il))?\s*[:：–—-]?\s*$", re.IGNORECASE
)

#: Credit labels (the part that is stripped from the credit).
CREDIT_LABEL = (
    r"(?:crédits?\s+photos?|crédits?|credits?|photos?|images?|foto(?:s|grafía|grafia)?|"
    r"bildnachweis|bild|fuente|source|illustration|copyright|©|\(c\))"
)
#: What joins a credit label to the credit ("Photo: X", "Foto di X", "Photo by X").
CREDIT_JOIN = r"(?:\s*[:：]|\s+(?:by|di|de|par|von|por)\s+(?=(?-i:[A-ZÀ-Þ])))"
#: A standalone credit line ("Image : X / AFP", "© Reuters").
CREDIT_LINE = re.compile(
    r"^\s*" + CREDIT_LABEL + CREDIT_JOIN + r"\s*(?P<credit>.+?)\s*$|^\s*©\s*(?P<c2>.+)$", re.IGNORECASE
)
#: The credit part at the end of a caption.
CREDIT_IN_TEXT = re.compile(
    r"(?:^|[\s(\[.;])(?P<label>"
    + CREDIT_LABEL
    + r")"
    + CREDIT_JOIN
    + r"\s*(?P<credit>[^()\[\]]+?)\s*[)\].]?\s*$"
    r"|(?:^|\s|\()©\s*(?P<credit2>[^()]+?)\s*\)?\s*$",
    re.IGNORECASE,
)

#: Rights statements, which are not the credit ("Tous droits réservés", "All rights reserved").
RIGHTS_RESERVED = re.compile(
    r"(?:all rights reserved|tous droits réservés|droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados|tutti i diritti riservati|diritti riservati|"
    r"some rights reserved)\s*\.?",
    re.IGNORECASE,
)
#: A credit that is only its label ("Copyright", "Photo", "©"): no credit at all.
CREDIT_LABEL_ONLY = re.compile(r"^\s*(?:" + CREDIT_LABEL + r"|\W)*\s*$", re.IGNORECASE)

#: Elements holding a photo credit.
CREDIT_CLASS = re.compile(
    r"(?:^|[\s_-])(?:credit|credits|copyright|image-credit|photo-credit|img-copyright|hero-credit|"
    r"news-img-copyright|source)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Elements holding an image caption.
CAPTION_CLASS = re.compile(
    r"(?:^|[\s_-])(?:caption|figcaption|legend|legende|légende|didascalia|bildunterschrift|"
    r"wp-caption-text|tr-caption|thumbnail-caption|image-caption|img-caption)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Images that are never the lead image.
NOT_LEAD_IMAGE = re.compile(
    r"(?:logo|avatar|gravatar|icon|sprite|spinny|spcommon|emoji|pixel|blank\.gif|badge|valid-xhtml|"
    r"profile|author|auteur|autor)",
    re.IGNORECASE,
)

#: Elements holding an author's bio.
BIO_CLASS = re.compile(
    r"(?:^|[\s_-])(?:(?:author|autor|auteur|autore|expert|profile)(?:[-_]{1,2}[a-z]+)?[-_]{0,2}(?:bio|description|desc|"
    r"textblock|note|about)|bio|biography|nota-autore|note-auteur|author-note|"
    r"itemauthordesc|authordescription|authorbio|userbio)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Containers of an author box (walked up to from a bio).
AUTHOR_BOX = re.compile(
    r"(?:author|autor|auteur|autore|expert|profile)",
    re.IGNORECASE,
)

#: Headings introducing author bios.
BIO_HEADINGS = re.compile(
    r"^\s*(?:about the authors?|à propos de l['’]auteur(?:e|s|es)?|à propos des auteurs|l['’]auteur|"
    r"les auteurs|zum autor|zur autorin|zu den autoren|über (?:den|die) autor(?:in|en)?|"
    r"sobre (?:el|la|los) autor(?:a|es)?|l['’]autore|gli autori|sull['’]autore|"
    r"(?:written|published|posted) by\s+\S.{0,60}|écrit par\s+\S.{0,60}|geschrieben von\s+\S.{0,60})\s*:?\s*$",
    re.IGNORECASE,
)

#: Verbs that open a third-person bio ("X is a senior fellow...").
BIO_OPENERS = re.compile(
    r"^\s*(?:,|\(|(?:is|was|has|holds|leads|works|est|était|a|dirige|travaille|enseigne|ist|war|hat|leitet|"
    r"forscht|es|fue|ha|è|era|dirige|insegna|lavora)\b)",
    re.IGNORECASE,
)

#: Headings of summary boxes that are not body text (the heading and the list after it go).
SUMMARY_HEADINGS = re.compile(
    r"^\s*(?:key (?:findings|takeaways|points|messages)|in brief|at a glance|summary|highlights|"
    r"à retenir|l['’]essentiel|points clés|en bref|résumé|das wichtigste in kürze|auf einen blick|"
    r"kernaussagen|puntos clave|en resumen|in sintesi|punti chiave)\s*:?\s*$",
    re.IGNORECASE,
)

#: Inline "read also" paragraphs.
READ_ALSO = re.compile(
    r"^\s*(?:à lire aussi|a lire aussi|lire aussi|voir aussi|read also|read more|see also|related|"
    r"lesen sie auch|siehe auch|mehr zum thema|lee también|leer más|leggi anche|vedi anche)\b",
    re.IGNORECASE,
)

#: A paragraph that is script code left as text (an inline embed the parser did not keep in its
#: ``<script>``): a JavaScript opening, then code punctuation.
SCRIPT_TEXT = re.compile(
    r"^\s*(?:!function\s*\(|\(function\s*\(|function\s*\w*\s*\([\w\s,]*\)\s*\{|"
    r"(?:var|let|const)\s+[\w$]+\s*=|(?:window|document)\.[\w$.]+\s*(?:=|\()|if\s*\(\s*!?\s*window\.)"
    r"(?=.*[{};])",
)

#: Headings of link lists that are not the text (related stories, tables of contents): the
#: heading and the list of links after it go.
RELATED_HEADINGS = re.compile(
    r"^\s*(?:table of contents|contents|in this (?:article|post|guide)|on this page|jump to|sommaire|inhaltsverzeichnis|"
    r"índice|indice|related (?:stories|articles|posts|content|reading|coverage)|recommended (?:stories|articles|for you|reading)?|"
    r"more (?:stories|articles|news|from [\w .-]{1,40}|on this (?:topic|story))|you (?:may|might) also (?:like|enjoy)|"
    r"read next|up next|most (?:read|popular|viewed)|popular (?:stories|articles|posts)|trending(?: now| stories)?|"
    r"top stories|latest (?:news|stories|articles)|"
    r"sur le même (?:sujet|thème)|dans la même rubrique|articles? (?:similaires|liés|connexes)|à lire (?:également|aussi)|"
    r"les plus lus|weitere artikel|das könnte sie auch interessieren|mehr zum thema|meistgelesen|"
    r"artículos relacionados|noticias relacionadas|te puede interesar|lo más leído|"
    r"articoli correlati|potrebbe interessarti anche|i più letti)\s*:?\s*$",
    re.IGNORECASE,
)

_TOOL_LABEL = (
    r"(?:share (?:this|the) (?:story|article|post|page)|share|print(?: this)?(?: article| page| story)?|permalink|"
    r"send (?:to a friend|by e-?mail)|e-?mail (?:this )?(?:article|story)|download (?:as )?pdf|save (?:article|story)|"
    r"imprimer(?: cet article| la page)?|lien permanent|partager(?: cet article| sur \w+)?|envoyer (?:à un ami|par e-?mail)|"
    r"version imprimable|télécharger (?:en )?pdf|artikel (?:drucken|teilen|versenden|merken)|drucken|teilen|"
    r"stampa(?: articolo)?|condividi(?: articolo)?|imprimir(?: artículo)?|compartir(?: artículo)?|"
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|bluesky|mastodon|threads|e-?mail|copy link|"
    r"advertisement|advertising|anzeige|publicité|publicidad|pubblicità|sponsored|table of contents|"
    r"back to (?:blog|top|all (?:posts|articles)|news)|\d+\s*min(?:ute)?s? read|subscribe(?: now)?|sign up(?: now)?|"
    r"log ?in|sign in|register|book a demo|jump to (?:the )?(?:list|recipe|content))"
)
#: A line of page tools ("Imprimer cet article | Lien permanent", "Share This Story").
TOOL_LINE = re.compile(
    r"^\s*" + _TOOL_LABEL + r"(?:\s*[|·•/,-]?\s*" + _TOOL_LABEL + r")*\s*:?\s*$", re.IGNORECASE
)

#: Editorial notes printed with the text that are not the article ("The views expressed in this
#: commentary...", affiliate disclosures).
DISCLAIMER = re.compile(
    r"^\s*(?:(?:editor['’]s note|disclaimer|disclosure|note)\s*:\s*)?(?:"
    r"the (?:views|opinions) expressed (?:in this|here|herein|are)|(?:views|opinions) expressed (?:in this|here)|"
    r"the opinions? (?:and views )?(?:in|of) this (?:article|commentary|post)|"
    r"this (?:article|post|page|content) (?:may contain|contains) affiliate|(?:as an amazon associate|we may earn (?:a )?(?:small )?commission)|"
    r"our editors (?:and experts )?(?:independently )?(?:handpick|select|research)|"
    r"products (?:are|were) (?:chosen|selected) independently|"
    r"if you (?:buy|purchase|click) (?:something )?(?:through|via|from) (?:our |my )?(?:affiliate )?links|"
    r"(?:sign up|subscribe) (?:for|to) (?:our|the) newsletter|join (?:our|the) (?:mailing list|newsletter)|"
    r"les (?:opinions|propos) exprimé(?:e)?s (?:dans|ici)|les opinions exprimées|"
    r"die (?:in diesem (?:beitrag|artikel|kommentar) )?geäußerten (?:meinungen|ansichten)|"
    r"las opiniones expresadas|le opinioni espresse)",
    re.IGNORECASE,
)

#: A standalone caption credit line in the text ("Photo: Jane Doe / AFP", "© Reuters").
CREDIT_ONLY_LINE = re.compile(r"^\s*(?:" + CREDIT_LABEL + CREDIT_JOIN + r"|©)\s*[^.!?]{2,80}$", re.IGNORECASE)

#: Lead/standfirst paragraphs printed between the title and the text.
LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:lead|standfirst|chapo|chapeau|accroche|teaser|teaser-text|intro|documentdescription|"
    r"article-summary|excerpt|deck|dek|summary-lead|subtitle|sub-title|subheadline|sous-titre|untertitel|"
    r"vorspann|sommario|entradilla|bajada)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Block elements whose text makes one body paragraph.
BLOCK_TAGS = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "figcaption"]
)

#: Meta tags, in order of preference, per field.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "description": ("og:description", "description", "dc.description", "twitter:description"),
    "site_name": ("og:site_name", "application-name"),
    "published": (
        "article:published_time",
        "datepublished",
        "dc.date.issued",
        "dc.date",
        "date",
        "pubdate",
        "publish-date",
        "sailthru.date",
    ),
    "modified": ("article:modified_time", "datemodified", "dc.date.modified", "og:updated_time"),
    "author": ("author", "article:author", "dc.creator", "byl", "sailthru.author"),
    "image": ("og:image", "twitter:image", "image"),
    "url": ("og:url",),
    "language": ("og:locale", "dc.language", "content-language", "language", "inlanguage"),
    "tags": ("article:tag", "keywords", "news_keywords", "dc.subject"),
}

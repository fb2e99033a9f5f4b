"""The signals that tell an article from a listing, product, forum, docs or service page, as data.

:mod:`archiver.crawl.pagetype` computes each named feature of a page and adds up the
weights below; a page whose score reaches ``ARTICLE_THRESHOLD`` is an article. The
weights were fitted on real pages of many sites (``python -m bench.pagetype --fit``)
and rounded; tune a site by editing numbers here, not code.
"""

from archiver.extraction.jsonld import ARTICLE_TYPES

__all__ = ["ARTICLE_TYPES"]  # one list of article types, shared with extraction

#: Feature name -> weight toward "article" (negative: toward another kind of page).
ARTICLE_WEIGHTS: dict[str, float] = {
    # what the page says it is
    "og_type_article": 1.5,
    "og_type_product": -1.0,
    "jsonld_article": 2.5,
    "jsonld_product": -1.5,
    "jsonld_forum": -1.0,
    "jsonld_collection": -0.5,
    "jsonld_item_list": 0.0,
    "jsonld_service": -0.5,
    "microdata_comment": -2.0,
    "microdata_product": -0.5,
    "meta_published": 0.5,
    "product_meta": -0.5,
    "forum_generator": -1.0,
    # the shape of the page
    "single_h1": 0.0,
    "single_article_element": 1.0,
    "long_text_block": 0.5,
    "very_long_text_block": 0.5,
    "short_text": -0.5,
    "byline": 0.5,
    "headline_date": 1.5,
    "published_time": 0.5,
    "many_times": -0.5,
    "teaser_blocks": 0.0,
    "many_teaser_blocks": -0.5,
    "pagination": -1.0,
    "link_dense": -0.5,
    "prices": -0.5,
    "add_to_cart": -1.0,
    "code_blocks": -2.0,
    "edit_link": -0.5,
    "docs_classes": -1.0,
    "content_800": 1.0,
    "content_1500": 0.5,
    "content_6000": 1.0,
    "content_link_dense": -1.0,
    "concentrated_text": 0.5,
    "teasers_without_text": 0.5,
    "share_links": 1.5,
    "read_time": 0.5,
    "dated_words": 1.0,
    "calls_to_action": -0.5,
    "many_calls_to_action": -0.5,
    "we_voice": -1.0,
    "many_inputs": -1.5,
    "very_many_times": -1.0,
    # the URL
    "url_date": 0.5,
    "url_article_word": 2.5,
    "url_long_slug": 2.0,
    "url_home": -2.0,
    "url_forum": -2.5,
    "url_docs": -3.0,
    "url_product": -1.0,
    "url_collection": -1.0,
    "url_service": -1.5,
}
ARTICLE_THRESHOLD = 3.0

#: Thresholds of the features above.
LONG_TEXT_CHARS = 1500  # paragraph text under one parent element
VERY_LONG_TEXT_CHARS = 4000
SHORT_TEXT_CHARS = 1200  # all paragraph text of the page
TEASER_MIN = 4  # headings that are links (teasers) to call a page a listing
MANY_TEASERS_MIN = 8
MANY_TIMES_MIN = 5  # <time> elements: one per post of a thread
LINK_DENSE_SHARE = 0.4  # share of the page's text inside links
PRICES_MIN = 3
CODE_BLOCKS_MIN = 3  # <pre> blocks
LONG_SLUG_WORDS = 5  # words of the last path segment ("why-the-corridor-matters-now")
CONTENT_PARAGRAPH_CHARS = 25  # shorter paragraphs do not count toward the content container
CONTENT_LINK_SHARE = 0.3  # share of the content container's text inside links
CONCENTRATED_SHARE = 0.6  # share of all paragraph text inside the content container
CODE_TEXT_MIN = 20  # characters of a script or style worth taking out of the visible text
HEADLINE_ZONE_CHARS = 250  # text around the h1 where a byline prints the date
CALLS_TO_ACTION_MIN = 3
MANY_CALLS_TO_ACTION_MIN = 6
MANY_INPUTS_MIN = 8  # form fields a reader fills (not hidden, search or submit)
WE_SHARE = 0.015  # share of "we", "our", "us" among the page's words: a firm speaking of itself

#: JSON-LD / microdata types (see :data:`ARTICLE_TYPES` for articles).
PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "ProductModel", "IndividualProduct", "Offer", "AggregateOffer", "Vehicle"})  # fmt: skip
FORUM_TYPES = frozenset({"DiscussionForumPosting", "QAPage", "SocialMediaPosting"})
COLLECTION_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "OfferCatalog"})
ITEM_LIST_TYPES = frozenset({"ItemList"})
SERVICE_TYPES = frozenset({"Service", "SoftwareApplication", "WebApplication", "MobileApplication", "Course", "FAQPage", "ContactPage", "AboutPage"})  # fmt: skip
COMMENT_TYPES = frozenset({"Comment", "UserComments", "DiscussionForumPosting", "Answer", "Question"})
#: JSON-LD types of an author page (a non-article page with one of these is an author page).
AUTHOR_TYPES = frozenset({"ProfilePage", "Person"})

#: og:type values (prefix) of a product page.
OG_PRODUCT_PREFIXES = ("product", "ebay-objects:item", "og:product")
#: Meta tags (lower-cased ``property``/``name``/``itemprop``; ``x:`` names a prefix): a shop's
#: product, an article's publication time and author, any publication time.
PRODUCT_META = ("product:", "og:price:")
PUBLISHED_META = ("article:published_time", "datepublished", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued")  # fmt: skip
AUTHOR_META = ("author", "article:author", "parsely-author")
TIME_META = ("article:published_time", "datepublished")

#: ``<meta name="generator">`` of forum software (lower-cased prefix).
FORUM_GENERATORS = (
    "discourse",
    "vbulletin",
    "phpbb",
    "xenforo",
    "invision",
    "nodebb",
    "flarum",
    "mybb",
    "smf",
)

#: A byline: an element whose class holds one of these words, an author link
#: (``rel``/``itemprop``), or author metadata.
BYLINE_CLASSES = ("byline", "author-name", "article-meta", "entry-author", "post-author", "article-author")
BYLINE_XPATH = "//@rel[.='author'] | //@itemprop[.='author']"  # attribute steps: ~3x faster in libxml2
#: Pagination controls: classes holding one of these words, or rel=next/prev links.
PAGINATION_CLASSES = ("pagination", "pager", "nav-links", "page-numbers")
PAGINATION_XPATH = "//link/@rel[.='next' or .='prev'] | //a/@rel[.='next' or .='prev']"
#: XPath of teasers: headings that link somewhere, outside sidebars, footers and menus
#: (where an article's "related articles" live).
TEASER_XPATH = " | ".join(
    f"//{h}[.//a[@href]][not(ancestor::aside or ancestor::footer or ancestor::nav)]"
    for h in ("h2", "h3", "h4")
)
#: A price in the page's (lower-cased) text: a currency sign or code next to an amount.
CURRENCY_MARKS = (
    "$",
    "€",
    "£",
    "¥",
    "₹",
    "usd",
    "eur",
    "gbp",
    "chf",
    "zł",
    "kr",
    "руб",
)  # in lower-cased text
PRICE_PATTERN = (
    r"(?:[$€£¥₹]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|£|\$|usd|eur|gbp|chf|zł|kr|руб)(?!\w))"  # in lower-cased text
)
#: Add-to-cart controls: classes, ids or button texts (lower-cased).
CART_CLASSES = (
    "add-to-cart",
    "addtocart",
    "add_to_cart",
    "add-to-basket",
    "add-to-bag",
    "buy-now",
    "product-form",
)
CART_TEXTS = ("add to cart", "add to basket", "add to bag", "buy now", "in den warenkorb", "ajouter au panier", "añadir al carrito", "aggiungi al carrello")  # fmt: skip
#: A documentation page's "edit this page" link (to its source on a forge).
EDIT_LINK_PATTERN = r"(?:github|gitlab|bitbucket|codeberg)\.(?:com|org)/[^\n]*/(?:edit|_edit)/"
#: Share buttons of an article (sharer URLs of the big networks, mail a link).
SHARE_TARGETS = (
    "facebook.com/sharer", "twitter.com/intent", "x.com/intent", "linkedin.com/share",
    "pinterest.com/pin/create", "mailto:?", "api.whatsapp.com/send", "reddit.com/submit",
)  # fmt: skip
#: Phrases of the page's lower-cased text: a reading time, a publication or update.
READ_TIME_PHRASES = ("min read", "mins read", "minute read", "minutes read", "reading time", "read time", "lesezeit", "min de lecture", "temps de lecture", "minutos de lectura", "minuti di lettura")  # fmt: skip
DATED_PHRASES = ("published", "updated", "posted on", "written by", "reviewed by", "publié", "mis à jour", "veröffentlicht", "aktualisiert", "publicado", "actualizado", "pubblicato")  # fmt: skip
#: The start of a link or button that sells, books or asks to get in touch (lower-cased).
CALL_TO_ACTION_PATTERN = (
    r"(?:get started|contact us|request a (?:quote|demo|consultation)|get a (?:quote|demo)|book (?:now|a )"
    r"|sign up|start (?:your )?free trial|free trial|schedule|apply now|enroll|get in touch|talk to"
    r"|buy|shop now|order now|subscribe now|call (?:us|now))"
)
WE_WORDS = frozenset({"we", "our", "us", "nous", "notre", "wir", "unser", "unsere"})
#: ``<input type>`` values a reader does not fill in.
UNFILLED_INPUTS = frozenset({"hidden", "search", "submit", "button", "image", "reset"})

#: Class words of documentation templates.
DOCS_CLASSES = ("docs-", "doc-content", "md-content", "rst-content", "theme-doc", "sphinx", "mw-body", "devsite", "toctree", "api-reference")  # fmt: skip

#: URL words (path segments; host labels for ``*_HOSTS``), lower-cased.
ARTICLE_SEGMENTS = (
    "blog", "blogs", "news", "article", "articles", "post", "posts", "story", "stories", "insights",
    "analysis", "analyses", "analyse", "opinion", "commentary", "magazine", "journal", "press-release",
    "press-releases", "actualites", "actualite", "actu", "nachrichten", "artikel", "noticias", "noticia",
    "notizie", "articolo", "publications", "research", "features", "column", "columns", "editorial",
)  # fmt: skip
FORUM_SEGMENTS = ("t", "thread", "threads", "topic", "forum", "forums", "questions", "discussion", "discussions", "viewtopic.php", "showthread.php", "board", "boards", "community")  # fmt: skip
FORUM_HOSTS = (
    "forum",
    "forums",
    "community",
    "discuss",
    "discussion",
    "discussions",
    "answers",
    "boards",
    "talk",
)
DOCS_SEGMENTS = ("docs", "doc", "documentation", "manual", "reference", "api", "wiki", "handbook", "man", "manpages", "kb", "knowledge-base", "knowledgebase", "tutorial", "tutorials")  # fmt: skip
DOCS_HOSTS = (
    "docs",
    "doc",
    "developer",
    "developers",
    "wiki",
    "devdocs",
    "api",
    "learn",
    "help",
    "support",
    "kb",
)
PRODUCT_SEGMENTS = (
    "product",
    "products",
    "item",
    "itm",
    "dp",
    "pd",
    "sku",
    "app",
    "apps",
    "produkt",
    "produit",
)
PRODUCT_HOSTS = ("shop", "store")
COLLECTION_SEGMENTS = ("c", "category", "categories", "collections", "collection", "browse", "cat", "shop", "department", "search", "catalog", "catalogue")  # fmt: skip
SERVICE_SEGMENTS = ("services", "service", "solutions", "pricing", "plans", "programs", "admissions", "contact", "about", "about-us", "careers", "support")  # fmt: skip

#: Words in the page's own class names, og:type or path that make a non-article
#: page an author page or a tag page (checked in this order).
AUTHOR_WORDS = ("author", "auteur", "autor", "autore", "profile", "people", "expert")
TAG_WORDS = ("tag", "tags", "mot-cle", "mots-cles", "keyword", "topic", "topics", "theme", "category", "categorie", "taxonomy", "term")  # fmt: skip

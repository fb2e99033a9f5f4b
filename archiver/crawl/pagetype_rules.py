"""The signals that tell an article from a listing, product, forum, docs or service page, as data.

:mod:`archiver.crawl.pagetype` computes each named feature of a page and adds up the
weights below; a page whose score reaches ``ARTICLE_THRESHOLD`` is an article. The
weights were fitted on real pages of many sites (``python -m bench.pagetype --fit``, which
cross-validates them by site too); the thresholds, words and patterns that define the
features are plain data below. Tune by data, never ``if site == ...``.
"""

from archiver.extraction.jsonld import ARTICLE_TYPES

__all__ = ["ARTICLE_TYPES"]  # one list of article types, shared with extraction

#: Feature name -> weight toward "article" (negative: toward another kind of page), per unit of the
#: feature's value (1 for a signal; a measure's log count or share). Fitted by ``python -m
#: bench.pagetype DATASET --fit`` (logistic regression, L2 ``FIT_C``); refit them after a change of
#: feature, rather than edit them by hand. The page's score is the weighed sum.
ARTICLE_WEIGHTS: dict[str, float] = {
    "og_type_article": 0.568,
    "og_type_product": -0.683,
    "jsonld_article": 0.953,
    "jsonld_product": -0.999,
    "jsonld_forum": -0.933,
    "jsonld_collection": -1.146,
    "jsonld_item_list": 0.06,
    "jsonld_service": -0.202,
    "microdata_comment": -0.918,
    "microdata_product": -0.771,
    "meta_published": 0.327,
    "product_meta": -0.593,
    "forum_generator": -0.887,
    "single_h1": 0.016,
    "single_article_element": 0.592,
    "long_text_block": 0.295,
    "very_long_text_block": 0.361,
    "short_text": -0.242,
    "content_800": 0.386,
    "content_1500": 0.253,
    "content_6000": 0.329,
    "content_link_dense": -0.588,
    "concentrated_text": 0.249,
    "teasers_without_text": 0.256,
    "share_links": 0.642,
    "read_time": 0.226,
    "dated_words": 0.514,
    "calls_to_action": -0.195,
    "many_calls_to_action": -0.167,
    "we_voice": -0.431,
    "many_inputs": -0.337,
    "byline": 0.19,
    "headline_date": 0.503,
    "content_date": 0.503,
    "published_time": 0.281,
    "many_times": -0.176,
    "very_many_times": -0.535,
    "teaser_blocks": 0.062,
    "many_teaser_blocks": -0.096,
    "pagination": -0.41,
    "link_dense": -0.143,
    "prices": -0.117,
    "add_to_cart": -0.326,
    "code_blocks": -0.539,
    "edit_link": -1.37,
    "docs_classes": -0.522,
    "url_date": 0.742,
    "url_article_word": 0.893,
    "url_long_slug": 0.5,
    "url_home": -0.888,
    "url_forum": -1.169,
    "url_docs": -1.675,
    "url_product": -0.897,
    "url_collection": -0.59,
    "url_service": -1.388,
    "jsonld_faqpage": 0.049,
    "jsonld_qapage": -0.503,
    "jsonld_howto": 0.827,
    "jsonld_breadcrumblist": -0.274,
    "jsonld_organization": -0.391,
    "jsonld_localbusiness": -0.156,
    "jsonld_webpage": 0.194,
    "jsonld_person": 0.356,
    "jsonld_event": -0.506,
    "jsonld_course": 0.348,
    "jsonld_review": 0.0,
    "og_type_website": 0.004,
    "title_question": 0.434,
    "title_best_of": 0.606,
    "title_numbered": 1.004,
    "title_guide": 0.926,
    "title_offer": -0.452,
    "title_long": 0.15,
    "log_content_chars": 0.063,
    "log_longest_block": 0.069,
    "log_paragraph_chars": -0.005,
    "log_prose_paragraphs": 0.002,
    "log_prose_chars": 0.035,
    "prose_share": 0.383,
    "content_link_share": -1.085,
    "link_share": -0.244,
    "log_words": -0.037,
    "log_teasers": -0.031,
    "log_calls_to_action": -0.092,
    "log_prices": -0.044,
    "we_share": -10.506,
    "i_share": -17.966,
    "you_share": 0.138,
    "log_slug_words": 0.454,
    "log_path_depth": 0.34,
    "log_headings": -0.032,
    "log_question_headings": 0.064,
    "log_tel_links": 0.099,
    "log_anchor_links": -0.026,
    "log_h2": 0.047,
    "log_h3": -0.023,
    "log_li": 0.04,
    "log_a": -0.085,
    "log_img": 0.007,
    "log_form": 0.085,
    "log_article": 0.026,
    "log_section": 0.039,
    "log_aside": -0.121,
    "log_nav": 0.097,
    "log_pre": -0.17,
    "log_code": -0.213,
    "log_time": -0.08,
    "log_input": -0.097,
    "log_button": -0.097,
    "log_table": 0.018,
    "log_blockquote": -0.264,
    "log_class_comment": -0.041,
    "log_class_reply": -0.183,
    "log_class_answer": -0.136,
    "log_class_product": -0.068,
    "log_class_price": -0.118,
    "log_class_card": -0.026,
    "log_class_sidebar": -0.006,
    "log_class_toc": 0.034,
    "log_class_author": 0.127,
    "log_class_share": 0.025,
    "log_class_related": 0.2,
    "log_class_faq": -0.07,
    "log_class_testimonial": -0.238,
    "log_class_rating": -0.067,
    "log_class_byline": 0.09,
    "log_class_date": -0.052,
}
ARTICLE_THRESHOLD = 2.348
#: The inverse L2 strength of the fit (``python -m bench.pagetype --fit --c C``): chosen by
#: cross-validation by site, strong, so that no feature decides alone.
FIT_C = 0.02
#: How much more a missed article costs the fit than a page wrongly called one (both classes
#: otherwise weighed equally): a lost article is worse than a spare record.
FIT_ARTICLE_COST = 1.3

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
PROSE_PARAGRAPH_CHARS = 150  # a paragraph of a sentence or more: prose, not a blurb or a label
PRICES_COUNTED = 30  # prices counted at most (log_prices)
LONG_TITLE_WORDS = 6  # a headline of this many words reads like an article's

#: What the measures count: tags (``log_TAG``) and words in class attributes (``log_class_WORD``).
MEASURED_TAGS = ("h2", "h3", "li", "a", "img", "form", "article", "section", "aside", "nav", "pre", "code", "time", "input", "button", "table", "blockquote")  # fmt: skip
MEASURED_CLASS_WORDS = ("comment", "reply", "answer", "product", "price", "card", "sidebar", "toc", "author", "share", "related", "faq", "testimonial", "rating", "byline", "date")  # fmt: skip
#: Words of a writer speaking of themself, and of a page speaking to its reader.
I_WORDS = frozenset({"i", "my", "me", "i'm", "i've", "je", "mon", "ma", "mes", "ich", "mein", "meine"})
YOU_WORDS = frozenset({"you", "your", "you're", "vous", "votre", "vos", "sie", "ihr", "ihre"})

#: The headline (first ``h1``, else ``<title>``): a question, a "best of" a year, a numbered list,
#: a guide or an explainer (articles); an offer, a course, a shop, a forum or docs (other pages).
QUESTION_TITLE_PATTERN = (
    r"^(?:what|how|why|when|which|who|where|is|are|can|do|does|should|will|comment|pourquoi"
    r"|quel(?:le)?s?|wie|was|warum|welche[rs]?|cómo|qué|por qué|come|perché)\b|\?"
)
BEST_OF_TITLE_PATTERN = (
    r"\b(?:best|top|meilleur[es]*|beste[nr]?|mejores|migliori)\b.*\b20\d\d\b|\b20\d\d\b.*\b(?:best|top)\b"
)
NUMBERED_TITLE_PATTERN = r"^\d+\s+[^\W\d]"
GUIDE_TITLE_PATTERN = (
    r"\b(?:guide|tips|checklist|history|explained|introduction|vs\.?|versus|compared|review|reviews|ways"
    r"|things|ideas|reasons|trends|facts|guía|consejos|conseils|astuces|tipps|ratgeber|histoire|geschichte)\b"
)
OFFER_TITLE_PATTERN = (
    r"\b(?:services?|solutions?|company|agency|consult\w*|pricing|calculator|plans?|packages?|experts?|hire"
    r"|near me|contractors?|lessons|courses?|degrees?|forum|docs|documentation|shop|store|buy|tarifs?"
    r"|preise|kaufen|acheter|boutique)\b"
)

#: JSON-LD / microdata types (see :data:`ARTICLE_TYPES` for articles).
PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "ProductModel", "IndividualProduct", "Offer", "AggregateOffer", "Vehicle"})  # fmt: skip
FORUM_TYPES = frozenset({"DiscussionForumPosting", "QAPage", "SocialMediaPosting"})
COLLECTION_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "OfferCatalog"})
ITEM_LIST_TYPES = frozenset({"ItemList"})
SERVICE_TYPES = frozenset({"Service", "SoftwareApplication", "WebApplication", "MobileApplication", "Course", "FAQPage", "ContactPage", "AboutPage"})  # fmt: skip
COMMENT_TYPES = frozenset({"Comment", "UserComments", "DiscussionForumPosting", "Answer", "Question"})
#: Other JSON-LD types weighed one by one (``jsonld_faqpage``, ...).
OTHER_JSONLD_TYPES = ("FAQPage", "QAPage", "HowTo", "BreadcrumbList", "Organization", "LocalBusiness", "WebPage", "Person", "Event", "Course", "Review")  # fmt: skip
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

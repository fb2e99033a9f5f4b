"""The signals that tell an article from a listing, tag or author page, as data.

:mod:`archiver.crawl.pagetype` computes each named feature of a page and adds up
the weights below; a page whose score reaches ``ARTICLE_THRESHOLD`` is an article.
Tune a site by editing numbers here, not code.
"""

#: Feature name -> weight toward "article" (negative: toward a listing).
ARTICLE_WEIGHTS: dict[str, float] = {
    "og_type_article": 3.0,
    "jsonld_article": 3.0,
    "single_h1": 1.0,
    "single_article_element": 1.0,
    "long_text_block": 3.0,
    "medium_text_block": 1.0,
    "byline": 1.0,
    "published_time": 1.0,
    "teaser_blocks": -2.0,
    "many_teaser_blocks": -2.5,
    "pagination": -1.5,
    "og_type_website": -1.0,
    "listing_jsonld": -3.0,
}
ARTICLE_THRESHOLD = 3.0

#: Thresholds of the features above.
LONG_TEXT_CHARS = 1500  # paragraph text under one parent element
MEDIUM_TEXT_CHARS = 600
TEASER_MIN = 4  # headings that are links (teasers) to call a page a listing
MANY_TEASERS_MIN = 8

#: JSON-LD ``@type`` values of an article page.
ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "BlogPosting", "ScholarlyArticle", "Report", "AnalysisNewsArticle",
        "OpinionNewsArticle", "ReportageNewsArticle", "BackgroundNewsArticle", "TechArticle",
    }
)  # fmt: skip
#: JSON-LD ``@type`` values of a listing, tag or author page.
LISTING_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage", "Person"})
AUTHOR_TYPES = frozenset({"ProfilePage", "Person"})

#: A byline: an element whose class holds one of these words, an author link
#: (``rel``/``itemprop``), or author metadata.
BYLINE_CLASSES = ("byline", "author-name", "article-meta", "entry-author", "post-author", "article-author")
BYLINE_XPATH = (  # attribute steps: ~3x faster in libxml2 than testing every element
    "//@rel[.='author'] | //@itemprop[.='author'] | //meta[@name='author' or @property='article:author']"
)
#: A publication time.
TIME_XPATH = "//time | //meta[@property='article:published_time' or @itemprop='datePublished']"
#: Pagination controls: classes holding one of these words, or rel=next/prev links.
PAGINATION_CLASSES = ("pagination", "pager", "nav-links", "page-numbers")
PAGINATION_XPATH = "//link/@rel[.='next' or .='prev'] | //a/@rel[.='next' or .='prev']"
#: XPath of teasers: headings that link somewhere, outside sidebars, footers and menus
#: (where an article's "related articles" live).
TEASER_XPATH = " | ".join(
    f"//{h}[.//a[@href]][not(ancestor::aside or ancestor::footer or ancestor::nav)]"
    for h in ("h2", "h3", "h4")
)

#: Words in the page's own class names, og:type or path that make a non-article
#: page an author page or a tag page (checked in this order).
AUTHOR_WORDS = ("author", "auteur", "autor", "autore", "profile", "people", "expert")
TAG_WORDS = ("tag", "tags", "mot-cle", "mots-cles", "keyword", "topic", "topics", "theme", "category", "categorie", "taxonomy", "term")  # fmt: skip

"""The page resources of the benchmark site: what real sites make every page load.

On the site: ``main.css`` (``@import``s ``theme.css``, two web fonts, a background
image), ``site.js``, favicon and logo, each article's lead image and the authors'
photos and every article's thumbnail (related articles, listings). On the CDN host: Bootstrap's CSS and JS, jQuery, Font Awesome (CSS with
two fonts), the tag manager's script, and every 4th article's lead image. Bytes are
deterministic filler of realistic sizes (the archiver stores them, it does not decode them).
"""

from __future__ import annotations

import random
from pathlib import Path

from bench import sitegen, sitehtml

MAIN_CSS = """@import url("theme.css?v=3.4");
@font-face { font-family: "Source Sans Pro"; src: url("/static/fonts/source-sans-pro.woff2") format("woff2"); }
@font-face { font-family: "Playfair Display"; src: url("../fonts/playfair-display.woff2") format("woff2"); }
body { background-image: url("/static/img/paper.png"); }
"""
FONT_AWESOME_CSS = """@font-face { font-family: "Font Awesome 5 Free"; src: url("../webfonts/fa-solid-900.woff2") format("woff2"); }
@font-face { font-family: "Font Awesome 5 Brands"; src: url("../webfonts/fa-brands-400.woff2") format("woff2"); }
"""
#: Path -> size in bytes of the filler files (CSS/JS get text, the rest random bytes).
SITE_FILES = {
    "static/css/theme.css": 18_000, "static/js/site.js": 9_000, "static/fonts/source-sans-pro.woff2": 28_000,
    "static/fonts/playfair-display.woff2": 42_000, "static/img/paper.png": 6_000,
    "static/img/favicon-32.png": 1_200, "static/img/logo-ofnrs-blanc.png": 14_000,
}  # fmt: skip
CDN_FILES = {
    "npm/bootstrap@4.6.2/dist/css/bootstrap.min.css": 160_000, "npm/jquery@3.5.1/dist/jquery.slim.min.js": 72_000,
    "npm/bootstrap@4.6.2/dist/js/bootstrap.bundle.min.js": 84_000, "gtag/js": 90_000,
    "releases/v5.15.4/webfonts/fa-solid-900.woff2": 78_000, "releases/v5.15.4/webfonts/fa-brands-400.woff2": 76_000,
}  # fmt: skip
LEAD_IMAGE_SIZE = (20_000, 90_000)
AUTHOR_PHOTO_SIZE = 12_000
THUMBNAIL_SIZE = 6_000  # related-article and listing thumbnails


def filler(rng: random.Random, path: str, size: int) -> bytes:
    """``size`` bytes for ``path``: CSS rules or JS statements for text, random bytes otherwise."""
    if path.endswith(".css"):
        rule = ".c{n}{{margin:{n}px;padding:0 {n}px;color:#{n:06x}}}\n"
    elif path.endswith(".js") or path.endswith("/js"):
        rule = "var v{n}=function(a){{return a+{n}}};\n"
    else:
        return rng.randbytes(size)
    text, n = [], 0
    while sum(map(len, text)) < size:
        text.append(rule.format(n=n))
        n += 1
    return "".join(text).encode()


def write_assets(site: sitegen.Site, root: Path, cdn: Path, seed: int) -> None:
    """Write the resources of ``site``'s pages under ``root`` (the site) and ``cdn``."""
    rng = random.Random(seed)
    cdn.mkdir(parents=True, exist_ok=True)
    (cdn / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    files = {
        root / "static/css/main.css": MAIN_CSS.encode(),
        cdn / "releases/v5.15.4/css/all.css": FONT_AWESOME_CSS.encode(),
    }
    files |= {root / path: filler(rng, path, size) for path, size in SITE_FILES.items()}
    files |= {cdn / path: filler(rng, path, size) for path, size in CDN_FILES.items()}
    for article in site.articles:
        url = sitegen.lead_image(article)
        base = cdn if url.startswith(sitehtml.CDN) else root
        files[base / url.removeprefix(sitehtml.CDN).lstrip("/")] = rng.randbytes(
            rng.randint(*LEAD_IMAGE_SIZE)
        )
        thumbnail = f"media/articles/{article.published:%Y/%m}/{article.slug}-thumb.jpg"
        files[root / thumbnail] = rng.randbytes(THUMBNAIL_SIZE)
    for _name, slug, _bio in site.authors:
        files[root / f"media/auteurs/{slug}.jpg"] = rng.randbytes(AUTHOR_PHOTO_SIZE)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

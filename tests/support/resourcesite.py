"""A fixture site whose pages need what real pages need: stylesheets, fonts, scripts, images.

Two hosts: the pages on 127.0.0.1, an image host on 127.0.0.2 whose robots.txt forbids
``/private/``. Article ``one`` has a stylesheet that ``@import``s another, two web
fonts, CSS background images (stylesheet, ``<style>`` block, ``style`` attribute), an
``srcset`` lead image, a ``<picture>``, a lazy image (``data-src`` next to a placeholder
``src``, swapped in by the page's script) and a requisite that 404s; everything it
shows is capturable, so its replay must look like the live page. Article ``two`` shares
the stylesheet and holds what must not be captured: an image robots.txt forbids (its
lead image is over the size cap) and an image over the size cap.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from archiver.demo.server import Page, SiteServer
from tests.support.capture import ReadRecord, read_warc_records
from tests.support.cli import FAST
from tests.support.records import read_records
from tests.support.requires import require_command

#: Bytes an image may have in the fixture crawls (ARCHIVER_RESOURCE_MAXSIZE); huge.png is over it.
RESOURCE_MAXSIZE = 1_000_000


def png(width: int, height: int, color: tuple[int, int, int], label: str) -> bytes:
    """A PNG with a colour, a frame and a diagonal, distinct per image."""
    image = Image.new("RGB", (width, height), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, width - 5, height - 5), outline=(255, 255, 255), width=4)
    draw.line((0, 0, width, height), fill=(0, 0, 0), width=6)
    draw.text((12, 12), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def noise_png(width: int, height: int) -> bytes:
    """A PNG that does not compress (random pixels): large on purpose."""
    image = Image.frombytes("RGB", (width, height), random.Random(7).randbytes(width * height * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def font_files() -> tuple[bytes, bytes]:
    """Two TrueType fonts (regular, bold) served as the site's web fonts: the system's
    monospace (fontconfig), so that the page looks different when they are missing."""
    fc_match = require_command("fc-match", how="apt-get install fontconfig fonts-dejavu-core")
    paths = []
    for style in ("Regular", "Bold"):
        found = subprocess.run([fc_match, "-f", "%{file}", f"monospace:style={style}"], capture_output=True,
                               text=True, check=True).stdout.strip()  # fmt: skip
        paths.append(Path(found))
    return paths[0].read_bytes(), paths[1].read_bytes()


def article(slug: str, images: str, lead: str) -> str:
    paragraphs = "\n".join(
        f"<p>Paragraph {n} of {slug}: the corridor projects of the region changed the trade routes between "
        f"the capitals, and the observers note that the new agreements weigh on energy, ports and rail.</p>"
        for n in range(1, 5)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Article {slug}</title>
<meta property="og:type" content="article">
<link rel="stylesheet" href="/css/main.css">
<link rel="icon" href="/img/favicon.png">
<script src="/js/app.js"></script>
<style>.hero {{ background: #eee url("/img/hero-bg.png") no-repeat; height: 60px; }}</style>
</head><body><div class="header">Fixture Observatory</div><div class="hero"></div>
<main><article><h1>Article {slug}</h1>
<p class="byline">By <a rel="author" href="/author/ana/">Ana Lima</a> - <time datetime="2024-10-25">25 October 2024</time></p>
<figure>{lead}<figcaption>The lead photo of {slug}. Photo: Ana Lima / AFP</figcaption></figure>
<div class="article-content">{paragraphs}
{images}</div></article></main>
<p><a href="/article/one/">one</a> <a href="/article/two/">two</a></p></body></html>"""


@dataclass
class ResourceSite:
    """The two running hosts and what each requisite is."""

    pages: SiteServer
    images: SiteServer

    def url(self, path: str) -> str:
        return self.pages.url(path)

    def image(self, path: str) -> str:
        return self.images.url(path)

    @property
    def captured(self) -> set[str]:
        """The requisites a crawl of both articles must capture, each once (the 404 included)."""
        pages = ["/css/main.css", "/css/base.css", "/fonts/mono.ttf", "/fonts/mono-bold.ttf", "/js/app.js",
                 "/img/favicon.png", "/img/hero-bg.png", "/img/header-bg.png", "/img/band.png",
                 "/img/pic-fallback.png", "/img/pic-wide.png", "/img/placeholder.png", "/img/missing.png",
                 "/img/two.png"]  # fmt: skip
        images = ["/photos/lead.png", "/photos/lead-1280.png", "/photos/lazy.png"]
        return {self.url(p) for p in pages} | {self.image(p) for p in images}

    @property
    def not_captured(self) -> dict[str, str]:
        """Requisites a crawl must skip, and the stat that counts each."""
        return {self.image("/private/secret.png"): "robots", self.image("/photos/huge.png"): "too_large"}


def routes(images_base: str) -> tuple[dict[str, Page], dict[str, Page]]:
    """The routes of the page host and of the image host (``images_base``)."""
    regular, bold = font_files()
    lead = (f'<img src="{images_base}/photos/lead.png" srcset="{images_base}/photos/lead-640.png 640w, '
            f'{images_base}/photos/lead-1280.png 1280w" sizes="(max-width: 800px) 100vw, 800px" '
            f'width="800" height="300" alt="Lead photo">')  # fmt: skip
    one_images = f"""<picture><source media="(max-width: 600px)" srcset="/img/pic-small.png">
<source srcset="/img/pic-wide.png"><img src="/img/pic-fallback.png" width="400" height="100" alt="picture"></picture>
<img class="lazy" src="/img/placeholder.png" data-src="{images_base}/photos/lazy.png" width="300" height="100" alt="lazy">
<div class="band" style="background-image: url('/img/band.png'); height: 40px"></div>
<img src="/img/missing.png" width="50" height="20" alt="missing">"""
    two_images = f"""<img src="{images_base}/private/secret.png" width="100" height="50" alt="secret">
<img src="/img/two.png" width="100" height="50" alt="two">"""
    huge = f'<img src="{images_base}/photos/huge.png" width="400" height="300" alt="huge">'
    css = "text/css; charset=utf-8"
    pages = {
        "/robots.txt": Page(b"User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/": Page(
            b'<html><body><a href="/article/one/">one</a> <a href="/article/two/">two</a></body></html>'
        ),
        "/article/one/": Page(article("one", one_images, lead).encode(), gzip=True),
        "/article/two/": Page(article("two", two_images, huge).encode(), gzip=True),
        "/css/main.css": Page(
            b"""@import url("base.css");
@font-face { font-family: "Fixture Mono"; src: url("../fonts/mono.ttf") format("truetype"); }
body { font-family: "Fixture Mono", serif; margin: 0; background: #fdfdf8; }
.header { background: url(../img/header-bg.png) repeat-x; height: 40px; color: #fff; }
""",
            content_type=css,
            gzip=True,
        ),
        "/css/base.css": Page(
            b"""@font-face { font-family: "Fixture Mono"; font-weight: bold;
  src: url('/fonts/mono-bold.ttf') format('truetype'); }
h1 { font-weight: bold; color: #a02020; font-size: 32px; }
p { font-size: 15px; line-height: 1.4; }
""",
            content_type=css,
        ),
        "/fonts/mono.ttf": Page(regular, content_type="font/ttf"),
        "/fonts/mono-bold.ttf": Page(bold, content_type="font/ttf"),
        "/js/app.js": Page(
            b"""document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("img.lazy[data-src]").forEach(function (img) { img.src = img.dataset.src; });
});
""",
            content_type="text/javascript",
        ),
        "/img/favicon.png": Page(png(16, 16, (200, 0, 0), ""), content_type="image/png"),
        "/img/hero-bg.png": Page(png(600, 60, (30, 90, 160), "hero"), content_type="image/png"),
        "/img/header-bg.png": Page(png(40, 40, (20, 120, 60), "h"), content_type="image/png"),
        "/img/band.png": Page(png(800, 40, (160, 60, 160), "band"), content_type="image/png"),
        "/img/pic-small.png": Page(png(300, 100, (90, 90, 90), "small"), content_type="image/png"),
        "/img/pic-wide.png": Page(png(400, 100, (200, 140, 0), "wide"), content_type="image/png"),
        "/img/pic-fallback.png": Page(png(400, 100, (0, 140, 200), "fallback"), content_type="image/png"),
        "/img/placeholder.png": Page(png(300, 100, (220, 220, 220), "placeholder"), content_type="image/png"),
        "/img/two.png": Page(png(100, 50, (0, 0, 120), "two"), content_type="image/png"),
    }
    images = {
        "/robots.txt": Page(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/photos/lead.png": Page(png(800, 300, (120, 40, 40), "lead src"), content_type="image/png"),
        "/photos/lead-640.png": Page(png(640, 240, (40, 120, 40), "lead 640"), content_type="image/png"),
        "/photos/lead-1280.png": Page(png(1280, 480, (40, 40, 120), "lead 1280"), content_type="image/png"),
        "/photos/lazy.png": Page(png(300, 100, (250, 100, 0), "lazy"), content_type="image/png"),
        "/photos/huge.png": Page(noise_png(800, 600), content_type="image/png"),
        "/private/secret.png": Page(png(100, 50, (0, 0, 0), "secret"), content_type="image/png"),
    }
    assert len(images["/photos/huge.png"].body) > RESOURCE_MAXSIZE
    return pages, images


@contextmanager
def serve_resource_site() -> Iterator[ResourceSite]:
    """Both hosts of the fixture site, running."""
    with SiteServer(host="127.0.0.2") as image_host:
        pages, images = routes(image_host.base_url)
        image_host.routes.update(images)
        with SiteServer(pages) as page_host:
            yield ResourceSite(page_host, image_host)


@dataclass
class ResourceCrawl:
    """One finished crawl of the resource site: its archive, run file, and what the hosts served."""

    archive: Path
    site: ResourceSite
    run: dict
    served: list[str]  # URLs the two hosts were asked for during the crawl

    def warc_records(self) -> list[ReadRecord]:
        return [
            r for path in sorted((self.archive / "warc").glob("*.warc.gz")) for r in read_warc_records(path)
        ]

    def responses(self, *types: str) -> Counter[str]:
        """How many records of ``types`` (default response) each URL has."""
        wanted = types or ("response",)
        return Counter(r.uri for r in self.warc_records() if r.type in wanted)

    def records(self) -> dict[str, dict]:
        return {record["url"]: record for record in read_records(self.archive)}


def crawl(site: ResourceSite, archive: Path, env: dict[str, str], *settings: str) -> dict:
    """``archiver crawl`` of the page host into ``archive``; the run file."""
    extra = [arg for setting in settings for arg in ("-s", setting)]
    done = subprocess.run(
        [sys.executable, "-m", "archiver", "crawl", site.url("/"), "--archive", str(archive), *FAST,
         "-s", f"ARCHIVER_RESOURCE_MAXSIZE={RESOURCE_MAXSIZE}", "-s", "ARCHIVER_RECHECK_INTERVAL=0", *extra],
        cwd=archive.parent, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    runs = sorted((archive / "runs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    return json.loads(runs[-1].read_text("utf-8"))


def served_urls(site: ResourceSite) -> list[str]:
    return [site.url(r.path) for r in site.pages.requests] + [
        site.image(r.path) for r in site.images.requests
    ]

"""The requisites of a page and of a stylesheet, read from their text (pure functions)."""

from __future__ import annotations

import lxml.html

from archiver.crawl.cssurls import style_requisites, stylesheet_requisites
from archiver.crawl.requisite import Requisite, ResourceKind, ResourceMode
from archiver.crawl.requisites import page_requisites
from archiver.crawl.srcset import choose, media_matches, slot_width

CSS, JS, FONT, IMAGE = ResourceKind.STYLESHEET, ResourceKind.SCRIPT, ResourceKind.FONT, ResourceKind.IMAGE


def requisites(html: str, url: str = "https://site.example/a/page") -> list[tuple[str, ResourceKind]]:
    found = page_requisites(lxml.html.fromstring(html), url)
    return [(r.url, r.kind) for r in found.resources]


def test_links_scripts_and_the_media_a_page_loads() -> None:
    html = """<html><head><base href="https://cdn.example/b/">
    <link rel="stylesheet" href="s.css"><link rel="shortcut icon" href="/fav.ico">
    <link rel="apple-touch-icon" href="/touch.png"><link rel="alternate" href="/feed.xml">
    <link rel="preload" as="font" href="f.woff2"><link rel="modulepreload" href="m.js">
    <script src="app.js"></script><script nomodule src="legacy.js"></script><script>inline()</script></head>
    <body><video poster="poster.jpg"></video><input type="image" src="go.png"><input type="text" src="no.png">
    <img src="data:image/gif;base64,R0lGOD"><a href="next.html">next</a></body></html>"""
    assert requisites(html) == [
        ("https://cdn.example/b/s.css", CSS), ("https://cdn.example/fav.ico", IMAGE),
        ("https://cdn.example/b/f.woff2", FONT), ("https://cdn.example/b/m.js", JS),
        ("https://cdn.example/b/app.js", JS), ("https://cdn.example/b/poster.jpg", IMAGE),
        ("https://cdn.example/b/go.png", IMAGE),
    ]  # fmt: skip


def test_an_image_loads_its_src_and_the_candidate_a_desktop_browser_picks() -> None:
    html = """<body><img src="/s.jpg" srcset="/s-400.jpg 400w, /s-800.jpg 800w, /s-1600.jpg 1600w"
      sizes="(max-width: 600px) 100vw, 700px">
    <picture><source media="(max-width: 700px)" srcset="/p-small.jpg"><source type="image/jxl" srcset="/p.jxl">
      <source srcset="/p-1x.webp 1x, /p-2x.webp 2x" type="image/webp"><img src="/p.jpg"></picture>
    <img class="lazy" src="/placeholder.gif" data-src="/real.jpg"></body>"""
    found = page_requisites(lxml.html.fromstring(html), "https://site.example/")
    assert [r.url.rsplit("/", 1)[1] for r in found.resources] == [
        "s.jpg", "s-800.jpg", "p.jpg", "p-1x.webp", "placeholder.gif", "real.jpg"]  # fmt: skip
    assert found.shown_url("https://site.example/placeholder.gif") == "https://site.example/real.jpg"
    assert found.shown_url("https://site.example/s-400.jpg") == "https://site.example/s-800.jpg"
    assert found.shown_url("https://site.example/p.jpg") == "https://site.example/p-1x.webp"


def test_srcset_choice_follows_chromium_at_1280px_and_dpr_1() -> None:
    assert choose("a.jpg 400w, b.jpg 800w, c.jpg 1600w") == "c.jpg"  # slot 1280: 1.25 over 0.625
    assert choose("a.jpg 400w, b.jpg 1200w", "50vw") == "b.jpg"
    assert choose("a.jpg 1x, b.jpg 2x") == "a.jpg"
    assert choose("a.jpg 1.5x, b.jpg 3x") == "a.jpg"
    assert choose("a.jpg 300w, b.jpg 600w", "1000px") == "b.jpg"  # none large enough: the largest
    assert slot_width("(min-width: 1000px) 33vw, 100vw") == 1280 * 0.33
    assert media_matches("screen and (min-width: 64em)") and not media_matches("print")
    assert not media_matches("(max-width: 1279px)") and media_matches("not (max-width: 1279px)")


def test_css_imports_fonts_and_backgrounds() -> None:
    css = b"""@charset "utf-8"; @import url("base.css") screen; @import 'print.css';
    @font-face { font-family: X; src: url(/f/x.woff2) format("woff2"), url('x.ttf'); }
    @media (min-width: 10px) { .a { background: url(a.png) } @supports (display: grid) { .b { cursor: url(c.cur), auto } } }
    .c { background-image: image-set("c1.png" 1x, url(c2.png) 2x); content: "not-a-url.png" }
    .d { background: url(data:image/png;base64,AAAA) } /* url(comment.png) */"""
    found = stylesheet_requisites(css, "https://cdn.example/css/main.css")
    assert [(r.url.removeprefix("https://cdn.example"), r.kind) for r in found] == [
        ("/css/base.css", CSS), ("/css/print.css", CSS), ("/f/x.woff2", FONT), ("/css/x.ttf", FONT),
        ("/css/a.png", IMAGE), ("/css/c.cur", IMAGE), ("/css/c1.png", IMAGE), ("/css/c2.png", IMAGE),
    ]  # fmt: skip


def test_style_attributes_and_blocks() -> None:
    html = """<html><head><style>.h { background: url(h.png) }</style></head>
    <body><div style="background-image: url('/band.png'); color: red">x</div></body></html>"""
    assert requisites(html, "https://site.example/p/") == [
        ("https://site.example/p/h.png", IMAGE), ("https://site.example/band.png", IMAGE)]  # fmt: skip
    assert style_requisites("background: none", "https://site.example/") == []


def test_modes() -> None:
    assert ResourceMode.parse(" Styles ") is ResourceMode.STYLES
    assert ResourceMode.STYLES.captures(FONT) and not ResourceMode.STYLES.captures(IMAGE)
    assert not ResourceMode.NONE.captures(CSS) and ResourceMode.ALL.captures(ResourceKind.OTHER)
    try:
        ResourceMode.parse("everything")
    except ValueError as exc:
        assert "all | styles | none" in str(exc)
    else:
        raise AssertionError("an unknown mode must be refused")
    assert Requisite("https://a/x.css", CSS) == Requisite("https://a/x.css", CSS)

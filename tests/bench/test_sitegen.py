"""The benchmark site: sizes, links and reachability of what bench.sitegen writes."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from lxml import html

from bench import sitegen

ARTICLES = 20


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> sitegen.SiteSummary:
    return sitegen.generate(tmp_path_factory.mktemp("site"), ARTICLES)


def page_file(root: Path, path: str) -> Path:
    return root / urlsplit(path).path.strip("/") / "index.html"


def local_links(root: Path, path: str) -> list[str]:
    """Root-relative link targets of the page at ``path``, fragments removed."""
    tree = html.fromstring(page_file(root, path).read_bytes())
    return [
        urldefrag(urljoin(path, a.get("href")))[0]
        for a in tree.iter("a")
        if a.get("href", "").startswith("/")
    ]


def article_paths(root: Path) -> list[str]:
    return [f"/article/{p.name}/" for p in sorted((root / "article").iterdir())]


def test_article_pages_are_30_to_80_kb_with_over_100_links(site: sitegen.SiteSummary) -> None:
    paths = article_paths(site.root)
    assert len(paths) == ARTICLES == len(site.article_bytes)
    for path in paths:
        data = page_file(site.root, path).read_bytes()
        assert 30_000 <= len(data) <= 80_000, (path, len(data))
        tree = html.fromstring(data)
        links = [a.get("href") for a in tree.iter("a") if a.get("href")]
        assert len(links) >= 100, (path, len(links))
        assert tree.xpath("//h1[@class='card-title']")
        assert tree.xpath("//p[contains(@class,'image-credit')]")
        assert tree.xpath("//p[@class='author-bio']")
        assert len(tree.xpath("//p[@class='article-tags']/a")) >= 4
        related = {a.get("href") for a in tree.xpath("//div[contains(@class,'related-card')]//a")}
        assert len(related) == sitegen.RELATED_ARTICLES and path not in related


def test_sizes_vary_across_the_range(site: sitegen.SiteSummary) -> None:
    assert max(site.article_bytes) - min(site.article_bytes) > 20_000


def test_listings_paginate_and_tags_have_pages(tmp_path: Path) -> None:
    summary = sitegen.generate(tmp_path, 500, precompress=False)
    section = next((tmp_path / "analyses").iterdir()).name
    second = page_file(tmp_path, f"/analyses/{section}/page/2/")
    assert second.exists()
    links = local_links(tmp_path, f"/analyses/{section}/page/2/")
    assert f"/analyses/{section}/" in links and f"/analyses/{section}/page/3/" in links
    assert len(list((tmp_path / "tag").iterdir())) > 50
    assert summary.pages > summary.articles + 100


def test_every_page_is_reachable_from_home_and_no_local_link_is_dead(site: sitegen.SiteSummary) -> None:
    root = site.root
    seen, todo = {"/"}, ["/"]
    while todo:
        for link in local_links(root, todo.pop()):
            if link not in seen and "?" not in link:
                assert page_file(root, link).exists(), link
                seen.add(link)
                todo.append(link)
    assert len(seen) == site.pages == len(list(root.rglob("index.html")))


def test_generation_is_deterministic_and_gzip_twins_match(site: sitegen.SiteSummary, tmp_path: Path) -> None:
    again = sitegen.generate(tmp_path, ARTICLES)
    path = article_paths(site.root)[3]
    assert page_file(again.root, path).read_bytes() == page_file(site.root, path).read_bytes()
    twin = page_file(site.root, path).with_name("index.html.gz")
    assert gzip.decompress(twin.read_bytes()) == page_file(site.root, path).read_bytes()
    other = sitegen.generate(tmp_path / "other", ARTICLES, seed=7)
    assert article_paths(other.root) != article_paths(site.root)

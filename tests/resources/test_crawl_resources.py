"""A crawl captures each page's requisites once, on both hosts, within the caps; records point at the lead image."""

from __future__ import annotations

from pathlib import Path

from archiver.capture.pointer import capture_problems, pointer_problems
from tests.resources.conftest import ResourceCrawl, crawl, served_urls


def test_every_requisite_within_the_caps_is_captured_exactly_once(resource_crawl: ResourceCrawl) -> None:
    responses = resource_crawl.responses("response", "revisit")  # missing.png: a revisit of another 404 body
    counts = {url: responses.get(url, 0) for url in resource_crawl.site.captured}
    assert counts == dict.fromkeys(resource_crawl.site.captured, 1)
    assert responses[resource_crawl.site.image("/robots.txt")] == 1  # the image host's robots.txt, obeyed


def test_forbidden_and_oversized_requisites_are_not_captured_and_are_counted(
    resource_crawl: ResourceCrawl,
) -> None:
    responses = resource_crawl.responses("response", "revisit")
    for url in resource_crawl.site.not_captured:
        assert responses.get(url, 0) == 0, url
    assert resource_crawl.site.image("/private/secret.png") not in resource_crawl.served  # never asked
    skipped = resource_crawl.run["resources"]["skipped"]
    assert skipped == {"robots": 1, "too_large": 1}
    assert resource_crawl.run["resources"]["http_errors"] == 1  # /img/missing.png: captured as a 404


def test_only_the_candidates_a_desktop_browser_loads_are_fetched(resource_crawl: ResourceCrawl) -> None:
    site = resource_crawl.site
    assert site.image("/photos/lead-640.png") not in resource_crawl.served  # srcset: 1280w chosen
    assert site.url("/img/pic-small.png") not in resource_crawl.served  # <source media> for small screens


def test_resources_get_no_record_and_feed_no_links(resource_crawl: ResourceCrawl) -> None:
    records = resource_crawl.records()
    assert set(records) == {
        resource_crawl.site.url("/article/one/"),
        resource_crawl.site.url("/article/two/"),
    }
    pages = [
        u for u in resource_crawl.responses("response", "revisit") if u not in resource_crawl.site.captured
    ]
    assert resource_crawl.run["pages_fetched"] == len(pages)  # robots.txt of both hosts included


def test_the_lead_image_is_the_one_captured(resource_crawl: ResourceCrawl) -> None:
    site = resource_crawl.site
    records = resource_crawl.records()
    (lead,) = records[site.url("/article/one/")]["images"]
    assert lead["url"] == site.image("/photos/lead-1280.png")  # what the page shows, not src
    assert lead["credit"] == "Ana Lima / AFP" and lead["not_captured"] is None
    assert (
        capture_problems(lead["warc"], {"WARC-Target-URI": lead["url"]}, resource_crawl.archive / "warc")
        == []
    )
    wrong = {"images": [lead | {"url": site.image("/photos/lazy.png")}]}
    assert "WARC-Target-URI" in " ".join(pointer_problems(wrong, resource_crawl.archive / "warc"))
    (huge,) = records[site.url("/article/two/")]["images"]
    assert huge["warc"] is None
    assert huge["not_captured"].startswith("larger than ARCHIVER_RESOURCE_MAXSIZE")


def test_a_second_run_rechecks_resources_and_writes_revisits(
    resource_crawl: ResourceCrawl, tmp_path: Path, sandbox_env: dict[str, str]
) -> None:
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(resource_crawl.archive, archive)
    before = len(resource_crawl.site.pages.requests)
    crawl(resource_crawl.site, archive, sandbox_env)
    again = ResourceCrawl(archive, resource_crawl.site, {}, served_urls(resource_crawl.site))
    css = resource_crawl.site.url("/css/main.css")
    assert [r.path for r in resource_crawl.site.pages.requests[before:]].count("/css/main.css") == 1
    assert again.responses("revisit")[css] == 1 and again.responses()[css] == 1


def test_styles_mode_captures_no_images_and_none_mode_no_resources(
    resource_site, tmp_path: Path, sandbox_env: dict[str, str]
) -> None:
    styles = ResourceCrawl(tmp_path / "styles", resource_site, crawl(
        resource_site, tmp_path / "styles", sandbox_env, "ARCHIVER_PAGE_RESOURCES=styles"), [])  # fmt: skip
    captured = set(styles.responses())
    assert {
        resource_site.url(p) for p in ("/css/main.css", "/css/base.css", "/fonts/mono.ttf", "/js/app.js")
    } <= captured
    assert not [url for url in captured if url.endswith(".png")]
    lead = styles.records()[resource_site.url("/article/one/")]["images"][0]
    assert lead["warc"] is None and "ARCHIVER_PAGE_RESOURCES" in lead["not_captured"]
    none = ResourceCrawl(tmp_path / "none", resource_site, crawl(
        resource_site, tmp_path / "none", sandbox_env, "ARCHIVER_PAGE_RESOURCES=none"), [])  # fmt: skip
    assert not [url for url in none.responses() if url in resource_site.captured]
    assert none.run["resources"]["fetched"] == 0

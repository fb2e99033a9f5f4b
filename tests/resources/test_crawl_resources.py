"""A crawl captures each page's requisites once, on both hosts, within the caps; records point at the lead image."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archiver.records.pointer import capture_problems, pointer_problems
from tests.support.resourcesite import ResourceCrawl, crawl, served_urls
from tests.support.webarchive import page_list, wacz_validate


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


def test_a_wacz_package_carries_the_resources_and_lists_pages_only(
    resource_crawl: ResourceCrawl, tools_env: dict[str, str], tmp_path: Path
) -> None:
    site = resource_crawl.site
    for choice in ([], ["--site", site.pages.host + ":" + str(site.pages.port)]):
        output = tmp_path / f"package{len(choice)}.wacz"
        done = subprocess.run([sys.executable, "-m", "archiver", "package", "-o", str(output), "--archive",
                               str(resource_crawl.archive), *choice], env=tools_env, capture_output=True, text=True,
                              timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert wacz_validate(output, tools_env).returncode == 0
        _, pages = page_list(output)
        assert sorted(page["url"] for page in pages) == [site.url("/article/one/"), site.url("/article/two/")]
        assert {site.url("/css/base.css"), site.image("/photos/lazy.png"), site.image("/photos/lead-1280.png"),
                site.url("/fonts/mono.ttf")} <= packaged_urls(output), choice  # fmt: skip


def packaged_urls(path: Path) -> set[str]:
    """The URLs of the response and revisit records in the WARCs of a WACZ package."""
    urls = set()
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("archive/"):
                for record in ArchiveIterator(io.BytesIO(package.read(name))):
                    if record.rec_type in ("response", "revisit"):
                        urls.add(record.rec_headers.get_header("WARC-Target-URI"))
    return urls

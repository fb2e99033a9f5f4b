"""A crawl of the two-host resource site (tests/support/resourcesite.py), shared by the tests that only read it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.pywb import pywb_replay  # noqa: F401 - fixture
from tests.support.resourcesite import ResourceCrawl, ResourceSite, crawl, serve_resource_site, served_urls


@pytest.fixture(scope="module")
def resource_site() -> Iterator[ResourceSite]:
    with serve_resource_site() as site:
        yield site


@pytest.fixture(scope="module")
def resource_crawl(
    resource_site: ResourceSite, tmp_path_factory: pytest.TempPathFactory, sandbox_env: dict[str, str]
) -> ResourceCrawl:
    archive = tmp_path_factory.mktemp("resources") / "archive"
    run = crawl(resource_site, archive, sandbox_env)
    return ResourceCrawl(archive, resource_site, run, served_urls(resource_site))

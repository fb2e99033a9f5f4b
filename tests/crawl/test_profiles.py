"""Site profiles: the shipped ones, an operator's folder, resolution, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.profiles import ProfileError, SiteProfile, load_profile, load_profiles, resolve_profile

EXTRA = """
title = "Extra site"
start_urls = ["https://extra.example/analyses/"]
[urls]
article = ['^/a/\\d+/$']
exclude = ['^/login']
[limits]
max_pages = 40
patterns = { '^/agenda/' = 5 }
[settings]
DOWNLOAD_DELAY = 2.5
[politeness]
CONCURRENT_REQUESTS_PER_DOMAIN = 1
[hints]
body = ".content"
remove = [".share"]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_profiles_load_and_match_their_templates() -> None:
    profiles = load_profiles()
    assert {"ofnrs", "demo"} <= set(profiles)
    ofnrs = profiles["ofnrs"]
    assert ofnrs.is_article_url("/article/la-coree-du-nord-et-la-russie/")
    assert not ofnrs.is_article_url("/analyses/russie/")
    assert not ofnrs.is_article_url("/auteur/yuliana-glazunova/")
    assert set(ofnrs.hints) <= {"title", "byline", "date", "credit", "bio", "body", "remove"}
    demo = profiles["demo"]
    assert demo.is_article_url("/article/some-slug/") and not demo.is_article_url("/analyses/?page=2")
    assert not demo.is_article_url("/tag/chine/") and not demo.is_article_url("/auteur/jeanne/")


def test_ofnrs_hints_select_the_reference_page(tmp_path: Path) -> None:
    import lxml.html

    from tests.support.requires import require_corpus

    root = lxml.html.parse(str(require_corpus() / "00-ofnrs-seed.html")).getroot()
    hints = load_profiles()["ofnrs"].hints
    for name in ("title", "byline", "date", "credit", "bio", "body"):
        assert root.cssselect(hints[name]), name
    assert root.cssselect(hints["title"])[0].text_content().startswith("La Corée du Nord")


def test_operator_folder_adds_and_overrides(tmp_path: Path) -> None:
    write(tmp_path, "extra", EXTRA)
    write(tmp_path, "mine", 'name = "demo"\nstart_urls = ["http://127.0.0.1:9999/"]\n')
    profiles = load_profiles([tmp_path])
    extra = profiles["extra"]
    assert extra.allowed_hosts == ["extra.example"]  # from the start URLs
    assert extra.settings == {"DOWNLOAD_DELAY": 2.5, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}
    assert extra.max_pages == 40 and extra.pattern_limits == {"^/agenda/": 5}
    assert extra.hints == {"body": ".content", "remove": [".share"]}
    assert extra.limit_settings() == {"ARCHIVER_MAX_PAGES": 40}
    assert extra.is_article_url("/a/12/") and not extra.is_article_url("/a/x/")
    assert profiles["demo"].start_urls == ["http://127.0.0.1:9999/"]  # the operator's wins


def test_resolve_by_name_by_host_and_zero_configuration(tmp_path: Path) -> None:
    write(tmp_path, "extra", EXTRA)
    assert resolve_profile("extra", [tmp_path]).name == "extra"
    by_host = resolve_profile("https://extra.example/other/", [tmp_path])
    assert by_host.name == "extra" and by_host.start_urls == ["https://extra.example/other/"]
    plain = resolve_profile("http://127.0.0.1:4321/", [tmp_path])  # a loopback port is no profile's
    assert (
        plain.name == "127.0.0.1"
        and plain.allowed_hosts == ["127.0.0.1"]
        and plain.is_article_url("/") is None
    )
    named = resolve_profile("http://127.0.0.1:4321/", [tmp_path], profile="demo")
    assert named.name == "demo" and named.start_urls == ["http://127.0.0.1:4321/"]
    with pytest.raises(ProfileError, match="no site profile 'nope'"):
        resolve_profile("nope", [tmp_path])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("start_urls = [", "Expected|Invalid|expected"),
        ("colour = 'red'", "unknown keys"),
        ("[hints]\nheadline = 'h1'", "unknown \\[hints\\]"),
        ("[urls]\narticle = ['(']", "missing|unterminated"),
        ("[limits]\nmax = 3", "unknown \\[limits\\]"),
    ],
)
def test_bad_profiles_are_refused_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        load_profile(write(tmp_path, "bad", text))


def test_for_url_is_scoped_to_the_host_and_its_www_twin() -> None:
    profile = SiteProfile.for_url("https://www.think.example/fr/")
    assert profile.allowed_hosts == ["think.example", "www.think.example"]
    assert profile.start_urls == ["https://www.think.example/fr/"] and profile.name == "www.think.example"
    assert SiteProfile.for_url("https://think.example/").allowed_hosts == [
        "think.example",
        "www.think.example",
    ]
    assert SiteProfile.for_url("http://127.0.0.1:8080/").allowed_hosts == ["127.0.0.1"]

"""Scrapy's CookiesMiddleware, with the public suffix list taken from the installed package.

Scrapy checks each ``Set-Cookie`` domain against the public suffix list with a
module-level ``tldextract.TLDExtract()``, which on first use writes a cache under
``~/.cache`` and tries to download the list from the internet: writes outside the
archive, and lookups that leave the machine. Here the extractor reads only the
snapshot tldextract ships, with no cache and no network.
"""

from __future__ import annotations

from collections.abc import Iterable
from http.cookiejar import Cookie

from scrapy.downloadermiddlewares.cookies import CookiesMiddleware as ScrapyCookiesMiddleware
from scrapy.http import Request
from scrapy.http.cookies import CookieJar
from scrapy.utils.httpobj import urlparse_cached
from tldextract import TLDExtract

#: The public suffix list shipped in tldextract: no download, no cache file.
OFFLINE_SUFFIXES = TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True,
                              include_psl_private_domains=True)  # fmt: skip


def is_public_suffix(domain: str) -> bool:
    """Whether ``domain`` is a public suffix (``co.uk``, ``github.io``), where no cookie may be set."""
    return not OFFLINE_SUFFIXES(domain).domain


class CookiesMiddleware(ScrapyCookiesMiddleware):
    def _process_cookies(self, cookies: Iterable[Cookie], *, jar: CookieJar, request: Request) -> None:
        """Scrapy's own rule: a cookie for a public suffix is kept only for that exact host."""
        for cookie in cookies:
            cookie_domain = cookie.domain.removeprefix(".")
            hostname = urlparse_cached(request).hostname
            if hostname is None:
                continue
            request_domain = hostname.lower()
            if cookie_domain and is_public_suffix(cookie_domain):
                if cookie_domain != request_domain:
                    continue
                cookie.domain = request_domain
            jar.set_cookie_if_ok(cookie, request)

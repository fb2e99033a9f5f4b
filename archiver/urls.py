"""URL canonicalization: one article, one URL, whatever link led to it.

Fragments, tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ...), session
ids and print-version markers (``?print=1``, ``/print/``) are dropped, the host is lower-cased, default ports removed and the query
sorted, so links that differ only in those parts name the same page.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that never change what a page shows (exact names, lower case).
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "_hsenc", "_hsmi", "ref_src", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
        "wt_mc", "spm", "share", "ncid", "cmpid",
    }
)  # fmt: skip
#: Prefixes of tracking parameters (``utm_source``, ``pk_campaign`` ...).
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_")
#: Session-id parameters, and the ``;jsessionid=`` path parameter.
SESSION_PARAMS = frozenset(
    {"sid", "sessionid", "session_id", "phpsessid", "jsessionid", "aspsessionid", "cfid", "cftoken"}
)
#: Print versions fold into the page: parameters that ask for one, whatever their value ...
PRINT_PARAMS = frozenset(
    {"print", "printable", "printer_friendly", "printpage", "imprimer", "stampa", "druck"}
)
#: ... parameters whose value "print" asks for one (``?output=print``) ...
PRINT_VALUE_PARAMS = frozenset({"output", "format", "view", "layout", "mode", "tmpl"})
#: ... and a last path segment that does (``/article/x/print/``).
PRINT_SEGMENTS = frozenset({"print", "imprimer", "printable", "stampa", "drucken"})
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    """True for query parameters that only track the visitor or the session."""
    key = name.lower()
    return key in TRACKING_PARAMS or key in SESSION_PARAMS or key.startswith(TRACKING_PREFIXES)


def is_print_param(name: str, value: str) -> bool:
    """True for query parameters that ask for the print version of a page."""
    key = name.lower()
    return key in PRINT_PARAMS or (key in PRINT_VALUE_PARAMS and value.lower() in ("print", "component"))


def _fold_print_path(path: str) -> str:
    head, _, last = path.rstrip("/").rpartition("/")
    return head + "/" if last.lower() in PRINT_SEGMENTS and head else path


def canonicalize_url(url: str) -> str:
    """The canonical form of ``url`` (see the module docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = _fold_print_path(_PATH_SESSION.sub("", parts.path) or "/")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(k) and not is_print_param(k, v)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query), doseq=True), ""))


_DIGIT_RUN = re.compile(r"\d+")


def url_template(url: str) -> str:
    """The template a crawler trap repeats: first path segment, the rest folded, query names only.

    ``/agenda/?mois=2031-07`` → ``/*?mois``; ``/tag/ab/`` → ``/tag/*``; ``/deep/x/y/z/`` →
    ``/deep/*``; ``/2024/05/slug/`` → ``/#/*``; a one-segment path ``/about/`` → ``/*``.
    Ever-longer letters or path segments keep one template, as digit runs do.
    """
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        path = "/"
    elif len(segments) == 1:
        path = "/*"
    else:
        path = "/" + _DIGIT_RUN.sub("#", segments[0]) + "/*"
    names = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(names) if names else "")


def url_host(url: str) -> str:
    """The host of ``url``, lower case, without port."""
    return (urlsplit(url).hostname or "").lower()


def url_port(url: str) -> int | None:
    """The port of ``url`` when it is not its scheme's default (80, 443), else None."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    return None if port is None or _DEFAULT_PORTS.get(parts.scheme.lower()) == port else port


def path_and_query(url: str) -> str:
    """The ``/path?query`` of ``url``: what site profiles' URL patterns match."""
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def folds_into_home(declared: str, page_url: str) -> bool:
    """True when an inner page declares the home page as its canonical URL.

    That is a CMS misconfiguration (every page would fold into one), never an alias.
    """
    return urlsplit(declared).path in ("", "/") and urlsplit(page_url).path not in ("", "/")

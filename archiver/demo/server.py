"""A loopback HTTP/1.1 server for the demo site and the test fixture sites.

It serves a table of routes, each a :class:`Page` that says what the server sends
and how: gzip or brotli-free content coding, chunked transfer coding, a delay, a
body cut off mid-way, a redirect, any status. The awkward behaviours of the real
web are data here, so fixture sites are tables of pages, not code.

The server binds to 127.0.0.1 only, on a free port unless one is given.
"""

from __future__ import annotations

import contextlib
import gzip
import mimetypes
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class Page:
    """What the server sends for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    gzip: bool = False  # Content-Encoding: gzip
    chunked: bool = False  # Transfer-Encoding: chunked
    delay: float = 0.0  # seconds before the status line
    truncate_at: int | None = None  # announce the full length, send this many bytes, close
    location: str | None = None  # Location header (redirects)


Handler = Callable[["Request"], Page | None]


@dataclass
class Request:
    """The request as the server saw it."""

    method: str
    path: str  # path and query, as sent
    headers: dict[str, str]
    count: int  # how many times this path was requested, this one included


class SiteServer:
    """Serves ``routes`` (path with query → Page, or a callable) on 127.0.0.1.

    A callable route receives the :class:`Request` and returns a Page, or None
    for a 404. ``fallback`` handles paths absent from the table. Every request is
    logged in ``requests`` so tests can assert what was (not) fetched.
    """

    def __init__(
        self,
        routes: dict[str, Page | Handler] | None = None,
        fallback: Handler | None = None,
        port: int = 0,
    ) -> None:
        self.routes: dict[str, Page | Handler] = dict(routes or {})
        self.fallback = fallback
        self.requests: list[Request] = []
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd = _ThreadingServer(("127.0.0.1", port), _make_handler(self))
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> SiteServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def wait(self) -> None:
        """Block until the server stops (or Ctrl-C)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=0.5)  # signals (Ctrl-C, SIGTERM) are handled between waits

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fetched(self, path: str) -> int:
        """How many times ``path`` was requested."""
        return self._counts.get(path, 0)

    def resolve(self, method: str, path: str, headers: dict[str, str]) -> Page:
        with self._lock:
            count = self._counts[path] = self._counts.get(path, 0) + 1
            request = Request(method, path, headers, count)
            self.requests.append(request)
        route = self.routes.get(path)
        if route is None and "?" in path:
            route = self.routes.get(urlsplit(path).path)
        if callable(route):
            page = route(request)
        elif route is not None:
            page = route
        else:
            page = self.fallback(request) if self.fallback else None
        if page is None:
            return Page(b"<html><body><h1>Not Found</h1></body></html>", status=404)
        return page


def static_routes(root: Path, index: str = "index.html") -> dict[str, Page]:
    """Routes for every file under ``root``: ``a/index.html`` also answers ``/a/``."""
    routes: dict[str, Page] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = "/" + path.relative_to(root).as_posix()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/xml", "application/rss+xml"):
            ctype += "; charset=utf-8"
        page = Page(path.read_bytes(), content_type=ctype, gzip=ctype.startswith("text/html"))
        routes[rel] = page
        if path.name == index:
            routes[rel[: -len(index)]] = page
    return routes


class _ThreadingServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def _make_handler(site: SiteServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "archiver-fixture/1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def _serve(self, send_body: bool) -> None:
            page = site.resolve(self.command, self.path, dict(self.headers.items()))
            if page.delay:
                time.sleep(page.delay)
            body = gzip.compress(page.body, mtime=0) if page.gzip else page.body
            self.send_response(page.status, HTTPStatus(page.status).phrase if _known(page.status) else "")
            if page.content_type:
                self.send_header("Content-Type", page.content_type)
            if page.gzip:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            if page.location:
                self.send_header("Location", page.location)
            for name, value in page.headers:
                self.send_header(name, value)
            if page.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(len(body)))
            if page.truncate_at is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            if not send_body:
                return
            if page.truncate_at is not None:
                self.wfile.write(body[: page.truncate_at])
                self.wfile.flush()
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
            elif page.chunked:
                for chunk in _chunks(body, 1000):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.wfile.write(body)

    return _Handler


def _known(status: int) -> bool:
    return status in HTTPStatus._value2member_map_


def _chunks(data: bytes, size: int) -> Iterable[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]

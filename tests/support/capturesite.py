"""The capture tests' fixture site: every awkward page (codings, redirects, errors, charsets, a PDF)."""

from __future__ import annotations

from archiver.demo.server import Page

ARTICLE = (
    "<!DOCTYPE html><html><head><meta charset='{charset}'><title>{title}</title></head><body>"
    "<article><h1>{title}</h1>" + "<p>Les corridors ferroviaires traversent le Kazakhstan.</p>" * 40 + "</article></body></html>"
)  # fmt: skip


def article(title: str, charset: str = "utf-8") -> bytes:
    return ARTICLE.format(title=title, charset=charset).encode(charset)


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SLOW_DELAY = 1.5

#: path → Page; paths with a query are requested with it (the server routes on the path).
PAGES: dict[str, Page] = {
    "/gzip": Page(article("Compressé"), gzip=True),
    "/chunked": Page(article("Découpé"), chunked=True),
    "/gzip-chunked": Page(article("Les deux"), gzip=True, chunked=True),
    "/old": Page(status=301, location="/moved"),
    "/moved": Page(status=302, location="/target"),
    "/target": Page(article("Arrivée")),
    "/error": Page(b"<html><body>oops</body></html>", status=500),
    "/cut": Page(article("Coupé"), truncate_at=300),
    "/latin1": Page(article("Économie déçue", "iso-8859-1"), content_type="text/html; charset=iso-8859-1"),
    "/report.pdf": Page(PDF, content_type="application/pdf"),
    "/attachment": Page(b"data", content_type="text/plain", headers=[("Content-Disposition", 'attachment; filename="café.txt"')]),
    "/cookies": Page(article("Biscuits"), headers=[("Set-Cookie", "a=1; Path=/"), ("Set-Cookie", "b=2; Path=/")]),
    "/search": Page(article("Recherche")),
}  # fmt: skip
#: What the crawl asks for (besides /slow): every page but the redirect hops, plus a 404.
ASKED = ["/gzip", "/chunked", "/gzip-chunked", "/old", "/error", "/cut", "/latin1", "/report.pdf",
         "/attachment", "/cookies", "/search?q=caf%C3%A9&page=2", "/missing"]  # fmt: skip

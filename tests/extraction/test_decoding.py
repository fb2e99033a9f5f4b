"""decode_html: right text whatever the charset header claims."""

from __future__ import annotations

import codecs

import pytest

from archiver.extraction import decode_html

TEXT = "<html><body><p>Élysée – café, Köln, Città</p></body></html>"


@pytest.mark.parametrize(
    ("data", "headers"),
    [
        (TEXT.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}),
        (TEXT.encode("utf-8"), {"Content-Type": "text/html; charset=iso-8859-1"}),  # header lies
        (TEXT.encode("cp1252"), {"Content-Type": "text/html; charset=utf-8"}),  # header lies
        (TEXT.encode("cp1252"), {"content-type": ["text/html; charset=windows-1252"]}),  # Scrapy-style list
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), {"Content-Type": "text/html; charset=iso-8859-1"}),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), {}),
    ],
)
def test_decodes_to_the_written_text(data: bytes, headers: dict) -> None:
    assert decode_html(data, headers) == TEXT


def test_meta_charset_is_used_when_bytes_are_not_utf8() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body>Señor</body></html>'
    assert "Señor" in decode_html(page.encode("latin-1"), None)


def test_declared_legacy_charset_is_honoured() -> None:
    page = "<p>Привет, мир</p>"
    assert decode_html(page.encode("koi8-r"), {"Content-Type": "text/html; charset=koi8-r"}) == page


def test_latin1_without_any_declaration() -> None:
    assert decode_html("<p>déjà vu</p>".encode("latin-1"), {}) == "<p>déjà vu</p>"


def test_utf8_with_a_few_invalid_bytes_stays_utf8() -> None:
    page = "<p>Mäscot das Schaf, Straße, Grüße, Köln, Zürich, Düsseldorf</p>".encode() + b"<!-- \xfc -->"
    text = decode_html(page, {"Content-Type": "text/html; charset=utf-8"})
    assert "Mäscot das Schaf, Straße" in text and "Ã" not in text


def test_legacy_bytes_are_not_taken_for_damaged_utf8() -> None:
    page = "<p>Élysée, café, Köln, Città, déjà, où</p>".encode("cp1252")
    assert (
        decode_html(page, {"Content-Type": "text/html; charset=utf-8"})
        == "<p>Élysée, café, Köln, Città, déjà, où</p>"
    )

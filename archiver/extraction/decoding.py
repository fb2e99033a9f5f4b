"""Turn the bytes of an HTML page into text, whatever its headers claim."""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE
)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
#: Labels browsers read as windows-1252 (WHATWG encoding standard).
_LATIN1_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp1252"}
)


def header_value(headers: Mapping[str, object] | None, name: str) -> str:
    """Case-insensitive header look-up; list values (Scrapy style) give their first item."""
    for key, value in (headers or {}).items():
        if str(key).lower() == name.lower():
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return ""


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _LATIN1_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(html: bytes, headers: Mapping[str, object] | None = None) -> str | None:
    """The charset the HTTP header, else the page's meta/XML declaration, announces."""
    match = _HEADER_CHARSET.search(header_value(headers, "Content-Type"))
    if match and _codec(match.group(1)):
        return _codec(match.group(1))
    declared = _META_CHARSET.search(html[:4096])
    if declared:
        return _codec((declared.group(1) or declared.group(2)).decode("ascii", "ignore"))
    return None


#: Characters a page decoded as UTF-8 must read right for each byte that is not UTF-8 for it to be
#: UTF-8 with a few damaged bytes (a legacy-charset page gives almost none: its accents are invalid).
_UTF8_EVIDENCE = 4
_REPLACEMENT = "\ufffd"


def _damaged_utf8(html: bytes) -> str | None:
    """The page as UTF-8, its few invalid bytes replaced, when the rest reads as UTF-8."""
    text = html.decode("utf-8", errors="replace")
    invalid = text.count(_REPLACEMENT) - html.count(_REPLACEMENT.encode("utf-8"))
    readable = sum(1 for ch in text if ord(ch) > 127) - text.count(_REPLACEMENT)
    return text if readable >= _UTF8_EVIDENCE * max(invalid, 1) else None


def decode_html(html: bytes, headers: Mapping[str, object] | None = None) -> str:
    """Decode a page: a BOM wins, then valid UTF-8 (whatever the header says), then UTF-8 with a
    few invalid bytes (replaced), then the charset the header or meta declares; bytes announced
    as UTF-8 that are not UTF-8 read as windows-1252.
    """
    for bom, encoding in _BOMS:
        if html.startswith(bom):
            return html[len(bom) :].decode(encoding, errors="replace")
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(html)
    if damaged is not None:
        return damaged
    declared = declared_charset(html, headers)
    return html.decode(declared if declared and declared != "utf-8" else "cp1252", errors="replace")


#: Bytes no text encoding of the web uses outside binary data: C0 controls but tab, LF, FF, CR, and ESC.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
#: Share of control bytes above which a body is binary, whatever its Content-Type says.
BINARY_CONTROL_SHARE = 0.01
_SAMPLE = 64 * 1024


def control_byte_share(body: bytes) -> float:
    """The share of control bytes in the first 64 KiB of ``body`` (0 for UTF-16 with a BOM)."""
    sample = body[:_SAMPLE]
    if not sample or sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return 0.0
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def is_text(body: bytes) -> bool:
    """Whether ``body`` can be text: random or binary bytes have ~10% control bytes, text none."""
    return control_byte_share(body) <= BINARY_CONTROL_SHARE

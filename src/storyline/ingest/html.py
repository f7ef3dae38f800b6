"""Saved HTML pages: one article per file, decoded with the charset the page declares."""

from __future__ import annotations

import codecs
import html as html_lib
import re
import unicodedata
from collections.abc import Iterator
from typing import BinaryIO

from storyline.errors import InputError
from storyline.ingest.decode import (
    MAX_DOCUMENT_BYTES,
    bom_encoding,
    decode,
    looks_binary,
    normalize_text,
    read_capped,
    strip_controls,
)
from storyline.model import RawDocument

# Browsers look for <meta charset> in the first 1024 bytes; real pages put long <script> and
# <style> blocks first, so we look further (the declaration is still in <head>).
CHARSET_SNIFF_BYTES = 16_384

# <link rel=canonical> and og:url sit in <head>; a page whose head is longer than this has no
# usable one (and scanning a 10 MB body with regexes would be wasted time).
HEAD_SCAN_CHARS = 262_144

# Labels that browsers read as windows-1252 (the WHATWG encoding standard): pages that declare
# latin-1 or ASCII are in practice cp1252, with curly quotes at 0x91-0x94.
_CP1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([A-Za-z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# UTF-8 read as latin-1/cp1252 leaves a lead byte (Ã, Â, â, ...) followed by a continuation
# byte (0x80-0xBF, or the cp1252 letters in that range: ‘ ’ “ ” • – — € ™ Š Œ ...). Text
# without such a pair has no mojibake for ftfy to repair.
_MOJIBAKE_SIGN = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039"
    "\u203a\u20ac\u2122]"
)


def read_html(source: str, stream: BinaryIO) -> Iterator[RawDocument | InputError]:
    """Yield the one document of a saved HTML page, or the reason it cannot be read."""
    try:
        markup = decode_markup(source, read_capped(source, stream))
    except InputError as error:
        yield error
        return
    yield RawDocument(source=source, html=markup, url=canonical_url(markup), format="html")


def decode_markup(source: str, data: bytes, declared: str | None = None) -> str:
    """Return HTML bytes as text: BOM, then the given (HTTP) or <meta> charset, else detection.

    Raises InputError for empty, oversized, binary or undecodable input (see ``decode``).
    """
    if bom_encoding(data) or not data.strip() or len(data) > MAX_DOCUMENT_BYTES:
        return decode(source, data)[0]  # decode() honours BOMs, reports empty and huge input
    if looks_binary(data):
        raise InputError(source, "binary content, not HTML")
    for charset in (declared, _meta_charset(data), "utf-8"):
        codec = _codec(charset)
        if codec is None:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # a wrong declaration: let detection decide
        return _repair(text)
    return decode(source, data)[0]


def _repair(markup: str) -> str:
    """Return markup with mojibake repaired, composed, unified line endings and no controls.

    ftfy reads every line and costs ~6 ms per 20 kB page, 85% of the time of reading a WARC;
    pages without a mojibake sign (nearly all) skip it.
    """
    if not markup.isascii() and _MOJIBAKE_SIGN.search(markup):
        return normalize_text(markup)
    markup = strip_controls(markup.replace("\r\n", "\n").replace("\r", "\n"))
    return markup if markup.isascii() else unicodedata.normalize("NFC", markup)


def canonical_url(markup: str) -> str | None:
    """Return the page's own address from <link rel=canonical> or og:url, if it states one."""
    found: dict[str, str] = {}
    for match in _TAG.finditer(markup, 0, HEAD_SCAN_CHARS):
        attributes = _attributes(match.group(2))
        href = attributes.get("href") or attributes.get("content")
        if not href or not href.strip().lower().startswith(("http://", "https://")):
            continue
        if match.group(1).lower() == "link" and "canonical" in attributes.get("rel", "").lower():
            found.setdefault("canonical", href.strip())
        elif attributes.get("property", attributes.get("name", "")).lower() == "og:url":
            found.setdefault("og", href.strip())
    return found.get("canonical") or found.get("og")


def _attributes(text: str) -> dict[str, str]:
    """Return a tag's attributes (lowercased names, unescaped values); the first one wins."""
    attributes: dict[str, str] = {}
    for name, double, single, bare in _ATTRIBUTE.findall(text):
        attributes.setdefault(name.lower(), html_lib.unescape(double or single or bare))
    return attributes


def _meta_charset(data: bytes) -> str | None:
    """Return the charset a <meta> tag near the start declares, if any."""
    match = _META_CHARSET.search(data, 0, CHARSET_SNIFF_BYTES)
    return match.group(1).decode("ascii", "replace") if match else None


def _codec(charset: str | None) -> str | None:
    """Return the Python codec name for a declared charset, or None when it is unknown."""
    if not charset:
        return None
    label = charset.strip().lower()
    if label in _CP1252_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None

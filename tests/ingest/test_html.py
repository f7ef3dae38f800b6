"""Saved HTML pages: charset honoured, canonical URL found, bad input reported."""

from __future__ import annotations

import codecs
import io

import pytest

from storyline.errors import InputError
from storyline.ingest.decode import MAX_DOCUMENT_BYTES
from storyline.ingest.html import _MOJIBAKE_SIGN, canonical_url, decode_markup, read_html
from storyline.model import RawDocument


def _read(data: bytes) -> list[RawDocument | InputError]:
    return list(read_html("page.html", io.BytesIO(data)))


def test_reads_one_document_with_canonical_url() -> None:
    page = (
        b'<html><head><meta charset="utf-8"><link rel="canonical" '
        b'href="https://www.dawn.com/news/1"></head><body><p>Caf\xc3\xa9</p></body></html>'
    )
    (document,) = _read(page)
    assert isinstance(document, RawDocument)
    assert document.format == "html"
    assert document.url == "https://www.dawn.com/news/1"
    assert "Café" in (document.html or "")


def test_og_url_when_no_canonical_link() -> None:
    markup = '<head><meta content="https://example.org/a" property="og:url"></head>'
    assert canonical_url(markup) == "https://example.org/a"
    assert canonical_url("<head><link rel=canonical href=/relative></head>") is None


def test_meta_charset_windows_1252_is_honoured() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>“Quoted” café</p></body>'
    (document,) = _read(page.encode("cp1252"))
    assert isinstance(document, RawDocument)
    assert "“Quoted” café" in (document.html or "")


def test_http_charset_wins_over_detection() -> None:
    data = "<p>Zürich, Straße, 5 €</p>".encode("iso-8859-15")
    assert "Zürich, Straße, 5 €" in decode_markup("x", data, declared="iso-8859-15")


def test_utf8_bom_and_utf16_bom() -> None:
    (document,) = _read(codecs.BOM_UTF8 + "<p>naïve</p>".encode())
    assert isinstance(document, RawDocument) and "naïve" in (document.html or "")
    (document,) = _read(codecs.BOM_UTF16_LE + "<p>naïve</p>".encode("utf-16-le"))
    assert isinstance(document, RawDocument) and "naïve" in (document.html or "")


def test_mojibake_is_repaired() -> None:
    (document,) = _read("<p>It’s fine</p>".encode().decode("latin-1").encode())
    assert isinstance(document, RawDocument)
    assert "It’s fine" in (document.html or "")


@pytest.mark.parametrize(
    "garbled",
    ["Itâ€™s fine", "cafÃ©", "Â£5", "â€œQuotedâ€\x9d", "naÃ¯ve", "â€” dash", "Ã¼ber"],
)
def test_mojibake_sign_finds_utf8_read_as_cp1252(garbled: str) -> None:
    assert _MOJIBAKE_SIGN.search(garbled)


@pytest.mark.parametrize(
    "clean", ["It’s “fine” — café, naïve, Zürich", "Ça coûte 5 €", "Straße № 5", "東京 2021年"]
)
def test_mojibake_sign_leaves_clean_text_alone(clean: str) -> None:
    # Clean pages (nearly all) skip ftfy, which costs most of the time of reading a WARC.
    assert not _MOJIBAKE_SIGN.search(clean)
    (document,) = _read(f"<p>{clean}</p>".encode())
    assert isinstance(document, RawDocument) and clean in (document.html or "")


def test_oversized_page_is_one_error() -> None:
    data = b"<html><body>" + b"<p>x</p>" * (MAX_DOCUMENT_BYTES // 8 + 1) + b"</body></html>"
    (error,) = _read(data)
    assert isinstance(error, InputError)
    assert error.source == "page.html" and "too large" in error.reason


def test_empty_and_binary_pages_are_errors() -> None:
    (empty,) = _read(b"  \n")
    assert isinstance(empty, InputError) and "empty" in empty.reason
    (binary,) = _read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert isinstance(binary, InputError) and "binary" in binary.reason


def test_control_characters_never_reach_the_stored_markup() -> None:
    paragraph = "<p>The harbour council voted on Tuesday to suspend dredging in the basin.</p>"
    page = (
        "<html><head><title>Dredging \x1b[2J halted\x08</title></head><body><article>"
        f"<h1>Dredging \x1b]0;pwned\x07 halted</h1>{paragraph * 30}</article></body></html>"
    )
    [document] = list(read_html("a.html", io.BytesIO(page.encode())))
    assert isinstance(document, RawDocument) and document.html is not None
    assert "<title>Dredging  halted</title>" in document.html  # the sequence goes whole
    assert not any(ord(c) < 32 and c not in "\t\n" for c in document.html)

"""Bytes → text for every reader: refuse what is not text, repair what is merely mis-encoded."""

from __future__ import annotations

from typing import BinaryIO

import ftfy
from charset_normalizer import from_bytes

from storyline.errors import InputError

# A news article is at most a few hundred kilobytes of text; anything past this is a dump, a
# binary or an attack, and would stall the NLP stages for minutes.
MAX_DOCUMENT_BYTES = 10_000_000

# Share of control characters (other than tab/newline/CR/form feed) above which the bytes are
# binary, not text. Real text dumps have none; a PDF or image has ~10-30%.
MAX_CONTROL_SHARE = 0.01

# Bytes sampled from the start to tell binary from text: enough for any file header.
BINARY_SNIFF_BYTES = 8192

_TEXT_CONTROLS = {9, 10, 12, 13}


def read_capped(source: str, stream: BinaryIO) -> bytes:
    """Return a whole single-document input, refusing one larger than MAX_DOCUMENT_BYTES."""
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(source, f"too large (over {MAX_DOCUMENT_BYTES:,} bytes for one article)")
    return data


def looks_binary(data: bytes) -> bool:
    """Return True when the bytes are not text (NUL bytes or many control characters)."""
    sample = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def decode(source: str, data: bytes) -> tuple[str, str | None]:
    """Return the text of an input and, when it was not UTF-8, the encoding it was read as.

    Raises InputError for empty, oversized and binary inputs, and for bytes that no encoding
    reads as text.
    """
    if not data.strip():
        raise InputError(source, "empty input")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(source, f"too large (over {MAX_DOCUMENT_BYTES:,} bytes for one article)")
    if looks_binary(data):
        raise InputError(source, "binary content, not text")
    encoding: str | None = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(source, "undecodable bytes: not text in any known encoding") from None
        encoding = best.encoding
        text = str(best)
    return normalize_text(text), encoding


def normalize_text(text: str) -> str:
    """Return text with mojibake repaired, Unicode composed and line endings unified."""
    text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False, fix_line_breaks=True)
    return text

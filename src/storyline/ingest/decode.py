"""Bytes → text for every reader: refuse what is not text, repair what is merely mis-encoded.

The order of trust, for bytes without a byte-order mark:

1. UTF-8 (nearly every input).
2. UTF-8 with some broken lines: each line that is not UTF-8 is read on its own, as UTF-8 with
   replacement when it is mostly UTF-8 (a stray byte), in the legacy encoding of the broken
   lines otherwise (a Latin-1 line pasted into a UTF-8 file).
3. Legacy (not UTF-8) text with few high bytes: Windows-1252, the Western encoding every
   Latin-1 file in practice is. Detection (charset_normalizer) picks exotic single-byte
   encodings for such text (``mac_latin2``: "votť" for "voté"), so it is not asked.
4. Legacy text with many high bytes: charset_normalizer's detection (Cyrillic, Greek, CJK).

A byte-order mark wins over all of them: UTF-8, UTF-16 and UTF-32 files that carry one are
decoded by it.
"""

from __future__ import annotations

import codecs
import re
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

# Share of high (non-ASCII) bytes among letters below which bytes without any UTF-8 sequence are
# read as Windows-1252. Western languages write 1-10% of their letters with accents (French
# ~4%, Portuguese ~6%, Icelandic ~10%); single-byte Cyrillic or Greek and the CJK encodings
# write nearly all of them with high bytes.
MAX_WESTERN_HIGH_SHARE = 0.25

# The Western encoding a non-UTF-8 line is read as (a superset of Latin-1's printable part).
WESTERN_ENCODING = "cp1252"

_TEXT_CONTROLS = {9, 10, 12, 13}

# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# One well-formed multi-byte UTF-8 sequence (RFC 3629). Fixed-length alternatives: linear time.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if b not in _ASCII_LETTERS)
_ASCII = bytes(range(128))


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    # The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) read as
    # Latin-1 does; they are C1 controls, removed later like every control character.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("storyline-latin1", _latin1_fallback)


def read_capped(source: str, stream: BinaryIO) -> bytes:
    """Return a whole single-document input, refusing one larger than MAX_DOCUMENT_BYTES."""
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(source, f"too large (over {MAX_DOCUMENT_BYTES:,} bytes for one article)")
    return data


def bom_encoding(data: bytes) -> str | None:
    """Return the codec a byte-order mark at the start announces, or None without one."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec
    return None


def looks_binary(data: bytes) -> bool:
    """Return True when the bytes are not text (NUL bytes or many control characters).

    UTF-16 and UTF-32 text is full of NUL bytes: check ``bom_encoding`` first.
    """
    sample = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def decode(source: str, data: bytes) -> tuple[str, str | None]:
    """Return the text of an input and, when it was not plain UTF-8, how it was read.

    Raises InputError for empty, oversized and binary inputs, and for bytes that no encoding
    reads as text.
    """
    if not data.strip():
        raise InputError(source, "empty input")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(source, f"too large (over {MAX_DOCUMENT_BYTES:,} bytes for one article)")
    marked = bom_encoding(data)
    if marked is not None:
        text = data.decode(marked, errors="replace")
        if looks_binary(text[:BINARY_SNIFF_BYTES].encode("utf-8", "replace")):
            raise InputError(source, "binary content, not text")
        encoding = None if marked == "utf-8-sig" else marked
    elif looks_binary(data):
        raise InputError(source, "binary content, not text")
    else:
        text, encoding = _decode_unmarked(source, data)
    if not text.strip():
        raise InputError(source, "empty input")
    return normalize_text(text), encoding


def decode_line(line: bytes) -> str:
    """Return one line of a UTF-8 file (a JSON Lines record) as text, repaired if need be."""
    kind = _line_kind(line)
    if kind == "utf-8":
        return line.decode("utf-8")
    if kind == "stray":
        return line.decode("utf-8", "replace")
    return _decode_legacy(line, _legacy_encoding(line) or WESTERN_ENCODING)


def _line_kind(line: bytes) -> str:
    """Return how a line is encoded: "utf-8", "stray" (UTF-8 with a broken byte) or "legacy".

    A line with at least as many well-formed UTF-8 sequences as broken bytes is UTF-8 with a
    stray byte; any other is in a legacy encoding (a Latin-1 line pasted into a UTF-8 file).
    """
    try:
        line.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = line.decode("utf-8", "replace")
    broken = replaced.count("\ufffd") - line.count("\ufffd".encode())
    return "stray" if len(_UTF8_SEQUENCE.findall(line)) >= broken else "legacy"


def _legacy_encoding(data: bytes) -> str | None:
    """Return the encoding of bytes that are not UTF-8: Windows-1252 for Western text.

    Only text with many high bytes (Cyrillic, Greek, CJK) is left to detection; None when
    detection finds no encoding either.
    """
    high = len(data.translate(None, _ASCII))
    letters = len(data.translate(None, _NOT_ASCII_LETTERS))
    if high <= MAX_WESTERN_HIGH_SHARE * (high + letters):
        return WESTERN_ENCODING
    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def _decode_legacy(data: bytes, encoding: str) -> str:
    if encoding == WESTERN_ENCODING:
        return data.decode(WESTERN_ENCODING, "storyline-latin1")
    return data.decode(encoding, "replace")


def _decode_unmarked(source: str, data: bytes) -> tuple[str, str | None]:
    """Return text without a byte-order mark and how it was read (None: plain UTF-8).

    A file in one legacy encoding is read in it; a UTF-8 file with broken lines keeps its UTF-8
    lines, and each broken line is repaired on its own (see ``_line_kind``).
    """
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    kinds = [_line_kind(line) for line in lines]
    legacy = b"\n".join(line for line, kind in zip(lines, kinds, strict=True) if kind == "legacy")
    encoding = _legacy_encoding(legacy) if legacy else None
    if legacy and encoding is None:
        raise InputError(source, "undecodable bytes: not text in any known encoding")
    utf8_lines = sum(
        1 for line, kind in zip(lines, kinds, strict=True) if kind == "utf-8" and not line.isascii()
    )
    strays = kinds.count("stray")
    if encoding is not None and not utf8_lines and not strays:
        return _decode_legacy(data, encoding), encoding  # one legacy encoding throughout
    text = "\n".join(
        line.decode("utf-8", "replace")
        if kind != "legacy"
        else _decode_legacy(line, encoding or "")
        for line, kind in zip(lines, kinds, strict=True)
    )
    notes = [f"{kinds.count('legacy')} line(s) as {encoding}"] if legacy else []
    notes += [f"undecodable bytes replaced in {strays} line(s)"] if strays else []
    return text, f"utf-8, {', '.join(notes)}"


# Control characters that are never text: C0 (but tab, newline, carriage return, form feed),
# DEL and C1. NUL in particular breaks C string handling downstream (SQLite tools, terminals).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Terminal escape sequences, removed whole ("\x1b[1mTimes\x1b[0m" is "Times", not
# "[1mTimes[0m"): CSI (colours, cursor moves), OSC (titles, hyperlinks; ended by BEL or ST),
# and any other escape with the character after it. Output escaping (render) uses it too.
ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")


def normalize_text(text: str) -> str:
    """Return text with mojibake repaired, Unicode composed, line endings unified, no controls."""
    text = ESCAPE_SEQUENCE.sub("", text)  # before ftfy, which drops the escape character alone
    text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False, fix_line_breaks=True)
    return _CONTROLS.sub("", text)


def strip_controls(value: str) -> str:
    """Return text (a title, an outlet, markup) without escape sequences, controls or NULs."""
    return _CONTROLS.sub("", ESCAPE_SEQUENCE.sub("", value))

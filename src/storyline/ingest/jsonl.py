"""JSON Lines exports of crawlers: one article per line, each with ``text`` or ``html``."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from storyline.errors import InputError
from storyline.ingest.decode import (
    MAX_DOCUMENT_BYTES,
    bom_encoding,
    decode_line,
    looks_binary,
    normalize_text,
    strip_controls,
)
from storyline.model import RawDocument

_STRING_FIELDS = ("id", "url", "outlet", "title", "published", "text", "html")
_BODY_FIELDS = ("text", "html")


def read_jsonl(source: str, stream: BinaryIO) -> Iterator[RawDocument | InputError]:
    """Yield one document per valid line and one error per bad line (``path#N``, 1-based)."""
    seen_content = False
    for number, line in _lines(stream):
        if not line.strip():
            continue
        item_source = f"{source}#{number}"
        if number == 1 and isinstance(line, bytes) and looks_binary(line):
            yield InputError(source, "binary content, not JSON Lines")
            return
        seen_content = True
        if len(line) > MAX_DOCUMENT_BYTES:
            yield InputError(item_source, f"line too large ({len(line):,} bytes)")
            continue
        try:
            record = json.loads(_text(line))
        except json.JSONDecodeError as error:
            yield InputError(item_source, f"malformed JSON ({error})")
            continue
        yield _document(item_source, record)
    if not seen_content:
        yield InputError(source, "empty input")


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | str]]:
    """Yield the numbered lines of a JSON Lines file: bytes, or text when a BOM says UTF-16/32.

    Lines end at newline only: JSON strings may hold U+2028 and other Unicode line breaks.
    """
    marked = bom_encoding(stream.read(4))
    stream.seek(0)
    if marked is None or marked == "utf-8-sig":
        yield from enumerate(stream, start=1)
        return
    text = io.TextIOWrapper(stream, encoding=marked, errors="replace", newline="\n")
    try:
        yield from enumerate(text, start=1)
    finally:
        text.detach()  # the caller owns the file


def _text(line: bytes | str) -> str:
    """Return a line as text: UTF-8, or the line repaired on its own (a Latin-1 line)."""
    if isinstance(line, str):
        return line.removeprefix("\ufeff")
    return decode_line(line).removeprefix("\ufeff")


def holds_articles(stream: BinaryIO, lines: int = 5) -> bool:
    """Return True when the first JSON lines of a file are article records (have text or html).

    Folders often hold other JSON Lines files beside the articles (gold sets, logs); those
    are not inputs, and a folder walk skips them instead of reporting every line as bad.
    """
    checked = 0
    for _, line in _lines(stream):
        if not line.strip():
            continue
        try:
            record = json.loads(_text(line))
        except json.JSONDecodeError:
            return True  # malformed lines are the reader's to report
        if isinstance(record, dict) and any(name in record for name in _BODY_FIELDS):
            return True
        checked += 1
        if checked >= lines:
            break
    return False


def _document(source: str, record: Any) -> RawDocument | InputError:
    """Return the document a JSON record describes, or why it describes none."""
    if not isinstance(record, dict):
        return InputError(source, "a JSON line must be an object")
    values: dict[str, str | None] = {}
    for name in _STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return InputError(source, f"field {name!r} must be a string")
        # NULs and other control characters in a crawler's record are never content.
        values[name] = value if value is None or name in _BODY_FIELDS else strip_controls(value)
    text, html = values["text"], values["html"]
    has_text = bool(text and text.strip())
    if not has_text and not (html and html.strip()):
        return InputError(source, "no 'text' or 'html' field with content")
    return RawDocument(
        source=source,
        text=normalize_text(text) if text and has_text else None,
        html=None if has_text or html is None else html.replace("\x00", ""),
        url=values["url"],
        outlet=normalize_text(values["outlet"]) if values["outlet"] else values["outlet"],
        title=normalize_text(values["title"]) if values["title"] else values["title"],
        published=values["published"],
        format="jsonl",
    )

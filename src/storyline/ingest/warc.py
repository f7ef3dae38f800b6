"""WARC and WARC.GZ archives (Common Crawl, CC-NEWS): one document per HTML response record.

The archive is streamed record by record with warcio; only one record's payload (at most
MAX_DOCUMENT_BYTES) is in memory at a time. A corrupt record or a truncated gzip member yields
one error naming the file and the record's offset; the records read before it are kept, and
on a seekable file reading resumes at the next record boundary after the damage.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import InputError
from storyline.ingest.decode import MAX_DOCUMENT_BYTES
from storyline.ingest.html import decode_markup
from storyline.model import RawDocument

# HTTP content types of pages (CC-NEWS also has text/plain robots, images, PDFs: skipped).
_HTML_TYPES = ("text/html", "application/xhtml+xml")

# Bodies without a Content-Type are pages only if they start like one.
_HTML_START = re.compile(rb"\s*(<!doctype html|<html|<head|<body)", re.I)

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)

# How a record starts, to find the next one after a damaged record: a gzip member header
# (deflate, as every .warc.gz uses) or the WARC version line.
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."

# Read size while scanning for the next record boundary.
_SCAN_CHUNK = 1 << 20

# After this many damaged spots in one file, the file is garbage rather than damaged: stop.
MAX_ERRORS_PER_FILE = 20

# What warcio raises on damage. AttributeError/TypeError: warcio 1.7 fails that way on a
# record header cut short (it reads None where it expects a line).
_READ_ERRORS = (
    ArchiveLoadFailed,
    EOFError,
    zlib.error,
    OSError,
    ValueError,
    IndexError,
    AttributeError,
    TypeError,
)


def read_warc(source: str, stream: BinaryIO) -> Iterator[RawDocument | InputError]:
    """Yield one document per HTML response record (``path#offset``) and one error per damage."""
    start: int | None = _tell(stream)
    head = _peek(stream)
    if head is not None and not head.startswith((_GZIP_MAGIC, _WARC_MAGIC)):
        # warcio would read stray text as an old ARC file and find nothing in it.
        yield InputError(source, "not a WARC archive (no WARC/1.x header or gzip member)")
        return
    errors = 0
    while start is not None:
        iterator = ArchiveIterator(stream)
        position = start
        try:
            for record in iterator:
                # The iterator's offset is the current record's start (absolute, from tell());
                # get_record_offset() would read the record to its end before we read it.
                position = iterator.offset
                item = _document(f"{source}#{position}", record)
                if _ends_early(record):
                    item = InputError(
                        f"{source}#{position}",
                        f"truncated: the archive ends inside the record at byte {position:,}",
                    )
                if item is not None:
                    yield item
            end = getattr(iterator, "offset", 0)
            if _has_bytes_after(stream, end):
                yield InputError(
                    f"{source}#{end}",
                    f"truncated: the archive ends inside the record at byte {end:,}",
                )
            return
        except _READ_ERRORS as error:
            errors += 1
            # Past the last record read, the failing one is where the iterator now stands.
            position = max(position, getattr(iterator, "offset", position))
            start = _next_record(stream, position + 1)
            if start is None and isinstance(error, (EOFError, AttributeError, TypeError)):
                reason = f"truncated: the archive ends inside the record at byte {position:,}"
            else:
                reason = f"corrupt WARC record at byte {position:,} ({_reason(error)})"
            yield InputError(f"{source}#{position}", reason)
            if errors >= MAX_ERRORS_PER_FILE:
                yield InputError(source, f"gave up after {errors} corrupt records")
                return


def _document(source: str, record: Any) -> RawDocument | InputError | None:
    """Return the page of an HTML response record, an error, or None for other records."""
    if record.rec_type != "response":
        return None
    content_type = ""
    if record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type and not content_type.lower().startswith(_HTML_TYPES):
        return None
    payload = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
    if len(payload) > MAX_DOCUMENT_BYTES:
        return InputError(source, f"record too large (over {MAX_DOCUMENT_BYTES:,} bytes)")
    if not content_type and not _HTML_START.match(payload[:1024]):
        return None
    charset = _CHARSET.search(content_type)
    try:
        markup = decode_markup(source, payload, charset.group(1) if charset else None)
    except InputError as error:
        return error
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(source=source, html=markup, url=url or None, format="warc")


def _ends_early(record: Any) -> bool:
    """Return True when the archive ended before the record's declared length (truncation)."""
    while record.raw_stream.read(_SCAN_CHUNK):
        pass
    return bool(getattr(record.raw_stream, "limit", 0))


def _has_bytes_after(stream: BinaryIO, offset: int) -> bool:
    """Return True when a seekable archive holds more than blank bytes past ``offset``.

    warcio ends quietly at a gzip member cut short; the unread rest shows the truncation.
    """
    if not stream.seekable():
        return False
    stream.seek(offset)
    rest = stream.read(_SCAN_CHUNK)
    return bool(rest.strip())


def _next_record(stream: BinaryIO, after: int) -> int | None:
    """Return the offset of the next record boundary at or after ``after``, or None.

    Only seekable streams can resume; a pipe ends at the first damage.
    """
    if not stream.seekable():
        return None
    stream.seek(0)
    gzipped = stream.read(2) == _GZIP_MAGIC[:2]
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    position = after
    while True:
        stream.seek(position)
        chunk = stream.read(_SCAN_CHUNK + len(magic))
        if len(chunk) < len(magic):
            return None
        found = chunk.find(magic)
        if found >= 0 and (gzipped or found == 0 or chunk[found - 1 : found] == b"\n"):
            stream.seek(position + found)
            return position + found
        if found >= 0:
            position += found + 1  # "WARC/1." inside a payload, not at a line start
            continue
        position += _SCAN_CHUNK


def _peek(stream: BinaryIO) -> bytes | None:
    """Return the stream's first bytes without consuming them, None when it cannot rewind."""
    if not stream.seekable():
        return None
    position = stream.tell()
    head = stream.read(len(_WARC_MAGIC)).lstrip()
    stream.seek(position)
    return head


def _tell(stream: BinaryIO) -> int:
    """Return the stream's position, 0 for streams that cannot tell (pipes)."""
    try:
        return stream.tell() if stream.seekable() else 0
    except OSError:
        return 0


def _reason(error: Exception) -> str:
    """Return a library exception as a short reason a person can read."""
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    text, _, first_line = text.partition(", first line:")  # warcio quotes the raw bytes
    if first_line and first_line.strip().isprintable():
        text += f", starts with {first_line.strip()[:60]!r}"
    return text[:200]

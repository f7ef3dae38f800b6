"""RSS and Atom feeds: one document per item, with the item's link, date, title and content."""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

import feedparser

from storyline.errors import InputError
from storyline.ingest.decode import bom_encoding, looks_binary, normalize_text
from storyline.model import RawDocument

# A feed holds many articles, so it may be larger than one article (MAX_DOCUMENT_BYTES); big
# publishers' full-content feeds run to a few MB. feedparser parses the whole file at once.
MAX_FEED_BYTES = 50_000_000

# feedparser sets "bozo" for these without the XML being broken: the declared encoding was
# overridden by the HTTP one, or the feed was read as another encoding. Items are intact.
_HARMLESS_BOZO = (feedparser.CharacterEncodingOverride,)

# Content types of an item's body that are markup rather than plain text.
_MARKUP_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(source: str, stream: BinaryIO) -> Iterator[RawDocument | InputError]:
    """Yield one document per feed item (``path#N``, 1-based) and one error per unreadable item.

    Broken XML yields an error for the file, then every item feedparser could still recover.
    """
    data = stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        yield InputError(source, f"feed too large (over {MAX_FEED_BYTES:,} bytes)")
        return
    if not data.strip():
        yield InputError(source, "empty input")
        return
    if bom_encoding(data) is None and looks_binary(data):  # UTF-16/32 XML is NUL-rich
        yield InputError(source, "binary content, not a feed")
        return
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries", [])
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, _HARMLESS_BOZO):
        recovered = f"; {len(entries)} item(s) recovered" if entries else ""
        yield InputError(source, f"invalid feed XML ({_reason(problem)}){recovered}")
    elif not entries:
        yield InputError(source, "no items in this feed")
    outlet = _clean(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield _document(f"{source}#{number}", entry, outlet)


def _document(source: str, entry: Any, outlet: str | None) -> RawDocument | InputError:
    """Return the document of one feed item, or why it has none."""
    body, is_markup = _body(entry)
    if body is None:
        return InputError(source, "feed item without content or summary")
    return RawDocument(
        source=source,
        html=body if is_markup else None,
        text=None if is_markup else body,
        url=_clean(entry.get("link")),
        outlet=outlet,
        title=_clean(entry.get("title")),
        published=_item_date(entry),
        format="feed",
    )


def _body(entry: Any) -> tuple[str | None, bool]:
    """Return an item's fullest body (content, else summary) and whether it is markup."""
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    best: tuple[str | None, bool] = (None, True)
    for detail in candidates:
        if not detail or not (detail.get("value") or "").strip():
            continue
        value = normalize_text(detail["value"])
        if best[0] is None or len(value) > len(best[0]):
            best = (value, str(detail.get("type", "text/html")).lower() in _MARKUP_TYPES)
    return best


def _item_date(entry: Any) -> str | None:
    """Return an item's publication day as the feed states it (``YYYY-MM-DD``), or None.

    The raw string is read first: feedparser's parsed tuple is converted to UTC, which moves
    a late-evening item of a western outlet to the next day.
    """
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            day = _parse_day(str(raw).strip())
            if day is not None:
                return day
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _parse_day(raw: str) -> str | None:
    """Return the local date of an RFC 822 (RSS) or ISO 8601 (Atom) timestamp, or None."""
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _reason(problem: Exception) -> str:
    """Return a parser exception as a short reason a person can read."""
    text = str(problem).removeprefix("<unknown>:") or type(problem).__name__
    return text.splitlines()[0][:200]


def _clean(value: Any) -> str | None:
    """Return a feed string field stripped and repaired, or None when it is empty."""
    if not isinstance(value, str) or not value.strip():
        return None
    return normalize_text(value.strip())

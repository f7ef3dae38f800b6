"""Sentences of a clean body, by offsets, and the content words that say what they are about."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# A sentence ends at . ! ? (with closing quotes) before a space and a capital, digit or quote;
# paragraph breaks always end one. Abbreviations like "U.S." before a capital may split a
# sentence early; evidence then shows part of a sentence, never words of two articles.
_BOUNDARY = re.compile(r"(?<=[.!?])[”\"’')]*\s+(?=[“\"A-Z0-9])|\n+")

_TERM = re.compile(r"[a-z][a-z'’-]{2,}")

# Words that name times, not happenings: they must not make two sentences "about" the same.
_TIME_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "year", "years", "month", "months", "week", "weeks", "day", "days",
    "today", "yesterday", "tomorrow", "last", "next", "earlier", "later", "ago", "said",
}  # fmt: skip


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every sentence of a text, whitespace-trimmed."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span of the sentence that holds the given span."""
    for s, e in sentence_spans(text):
        if s <= start < e or (s < end <= e):
            return s, e
    return start, end


def terms(text: str) -> set[str]:
    """Return the lowercased content words of a text (no stop words, no time words)."""
    return {
        t.strip("'’-")
        for t in _TERM.findall(text.lower())
        if t not in ENGLISH_STOP_WORDS and t not in _TIME_WORDS
    }


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    if chunk.strip():
        left = len(chunk) - len(chunk.lstrip())
        yield start + left, start + len(chunk.rstrip())

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


def terms(text: str) -> set[str]:
    """Return the stems of the content words of a text (no stop words, no time words)."""
    return {
        stem(t.strip("'’-"))
        for t in _TERM.findall(text.lower())
        if t not in ENGLISH_STOP_WORDS and t not in _TIME_WORDS
    }


# Inflection endings folded so that "vote", "voted" and "votes" meet; a crude suffix strip
# is enough to compare two sentences and costs nothing (the parser's lemmas are not stored).
_ENDINGS = ("ing", "ed", "es", "s", "e")
MIN_STEM_CHARS = 3


def stem(word: str) -> str:
    """Return a word without its inflection ending ("voted" → "vot", "vote" → "vot")."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_CHARS:
            return word[: -len(ending)]
    return word


def surface_words(text: str, stems: set[str]) -> list[str]:
    """Return the words of a text whose stems are among the given ones, in text order, once."""
    found: list[str] = []
    for word in _TERM.findall(text.lower()):
        word = word.strip("'’-")
        if stem(word) in stems and word not in found:
            found.append(word)
    return found


def words_around(text: str, start: int, end: int, count: int) -> str:
    """Return the ``count`` words before ``start`` and after ``end`` in a text, joined."""
    before = text[:start].split()[-count:]
    after = text[end:].split()[:count]
    return " ".join(before + after)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    if chunk.strip():
        left = len(chunk) - len(chunk.lstrip())
        yield start + left, start + len(chunk.rstrip())

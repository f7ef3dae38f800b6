"""Quotation marks paired over a whole article: the spans of quoted words, a piece per paragraph.

Tolerates what scrapers, careless editors and tokenized corpora leave: mixed curly and straight
marks, straight marks with a space on the inner side (`" The fire ...`, `..., " he said`), a
closing mark with no opening one (the quote then starts at its paragraph), a quote that runs
over several paragraphs (opening mark in the first, closing only in the last, or reopened at
each paragraph). The pieces of one quote over several paragraphs share a chain number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# How many paragraphs an unclosed quote may run before we stop looking for its closing mark
# (the longest multi-paragraph quote in ECB+ runs seven paragraphs).
MAX_QUOTE_PARAGRAPHS = 10

OPEN_MARKS = "“«"
CLOSE_MARKS = "”»"
STRAIGHT = '"'
# What may stand before an opening straight mark and after a closing one.
_BEFORE_OPEN = "([—–-:"
_AFTER_CLOSE = ".,;:!?)—–-…'’"


@dataclass
class QuotedSpan:
    """The quoted words of one paragraph (marks excluded) and the quote they belong to."""

    start: int  # offsets of the quoted words, marks excluded
    end: int
    chain: int  # pieces of one quote over several paragraphs share a chain


def quoted_spans(text: str) -> Iterator[QuotedSpan]:
    """Yield the spans of quoted words over the whole text, a piece per paragraph."""
    chain = 0
    # The paragraphs an open quote has run over so far: (start, end, proven), proven when
    # the piece opened with its own mark (reopened) rather than by carrying on unmarked.
    pending: list[tuple[int, int, bool]] = []
    offset = 0
    for paragraph in text.split("\n"):
        begin, offset = offset, offset + len(paragraph) + 1
        if not paragraph.strip():
            continue
        marks = [(begin + i, role) for i, role in _marks(paragraph, bool(pending))]
        opened: int | None = None
        proven = False
        if pending:
            first = marks[0] if marks else None
            if first is not None and first[1] == "open" and _at_start(text, begin, first[0]):
                proven = True  # reopened: the same quote goes on in this paragraph
            elif first is not None and first[1] == "close" and len(pending) < MAX_QUOTE_PARAGRAPHS:
                opened = begin  # carried on, unmarked, to its closing mark here
            elif first is None and len(pending) < MAX_QUOTE_PARAGRAPHS:
                pending.append((begin, begin + len(paragraph), False))
                continue
            else:
                yield from _flush(text, pending, chain, closed=False)
                chain += 1
                pending = []
        for position, role in marks:
            if role == "open":
                if opened is not None:
                    # A quote opened in this paragraph and never closed: it ends with the last
                    # sentence before this mark.
                    cut = _sentence_start(text, begin, position)
                    if cut > opened:
                        yield _trimmed(text, opened, cut, chain)
                    chain += 1
                elif pending and not proven:
                    yield from _flush(text, pending, chain, closed=False)
                    chain += 1
                    pending = []
                opened, proven = position + 1, proven or bool(pending)
            else:
                start = begin if opened is None else opened
                yield from _flush(text, pending, chain, closed=True)
                yield _trimmed(text, start, position, chain)
                chain += 1
                pending, opened, proven = [], None, False
        if opened is not None:
            pending.append((opened, begin + len(paragraph), proven or not pending))
    if pending:
        yield from _flush(text, pending, chain, closed=False)


def _flush(
    text: str, pending: list[tuple[int, int, bool]], chain: int, closed: bool
) -> Iterator[QuotedSpan]:
    """Yield the pieces of a quote over several paragraphs; unmarked ones only if it closed."""
    for start, end, proven in pending:
        if closed or proven:
            yield _trimmed(text, start, end, chain)


def _at_start(text: str, offset: int, position: int) -> bool:
    return not text[offset:position].strip()


def _marks(paragraph: str, carried: bool) -> Iterator[tuple[int, str]]:
    """Yield (index, "open"|"close") for the quotation marks of a paragraph."""
    is_open = carried
    for i, char in enumerate(paragraph):
        role = _mark_role(paragraph, i, char, is_open)
        if role is not None:
            is_open = role == "open"
            yield i, role


def _mark_role(paragraph: str, i: int, char: str, is_open: bool) -> str | None:
    """Return a mark's role; a straight mark's from its neighbours, then from the state.

    `" The fire` opens (at the paragraph's start or after a space, before a word or a space);
    `caused it, " he said` closes (after a word or a comma, whatever follows). Where both
    sides are spaces, or both words, the mark closes an open quote and opens otherwise.
    """
    if char in OPEN_MARKS:
        return "open"
    if char in CLOSE_MARKS:
        return "close"
    if char != STRAIGHT:
        return None
    before = paragraph[i - 1] if i else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    if not paragraph[:i].strip():
        return "open"
    open_side = before.isspace() or before in _BEFORE_OPEN
    close_side = after.isspace() or after in _AFTER_CLOSE
    if open_side and not close_side:
        return "open"
    if close_side and not open_side:
        return "close"
    return "close" if is_open else "open"


def _sentence_start(text: str, floor: int, before: int) -> int:
    """Return where the sentence holding position ``before`` starts (after '. '), ≥ floor."""
    cut = max(text.rfind(". ", floor, before), text.rfind("? ", floor, before))
    return cut + 1 if cut != -1 else floor


def _trimmed(text: str, start: int, end: int, chain: int) -> QuotedSpan:
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip())
    # A comma before the closing mark ("...,” Name said) is the sentence's, not the speaker's.
    stripped = chunk.rstrip().rstrip(",").rstrip()
    return QuotedSpan(start + left, start + len(stripped), chain)

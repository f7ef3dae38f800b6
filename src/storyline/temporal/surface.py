"""The text the grammar reads, and the way back to the caller's offsets.

Texts come as the caller has them: with HTML entities left in ("March&nbsp;7", "AT&amp;T"),
or with a weekday split by a line-break hyphen ("Wednes-day"). The grammar reads a repaired
copy; every span it finds is mapped back, so offsets always index the caller's text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .lexicon import MONTHS, WEEKDAYS

# An HTML character reference: named ("&amp;", "&nbsp;") or numeric ("&#8217;", "&#x2019;").
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A word broken by a hyphen, perhaps at a line end ("Wednes-day", "Wednes- day", "Decem-\nber"):
# the scan looks for the hyphen and the second half (a literal first character is quick to
# find), then reads the first half back.
_SECOND_HALF = re.compile(r"-[ \t]{0,3}(?:\r?\n[ \t]*)?([a-z]{2,12})\b")
_FIRST_HALF = re.compile(r"\b[A-Za-z]{2,12}\Z")
# The words rejoined when a hyphen splits them: names the grammar needs whole. Ordinary
# hyphenated words ("year-end", "mid-1990") are never rejoined.
REJOINED_WORDS = frozenset(
    [name.lower() for name in [*WEEKDAYS, *MONTHS] if not name.endswith(".")]
    + ["today", "yesterday", "tomorrow", "tonight", "weekend", "morning", "afternoon", "evening"]
)


@dataclass
class Surface:
    """A repaired copy of a text and the caller's offset of each of its characters."""

    original: str
    text: str
    _starts: list[int] | None = None  # caller's offset where each repaired character starts
    _ends: list[int] | None = None  # caller's offset where each repaired character ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the caller's span of a span of the repaired text."""
        if self._starts is None or self._ends is None:
            return start, end
        if end <= start:
            origin = self._starts[start] if start < len(self._starts) else len(self.original)
            return origin, origin
        return self._starts[start], self._ends[end - 1]


def surface(text: str) -> Surface:
    """Return the text the grammar reads: entities decoded, broken calendar words rejoined."""
    # Each repair: the caller's span it replaces, and the caller's (start, end) of every
    # character put in its place.
    repairs: list[tuple[int, int, list[tuple[int, int]], str]] = []
    if "&" in text:
        for match in _ENTITY.finditer(text):
            decoded = html.unescape(match.group(0)).replace("\xa0", " ")
            if decoded != match.group(0):
                places = [(match.start(), match.end())] * len(decoded)
                repairs.append((match.start(), match.end(), places, decoded))
    for match in _SECOND_HALF.finditer(text):
        first = _FIRST_HALF.search(text, max(0, match.start() - 12), match.start())
        if first is None:
            continue
        word = first.group(0) + match.group(1)
        if word.lower() in REJOINED_WORDS:
            letters = [*range(*first.span()), *range(*match.span(1))]
            places = [(offset, offset + 1) for offset in letters]
            repairs.append((first.start(), match.end(), places, word))
    if not repairs:
        return Surface(text, text)
    repairs.sort(key=lambda repair: repair[0])
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for start, end, places, replacement in repairs:
        if start < position:
            continue  # overlapping repairs: the first one stands
        pieces.append(text[position:start])
        starts.extend(range(position, start))
        ends.extend(range(position + 1, start + 1))
        pieces.append(replacement)
        starts.extend(place[0] for place in places)
        ends.extend(place[1] for place in places)
        position = end
    pieces.append(text[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    return Surface(text, "".join(pieces), starts, ends)

"""An article's clean text cut into segments, each with the annotations that cover it.

The web page draws entities, quotes and dates over the text from their character offsets. The
text is never turned into markup here: each segment keeps its characters as they are and the
template escapes them, so an article carrying ``<script>`` shows those characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise


@dataclass(frozen=True)
class Span:
    """One annotation over ``text[start:end]``: its kind (a CSS class) and a note to show."""

    start: int
    end: int
    kind: str  # entity | quote | date
    note: str = ""
    href: str | None = None  # where the annotation leads (an entity's page)


@dataclass
class Segment:
    """A run of text under the same annotations."""

    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def kinds(self) -> str:
        """Return the CSS classes of the segment: one per kind of annotation over it."""
        return " ".join(sorted({s.kind for s in self.spans}))

    @property
    def note(self) -> str:
        """Return the notes of the annotations over the segment, one per line."""
        return "\n".join(dict.fromkeys(s.note for s in self.spans if s.note))

    @property
    def href(self) -> str | None:
        return next((s.href for s in self.spans if s.href), None)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Return the text cut at every annotation boundary, in order; spans outside it are dropped."""
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    # Spans open at each cut, found by a sweep: articles have hundreds of spans, not millions.
    by_start: dict[int, list[Span]] = {}
    for span in usable:
        by_start.setdefault(span.start, []).append(span)
    open_spans: list[Span] = []
    result: list[Segment] = []
    for left, right in pairwise(cuts):
        open_spans = [s for s in open_spans if s.end > left] + by_start.get(left, [])
        result.append(Segment(text[left:right], list(open_spans)))
    return result

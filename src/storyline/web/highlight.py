"""An article's clean text cut into segments, each with the annotations that cover it.

The web page draws entities, quotes and dates over the text from their character offsets.
``to_html`` builds the page's markup from the segments, escaping every character that came
from the article (its text, the notes, the links): an article carrying ``<script>`` shows
those characters. One pass in Python, not a template loop: an article has hundreds of spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

from storyline.render import without_controls


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
    start: int = 0  # where the segment starts in the text

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
        result.append(Segment(text[left:right], list(open_spans), left))
    return result


def to_html(cut: list[Segment]) -> Markup:
    """Return the segments as HTML: plain runs escaped, annotated ones in escaped tags."""
    parts: list[str] = []
    for segment in cut:
        text = escape(without_controls(segment.text))
        if not segment.spans:
            parts.append(text)
            continue
        kinds, note, href = (
            escape(segment.kinds),
            escape(without_controls(segment.note)),
            segment.href,
        )
        # A quote's first segment is its anchor (#q-START), for links from lists and search.
        opens = any(s.kind == "quote" and s.start == segment.start for s in segment.spans)
        anchor = f' id="q-{segment.start}"' if opens else ""
        if href:
            parts.append(
                f'<a{anchor} href="{escape(href)}" class="{kinds}" title="{note}">{text}</a>'
            )
        else:
            parts.append(f'<span{anchor} class="{kinds}" title="{note}">{text}</span>')
    return Markup("".join(parts))

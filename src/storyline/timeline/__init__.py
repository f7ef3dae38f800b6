"""Timeline: grouped articles → dated events with evidence (cross-checking comes after)."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Analysis, Corpus
from storyline.timeline.events import build_events


def build_timeline(analyses: Sequence[Analysis], corpus: Corpus) -> None:
    """Add the timeline events to a grouped corpus, in place."""
    storyline_of = {p.article_id: p.storyline_id for p in corpus.placements}
    event_of = {p.article_id: p.event_id for p in corpus.placements}
    for placement, analysis in zip(corpus.placements, analyses, strict=True):
        analysis.article.duplicate_of = placement.duplicate_of
    corpus.events = build_events(analyses, storyline_of, event_of)

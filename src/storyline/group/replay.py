"""Analysts' corrections replayed on a grouping: merges and splits, in the order they were made.

A correction names the articles it was about, so it applies whatever the clustering does
with them later: merged articles are one story again, split-off articles are their own story
again, new articles that the clustering puts with them go along.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import MutableMapping, Sequence

from storyline.model import Correction, Placement, content_id


def replay(corrections: Sequence[Correction], placements: MutableMapping[str, Placement]) -> None:
    """Apply merges and splits, in order, to the placements of these articles, in place.

    Articles a correction names that are not among ``placements`` are left where they are
    (the engine regroups only the storylines a batch touches).
    """
    for correction in corrections:
        if correction.kind == "merge":
            _merge(correction, placements)
        elif correction.kind == "split":
            _split(correction, placements)


def _field(level: str) -> str:
    return "event_id" if level == "event" else "storyline_id"


def _merge(correction: Correction, placements: MutableMapping[str, Placement]) -> None:
    field = _field(correction.level)
    named = [a for a in (*correction.article_ids, *correction.other_ids) if a in placements]
    stories = {getattr(placements[a], field) for a in named}
    joined = [p for p in placements.values() if getattr(p, field) in stories]
    if not joined:
        return
    if correction.level == "event":
        # One event is in one storyline: the one most of the surviving story's articles are in.
        survivors = [placements[a].storyline_id for a in correction.article_ids if a in placements]
        storyline = Counter(survivors or [p.storyline_id for p in joined]).most_common(1)[0][0]
        for place in joined:
            place.storyline_id = storyline
    for place in joined:
        setattr(place, field, correction.story_id)


def _split(correction: Correction, placements: MutableMapping[str, Placement]) -> None:
    new_story = correction.other_id or ""
    moved = [placements[a] for a in correction.article_ids if a in placements]
    if correction.level == "event":
        storyline = Counter(p.storyline_id for p in moved).most_common(1)
        for place in moved:
            place.event_id = new_story
            place.storyline_id = storyline[0][0] if storyline else place.storyline_id
        return
    moved_ids = {p.article_id for p in moved}
    # An event with articles on both sides of a storyline split is split too: the moved part
    # becomes an event of the new storyline, with an id derived from both.
    stays = {p.event_id for p in placements.values() if p.article_id not in moved_ids}
    for place in moved:
        place.storyline_id = new_story
        if place.event_id in stays:
            place.event_id = content_id("event", new_story, place.event_id or "", prefix="e")

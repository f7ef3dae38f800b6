"""Group: the whole collection → near-duplicates, corpus entities, events and storylines.

``group`` reads every stored article's analysis at once (the corpus stages are global: a new
article can join or merge existing events) and returns the placements, entities and stories.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from storyline.group.clusters import cluster
from storyline.group.duplicates import find_duplicates
from storyline.group.entities import apply_names, resolve
from storyline.model import Analysis, Corpus, Placement, Story, content_id

# Entity names listed as a story's top entities, and the types that qualify.
TOP_ENTITIES = 5
TOPIC_TYPES = {"PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC"}


def group(analyses: Sequence[Analysis]) -> Corpus:
    """Return the corpus derivations of the grouping stage (no timeline yet)."""
    entities, renamed = resolve(analyses)
    apply_names(analyses, renamed)
    duplicates = find_duplicates([a.article for a in analyses])
    event_numbers, storyline_numbers = cluster(analyses)
    members: dict[tuple[str, int], list[Analysis]] = defaultdict(list)
    for analysis, event, storyline in zip(analyses, event_numbers, storyline_numbers, strict=True):
        members[("event", event)].append(analysis)
        members[("storyline", storyline)].append(analysis)
    story_ids = {key: _story_id(key[0], arts) for key, arts in members.items()}
    placements = [
        Placement(
            article_id=analysis.article.id,
            duplicate_of=duplicates.get(analysis.article.id),
            event_id=story_ids[("event", event)],
            storyline_id=story_ids[("storyline", storyline)],
        )
        for analysis, event, storyline in zip(
            analyses, event_numbers, storyline_numbers, strict=True
        )
    ]
    parent_of = {p.event_id: p.storyline_id for p in placements}
    stories = [
        _story(story_ids[key], key[0], arts, parent_of.get(story_ids[key]))
        for key, arts in members.items()
    ]
    return Corpus(
        placements=placements,
        entities=entities,
        stories=sorted(stories, key=lambda s: (s.level != "storyline", s.start or "", s.id)),
        canonical_names=renamed,
    )


def _story_id(level: str, members: list[Analysis]) -> str:
    return content_id(level, *sorted(a.article.id for a in members), prefix=level[0])


def _story(story_id: str, level: str, members: list[Analysis], parent: str | None) -> Story:
    dates = sorted(a.article.published for a in members if a.article.published)
    names: Counter[str] = Counter()
    for analysis in members:
        names.update({m.name for m in analysis.mentions if m.type in TOPIC_TYPES})
    # Ties broken by name: Counter keeps insertion order, here that of set iteration, which
    # changes from run to run (hash randomization); labels are made of these names.
    top = [name for name, _ in sorted(names.items(), key=lambda n: (-n[1], n[0]))][:TOP_ENTITIES]
    return Story(
        id=story_id,
        level=level,
        label=_label(level, members, top),
        article_ids=[a.article.id for a in members],
        parent_id=parent if level == "event" else None,
        start=dates[0] if dates else None,
        end=dates[-1] if dates else None,
        top_entities=top,
    )


def _label(level: str, members: list[Analysis], top: list[str]) -> str:
    """Return a readable label: an event's earliest headline, a storyline's main names."""
    if level == "storyline" and top:
        return ", ".join(top[:3])
    dated = sorted(members, key=lambda a: a.article.published or "9999")
    for analysis in dated:
        if analysis.article.title:
            return analysis.article.title
    first = dated[0].article.text.split(". ")[0]
    return first[:120]

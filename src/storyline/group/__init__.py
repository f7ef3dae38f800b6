"""Group: articles → near-duplicates, corpus entities, events and storylines.

``group`` clusters the articles it is given: the whole collection, or (as the engine does on
each ingest) the new articles with the stored storylines they may join, weighted by the whole
collection's term counts. Stories keep their ids across regroupings, and analysts'
corrections (``storyline.group.corrections``) are replayed on every one.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from storyline.group.clusters import Weights, cluster, terms
from storyline.group.duplicates import find_duplicates
from storyline.group.entities import apply_names, resolve
from storyline.group.ids import stable_ids
from storyline.group.replay import replay
from storyline.model import Analysis, Corpus, Correction, Placement, Story

# A storyline's label: its LABEL_WORDS most specific words and LABEL_NAMES most specific names,
# among those in LABEL_MIN_SHARE of its articles.
LABEL_WORDS = 2
LABEL_NAMES = 3
LABEL_MIN_SHARE = 0.3

# Entity names listed as a story's top entities, and the types that qualify.
TOP_ENTITIES = 5
TOPIC_TYPES = {"PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC"}


def group(
    analyses: Sequence[Analysis],
    *,
    previous: Mapping[str, Placement] | None = None,
    corrections: Sequence[Correction] = (),
    weights: Weights | None = None,
    duplicates: Mapping[str, str] | None = None,
) -> Corpus:
    """Return the corpus derivations of the grouping stage over these articles (no timeline).

    ``previous`` holds where these articles were before (their stories keep their ids),
    ``corrections`` the analysts' corrections to replay, ``weights`` the whole collection's
    term weights (by default these articles'), ``duplicates`` the near-duplicates already
    found (by default found among these articles).
    """
    entities, renamed = resolve(analyses)
    apply_names(analyses, renamed)
    if duplicates is None:
        duplicates = find_duplicates([a.article for a in analyses])
    event_numbers, storyline_numbers = cluster(analyses, weights)
    ids = [a.article.id for a in analyses]
    before = previous or {}
    event_ids = _numbered_ids("event", ids, event_numbers, before, "event_id")
    storyline_ids = _numbered_ids("storyline", ids, storyline_numbers, before, "storyline_id")
    placements = {
        article: Placement(article, duplicates.get(article), event, storyline)
        for article, event, storyline in zip(ids, event_ids, storyline_ids, strict=True)
    }
    replay(corrections, placements)
    return Corpus(
        placements=list(placements.values()),
        entities=entities,
        stories=stories_of(analyses, placements, corrections),
        canonical_names=renamed,
    )


def stories_of(
    analyses: Sequence[Analysis],
    placements: Mapping[str, Placement],
    corrections: Sequence[Correction] = (),
    weights: Weights | None = None,
) -> list[Story]:
    """Return the event and storyline records of placed articles, with analysts' labels.

    ``weights`` (the collection's, by default these articles') tell a storyline's specific
    terms and actors, which make its label.
    """
    documents = {a.article.id: terms(a) for a in analyses}
    weights = weights or Weights.of(list(documents.values()))
    members: dict[tuple[str, str], list[Analysis]] = defaultdict(list)
    storylines_of: dict[str, Counter[str]] = defaultdict(Counter)
    for analysis in analyses:
        place = placements[analysis.article.id]
        if place.event_id and place.storyline_id:
            members[("event", place.event_id)].append(analysis)
            members[("storyline", place.storyline_id)].append(analysis)
            storylines_of[place.event_id][place.storyline_id] += 1
    labels = {c.story_id: c.label for c in corrections if c.kind == "rename" and c.label}
    stories = []
    for (level, story_id), arts in members.items():
        parent = None
        if level == "event":
            parent = min(storylines_of[story_id].items(), key=lambda s: (-s[1], s[0]))[0]
        story = _story(story_id, level, arts, parent)
        if level == "storyline":
            story.label = _storyline_label(arts, documents, weights) or story.label
        story.label = labels.get(story_id, story.label)
        stories.append(story)
    return sorted(stories, key=lambda s: (s.level != "storyline", s.start or "", s.id))


def _numbered_ids(
    level: str,
    articles: list[str],
    numbers: list[int],
    previous: Mapping[str, Placement],
    field: str,
) -> list[str]:
    """Return, per article, the stable id of the cluster its number stands for."""
    clusters: dict[int, list[str]] = defaultdict(list)
    for article, number in zip(articles, numbers, strict=True):
        clusters[number].append(article)
    before = {a: getattr(p, field) for a, p in previous.items()}
    named = dict(zip(clusters, stable_ids(level, list(clusters.values()), before), strict=True))
    return [named[number] for number in numbers]


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


def _storyline_label(
    members: list[Analysis], documents: Mapping[str, list[str]], weights: Weights
) -> str:
    """Return a storyline's label: its most specific words, then its most specific actors.

    Specific: in many of its articles (LABEL_MIN_SHARE of them, two at least) and rare in the
    collection (article count × smoothed IDF, without the collection's common-term cut, so
    that a storyline that is the whole collection still has actors). "cipher, cable — Donald
    Lu, Asad Majeed Khan", not "Imran Khan, PTI, Islamabad" shared by every Pakistan story.
    """
    counts: Counter[str] = Counter()
    for analysis in members:
        counts.update(set(documents.get(analysis.article.id, [])))
    least = max(2, int(LABEL_MIN_SHARE * len(members))) if len(members) > 1 else 1

    def specificity(term: str) -> float:
        df = weights.df.get(term, 1)
        return counts[term] * (math.log((1 + weights.total) / (1 + df)) + 1.0)

    ranked = sorted(
        (t for t, n in counts.items() if n >= least), key=lambda t: (-specificity(t), t)
    )
    words = [t for t in ranked if not t.startswith("@")][:LABEL_WORDS]
    names = _display_names(members, [t[1:] for t in ranked if t.startswith("@")][:LABEL_NAMES])
    if not names:
        return ""
    return f"{', '.join(words)} — {', '.join(names)}" if words else ", ".join(names)


def _display_names(members: list[Analysis], lowered: list[str]) -> list[str]:
    """Return the names as the articles spell them ("donald lu" → "Donald Lu")."""
    spelled = {m.name.lower(): m.name for a in members for m in a.mentions}
    return [spelled.get(name, name) for name in lowered]


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

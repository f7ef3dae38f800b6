"""Stable story ids: a regrouped story keeps the id of the story it continues.

A story's id must survive ingests (analysts' corrections and web links name it), so ids do not
hash the member list. Each new cluster takes the previous id most of its articles had (the
largest overlap first, each previous id given once); a cluster that continues no story gets an
id derived from its founding article (its first in ingestion order), which does not change as
later articles join it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from storyline.model import content_id


def stable_ids(
    level: str, clusters: Sequence[Sequence[str]], previous: Mapping[str, str | None]
) -> list[str]:
    """Return an id per cluster of article ids (in ingestion order), continuing previous ids.

    ``previous`` maps article ids to the id of the story of this level they were in.
    """
    overlaps: list[tuple[int, int, str]] = []
    for number, members in enumerate(clusters):
        counts = Counter(previous[a] for a in members if previous.get(a))
        overlaps.extend((count, number, story) for story, count in counts.items() if story)
    ids: list[str | None] = [None] * len(clusters)
    used: set[str] = set()
    # Largest overlap first; ties to the earlier cluster, then the smaller id (deterministic).
    for _, number, story in sorted(overlaps, key=lambda o: (-o[0], o[1], o[2])):
        if ids[number] is None and story not in used:
            ids[number] = story
            used.add(story)
    for number, members in enumerate(clusters):
        if ids[number] is None:
            ids[number] = founded_id(level, members[0], used)
            used.add(ids[number] or "")
    return [i or "" for i in ids]


def founded_id(level: str, founder: str, used: set[str]) -> str:
    """Return the id of a new story founded by an article, unlike any id in ``used``."""
    salt = 0
    while True:
        parts = (level, founder) if salt == 0 else (level, founder, str(salt))
        story = content_id(*parts, prefix=level[0])
        if story not in used:
            return story
        salt += 1

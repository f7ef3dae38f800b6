"""Online storylines: new articles join stored storylines, or start new ones.

The step average-link clustering would take with the stored storylines held fixed: the new
articles are clustered among themselves, then each new group joins the candidate storyline
whose articles it is most similar to on average, when that average passes the storyline
threshold; otherwise it is a new storyline. Work is new × (new + candidates), not the square
of the stored corpus; the stored storylines that no new article joins are not touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from storyline.group.clusters import (
    STORYLINE_SIMILARITY,
    Weights,
    agglomerate,
    weighted_vectors,
)


def join_storylines(
    new: Sequence[list[str]],
    stored: Sequence[list[str]],
    stored_storylines: Sequence[str],
    weights: Weights,
) -> list[str | int]:
    """Return, per new article, the stored storyline it joins or the number of a new one.

    ``new`` and ``stored`` are term lists; ``stored_storylines`` the storyline of each stored
    article (the candidates).
    """
    if not new:
        return []
    vectors = weighted_vectors([*new, *stored], weights)
    count = len(new)
    if vectors is None:
        return list(range(count))
    new_rows = vectors[:count]
    among = np.clip((new_rows @ new_rows.T).toarray(), 0.0, 1.0)
    np.fill_diagonal(among, 1.0)
    groups = agglomerate(among) if count > 1 else [0]
    members: dict[int, list[int]] = defaultdict(list)
    for position, group in enumerate(groups):
        members[group].append(position)
    columns: dict[str, list[int]] = defaultdict(list)
    for position, storyline in enumerate(stored_storylines):
        columns[storyline].append(position)
    to_stored = (new_rows @ vectors[count:].T).toarray() if stored else np.zeros((count, 0))
    placed: list[str | int] = [0] * count
    for group, rows in members.items():
        best, best_mean = None, STORYLINE_SIMILARITY
        for storyline, cols in sorted(columns.items()):
            mean = float(to_stored[np.ix_(rows, cols)].mean())
            if mean > best_mean:
                best, best_mean = storyline, mean
        for row in rows:
            placed[row] = best if best is not None else group
    return placed

"""Events and storylines: articles clustered by what they say, who is in them, and when.

Two levels of average-link agglomerative clustering over one similarity: the cosine of TF-IDF
vectors of the body (words and word pairs) with the article's entity names added as tokens.
Events are tight clusters of articles published close together; storylines are looser
clusters of events. The thresholds are measured on ECB+ (``storyline bench groups``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.model import Analysis

# Cosine similarity above which two articles (average link) report the same event.
EVENT_SIMILARITY = 0.30

# Cosine similarity above which two articles belong to one evolving storyline.
STORYLINE_SIMILARITY = 0.10

# Articles about one event are published within days of each other; further apart, they are
# different happenings of the same kind (articles without a date are not held to this).
EVENT_WINDOW_DAYS = 10

# Entity types whose names count as topic words; repeated so a shared name weighs like the
# several content words it stands for.
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC", "LOC"}
ENTITY_WEIGHT = 2

# Vocabulary bounds: words in more than this share of articles carry no topic.
MAX_DOCUMENT_FREQUENCY = 0.5


def vectors(analyses: Sequence[Analysis]) -> np.ndarray:
    """Return L2-normalized TF-IDF rows for the articles (dense: corpora here are small)."""
    documents = [_document(a) for a in analyses]
    vectorizer = TfidfVectorizer(
        stop_words="english",
        sublinear_tf=True,
        ngram_range=(1, 2),
        min_df=1,
        max_df=MAX_DOCUMENT_FREQUENCY if len(documents) > 10 else 1.0,
        token_pattern=r"(?u)\b[^\W\d_][\w-]+\b",
    )
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:  # every word is a stop word or too frequent
        return np.zeros((len(documents), 1))
    return np.asarray(matrix.todense())


def cluster(analyses: Sequence[Analysis]) -> tuple[list[int], list[int]]:
    """Return, per article, an event number and a storyline number."""
    count = len(analyses)
    if count == 0:
        return [], []
    if count == 1:
        return [0], [0]
    matrix = vectors(analyses)
    similarity = np.clip(matrix @ matrix.T, 0.0, 1.0)
    far_apart = _far_apart(analyses)
    event_distance = 1.0 - similarity
    event_distance[far_apart] = 1.0
    events = _agglomerate(event_distance, 1.0 - EVENT_SIMILARITY)
    storylines = _agglomerate(1.0 - similarity, 1.0 - STORYLINE_SIMILARITY)
    # An event lies in one storyline: the storyline most of its articles fall in.
    by_event: dict[int, Counter[int]] = {}
    for event, storyline in zip(events, storylines, strict=True):
        by_event.setdefault(event, Counter())[storyline] += 1
    storylines = [by_event[event].most_common(1)[0][0] for event in events]
    return events, storylines


def _agglomerate(distance: np.ndarray, threshold: float) -> list[int]:
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=threshold,
    )
    return [int(label) for label in model.fit_predict(distance)]


def _far_apart(analyses: Sequence[Analysis]) -> np.ndarray:
    """Return a boolean matrix: both articles dated, and further apart than the event window."""
    days = np.array(
        [_day_number(a.article.published) for a in analyses], dtype=float
    )  # NaN when unknown
    gap = np.abs(days[:, None] - days[None, :])
    with np.errstate(invalid="ignore"):
        return np.nan_to_num(gap, nan=0.0) > EVENT_WINDOW_DAYS


def _day_number(published: str | None) -> float:
    if not published or len(published) != 10:
        return float("nan")
    return float(dt.date.fromisoformat(published).toordinal())


def _document(analysis: Analysis) -> str:
    names = [m.name.replace(" ", "_") for m in analysis.mentions if m.type in ENTITY_TYPES]
    title = analysis.article.title or ""
    return " ".join([title, analysis.article.text, *(names * ENTITY_WEIGHT)])

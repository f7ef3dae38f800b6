"""Events and storylines: articles clustered by what they say, who is in them, and when.

Two stages of average-link agglomerative clustering, storylines first, events inside them:

1. Storylines: the cosine of TF-IDF vectors over the whole collection, of an article's content
   words with its entity names added as tokens. Articles of one story share its vocabulary
   and its people, places and organisations.
2. Events: inside each storyline, the same documents re-weighted against that storyline alone
   (TF-IDF fitted on its articles, dropping the terms most of them share). The words every
   article of a storyline uses ("rehab", "earthquake", "Imran Khan") tell it from other
   stories but not one happening from another; what is left is who, where and what exactly.
   Articles published further apart than an event window are never one event.

Measured with ``storyline.bench.groups`` on ECB+ dev (759 articles parsed, 66 events in 33
topics): event B-cubed F1 0.90 with these settings, 0.89 on topics held out while choosing
them (5-fold leave-topics-out), against 0.84 held out for one-stage clustering with a tuned
threshold and 0.30 for the previous settings; storyline F1 against ECB+ topics 0.90 (0.92 held
out). The seeds (five Imran Khan articles) come out as one storyline of their four events.

Scale: the similarity matrices are dense (n × n floats: 32 MB at 2,000 articles, fine to a few
thousand; 22,000 articles ran out of memory at 8.5 GB). Past MAX_CLUSTER_ARTICLES the collection
is clustered in blocks of that many articles in publication order, which bounds memory; a story
whose articles straddle two blocks is split there. For a million articles, candidate pairs
would come from an index instead (MinHash LSH or approximate nearest neighbours over these
vectors, blocked by publication week), the clusters would be grown incrementally from a sparse
similarity graph, and only the storyline being changed would be re-split into events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from storyline.model import Analysis

# Average cosine similarity (whole-collection weights) above which articles form one
# storyline. Chosen with leave-topics-out cross-validation on ECB+ (every fold chose
# 0.03-0.05); the seeds' five Imran Khan articles (short, diverse) are one storyline at it.
STORYLINE_SIMILARITY = 0.05

# Average cosine similarity (weights fitted inside the storyline) above which articles of one
# storyline report the same event. Cross-validated on ECB+ (folds chose 0.06-0.08); low,
# because the words the storyline shares are gone and only the specifics remain.
EVENT_SIMILARITY = 0.06

# Inside a storyline, terms in more than this share of its articles are dropped from the event
# vectors (cross-validated: 0.5 in three folds of five, 0.7 in two). Terms in two articles
# always stay, so that a storyline of two articles can still be one event.
STORYLINE_SHARED_TERMS = 0.5

# Whole collection: words in more than this share of articles carry no topic (applied when the
# collection has more than SMALL_COLLECTION articles; in a handful every word may be shared).
MAX_DOCUMENT_FREQUENCY = 0.5
SMALL_COLLECTION = 10

# Articles about one event are published within days of each other; further apart, they are
# different happenings of the same story (articles without a date are not held to this).
EVENT_WINDOW_DAYS = 10

# Entity types whose names count as topic words; repeated so that a shared name weighs like
# the several content words it stands for (weights 1-3 measured alike; 2 kept).
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC", "LOC", "PRODUCT", "LAW"}
ENTITY_WEIGHT = 2

# Articles clustered at once. Average-link clustering holds the n × n similarities and sklearn
# copies them (about 3 × 8 × n² bytes: 600 MB at 5,000); larger collections are clustered in
# blocks of this many, ordered by publication day, since a story's articles are published close
# together (the bounded fallback until grouping is incremental).
MAX_CLUSTER_ARTICLES = 5_000

# Content words: letters first, then letters, digits or hyphens ("covid-19", "f-16").
_WORD = re.compile(r"(?u)\b[^\W\d_][\w-]+\b")


def terms(analysis: Analysis) -> list[str]:
    """Return an article's terms: content words (plurals folded) and its entity names."""
    text = f"{analysis.article.title or ''} {analysis.article.text}".lower()
    words = [fold_plural(w) for w in _WORD.findall(text) if w not in ENGLISH_STOP_WORDS]
    names = ["@" + m.name.lower() for m in analysis.mentions if m.type in ENTITY_TYPES]
    return words + names * ENTITY_WEIGHT


def fold_plural(word: str) -> str:
    """Return a word with a regular English plural ending removed ("protesters" → "protester").

    The parser's lemmas are not kept in an Analysis; folding plurals is the part of lemmas
    that matters for topic words, and leaves "us", "bus", "press" alone.
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def similarities(documents: Sequence[list[str]], max_df: float | int = 1.0) -> np.ndarray:
    """Return the cosine similarities of term lists' TF-IDF vectors (n × n, dense).

    The vectors stay sparse (a vocabulary of tens of thousands of terms); only the n × n
    result is dense. An article is fully similar to itself even when it has no terms.
    """
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, max_df=max_df)
    try:
        matrix = vectorizer.fit_transform(documents)  # rows are L2-normalized
    except ValueError:  # no term left: every term is too frequent, or there are none
        return np.eye(len(documents))
    similarity = np.clip((matrix @ matrix.T).toarray(), 0.0, 1.0)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def cluster(analyses: Sequence[Analysis]) -> tuple[list[int], list[int]]:
    """Return, per article, an event number and a storyline number (events nest in them).

    Over MAX_CLUSTER_ARTICLES, clustered in blocks of articles in publication order.
    """
    if len(analyses) <= MAX_CLUSTER_ARTICLES:
        return _cluster_block(analyses)
    # Undated articles last; the id breaks ties, so that the blocks do not depend on input order.
    order = sorted(
        range(len(analyses)),
        key=lambda i: (analyses[i].article.published or "~", analyses[i].article.id),
    )
    events = [0] * len(analyses)
    storylines = [0] * len(analyses)
    next_event = next_storyline = 0
    for first in range(0, len(order), MAX_CLUSTER_ARTICLES):
        block = order[first : first + MAX_CLUSTER_ARTICLES]
        block_events, block_storylines = _cluster_block([analyses[i] for i in block])
        for index, event, storyline in zip(block, block_events, block_storylines, strict=True):
            events[index] = next_event + event
            storylines[index] = next_storyline + storyline
        next_event += max(block_events) + 1
        next_storyline += max(block_storylines) + 1
    return events, storylines


def _cluster_block(analyses: Sequence[Analysis]) -> tuple[list[int], list[int]]:
    """Return, per article, an event number and a storyline number, clustering all at once."""
    count = len(analyses)
    if count == 0:
        return [], []
    if count == 1:
        return [0], [0]
    documents = [terms(a) for a in analyses]
    max_df = MAX_DOCUMENT_FREQUENCY if count > SMALL_COLLECTION else 1.0
    storylines = _agglomerate(similarities(documents, max_df), STORYLINE_SIMILARITY)
    days = np.array([_day_number(a.article.published) for a in analyses], dtype=float)
    events = [0] * count
    next_event = 0
    for storyline in sorted(set(storylines)):
        members = [i for i, s in enumerate(storylines) if s == storyline]
        for group in _event_groups([documents[i] for i in members], days[members]):
            for index in group:
                events[members[index]] = next_event
            next_event += 1
    return events, storylines


def _event_groups(documents: list[list[str]], days: np.ndarray) -> list[list[int]]:
    """Return the events of one storyline, as lists of positions in ``documents``."""
    if len(documents) == 1:
        return [[0]]
    shared = max(2, int(STORYLINE_SHARED_TERMS * len(documents)))
    similarity = similarities(documents, shared)
    similarity[_far_apart(days)] = 0.0
    labels = _agglomerate(similarity, EVENT_SIMILARITY)
    groups: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        groups.setdefault(label, []).append(position)
    return list(groups.values())


def _agglomerate(similarity: np.ndarray, threshold: float) -> list[int]:
    """Return average-link cluster labels, merging while mean similarity exceeds threshold."""
    if len(similarity) == 1:
        return [0]
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - threshold,
    )
    return [int(label) for label in model.fit_predict(1.0 - similarity)]


def _far_apart(days: np.ndarray) -> np.ndarray:
    """Return a boolean matrix: both articles dated, and further apart than the event window."""
    gap = np.abs(days[:, None] - days[None, :])
    with np.errstate(invalid="ignore"):
        return np.nan_to_num(gap, nan=0.0) > EVENT_WINDOW_DAYS


def _day_number(published: str | None) -> float:
    """Return a publication day as a day number, NaN when unknown or not a whole day."""
    if not published or len(published) != 10:
        return float("nan")
    try:
        return float(dt.date.fromisoformat(published).toordinal())
    except ValueError:
        return float("nan")


def _identity(document: list[str]) -> list[str]:
    return document

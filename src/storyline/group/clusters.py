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

Measured with ``storyline.bench.groups`` on ECB+ dev (772 articles, 66 events in 33 topics):
event B-cubed F1 0.883 with these settings, 0.882 on topics held out while choosing them
(5-fold leave-topics-out); storyline F1 against ECB+ topics 0.904 (0.954 held out). MiniLM
sentence embeddings in place of TF-IDF score lower held out (events 0.846, storylines 0.927).
The seeds (five Imran Khan articles) come out as one storyline of their four events.

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
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from storyline.model import Analysis

# Average cosine similarity (whole-collection weights) above which articles form one
# storyline. Chosen with leave-topics-out cross-validation on ECB+ (every fold chose
# 0.03-0.05); the seeds' five Imran Khan articles (short, diverse) are one storyline at it.
STORYLINE_SIMILARITY = 0.05

# Average cosine similarity (weights fitted inside the storyline) above which articles of one
# storyline report the same event; low, because the words the storyline shares are gone and
# only the specifics remain. ``storyline bench groups`` chooses it per fold on ECB+ topics
# together with STORYLINE_SHARED_TERMS: four folds of five choose 0.07 (held-out event F1
# 0.882); on all of ECB+ dev, 0.07 with 0.7 scores 0.897 but merges two of the seeds' four
# events (event F1 0.89); 0.08 with 0.7 is the best that keeps the seeds apart (0.883).
EVENT_SIMILARITY = 0.08

# Inside a storyline, terms in more than this share of its articles are dropped from the event
# vectors (chosen per fold from 0.5-1.0: 0.7 in three folds of five, 0.6 and 0.8 once). At 0.5
# the name that marks a storyline's main happening went when that happening had half its
# articles (ECB+ topic 34: "Gupta" in 15 of 29, its event split in five). Terms in two
# articles always stay, so that a storyline of two articles can still be one event.
STORYLINE_SHARED_TERMS = 0.7

# Whole collection: words in more than this share of articles carry no topic (applied when the
# collection has more than SMALL_COLLECTION articles; in a handful every word may be shared).
MAX_DOCUMENT_FREQUENCY = 0.5
SMALL_COLLECTION = 10

# Articles about one event are published within days of each other; further apart, they are
# different happenings of the same story (articles without a date are not held to this).
EVENT_WINDOW_DAYS = 10

# The lead: where an article says when its main happening was (its first two sentences or so).
LEAD_CHARS = 300

# A lead's date is the happening's when it is at most this many days before publication (news
# reports what happened days ago, weekly papers a week); older ones date the background.
REPORTING_LAG_DAYS = 14

# Calendar dates: a year, a month or a day (weeks, seasons and references do not date a lead).
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

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
    return _cosines(matrix)


@dataclass(frozen=True)
class Weights:
    """Collection-wide term weights: in how many of ``total`` articles each term occurs.

    Kept by the store as articles are added, so that a few articles are compared with the
    weights of the whole collection without reading it.
    """

    df: Mapping[str, int]
    total: int

    @classmethod
    def of(cls, documents: Sequence[list[str]]) -> Weights:
        """Return the weights of a collection of term lists."""
        df: Counter[str] = Counter()
        for document in documents:
            df.update(set(document))
        return cls(df, len(documents))

    def idf(self, term: str) -> float:
        """Return a term's inverse document frequency, 0 for terms too common to tell topics.

        As scikit-learn's smoothed IDF, with its ``max_df`` cut at MAX_DOCUMENT_FREQUENCY
        past SMALL_COLLECTION articles.
        """
        df = self.df.get(term, 1)
        if self.total > SMALL_COLLECTION and df > MAX_DOCUMENT_FREQUENCY * self.total:
            return 0.0
        return math.log((1 + self.total) / (1 + df)) + 1.0


def weighted_similarities(documents: Sequence[list[str]], weights: Weights) -> np.ndarray:
    """Return the cosine similarities of term lists weighted by collection-wide weights.

    Equal to ``similarities(documents, MAX_DOCUMENT_FREQUENCY)`` when the weights are those of
    these documents (for more than SMALL_COLLECTION of them).
    """
    vectors = weighted_vectors(documents, weights)
    return np.eye(len(documents)) if vectors is None else _cosines(vectors)


def weighted_vectors(documents: Sequence[list[str]], weights: Weights) -> sparse.csr_matrix | None:
    """Return the L2-normalized TF-IDF rows of term lists (None when no term weighs anything)."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, document in enumerate(documents):
        for term, count in Counter(document).items():
            idf = weights.idf(term)
            if idf <= 0.0:
                continue
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append((1.0 + math.log(count)) * idf)
    if not vocabulary:
        return None
    matrix = sparse.csr_matrix(
        (values, (rows, columns)), shape=(len(documents), len(vocabulary)), dtype=float
    )
    return normalize(matrix)


def _cosines(matrix: sparse.spmatrix) -> np.ndarray:
    similarity = np.clip((matrix @ matrix.T).toarray(), 0.0, 1.0)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def cluster(
    analyses: Sequence[Analysis],
    weights: Weights | None = None,
    thresholds: tuple[float, float] = (STORYLINE_SIMILARITY, EVENT_SIMILARITY),
    embeddings: np.ndarray | None = None,
    shared_terms: float = STORYLINE_SHARED_TERMS,
) -> tuple[list[int], list[int]]:
    """Return, per article, an event number and a storyline number (events nest in them).

    ``weights`` are the collection's (by default these articles'); ``thresholds`` the
    storyline and event similarities (other values when the bench chooses them on folds).
    ``embeddings`` (unit rows, one per article) replace TF-IDF at both levels: the bench's
    comparison with sentence embeddings. ``shared_terms``: STORYLINE_SHARED_TERMS, or the
    value the bench tries. Over MAX_CLUSTER_ARTICLES, clustered in blocks of
    articles in publication order.
    """
    if embeddings is not None:
        return _cluster_embedded(analyses, embeddings, thresholds)
    if len(analyses) <= MAX_CLUSTER_ARTICLES:
        return _cluster_block(analyses, weights, thresholds, shared_terms)
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
        block_events, block_storylines = _cluster_block(
            [analyses[i] for i in block], weights, thresholds, shared_terms
        )
        for index, event, storyline in zip(block, block_events, block_storylines, strict=True):
            events[index] = next_event + event
            storylines[index] = next_storyline + storyline
        next_event += max(block_events) + 1
        next_storyline += max(block_storylines) + 1
    return events, storylines


def _cluster_block(
    analyses: Sequence[Analysis],
    weights: Weights | None,
    thresholds: tuple[float, float],
    shared_terms: float = STORYLINE_SHARED_TERMS,
) -> tuple[list[int], list[int]]:
    """Return, per article, an event number and a storyline number, clustering all at once."""
    count = len(analyses)
    if count == 0:
        return [], []
    if count == 1:
        return [0], [0]
    documents = [terms(a) for a in analyses]
    if weights is None:
        max_df = MAX_DOCUMENT_FREQUENCY if count > SMALL_COLLECTION else 1.0
        similarity = similarities(documents, max_df)
    else:
        similarity = weighted_similarities(documents, weights)
    storylines = _agglomerate(similarity, thresholds[0])
    days = np.array([happening_days(a) for a in analyses], dtype=float).reshape(count, 2)

    def groups(members: list[int]) -> list[list[int]]:
        inside = [documents[i] for i in members]
        return _event_groups(inside, days[members], thresholds[1], shared_terms)

    return _number_events(storylines, groups), storylines


def _cluster_embedded(
    analyses: Sequence[Analysis], embeddings: np.ndarray, thresholds: tuple[float, float]
) -> tuple[list[int], list[int]]:
    """Return event and storyline numbers clustering the cosines of article embeddings."""
    count = len(analyses)
    if count <= 1:
        return [0] * count, [0] * count
    similarity = np.clip(embeddings @ embeddings.T, 0.0, 1.0)
    np.fill_diagonal(similarity, 1.0)
    storylines = _agglomerate(similarity, thresholds[0])
    days = np.array([happening_days(a) for a in analyses], dtype=float).reshape(count, 2)

    def groups(members: list[int]) -> list[list[int]]:
        inside = similarity[np.ix_(members, members)].copy()
        inside[_far_apart(days[members])] = 0.0
        labels = _agglomerate(inside, thresholds[1])
        return [[p for p, label in enumerate(labels) if label == k] for k in sorted(set(labels))]

    return _number_events(storylines, groups), storylines


def _number_events(
    storylines: list[int], groups: Callable[[list[int]], list[list[int]]]
) -> list[int]:
    """Return each article's event number: ``groups`` splits one storyline's members (their
    positions in the collection) into events, as lists of positions among those members."""
    events = [0] * len(storylines)
    next_event = 0
    for storyline in sorted(set(storylines)):
        members = [i for i, s in enumerate(storylines) if s == storyline]
        for group in groups(members):
            for index in group:
                events[members[index]] = next_event
            next_event += 1
    return events


def cluster_events(analyses: Sequence[Analysis]) -> list[list[int]]:
    """Return the events of one storyline's articles, as lists of positions in ``analyses``."""
    documents = [terms(a) for a in analyses]
    days = np.array([happening_days(a) for a in analyses], dtype=float).reshape(len(analyses), 2)
    return _event_groups(documents, days)


def agglomerate(similarity: np.ndarray, threshold: float = STORYLINE_SIMILARITY) -> list[int]:
    """Return average-link cluster labels of a similarity matrix (storyline threshold)."""
    return _agglomerate(similarity, threshold)


def _event_groups(
    documents: list[list[str]],
    days: np.ndarray,
    threshold: float = EVENT_SIMILARITY,
    shared_terms: float = STORYLINE_SHARED_TERMS,
) -> list[list[int]]:
    """Return the events of one storyline, as lists of positions in ``documents``."""
    if len(documents) == 1:
        return [[0]]
    shared = max(2, int(shared_terms * len(documents)))
    similarity = similarities(documents, shared)
    similarity[_far_apart(days)] = 0.0
    labels = _agglomerate(similarity, threshold)
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
    """Return a boolean matrix: both articles dated, and further apart than the event window.

    ``days`` holds each article's first and last possible day of its happening.
    """
    first, last = days[:, 0], days[:, 1]
    with np.errstate(invalid="ignore"):
        gap = np.maximum(first[:, None] - last[None, :], first[None, :] - last[:, None])
        return np.nan_to_num(gap, nan=0.0) > EVENT_WINDOW_DAYS


def happening_days(analysis: Analysis) -> tuple[float, float]:
    """Return the first and last day (day numbers) an article's main happening may be on.

    The lead says when its happening was ("on Tuesday the court acquitted", "January 31,
    2024"): a dated article's happening is the lead's first day-precise date when it falls in
    the REPORTING_LAG_DAYS before publication, else its publication day (a lead's older date
    is background: "during a meeting on March 7, 2022" in a report of 2023); an undated
    article's is its lead's first day- or month-precise date. NaN when there is none.
    """
    published = _days(analysis.article.published)
    dated = not math.isnan(published[0])
    for timex in analysis.timexes:
        if timex.type != "DATE" or timex.start is None or timex.start >= LEAD_CHARS:
            continue
        value = timex.value or ""
        if len(value) < (10 if dated else 7):  # a year, or "this year", dates nothing
            continue
        happened = _days(value)
        if math.isnan(happened[0]):
            continue
        if not dated:
            return happened
        if published[1] - REPORTING_LAG_DAYS <= happened[0] <= published[1]:
            return happened
    return published


def _days(value: str | None) -> tuple[float, float]:
    """Return the first and last day number of a YYYY, YYYY-MM or YYYY-MM-DD date; NaN if not."""
    nan = (float("nan"), float("nan"))
    if not value or not _CALENDAR.match(value):
        return nan
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value).toordinal()
            return float(day), float(day)
        if len(value) == 7:
            first = dt.date.fromisoformat(value + "-01")
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return float(first.toordinal()), float(following.toordinal() - 1)
        year = int(value)
        return float(dt.date(year, 1, 1).toordinal()), float(dt.date(year, 12, 31).toordinal())
    except ValueError:
        return nan


def _identity(document: list[str]) -> list[str]:
    return document

"""Incremental regrouping: new articles join the stored storylines they may belong to.

For each chunk of articles never grouped (in ingestion order):

1. near-duplicates: each new article's MinHash bands are looked up among the stored ones;
2. candidates: each new article's most specific terms are looked up in the inverted index of
   stored articles' most specific terms, and the storylines the hits are in are its candidates;
3. the new articles are clustered among themselves and each group joins the candidate
   storyline it is most similar to on average (``group.online``), compared by the stored
   articles' grouping terms and the whole collection's term counts; or starts a storyline;
4. the events of the storylines joined (and started) are clustered again, keeping their ids;
   corrections replay; timeline and cross-checking run on those storylines only;
5. the store replaces those storylines' records and adds the new articles' grouping state.

Work per chunk depends on the chunk and the storylines it joins, not on the stored corpus;
candidate storylines nobody joins are compared, not touched; re-ingesting nothing new
groups nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence

from storyline.crosscheck import crosscheck
from storyline.group import stories_of
from storyline.group.clusters import Weights, cluster_events, terms
from storyline.group.duplicates import find_new_duplicates
from storyline.group.entities import apply_names, resolve
from storyline.group.ids import founded_id, stable_ids
from storyline.group.online import join_storylines
from storyline.group.replay import replay
from storyline.model import Analysis, Corpus, Placement
from storyline.store.base import GroupingUpdate, Store
from storyline.timeline import build_timeline

# New articles grouped per pass. Each pass clusters them with their candidate storylines at
# once (dense similarities: a chunk and its candidates stay in the low thousands).
GROUP_CHUNK = 1_000

# Terms of an article indexed for lookup: its most specific ones by TF-IDF weight.
INDEXED_TERMS = 15

# Articles read per looked-up term (the latest indexed): a term so common that it needs more
# names no storyline in particular.
POSTINGS_PER_TERM = 200

# A stored storyline is a candidate for a new article when they share this many of the new
# article's indexed terms; each new article brings at most CANDIDATES_PER_ARTICLE storylines.
MIN_SHARED_TERMS = 2
CANDIDATES_PER_ARTICLE = 3


def regroup_new(store: Store) -> bool:
    """Group every article never grouped, chunk by chunk; False if another ingest took over."""
    while True:
        generation = store.generation()
        new_ids = store.ungrouped(GROUP_CHUNK)
        if not new_ids:
            return True
        if not store.save_grouping(_group_chunk(store, new_ids), generation):
            return False


def regroup_stored(store: Store, storylines: Collection[str]) -> None:
    """Replay the corrections on stored storylines (no reclustering) and save their records."""
    article_ids = store.storyline_articles(storylines)
    analyses = list(store.analyses(article_ids))
    placements = store.placements(article_ids)
    corrections = store.corrections()
    replay(corrections, placements)
    entities, renamed = resolve(analyses)
    apply_names(analyses, renamed)
    corpus = Corpus(
        placements=[placements[a.article.id] for a in analyses],
        entities=entities,
        stories=stories_of(analyses, placements, corrections),
    )
    build_timeline(analyses, corpus)
    crosscheck(analyses, corpus)
    touched = set(storylines) | {p.storyline_id for p in corpus.placements if p.storyline_id}
    store.save_grouping(GroupingUpdate(corpus, touched))


def _group_chunk(store: Store, new_ids: list[str]) -> GroupingUpdate:
    new = list(store.analyses(new_ids))
    named_in_chunk = resolve(new)[1]
    apply_names(new, named_in_chunk)
    duplicates, bands = find_new_duplicates(
        [a.article for a in new], store.band_matches, lambda found: _original(store, found)
    )
    new_terms = {a.article.id: terms(a) for a in new}
    counts, total = store.term_counts({t for ts in new_terms.values() for t in ts})
    df = Counter(counts)
    for document in new_terms.values():
        df.update(set(document))
    weights = Weights(df, total + len(new))
    specific = {article: _specific(document, weights) for article, document in new_terms.items()}
    # Candidates are compared by the terms stored when they were grouped, not re-read whole.
    candidate_ids = store.storyline_articles(_candidates(store, specific, weights))
    stored_terms = store.article_terms(candidate_ids)
    candidate_of = store.placements(candidate_ids)
    unseen = {t for ts in stored_terms.values() for t in ts} - set(df)
    df.update(store.term_counts(unseen)[0])
    comparable = [a for a in candidate_ids if a in stored_terms and candidate_of[a].storyline_id]
    joined = join_storylines(
        [new_terms[a.article.id] for a in new],
        [stored_terms[a] for a in comparable],
        [candidate_of[a].storyline_id or "" for a in comparable],
        weights,
    )
    joined_stored = {j for j in joined if isinstance(j, str)}
    old_ids = [a for a in store.storyline_articles(joined_stored) if a not in new_terms]
    old = list(store.analyses(old_ids))
    previous = store.placements(old_ids)
    analyses = old + new
    entities, renamed = resolve(analyses)
    apply_names(analyses, renamed)
    # The names the chunk's own articles gave ("Lu" → "Donald Lu") are saved too: the store
    # renames stored quotes and mentions through them.
    renamed = {k: renamed.get(v, v) for k, v in named_in_chunk.items()} | renamed
    storyline_of = _storylines(old, previous, new, joined)
    placements = _placements(analyses, storyline_of, previous, duplicates)
    corrections = store.corrections()
    replay(corrections, placements)
    corpus = Corpus(
        placements=[placements[a.article.id] for a in analyses],
        entities=entities,
        stories=stories_of(analyses, placements, corrections, weights),
        canonical_names=renamed,
    )
    build_timeline(analyses, corpus)
    crosscheck(analyses, corpus)
    touched = joined_stored | {p.storyline_id for p in corpus.placements if p.storyline_id}
    return GroupingUpdate(corpus, touched, terms=new_terms, postings=specific, bands=bands)


def _storylines(
    old: list[Analysis],
    previous: dict[str, Placement],
    new: list[Analysis],
    joined: list[str | int],
) -> dict[str, str]:
    """Return the storyline of every article: stored ones keep theirs, new ones join or found."""
    storyline_of = {a.article.id: previous[a.article.id].storyline_id or "" for a in old}
    used = set(storyline_of.values())
    founded: dict[int, str] = {}
    for analysis, place in zip(new, joined, strict=True):
        if isinstance(place, str):
            storyline_of[analysis.article.id] = place
            continue
        if place not in founded:
            founded[place] = founded_id("storyline", analysis.article.id, used)
            used.add(founded[place])
        storyline_of[analysis.article.id] = founded[place]
    return storyline_of


def _placements(
    analyses: list[Analysis],
    storyline_of: dict[str, str],
    previous: dict[str, Placement],
    duplicates: dict[str, str],
) -> dict[str, Placement]:
    """Return the placements of these articles: each storyline's events clustered again."""
    members: dict[str, list[Analysis]] = defaultdict(list)
    for analysis in analyses:
        members[storyline_of[analysis.article.id]].append(analysis)
    placements: dict[str, Placement] = {}
    before = {a: p.event_id for a, p in previous.items()}
    for storyline, arts in members.items():
        groups = [[arts[i].article.id for i in group] for group in cluster_events(arts)]
        for group, event in zip(groups, stable_ids("event", groups, before), strict=True):
            for article in group:
                copied = duplicates.get(article) or (
                    previous[article].duplicate_of if article in previous else None
                )
                placements[article] = Placement(article, copied, event, storyline)
    return placements


def _specific(document: Sequence[str], weights: Weights) -> list[str]:
    """Return an article's INDEXED_TERMS most specific terms (highest TF-IDF weight)."""
    counts = Counter(document)
    weighted = [(count * weights.idf(term), term) for term, count in counts.items()]
    ranked = sorted((w for w in weighted if w[0] > 0), key=lambda w: (-w[0], w[1]))
    return [term for _, term in ranked[:INDEXED_TERMS]]


def _candidates(store: Store, specific: dict[str, list[str]], weights: Weights) -> set[str]:
    """Return the stored storylines that new articles share enough specific terms with."""
    holders: dict[str, set[str]] = defaultdict(set)
    for term, article in store.postings({t for ts in specific.values() for t in ts},
                                        POSTINGS_PER_TERM):  # fmt: skip
        holders[term].add(article)
    storyline_of = {
        a: p.storyline_id
        for a, p in store.placements({a for hs in holders.values() for a in hs}).items()
        if p.storyline_id
    }
    chosen: set[str] = set()
    for article_terms in specific.values():
        shared: Counter[str] = Counter()
        scores: dict[str, float] = defaultdict(float)
        for term in article_terms:
            storylines = {storyline_of[a] for a in holders.get(term, ()) if a in storyline_of}
            shared.update(storylines)
            for storyline in storylines:
                scores[storyline] += weights.idf(term)
        ranked = sorted(
            (s for s, n in shared.items() if n >= MIN_SHARED_TERMS),
            key=lambda s: (-scores[s], s),
        )
        chosen.update(ranked[:CANDIDATES_PER_ARTICLE])
    return chosen


def _original(store: Store, matches: Iterable[str]) -> str | None:
    """Return the original of stored near-duplicates: what they copy, or the first by id."""
    originals = sorted({p.duplicate_of or p.article_id for p in store.placements(matches).values()})
    return originals[0] if originals else None

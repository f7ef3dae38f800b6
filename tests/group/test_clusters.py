"""Tests of event and storyline clustering on small built analyses."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.group import clusters
from storyline.group.clusters import cluster, fold_plural, similarities, terms
from storyline.model import Analysis, Article, Mention

# ECB+ topic 1 in miniature: two actresses entering rehab, years apart — one kind of
# happening (same words), two events (different people and places).
REID = (
    "Tara Reid checked herself into Promises Treatment Center in Malibu, her rep told People. "
    "The American Pie actress entered rehab on Tuesday, a friend of the actress said."
)
REID_AGAIN = (
    "Actress Tara Reid has entered the Promises Treatment Center in Malibu for rehab. "
    "Reid's representative Jack Ketsoyan confirmed the actress checked in this week."
)
LOHAN = (
    "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage for rehab, "
    "her lawyer said. The actress entered the clinic on Thursday under a court order."
)
LOHAN_AGAIN = (
    "Actress Lindsay Lohan entered rehab at the Betty Ford Center in Rancho Mirage on "
    "Thursday night, as a judge had ordered, her attorney Shawn Holley confirmed."
)
QUAKE = (
    "A strong earthquake of magnitude 6.1 struck northern Chile near Iquique on Sunday, "
    "shaking buildings and cutting power, Chile's emergency office Onemi said."
)
QUAKE_AGAIN = (
    "The magnitude 6.1 earthquake near Iquique in northern Chile damaged houses and cut "
    "power lines; Onemi, the emergency office, reported no deaths after the quake."
)

NAMES = {
    "Tara Reid": "PERSON",
    "Promises Treatment Center": "ORG",
    "Malibu": "GPE",
    "Jack Ketsoyan": "PERSON",
    "Lindsay Lohan": "PERSON",
    "Betty Ford Center": "ORG",
    "Rancho Mirage": "GPE",
    "Shawn Holley": "PERSON",
    "Chile": "GPE",
    "Iquique": "GPE",
    "Onemi": "ORG",
}


def analysis(number: int, text: str, published: str | None = None) -> Analysis:
    """Return an Analysis of a text with a mention for every known name it contains."""
    article_id = f"a{number}"
    mentions = []
    for name, kind in NAMES.items():
        start = text.find(name)
        if start >= 0:
            mentions.append(Mention(article_id, name, name, kind, start, start + len(name)))
    article = Article(id=article_id, source=f"{article_id}.txt", text=text, published=published)
    return Analysis(article, mentions=mentions)


def same_groups(labels: list[int]) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for position, label in enumerate(labels):
        groups.setdefault(label, set()).add(position)
    return {frozenset(group) for group in groups.values()}


def test_no_articles_and_one_article() -> None:
    assert cluster([]) == ([], [])
    assert cluster([analysis(0, REID)]) == ([0], [0])


def test_two_clear_events_are_two_events_and_two_storylines() -> None:
    texts = [REID, QUAKE, REID_AGAIN, QUAKE_AGAIN]
    events, storylines = cluster([analysis(i, t) for i, t in enumerate(texts)])
    assert same_groups(events) == {frozenset({0, 2}), frozenset({1, 3})}
    assert same_groups(storylines) == {frozenset({0, 2}), frozenset({1, 3})}


def test_same_kind_of_happening_with_other_people_is_another_event() -> None:
    texts = [REID, LOHAN, REID_AGAIN, LOHAN_AGAIN, QUAKE, QUAKE_AGAIN]
    events, _ = cluster([analysis(i, t) for i, t in enumerate(texts)])
    assert same_groups(events) == {frozenset({0, 2}), frozenset({1, 3}), frozenset({4, 5})}


def test_events_nest_inside_storylines() -> None:
    texts = [REID, LOHAN, REID_AGAIN, LOHAN_AGAIN, QUAKE, QUAKE_AGAIN]
    events, storylines = cluster([analysis(i, t) for i, t in enumerate(texts)])
    storyline_of: dict[int, int] = {}
    for event, storyline in zip(events, storylines, strict=True):
        assert storyline_of.setdefault(event, storyline) == storyline


def test_articles_published_weeks_apart_are_different_events_of_one_storyline() -> None:
    articles = [analysis(0, REID, "2008-12-02"), analysis(1, REID_AGAIN, "2009-02-20")]
    events, storylines = cluster(articles)
    assert events[0] != events[1]
    assert storylines[0] == storylines[1]
    events, _ = cluster([analysis(0, REID, "2008-12-02"), analysis(1, REID_AGAIN, "2008-12-03")])
    assert events[0] == events[1]


def test_articles_without_terms_stay_apart() -> None:
    events, storylines = cluster([analysis(0, "The and of."), analysis(1, "It was to be.")])
    assert events[0] != events[1]
    assert storylines[0] != storylines[1]


def test_similarities_are_one_on_the_diagonal_even_without_terms() -> None:
    similarity = similarities([["rehab", "@tara reid"], []])
    assert similarity[0, 0] == 1.0 and similarity[1, 1] == 1.0
    assert similarity[0, 1] == 0.0


def test_terms_fold_plurals_and_add_entity_names() -> None:
    found = terms(analysis(0, "Protesters in Chile."))
    assert "protester" in found
    assert found.count("@chile") == 2  # ENTITY_WEIGHT


def test_fold_plural_leaves_non_plurals_alone() -> None:
    assert fold_plural("casualties") == "casualty"
    assert fold_plural("quakes") == "quake"
    for word in ("press", "bus", "analysis", "us"):
        assert fold_plural(word) == word


def test_a_large_collection_is_clustered_in_bounded_blocks_by_publication(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The cap shrunk to four articles: the six fall in two blocks by publication day, and no
    # similarity matrix is larger than a block (22,000 articles once needed 8.5 GB at once).
    monkeypatch.setattr(clusters, "MAX_CLUSTER_ARTICLES", 4)
    sizes: list[int] = []
    similarities_of = clusters.similarities

    def spy(documents: Any, *args: Any) -> Any:
        sizes.append(len(documents))
        return similarities_of(documents, *args)

    monkeypatch.setattr(clusters, "similarities", spy)
    analyses = [
        analysis(0, QUAKE, "2013-09-01"),
        analysis(1, REID, "2013-07-01"),
        analysis(2, LOHAN, "2013-08-01"),
        analysis(3, QUAKE_AGAIN, "2013-09-02"),
        analysis(4, REID_AGAIN, "2013-07-02"),
        analysis(5, LOHAN_AGAIN, "2013-08-01"),
    ]
    events, storylines = cluster(analyses)
    assert max(sizes) <= 4
    assert same_groups(events) == {frozenset({1, 4}), frozenset({2, 5}), frozenset({0, 3})}
    assert sorted(set(events)) == list(range(3))  # numbers stay unique across blocks
    for event in set(events):  # events nest in storylines
        assert len({storylines[i] for i, e in enumerate(events) if e == event}) == 1
    assert cluster(list(reversed(analyses))) == (events[::-1], storylines[::-1])

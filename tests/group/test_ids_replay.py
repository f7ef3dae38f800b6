"""Stable story ids, analysts' corrections replayed on placements, and happening dates."""

from __future__ import annotations

import math

from storyline.group.clusters import Weights, happening_days, similarities, weighted_similarities
from storyline.group.ids import founded_id, stable_ids
from storyline.group.replay import replay
from storyline.model import Analysis, Article, Correction, Placement, Timex


def test_a_growing_cluster_keeps_its_founders_id() -> None:
    first = stable_ids("storyline", [["a1", "a2"]], {})
    grown = stable_ids("storyline", [["a1", "a2", "a3"]], {"a1": first[0], "a2": first[0]})
    assert grown == first
    assert first[0] == founded_id("storyline", "a1", set())


def test_a_split_cluster_gives_the_old_id_to_the_larger_part() -> None:
    before = {"a1": "s1", "a2": "s1", "a3": "s1"}
    ids = stable_ids("storyline", [["a1"], ["a2", "a3"]], before)
    assert ids[1] == "s1"
    assert ids[0] not in ("s1", "")


def test_each_previous_id_is_given_once() -> None:
    ids = stable_ids("event", [["a1"], ["a2"]], {"a1": "e1", "a2": "e1"})
    assert ids[0] == "e1"
    assert ids[1] != "e1"


def _placements(*rows: tuple[str, str, str]) -> dict[str, Placement]:
    return {a: Placement(a, None, e, s) for a, e, s in rows}


def test_a_merge_replays_on_articles_whatever_their_ids() -> None:
    places = _placements(("a1", "e1", "s1"), ("a2", "e2", "s2"), ("a3", "e3", "s2"))
    merge = Correction("merge", "storyline", "s1", "s2", ["a1"], ["a2"])
    replay([merge], places)
    assert {p.storyline_id for p in places.values()} == {"s1"}
    assert {p.event_id for p in places.values()} == {"e1", "e2", "e3"}  # events stay


def test_a_split_of_a_storyline_splits_an_event_across_it() -> None:
    places = _placements(("a1", "e1", "s1"), ("a2", "e1", "s1"), ("a3", "e2", "s1"))
    replay([Correction("split", "storyline", "s1", "s9", ["a2", "a3"])], places)
    assert places["a1"].storyline_id == "s1"
    assert places["a2"].storyline_id == places["a3"].storyline_id == "s9"
    assert places["a3"].event_id == "e2"  # wholly moved: keeps its id
    assert places["a2"].event_id not in ("e1", "e2")  # e1 was on both sides


def test_an_event_merge_brings_the_storyline_along() -> None:
    places = _placements(("a1", "e1", "s1"), ("a2", "e2", "s2"))
    replay([Correction("merge", "event", "e1", "e2", ["a1"], ["a2"])], places)
    assert places["a2"].event_id == "e1"
    assert places["a2"].storyline_id == "s1"


def _dated(published: str | None, lead: str, value: str | None) -> Analysis:
    text = f"{lead} The rest of the story follows here."
    timex = Timex("a", lead.split()[-1], lead.index(lead.split()[-1]), len(lead), "DATE", value)
    return Analysis(Article("a", "x", text, published=published), timexes=[timex])


def test_the_lead_dates_the_happening_not_the_publication() -> None:
    # An undated article: its lead's date is when it happened.
    days = happening_days(_dated(None, "The court acquitted him on January 31, 2024", "2024-01-31"))
    assert days[0] == days[1] == 738916.0
    # A dated article: a lead's date days before publication is when it happened.
    lag = happening_days(
        _dated("2024-02-05", "The court acquitted him on January 31", "2024-01-31")
    )
    assert lag == (738916.0, 738916.0)
    # A month is a span of days (read where the article is undated).
    month = happening_days(_dated(None, "Talks began in February 2024", "2024-02"))
    assert month[1] - month[0] == 28
    # Background (the seeds: "during a meeting on March 7, 2022" in a report of 2023-08-10),
    # dates announced ahead and vague dates leave a dated article at its publication day.
    for lead, value in (
        ("during a meeting on March 7, 2022", "2022-03-07"),
        ("The vote is due on 2024-05-01", "2024-05-01"),
        ("He visited Moscow earlier this year", "2024"),
    ):
        assert happening_days(_dated("2024-03-10", lead, value)) == (738955.0, 738955.0)
    assert all(math.isnan(d) for d in happening_days(_dated(None, "No date here", None)))


def test_collection_weights_equal_the_vectorizer_on_the_same_documents() -> None:
    documents = [[f"w{i % 7}", f"w{i % 3}", "common", f"x{i}"] for i in range(14)]
    expected = similarities(documents, 0.5)
    assert abs(weighted_similarities(documents, Weights.of(documents)) - expected).max() < 1e-9

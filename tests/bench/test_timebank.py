"""Tests of the TempEval-3 style scorer, the TimeBank run and the seed check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.bench.timebank import (
    Counts,
    GoldTimex,
    TimeMLDocument,
    cross_validate,
    document_folds,
    parse_timeml,
    run_timebank,
    seed_check,
    storyline_tagger,
)
from storyline.temporal import Thresholds

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
TIMEBANK = SHARED / "datasets" / "timebank"
SEEDS = SHARED / "seeds"

TINY = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>tiny</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">'
    "19980108</TIMEX3></DCT>\n<TEXT>\n"
    'Stocks <EVENT eid="e1">fell</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> after '
    '<TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3> of gains, '
    '<TIMEX3 tid="t3" type="DATE" value="1997">last year</TIMEX3>.\n'
    "</TEXT>\n</TimeML>\n"
)


def test_parse_strips_tags_and_keeps_offsets() -> None:
    document = parse_timeml(TINY, "tiny")
    assert document.reference == dt.date(1998, 1, 8)
    assert [document.text[t.start : t.end] for t in document.timexes] == [
        "yesterday",
        "a week",
        "last year",
    ]
    assert [t.value for t in document.timexes] == ["1998-01-07", "P1W", "1997"]
    assert "<" not in document.text and "19980108" not in document.text  # DCT left out


def test_counts_strict_relaxed_and_value() -> None:
    gold = [GoldTimex(0, 9, "DATE", "1998-01-07"), GoldTimex(20, 26, "DURATION", "P1W")]
    system: list[tuple[int, int, str | None]] = [
        (0, 9, "1998-01-07"),  # exact span, right value
        (14, 26, "P2W"),  # overlapping span, wrong value
        (40, 45, "1997"),  # spurious
    ]
    counts = Counts()
    counts.add(gold, system)
    counts.documents, counts.seconds = 1, 0.5
    scores = counts.scores()
    assert scores["strict_p"] == pytest.approx(1 / 3)
    assert scores["strict_r"] == pytest.approx(1 / 2)
    assert scores["relaxed_p"] == pytest.approx(2 / 3)
    assert scores["relaxed_r"] == pytest.approx(1.0)
    assert scores["value_p"] == pytest.approx(1 / 3)
    assert scores["value_r"] == pytest.approx(1 / 2)
    assert scores["value_f1"] == pytest.approx(0.4)
    assert scores["docs_per_s"] == pytest.approx(2.0)


def test_storyline_on_tiny_document() -> None:
    document = parse_timeml(TINY)
    counts = Counts()
    counts.add(document.timexes, storyline_tagger(document.text, document.reference))
    assert counts.scores()["value_f1"] == pytest.approx(1.0)


def _document(name: str, sentence: str, phrase: str, value: str) -> TimeMLDocument:
    start = sentence.index(phrase)
    gold = [GoldTimex(start, start + len(phrase), "DATE", value)]
    return TimeMLDocument(name, sentence, dt.date(2013, 3, 20), gold)


def test_folds_hold_each_document_out_once() -> None:
    documents = [_document(f"d{index}", "It fell on Monday.", "Monday", "x") for index in range(7)]
    folds = document_folds(documents, 3)
    assert sorted(index for fold in folds for index in fold) == list(range(7))
    assert [len(fold) for fold in folds] == [3, 2, 2]


def test_cross_validation_pools_the_held_out_folds() -> None:
    sentences = ["The board named a chair in January.", "The board will name a chair in January."]
    documents = [
        _document(f"d{index}", sentences[index % 2], "January", ("2013-01", "2014-01")[index % 2])
        for index in range(4)
    ]
    grid = (Thresholds(120, 40), Thresholds(60, 20))
    folds, pooled = cross_validate(documents, grid, folds=2)
    assert [fold.documents for fold in folds] == [2, 2]
    assert {fold.chosen for fold in folds} <= set(grid)
    assert pooled.documents == 4 and pooled.gold == 4
    assert pooled.value == sum(fold.counts.value for fold in folds)
    assert pooled.scores()["value_f1"] == pytest.approx(1.0)


def test_timebank_value_f1() -> None:
    if not TIMEBANK.is_dir():
        pytest.skip("../shared/datasets/timebank not found")
    results = run_timebank(TIMEBANK, {"storyline": storyline_tagger})
    scores = results["storyline"]
    assert scores["documents"] == 183
    assert scores["relaxed_f1"] >= 0.9
    assert scores["value_f1"] >= 0.8


def test_seed_events_come_out_with_their_gold_dates() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not found")
    events = seed_check(SEEDS)
    assert events, "gold.jsonl has dated events"
    in_body = [event for event in events if event.status != "not in body"]
    failures = [event for event in in_body if event.status != "ok"]
    assert not failures, failures
    # Only the byline date of seed 000 lives outside the body.
    assert [e.evidence for e in events if e.status == "not in body"] == ["August 10, 2023"]

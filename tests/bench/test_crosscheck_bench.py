"""The cross-checking bench's scoring, on hand-made records and on the example corpus."""

from __future__ import annotations

from typing import Any

from storyline.bench.crosscheck import load_gold, score
from storyline.store.sqlite import SqliteStore


def _records(**kinds: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    empty: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("articles", "contradictions", "claims", "coverage", "positions")
    }
    return empty | kinds


def _side(article: str, value: str) -> dict[str, Any]:
    return {"article_id": article, "outlet": None, "sentence": "", "value": value}


ARTICLES = [{"id": f"a{n}", "source": f"/x/{n}.txt"} for n in range(4)]
GOLD = [
    {"record": "contradiction", "kind": "date", "what": "vote",
     "a": {"file": "0.txt", "value": "2023-04"},
     "b": {"files": ["1.txt", "2.txt"], "value": "2024-04"}},
    {"record": "compatible", "a": {"file": "3.txt", "value": "2024-04"},
     "b": {"file": "1.txt", "value": "2024-04-09"}},
]  # fmt: skip


def test_a_day_inside_the_gold_month_matches() -> None:
    found = {
        "id": "c", "kind": "date", "a": _side("a0", "2023-04"), "b": _side("a1", "2024-04-09"),
        "a_all": [_side("a0", "2023-04")], "b_all": [_side("a1", "2024-04-09")],
    }  # fmt: skip
    figures = score(GOLD, _records(articles=ARTICLES, contradictions=[found]))
    assert figures["contradiction_precision"] == 1.0 and figures["contradiction_recall"] == 1.0
    assert figures["compatible_false_positives"] == 0
    assert figures["sentence_pairs"] == 1


def test_opposing_compatible_dates_is_counted() -> None:
    wrong = {
        "id": "c", "kind": "date", "a": _side("a3", "2024-04"), "b": _side("a1", "2024-04-09"),
        "a_all": [_side("a3", "2024-04")], "b_all": [_side("a1", "2024-04-09")],
    }  # fmt: skip
    figures = score(GOLD, _records(articles=ARTICLES, contradictions=[wrong]))
    assert figures["compatible_false_positives"] == 1
    assert figures["contradiction_precision"] == 0.0 and figures["contradiction_recall"] == 0.0


def test_example_corpus_against_the_gold(example_store: SqliteStore) -> None:
    kinds = ("articles", "contradictions", "claims", "coverage", "positions")
    records = {k: list(example_store.records(k)) for k in kinds}
    figures = score(load_gold("example"), records)
    assert figures["contradiction_recall"] == 1.0 and figures["contradiction_precision"] == 1.0
    assert figures["pair_recall"] == 1.0 and figures["pair_precision"] == 1.0
    assert figures["compatible_false_positives"] == 0
    assert figures["shifts_shown"] == "1/1"

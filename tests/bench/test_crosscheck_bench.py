"""The cross-checking bench's scoring, on hand-made records and on the example corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storyline.bench.crosscheck import load_gold, score, score_ecbplus
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


def test_ecbplus_is_scored_by_fold_of_topics(tmp_path: Path) -> None:
    # Lines of ECB+'s articles.jsonl name the articles; a record belongs to its first
    # article's topic, and a record outside the gold counts against precision.
    ids = ["19_1ecbplus", "19_8ecbplus", "20_3ecb", "20_1ecb"]
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps({"id": i, "text": "x"}) + "\n" for i in ids))
    stored = [{"id": f"s{n}", "source": f"{articles}#{n + 1}"} for n in range(4)]
    gold = [
        {"corpus": "ecbplus", "fold": "tune", "topic": 19, "record": "contradiction",
         "kind": "number", "what": "shots", "a": {"file": "19_1ecbplus", "value": "7"},
         "b": {"files": ["19_8ecbplus"], "value": "11"}},
        {"corpus": "ecbplus", "fold": "held-out", "record": "fold", "topics": [20]},
    ]  # fmt: skip
    right = {"id": "c1", "kind": "number", "a": _side("s0", "seven"), "b": _side("s1", "eleven")}
    wrong = {"id": "c2", "kind": "number", "a": _side("s2", "2"), "b": _side("s3", "4")}
    records = _records(articles=stored, contradictions=[right, wrong])
    figures = score_ecbplus(records, articles, gold)
    assert figures["tune"]["contradiction_precision"] == 1.0
    assert figures["tune"]["contradiction_recall"] == 1.0
    assert figures["held-out"]["contradiction_precision"] == 0.0
    assert figures["held-out"]["contradiction_recall"] is None  # no conflict in its gold

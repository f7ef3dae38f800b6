"""The bundled example corpus, end to end, against its ANSWERS.md."""

from __future__ import annotations

from typing import Any

from tests.conftest import by_file

from storyline.bench.cleaning import normalized, score_cleaning
from storyline.cli import example_corpus
from storyline.store.sqlite import SqliteStore


def _by_article(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        grouped.setdefault(record["article_id"], []).append(record)
    return grouped


def test_cleaning_matches_the_answers() -> None:
    figures = score_cleaning(example_corpus())
    assert figures["title_accuracy"] == 1.0
    assert figures["dates_wrong"] == 0 and figures["dates_invented"] == 0
    assert figures["boilerplate_precision"] >= 0.95 and figures["boilerplate_recall"] >= 0.95
    assert figures["body_lines_kept"] >= 0.99


def test_credited_sources(example_store: SqliteStore, example_answers: dict[str, Any]) -> None:
    articles = by_file(list(example_store.records("articles")))
    for name, answer in example_answers.items():
        assert articles[name]["attributed_to"] == answer["attributed_to"], name


def test_direct_quotes_and_speakers(
    example_store: SqliteStore, example_answers: dict[str, Any]
) -> None:
    articles = by_file(list(example_store.records("articles")))
    quotes = _by_article(list(example_store.records("quotes")))
    expected = found = right = 0
    for name, answer in example_answers.items():
        mine = quotes.get(articles[name]["id"], [])
        for gold in answer["quotes"]:
            expected += 1
            head = normalized(gold["text"])[:40]
            hits = [q for q in mine if q["kind"] == "direct" and head in normalized(q["text"])]
            found += bool(hits)
            right += any(q["speaker"] == gold["speaker"] for q in hits)
    assert found == expected
    assert right >= expected - 1, f"{right}/{expected} speakers right"


def test_dated_events_have_their_values(
    example_store: SqliteStore, example_answers: dict[str, Any]
) -> None:
    articles = by_file(list(example_store.records("articles")))
    timexes = _by_article(list(example_store.records("timexes")))
    missed = []
    for name, answer in example_answers.items():
        mine = timexes.get(articles[name]["id"], [])
        for event in answer.get("events", []):
            evidence = normalized(event["evidence"])
            if not any(
                normalized(t["text"])
                and (normalized(t["text"]) in evidence or evidence in normalized(t["text"]))
                and str(t["value"]).startswith(event["date"])
                for t in mine
            ):
                missed.append((name, event["evidence"], event["date"]))
    assert not missed

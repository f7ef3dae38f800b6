"""Timeline events and date contradictions, on the real seeds and the example corpus."""

from __future__ import annotations

from typing import Any

from tests.conftest import by_file

from storyline.store.sqlite import SqliteStore
from storyline.timeline.sentences import sentence_spans, terms


def test_sentences_by_offsets() -> None:
    text = "First one here. “Second,” he said. Third!\nFourth line"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["First one here.", "“Second,” he said.", "Third!", "Fourth line"]
    assert terms("The no-confidence vote was held on Tuesday") == {"no-confidenc", "vot", "held"}


def test_seed_events_carry_evidence(seed_store: SqliteStore) -> None:
    events = list(seed_store.records("events"))
    articles = {a["id"]: a for a in seed_store.records("articles")}
    meeting = [e for e in events if e["date"] == "2022-03-07"]
    assert meeting, "the March 7, 2022 meeting is on the timeline"
    cited = {
        articles[v["article_id"]]["source"].rsplit("/", 1)[1][:3]
        for e in meeting
        for v in e["evidence"]
    }
    assert {"000", "001"} <= cited
    for event in events:
        assert event["date_precision"] in ("day", "month", "year")
        for evidence in event["evidence"]:
            text = articles[evidence["article_id"]]["text"]
            assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]


def test_seed_no_confidence_vote_date_conflict(
    seed_store: SqliteStore, seed_gold: dict[str, Any]
) -> None:
    articles = by_file(list(seed_store.records("articles")))
    ids = {name[:3]: a["id"] for name, a in articles.items()}
    conflicts = [c for c in seed_store.records("contradictions") if c["kind"] == "date"]
    pairs = {frozenset((c["a"]["value"], c["b"]["value"])) for c in conflicts}
    assert frozenset(("2021-04", "2022-04")) in pairs
    involved = {c["a"]["article_id"] for c in conflicts} | {c["b"]["article_id"] for c in conflicts}
    assert ids["002"] in involved
    gold = seed_gold["002_8bc7a0dfa8afbc27.txt"]["contradictions"][0]
    assert any(ids[f[:3]] in involved for f in gold["others_in"])


def test_example_corpus_date_conflict(
    example_store: SqliteStore, example_answers: dict[str, Any]
) -> None:
    conflicts = list(example_store.records("contradictions"))
    articles = by_file(list(example_store.records("articles")))
    wrong = [name for name, answer in example_answers.items() if answer.get("contradictions")]
    assert wrong, "the example corpus has a date conflict"
    involved = {c["a"]["article_id"] for c in conflicts} | {c["b"]["article_id"] for c in conflicts}
    assert articles[wrong[0]]["id"] in involved

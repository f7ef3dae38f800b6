"""Direct and indirect quotes with speakers, on invented sentences and on the real seeds."""

from __future__ import annotations

from typing import Any

from tests.conftest import by_file

from storyline.bench.cleaning import normalized
from storyline.extract.entities import mentions
from storyline.extract.nlp import english
from storyline.extract.quotes import quotes
from storyline.model import Quote
from storyline.store.sqlite import SqliteStore


def _quotes(text: str) -> list[Quote]:
    doc = english()(text)
    return quotes(doc, mentions(doc, "a1"), "a1")


def test_quote_then_speaker_and_verb() -> None:
    [q] = [
        q
        for q in _quotes("“We will not touch that mud again,” Tomas Reyne said.")
        if q.kind == "direct"
    ]
    assert q.text == "We will not touch that mud again"
    assert q.speaker == "Tomas Reyne" and q.cue == "said"


def test_speaker_after_verb_with_title() -> None:
    text = "“The channel must be kept open for shipping,” said Harbour Authority chief Jana Okoro."
    [q] = [q for q in _quotes(text) if q.kind == "direct"]
    assert q.speaker == "Jana Okoro"


def test_pronoun_speaker_and_mixed_marks() -> None:
    text = (
        "Mayor Pieter Vandal spoke to reporters outside the hall on Thursday.\n"
        'In a statement, he said, “The council acted on the best evidence it had at the time".'
    )
    [q] = [q for q in _quotes(text) if q.kind == "direct"]
    assert q.speaker == "Pieter Vandal"
    assert q.text.startswith("The council acted on the best evidence")


def test_missing_opening_mark_and_agency_relay() -> None:
    text = (
        "The dredgers moved in before anyone had read the results, and that was the scandal,” "
        "news agency KPA quoted union leader Tomas Reyne."
    )
    [q] = [q for q in _quotes(text) if q.kind == "direct"]
    assert q.text.startswith("The dredgers moved in") and q.speaker == "Tomas Reyne"
    assert q.via == "KPA"


def test_scare_quotes_are_not_quotes() -> None:
    assert not [
        q for q in _quotes("Residents called the basin “toxic” on Monday.") if q.kind == "direct"
    ]


def test_indirect_speech() -> None:
    [q] = [
        q
        for q in _quotes(
            "Jana Okoro said that the dredging would continue while staff reviewed the tests."
        )
        if q.kind == "indirect"
    ]
    assert q.speaker == "Jana Okoro" and q.text.startswith("the dredging would continue")


def test_seed_quotes_match_gold(seed_store: SqliteStore, seed_gold: dict[str, Any]) -> None:
    articles = by_file(list(seed_store.records("articles")))
    quotes_by_article: dict[str, list[dict[str, Any]]] = {}
    for q in seed_store.records("quotes"):
        quotes_by_article.setdefault(q["article_id"], []).append(q)
    for name, gold in seed_gold.items():
        found = quotes_by_article.get(articles[name]["id"], [])
        for expected in gold["quotes"]:
            head = normalized(expected["text"])[:40]
            hits = [q for q in found if q["kind"] == "direct" and head in normalized(q["text"])]
            assert hits, (name, expected["text"])
            assert hits[0]["speaker"] == expected["speaker"], (name, hits[0])
            if expected.get("via"):
                assert hits[0]["via"] == expected["via"], (name, hits[0])
        for expected in gold["indirect_quotes"]:
            head = normalized(expected["text"])[:30]
            hits = [q for q in found if head in normalized(q["text"])]
            assert any(q["speaker"] == expected["speaker"] for q in hits), (name, expected)

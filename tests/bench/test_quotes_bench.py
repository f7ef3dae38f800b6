"""``storyline bench quotes``: the scoring rules, grouped cross-validation, and a real sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.bench.quotes import (
    ParsedSet,
    cross_validate,
    load_gold,
    run,
    same_name,
    same_words,
    score_article,
    topic_of,
)
from storyline.extract.nlp import english
from storyline.extract.quotes import DEFAULT_SETTINGS
from storyline.model import Quote

ECBPLUS_QUOTES = Path(__file__).resolve().parents[2].parent / "shared/corpus/ecbplus-quotes"


def _quote(text: str, speaker: str | None = None, via: str | None = None) -> Quote:
    return Quote("a1", text, "direct", 0, len(text), speaker=speaker, via=via)


def test_same_name_by_key_word_containment_and_acronym() -> None:
    assert same_name("Ed Snider", "Snider")
    assert same_name("Devon and Somerset Fire and Rescue", "DSFR")
    assert same_name("Brightwell Foods Inc", "Brightwell Foods")
    assert not same_name("Ed Snider", "Billy King")
    assert not same_name(None, "Billy King")


def test_same_words_allows_a_longer_found_quote() -> None:
    assert same_words("the crews got there", _quote("The crews got there within minutes."))
    assert not same_words("nobody was inside", _quote("The crews got there"))


def test_score_article_counts_found_speaker_relay_and_spurious() -> None:
    gold = {
        "file": "7_1ecb.txt",
        "quotes_complete": True,
        "quotes": [
            {"text": "We were lucky", "speaker": "Dana Holt", "via": "People"},
            {"text": "Nobody was inside", "speaker": "Dana Holt", "via": None},
        ],
        "indirect_quotes": [{"text": "the cause is not known", "speaker": "police"}],
    }
    found = [
        _quote("We were lucky", "Dana Holt", "People"),
        _quote("Nobody was inside the warehouse", "Ron Adler"),
        _quote("A Beautiful Mind"),
        Quote("a1", "the cause is not known yet", "indirect", 0, 1, speaker_mention="the police"),
    ]
    tally = score_article(gold, found)
    figures = tally.figures()
    assert figures["direct_recall"] == 1.0 and figures["speaker_acc"] == 0.5
    assert figures["via_recall"] == 1.0 and figures["direct_precision"] == round(2 / 3, 3)
    assert figures["indirect_recall"] == 1.0 and figures["indirect_speaker"] == 1.0
    assert {m["kind"] for m in tally.misses} == {"direct", "spurious"}


def test_topic_is_the_number_before_the_underscore() -> None:
    assert topic_of("12_4ecbplus.txt") == "12" and topic_of("3_1ecb.txt") == "3"


def test_cross_validation_holds_out_whole_topics() -> None:
    texts = {
        f"{topic}_{n}ecb.txt": f"“We will rebuild the pier by spring,” Mayor Linda Garcia said. {n}"
        for topic in range(1, 4)
        for n in range(1, 3)
    }
    nlp = english()
    docs = {name: nlp(text) for name, text in texts.items()}
    gold = [
        {
            "file": name,
            "quotes_complete": True,
            "quotes": [{"text": "We will rebuild the pier by spring", "speaker": "Linda Garcia"}],
            "indirect_quotes": [],
        }
        for name in texts
    ]
    parsed = ParsedSet("toy", gold, docs)
    held_out, chosen = cross_validate(parsed, folds=3)
    assert len(chosen) == 3
    assert held_out.direct == 6 and held_out.figures()["direct_recall"] == 1.0
    assert run(parsed, DEFAULT_SETTINGS)[0].figures()["speaker_acc"] == 1.0


@pytest.mark.skipif(
    not ECBPLUS_QUOTES.is_dir(), reason="../shared/corpus/ecbplus-quotes is not there"
)
def test_real_sample_of_ecbplus_quotes() -> None:
    from storyline.bench.quotes import load_articles

    gold = load_gold(ECBPLUS_QUOTES)[:6]
    articles = load_articles(ECBPLUS_QUOTES / "articles")
    nlp = english()
    docs = {g["file"]: nlp(articles[g["file"]].text) for g in gold}
    tally, _ = run(ParsedSet("sample", gold, docs), DEFAULT_SETTINGS)
    figures = tally.figures()
    assert figures["direct_recall"] is not None and figures["direct_recall"] >= 0.8
    assert figures["speaker_acc"] is not None and figures["speaker_acc"] >= 0.6

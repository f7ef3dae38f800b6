"""A long text is parsed in pieces of whole paragraphs and joined back into one document."""

from __future__ import annotations

import pytest

import storyline.extract as extract_stage
from storyline.extract import parse
from storyline.model import Article

PARAGRAPH = (
    "Mayor Ada Okoro said on Tuesday that the council of Harbourton would suspend dredging in "
    "the East Basin. “We will not dredge until the tests are back,” she said."
)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_stage, "PARSE_PIECE_CHARS", 400)


def test_pieces_join_back_into_the_text(small_pieces: None) -> None:
    text = "\n\n".join(f"{PARAGRAPH} Paragraph {n}." for n in range(12))
    pieces = extract_stage._pieces(text)
    assert len(pieces) > 3 and "".join(pieces) == text
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # cut at paragraph breaks
    unbroken = "word " * 300  # no paragraph break at all: cut after a space
    assert "".join(extract_stage._pieces(unbroken)) == unbroken


def test_a_long_text_parsed_in_pieces_is_one_document(small_pieces: None) -> None:
    text = "\n\n".join(f"{PARAGRAPH} Paragraph {n}." for n in range(12))
    [doc] = parse([text])
    assert doc.text == text
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert len(people) == 12 and all(e.text == "Ada Okoro" for e in people)
    said = [t for t in doc if t.lemma_ == "say"]
    assert len(said) == 24 and all(t.pos_ == "VERB" for t in said)  # parsed and tagged throughout


def test_quotes_of_every_piece_are_found(small_pieces: None) -> None:
    text = "\n\n".join(f"{PARAGRAPH} Paragraph {n}." for n in range(12))
    article = Article(id="a", source="a.txt", text=text, language="en")
    [analysis] = extract_stage.extract([article])
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert len(direct) == 12 and {q.speaker for q in direct} == {"Ada Okoro"}
    assert all(text[q.start : q.end] == q.text for q in direct)

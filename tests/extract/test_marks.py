"""Quotation marks paired over paragraphs, on invented texts of the shapes news and corpora have."""

from __future__ import annotations

from storyline.extract.marks import quoted_spans


def _pieces(text: str) -> list[tuple[str, int]]:
    return [(text[s.start : s.end], s.chain) for s in quoted_spans(text)]


def test_curly_pair_and_trailing_comma() -> None:
    assert _pieces("“We will rebuild,” the mayor said.") == [("We will rebuild", 0)]


def test_tokenized_straight_marks_with_inner_spaces() -> None:
    text = '" The crews got there fast.\n\nNobody was hurt, " Holt said.'
    assert _pieces(text) == [("The crews got there fast.", 0), ("Nobody was hurt", 0)]


def test_reopened_at_each_paragraph_is_one_quote() -> None:
    text = "“The river rose.\n\n“We moved forty families.”\n\nThe council meets Monday."
    pieces = _pieces(text)
    assert [p for p, _ in pieces] == ["The river rose.", "We moved forty families."]
    assert len({chain for _, chain in pieces}) == 1


def test_never_closed_quote_keeps_its_first_paragraph_only() -> None:
    text = '"The plan is dead.\n\nThe council meets on Monday.\n\nThe vote is set.'
    assert [p for p, _ in _pieces(text)] == ["The plan is dead."]


def test_closing_mark_with_no_opening_one_starts_at_the_paragraph() -> None:
    text = "The dredgers moved in first,” news agency KPA quoted Tomas Reyne."
    assert [p for p, _ in _pieces(text)] == ["The dredgers moved in first"]


def test_apostrophes_are_not_marks() -> None:
    assert _pieces("It's the mayor's plan, and it’s late.") == []

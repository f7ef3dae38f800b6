"""A long article's quotes are attributed window by window, so the cost stays linear in its size."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import storyline.extract as extract_stage
from storyline.extract import extract
from storyline.extract.nlp import english
from storyline.model import Article

NAMES = ["Ada Okoro", "Ilse Marwick", "Tomas Bell", "Rui Santos", "Mara Quint", "Lena Holt"]


def _long_article(paragraphs: int) -> str:
    return "\n\n".join(
        f"The harbour council met again on day {i} to discuss the dredging of the east basin. "
        f"“We will review sediment report number {i} before we vote,” said {NAMES[i % len(NAMES)]}, "
        "who chairs the harbour committee."
        for i in range(paragraphs)
    )


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Shrink the windows so a short article is long; return the sizes of the docs read."""
    monkeypatch.setattr(extract_stage, "QUOTE_WINDOW_CHARS", 1_500)
    monkeypatch.setattr(extract_stage, "QUOTE_CONTEXT_CHARS", 400)
    read: list[int] = []
    find_quotes = extract_stage.find_quotes

    def spy(doc: Any, *args: Any) -> Any:
        read.append(len(doc.text))
        return find_quotes(doc, *args)

    monkeypatch.setattr(extract_stage, "find_quotes", spy)
    return read


def test_a_long_article_is_read_in_bounded_windows(small_windows: list[int]) -> None:
    text = _long_article(60)  # about 13,000 characters: nine windows
    (analysis,) = extract([Article(id="a1", source="long.txt", text=text)])
    assert len(small_windows) >= 6
    assert max(small_windows) <= 2 * 1_500 + 400 + 300  # a window, its context, one sentence
    assert len(analysis.quotes) == 60
    for i, quote in enumerate(analysis.quotes):
        assert quote.text == text[quote.start : quote.end]
        assert f"report number {i} " in quote.text
        assert quote.speaker == NAMES[i % len(NAMES)]


def test_windows_give_the_quotes_of_the_whole_article(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _long_article(30)
    article = Article(id="a1", source="long.txt", text=text)
    (whole,) = extract([article])
    monkeypatch.setattr(extract_stage, "QUOTE_WINDOW_CHARS", 1_000)
    monkeypatch.setattr(extract_stage, "QUOTE_CONTEXT_CHARS", 300)
    (windowed,) = extract([article])
    assert windowed.quotes == whole.quotes


def test_paragraph_windows_cover_the_text_and_cut_at_paragraphs() -> None:
    doc = english()(_long_article(40))
    starts = [(s.start_char, s.start) for s in doc.sents]
    windows = list(extract_stage._paragraph_windows(doc.text, starts, 1_000))
    assert windows[0][0] == 0 and len(windows) > 3
    for (before, _), (own, _) in itertools.pairwise(windows):
        assert doc.text[own - 2 : own] == "\n\n"  # each window opens a paragraph
        assert own - before >= 1_000
    token_ends = [end for _, end in windows]
    assert token_ends == sorted(token_ends) and token_ends[-1] >= len(doc)

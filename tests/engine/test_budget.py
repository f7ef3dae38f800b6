"""The time budget of an article: one that stalls cleaning fails alone, the batch goes on."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

import storyline.engine as engine
from storyline.engine import ingest
from storyline.engine.budget import BudgetExceeded, time_budget
from storyline.model import Article, RawDocument
from storyline.store.sqlite import SqliteStore

BODY = "The harbour council of Harbourton voted on Tuesday to suspend dredging in the basin."


def test_a_backtracking_pattern_is_interrupted() -> None:
    started = time.monotonic()
    with pytest.raises(BudgetExceeded), time_budget(0.5):
        re.match(r"(a|aa)+$", "a" * 60 + "!")  # exponential: hours without the budget
    assert time.monotonic() - started < 5


def test_code_that_swallows_the_interrupt_is_interrupted_again() -> None:
    swallowed = []

    def stubborn() -> None:
        while True:
            try:
                while True:
                    pass
            except BaseException:  # what careless code does (a bare except)
                swallowed.append(time.monotonic())
                if len(swallowed) == 2:
                    raise

    started = time.monotonic()
    with pytest.raises(BudgetExceeded), time_budget(0.3):
        stubborn()
    assert len(swallowed) == 2 and time.monotonic() - started < 5


def test_an_article_that_stalls_cleaning_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "stall", "b"):
        (tmp_path / f"{name}.txt").write_text(f"{name.upper()} halts dredging\n\n{BODY}\n")
    clean = engine.clean

    def clean_or_stall(raw: RawDocument, *args: Any) -> Article:
        if raw.source.endswith("stall.txt"):
            re.match(r"(a|aa)+$", "a" * 60 + "!")
        return clean(raw, *args)

    monkeypatch.setattr(engine, "clean", clean_or_stall)
    store = SqliteStore(str(tmp_path / "s.db"))
    report = ingest([str(tmp_path)], store, article_seconds=5)
    assert report.added == 2
    [error] = report.errors
    assert error.source.endswith("stall.txt") and "time budget" in error.reason


def test_an_article_that_stalls_extraction_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "stall", "b"):
        (tmp_path / f"{name}.txt").write_text(f"{name.upper()} halts dredging\n\n{BODY}\n")
    extract = engine.extract

    def extract_or_stall(articles: list[Article], *args: Any) -> Any:
        if any(a.source.endswith("stall.txt") for a in articles):
            re.match(r"(a|aa)+$", "a" * 60 + "!")
        return extract(articles, *args)

    monkeypatch.setattr(engine, "extract", extract_or_stall)
    store = SqliteStore(str(tmp_path / "s.db"))
    started = time.monotonic()
    report = ingest([str(tmp_path)], store, article_seconds=0.5)
    assert time.monotonic() - started < 30  # the batch's budget (1.5 s), then each article's
    assert report.added == 2
    [error] = report.errors
    assert error.source.endswith("stall.txt") and "extraction took over 0.5 s" in error.reason


def test_articles_extracted_before_a_stall_are_kept_not_redone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b", "stall", "c"):
        (tmp_path / f"{name}.txt").write_text(f"{name.upper()} halts dredging\n\n{BODY}\n")
    extract = engine.extract
    extracted: list[str] = []

    def extract_one_by_one(articles: list[Article], *args: Any) -> Any:
        for article in articles:
            if article.source.endswith("stall.txt"):
                re.match(r"(a|aa)+$", "a" * 60 + "!")
            extracted.append(Path(article.source).name)
            yield from extract([article])

    monkeypatch.setattr(engine, "extract", extract_one_by_one)
    store = SqliteStore(str(tmp_path / "s.db"))
    report = ingest([str(tmp_path)], store, article_seconds=0.5)
    assert report.added == 3
    assert sorted(extracted) == ["a.txt", "b.txt", "c.txt"]  # each once: none redone
    assert [a.article.source for a in store.analyses()] == sorted(
        a.article.source for a in store.analyses()
    )  # stored in input order all the same


def test_a_long_article_has_a_budget_in_proportion() -> None:
    from storyline.engine.budget import BUDGET_CHARS, budget_for

    assert budget_for(30, 2_000) == 30  # a news article: the budget as given
    assert budget_for(30, 20 * BUDGET_CHARS) == 600  # 1 MB of prose: parsing alone takes minutes
    assert budget_for(None, 10**7) is None and budget_for(0, 10) is None  # no limit

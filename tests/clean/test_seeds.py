"""The cleaner on the five real seed articles, against what a careful reader found (gold.jsonl)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.bench.cleaning import normalized, score_cleaning
from storyline.clean import clean
from storyline.clean.dates import DATE_PREFIX
from storyline.ingest import read_inputs
from storyline.model import Article, RawDocument


@pytest.fixture(scope="module")
def cleaned(seeds_dir: Path) -> dict[str, Article]:
    return {
        Path(item.source).name: clean(item)
        for item in read_inputs([str(seeds_dir)])
        if isinstance(item, RawDocument)
    }


def test_every_seed_is_read(cleaned: dict[str, Article], seed_gold: dict[str, Any]) -> None:
    assert sorted(cleaned) == sorted(seed_gold)


def test_titles_and_dates_match_gold(
    cleaned: dict[str, Article], seed_gold: dict[str, Any]
) -> None:
    for name, gold in seed_gold.items():
        article = cleaned[name]
        assert normalized(article.title) == normalized(gold["title"]), name
        assert article.published == gold["published"], name
        assert article.published_source == gold["published_source"], name


def test_removed_lines_are_exactly_the_gold_boilerplate(
    cleaned: dict[str, Article], seed_gold: dict[str, Any]
) -> None:
    for name, gold in seed_gold.items():
        removed = [normalized(line) for line in cleaned[name].removed_lines]
        assert removed == [normalized(line) for line in gold["boilerplate_lines"]], name


def test_no_body_line_is_lost(
    cleaned: dict[str, Article], seed_gold: dict[str, Any], seeds_dir: Path
) -> None:
    for name, gold in seed_gold.items():
        boilerplate = {normalized(line) for line in gold["boilerplate_lines"]}
        body = cleaned[name].text.split("\n\n")
        kept = [normalized(line) for line in body]
        for line in (seeds_dir / name).read_text(encoding="utf-8").splitlines():
            line = normalized(DATE_PREFIX.sub("", line))
            if line and line not in boilerplate and line != normalized(gold["title"]):
                assert line in kept, (name, line[:60])


def test_credited_sources(cleaned: dict[str, Article], seed_gold: dict[str, Any]) -> None:
    for name, gold in seed_gold.items():
        assert set(gold["attributed_to"]) <= set(cleaned[name].attributed_to), name


def test_outlet_from_the_footer(cleaned: dict[str, Article], seed_gold: dict[str, Any]) -> None:
    for name, gold in seed_gold.items():
        if gold.get("outlet"):
            assert cleaned[name].outlet == gold["outlet"]


def test_language_and_paragraph_shape(cleaned: dict[str, Article]) -> None:
    for article in cleaned.values():
        assert article.language == "en"
        assert "\n\n\n" not in article.text and not article.text.startswith("\n")


def test_bench_figures_on_the_seeds(seeds_dir: Path) -> None:
    figures = score_cleaning(seeds_dir)
    assert figures["boilerplate_precision"] >= 0.95 and figures["boilerplate_recall"] >= 0.95
    assert figures["body_lines_kept"] >= 0.99
    assert figures["dates_wrong"] == 0 and figures["dates_invented"] == 0

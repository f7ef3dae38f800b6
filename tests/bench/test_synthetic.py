"""Synthetic stores: recombined real paragraphs, extractions re-offset, no near-copies."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storyline.bench.synthetic import Paragraph, build_store, paragraphs, synthetic_analyses
from storyline.clean import clean
from storyline.cli import example_corpus
from storyline.engine import IngestReport, _analyses, rebuild
from storyline.group.duplicates import find_duplicates
from storyline.ingest import read_inputs
from storyline.model import Analysis, RawDocument
from storyline.store.sqlite import SqliteStore


@pytest.fixture(scope="module")
def examples() -> list[Analysis]:
    articles = [clean(item) for item in read_inputs([str(example_corpus())])
                if isinstance(item, RawDocument)]  # fmt: skip
    return _analyses(articles, IngestReport(), 1, None)


@pytest.fixture(scope="module")
def pool(examples: list[Analysis]) -> list[Paragraph]:
    """Paragraphs of the example corpus as one topic (as an ECB+ topic's tens of articles)."""
    return paragraphs(examples, {a.article.id: "harbour" for a in examples})


def test_extractions_index_the_recombined_text(pool: list[Paragraph]) -> None:
    assert len(pool) > 30
    made = list(synthetic_analyses(pool, 120, seed=3))
    assert len(made) == 120
    assert len({a.article.id for a in made}) == 120
    for analysis in made:
        text = analysis.article.text
        for mention in analysis.mentions:
            assert text[mention.start : mention.end] == mention.text
        for timex in analysis.timexes:
            assert text[timex.start or 0 : timex.end or 0] == timex.text
        for quote in analysis.quotes:
            assert 0 <= quote.start < quote.end <= len(text)
    # People are renamed per story: the example's "Jana Okoro" is nowhere.
    assert not any("Okoro" in m.name for a in made for m in a.mentions)
    assert len(find_duplicates([a.article for a in made])) < 6  # recombined, not copied


def test_a_synthetic_store_groups_into_many_storylines(
    examples: list[Analysis], tmp_path: Path
) -> None:
    # Each example article its own topic: stories of different topics, different casts.
    pool = paragraphs(examples, {a.article.id: a.article.source[-12:] for a in examples})
    store = SqliteStore(str(tmp_path / "s.db"))
    assert build_store(store, pool, 300, seed=1) == 300
    rebuild(store)
    storylines = {a["storyline_id"] for a in store.records("articles")}
    assert None not in storylines
    assert 5 < len(storylines) < 300


def test_bench_scale_ingests_new_articles_into_a_built_store(
    examples: list[Analysis], tmp_path: Path
) -> None:
    from dataclasses import asdict

    from rich.console import Console

    from storyline.bench.scale import bench_scale

    cache = tmp_path / "paragraphs.json"
    pool = paragraphs(examples, {a.article.id: a.article.source[-12:] for a in examples})
    cache.write_text(json.dumps([asdict(p) for p in pool]), encoding="utf-8")
    [figures] = bench_scale(
        [60], 6, tmp_path / "no-ecbplus", Console(file=io.StringIO()), cache=cache,
        workdir=tmp_path / "work",
    )  # fmt: skip
    assert figures["added"] == 6
    assert figures["errors"] == 0
    assert figures["cpu"] > 0 and figures["peak_mb"] > 0 and figures["ner_cpu"] > 0

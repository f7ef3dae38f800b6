"""storyline bench: the whole pipeline's cost against spaCy's NER alone on the same texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from storyline.bench.pipeline import bench_pipeline, cpu_seconds, make_corpus, ner_seconds
from storyline.extract.nlp import ATTRIBUTION_PIPES, english

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "storyline" / "examples" / "corpus"


def test_every_copy_of_the_example_corpus_is_distinct_content(tmp_path: Path) -> None:
    assert make_corpus(EXAMPLE, 12, tmp_path) == 12
    texts = [p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("*.txt"))]
    assert len(texts) == len(set(texts)) == 12


def test_cpu_seconds_count_the_work_done() -> None:
    before = cpu_seconds()
    sum(i * i for i in range(300_000))
    assert cpu_seconds() > before


def test_the_ner_alone_finds_the_entities_of_the_whole_pipeline() -> None:
    text = (EXAMPLE / sorted(p.name for p in EXAMPLE.glob("*.txt"))[0]).read_text("utf-8")
    nlp = english()
    whole = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    with nlp.select_pipes(disable=list(ATTRIBUTION_PIPES)):
        alone = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    assert alone == whole


def test_ner_seconds_time_the_clean_texts(tmp_path: Path) -> None:
    make_corpus(EXAMPLE, 3, tmp_path)
    assert ner_seconds(tmp_path) > 0


def test_the_bench_reports_the_ratio_to_the_ner_alone() -> None:
    figures = bench_pipeline(EXAMPLE, 12, Console(file=None, quiet=True), workers=1)
    assert figures["articles"] == 12
    assert figures["ner_cpu_seconds"] > 0
    assert figures["cpu_ratio_to_ner"] == pytest.approx(
        figures["ingest_cpu_seconds"] / figures["ner_cpu_seconds"]
    )
    assert figures["cpu_ratio_to_ner"] > 1  # the pipeline runs the NER and more

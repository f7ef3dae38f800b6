"""``storyline bench``: whole-pipeline throughput on the example corpus, repeated to size.

Beside wall time, the bench reports what the pipeline costs against spaCy's NER alone on the
same texts, both in CPU seconds of this process and its parser processes: the NER is the one
model storyline cannot do without, so the ratio says what everything else adds.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from storyline.clean import clean
from storyline.engine import ingest
from storyline.extract import BATCH_SIZE, PARSED_LANGUAGES
from storyline.extract.nlp import ATTRIBUTION_PIPES, english
from storyline.ingest import read_inputs
from storyline.model import RawDocument
from storyline.store.sqlite import SqliteStore


def make_corpus(example: Path, articles: int, folder: Path) -> int:
    """Write the example corpus repeated to ``articles`` files; return how many were written.

    Each copy gets its copy number in a closing line, so that every file is distinct content
    (identical content would be stored once) while cleaning and extraction do the same work.
    """
    originals = sorted(p for p in example.glob("*.txt"))
    for index in range(articles):
        source = originals[index % len(originals)]
        text = source.read_text(encoding="utf-8").rstrip("\n")
        (folder / f"{index:06d}-{source.name}").write_text(
            f"{text}\n\nThis is copy {index} of the example article.\n", encoding="utf-8"
        )
    return articles


def _cleaning_rate(folder: Path) -> float:
    """Return articles/s of reading and cleaning alone (no extraction, no store)."""
    started = time.perf_counter()
    count = 0
    for item in read_inputs([str(folder)]):
        if isinstance(item, RawDocument):
            clean(item)
            count += 1
    seconds = time.perf_counter() - started
    return count / seconds if seconds else 0.0


def cpu_seconds() -> float:
    """Return the CPU seconds of this process and of its finished children (parser workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def ner_seconds(folder: Path) -> float:
    """Return the CPU seconds of spaCy's NER alone over the folder's clean English texts.

    The texts are those the pipeline would parse (cleaned, English or undetermined); reading,
    cleaning and loading the model are not counted.
    """
    texts = []
    for item in read_inputs([str(folder)]):
        if isinstance(item, RawDocument):
            article = clean(item)
            if article.language in PARSED_LANGUAGES:
                texts.append(article.text)
    nlp = english()
    started = cpu_seconds()
    with nlp.select_pipes(disable=list(ATTRIBUTION_PIPES)):
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
    return cpu_seconds() - started


def bench_pipeline(
    example: Path, articles: int, console: Console, workers: int = 1
) -> dict[str, float]:
    """Ingest the repeated example corpus into a new SQLite file; print and return figures."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        make_corpus(example, articles, folder)
        store = SqliteStore(str(Path(scratch) / "bench.db"))
        stages: dict[str, float] = {}
        corpus_started = [0.0]

        def progress(source: str) -> None:
            if source == "corpus":
                corpus_started[0] = time.perf_counter()

        clean_rate = _cleaning_rate(folder)
        ner_cpu = ner_seconds(folder)
        started = time.perf_counter()
        cpu_started = cpu_seconds()
        report = ingest([str(folder)], store, progress=progress, workers=workers)
        finished = time.perf_counter()
        ingest_cpu = cpu_seconds() - cpu_started
        counts = {kind: store.count(kind) for kind in ("articles", "events", "stories")}
        store.close()
    total = finished - started
    stages["articles"] = report.added
    stages["seconds"] = total
    stages["articles_per_second"] = report.added / total if total else 0.0
    stages["cleaning_articles_per_second"] = clean_rate
    stages["corpus_stage_seconds"] = finished - corpus_started[0] if corpus_started[0] else 0.0
    stages["ingest_cpu_seconds"] = ingest_cpu
    stages["ner_cpu_seconds"] = ner_cpu
    stages["cpu_ratio_to_ner"] = ingest_cpu / ner_cpu if ner_cpu else 0.0
    stages["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table = Table(
        title=f"storyline bench: whole pipeline, {articles} articles, {workers} parser process(es)"
    )
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_row("articles stored", f"{report.added:,}")
    table.add_row("ingest wall time (s)", f"{total:.1f}")
    table.add_row("articles / s", f"{stages['articles_per_second']:.1f}")
    table.add_row("cleaning stage alone: articles / s", f"{clean_rate:.1f}")
    table.add_row("of which corpus stages (s)", f"{stages['corpus_stage_seconds']:.1f}")
    table.add_row("ingest, end to end: CPU s", f"{ingest_cpu:.1f}")
    table.add_row("spaCy NER alone, same texts: CPU s", f"{ner_cpu:.1f}")
    table.add_row("end to end ÷ NER alone (CPU)", f"{stages['cpu_ratio_to_ner']:.2f}")
    table.add_row("events, stories stored", f"{counts['events']:,}, {counts['stories']:,}")
    table.add_row("peak RSS (MB)", f"{stages['peak_rss_mb']:.0f}")
    console.print(table)
    return stages

"""``storyline bench groups``: event and storyline clustering against ECB+ and the seeds.

Runs the pipeline's own stages (read, clean, extract) on ECB+ dev, clusters the analyses with
``storyline.group.clusters.cluster`` and scores B-cubed precision, recall and F1 of the event
level against ECB+ ``event`` (two real happenings per topic) and of the storyline level
against ``topic``; the seeds' gold ``event`` and ``storyline`` likewise. Articles/s counts the
clustering step alone (parsing dominates the pipeline and is measured elsewhere).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from storyline.bench.minilm import embeddings
from storyline.clean import clean
from storyline.errors import InputError
from storyline.extract import extract
from storyline.group.clusters import STORYLINE_SHARED_TERMS, cluster
from storyline.group.entities import apply_names, resolve
from storyline.ingest import read_inputs
from storyline.model import Analysis, Article, RawDocument

# Articles extracted per call; a stage that fails on one article is retried one by one.
EXTRACT_CHUNK = 64

# What failed in the stages before grouping during the last run (reported, not raised).
FAILURES: list[str] = []


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Return B-cubed precision, recall and F1 of a clustering against gold classes.

    Per item: precision is the share of its predicted cluster that shares its gold class,
    recall the share of its gold class that shares its predicted cluster; both averaged.
    """
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    if len(gold) == 0:
        return 1.0, 1.0, 1.0
    pairs = Counter(zip(predicted, gold, strict=True))
    clusters = Counter(predicted)
    classes = Counter(gold)
    precision = sum(n * n / clusters[p] for (p, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / classes[g] for (_, g), n in pairs.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ecbplus_analyses(
    folder: Path, topics: set[int] | None = None
) -> tuple[list[Analysis], list[dict[str, Any]]]:
    """Return the analyses of ECB+ ``articles.jsonl`` and their gold records, in one order.

    ``topics`` keeps only the articles of those gold topics (a quicker run for tests).
    """
    ids = [
        json.loads(line)["id"]
        for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    gold = _gold_by(folder / "gold.jsonl", "id")
    articles: list[Article] = []
    keys: list[str] = []
    for item in read_inputs([str(folder / "articles.jsonl")]):
        if not isinstance(item, RawDocument):
            continue
        number = int(item.source.rsplit("#", 1)[1])  # JSON Lines sources are "path#N"
        if topics is not None and gold[ids[number - 1]]["topic"] not in topics:
            continue
        article = _clean(item)
        if article is not None:
            articles.append(article)
            keys.append(ids[number - 1])
    return _extract(articles), [gold[key] for key in keys]


def seed_analyses(folder: Path) -> tuple[list[Analysis], list[dict[str, Any]]]:
    """Return the analyses of the seed articles named in ``gold.jsonl`` and their gold."""
    gold = _gold_by(folder / "gold.jsonl", "file")
    return _analyses_with_gold(folder, gold)


def _analyses_with_gold(
    folder: Path, gold: dict[str, dict[str, Any]]
) -> tuple[list[Analysis], list[dict[str, Any]]]:
    """Return the analyses of the gold's articles (by file name in ``folder``), with their gold."""
    articles: list[Article] = []
    keys: list[str] = []
    for item in read_inputs([str(folder / name) for name in gold]):
        if isinstance(item, RawDocument):
            article = _clean(item)
            if article is not None:
                articles.append(article)
                keys.append(Path(item.source).name)
    return _extract(articles), [gold[key] for key in keys]


def score_groups(
    analyses: Sequence[Analysis], gold: Sequence[dict[str, Any]], event: str, storyline: str
) -> dict[str, float]:
    """Return B-cubed figures of ``cluster`` against two gold fields, and its articles/s.

    Entity names are made corpus-canonical first, as ``storyline.group.group`` does (this
    renames the analyses' mentions in place); only ``cluster`` itself is timed.
    """
    apply_names(analyses, resolve(analyses)[1])
    started = time.perf_counter()
    events, storylines = cluster(analyses)
    seconds = time.perf_counter() - started
    figures: dict[str, float] = {"articles": len(analyses), "seconds": seconds}
    for level, predicted, field in (("event", events, event), ("storyline", storylines, storyline)):
        labels = [g[field] for g in gold]
        precision, recall, f1 = bcubed(predicted, labels)
        figures[f"{level}_precision"] = precision
        figures[f"{level}_recall"] = recall
        figures[f"{level}_f1"] = f1
        figures[f"{level}_clusters"] = len(set(predicted))
        figures[f"{level}_gold_clusters"] = len(set(labels))
    figures["articles_per_second"] = len(analyses) / seconds if seconds else 0.0
    return figures


# Thresholds tried on the training topics of each fold (storyline, then event similarity).
STORYLINE_GRID = (0.03, 0.04, 0.05, 0.06, 0.08, 0.10)
EVENT_GRID = (0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.12)
# With the event threshold: the share of a storyline's articles past which a term is dropped
# from its event vectors (STORYLINE_SHARED_TERMS).
SHARED_TERMS_GRID = (0.5, 0.6, 0.7, 0.8, 1.0)
FOLDS = 5

# The same for MiniLM embeddings' cosines (higher: unrelated news texts are at 0.1-0.3).
MINILM_STORYLINE_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
MINILM_EVENT_GRID = (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)


def held_out(
    analyses: Sequence[Analysis],
    gold: Sequence[dict[str, Any]],
    folds: int = FOLDS,
    embeddings: np.ndarray | None = None,
) -> dict[str, float]:
    """Return B-cubed figures on ECB+ topics held out while the thresholds were chosen.

    Topics are dealt into ``folds`` folds; on each, the storyline threshold that scores best
    on the other folds' topics is chosen from STORYLINE_GRID, then the event threshold and the
    shared-terms cut from EVENT_GRID × SHARED_TERMS_GRID; the held-out topics are clustered
    with them. Figures pool every fold's
    held-out clusters (numbered apart per fold). With ``embeddings`` (one row per article),
    articles are compared by their cosines instead of TF-IDF, on the MINILM grids.
    """
    storyline_grid, event_grid = (
        (STORYLINE_GRID, EVENT_GRID)
        if embeddings is None
        else (MINILM_STORYLINE_GRID, MINILM_EVENT_GRID)
    )
    topics = sorted({g["topic"] for g in gold})
    fold_of = {topic: number % folds for number, topic in enumerate(topics)}
    events: list[tuple[int, int]] = [(0, 0)] * len(gold)
    storylines: list[tuple[int, int]] = [(0, 0)] * len(gold)
    chosen: list[tuple[float, ...]] = []
    shared_grid = SHARED_TERMS_GRID if embeddings is None else (STORYLINE_SHARED_TERMS,)
    for fold in range(folds):
        train = [i for i, g in enumerate(gold) if fold_of[g["topic"]] != fold]
        test = [i for i, g in enumerate(gold) if fold_of[g["topic"]] == fold]
        train_set = [analyses[i] for i in train]
        labels = [gold[i] for i in train]
        vectors = None if embeddings is None else embeddings[train]
        storyline = max(
            storyline_grid,
            key=lambda t: (
                _f1(train_set, labels, (t, event_grid[0]), 1, "topic", vectors),
                -t,
            ),
        )
        event, shared = max(
            ((t, s) for s in shared_grid for t in event_grid),
            key=lambda ts: (
                _f1(train_set, labels, (storyline, ts[0]), 0, "event", vectors, ts[1]),
                -ts[0],
                -ts[1],
            ),
        )
        chosen.append((storyline, event, shared))
        found_events, found_storylines = cluster(
            [analyses[i] for i in test],
            thresholds=(storyline, event),
            embeddings=None if embeddings is None else embeddings[test],
            shared_terms=shared,
        )
        for index, e, s in zip(test, found_events, found_storylines, strict=True):
            events[index], storylines[index] = (fold, e), (fold, s)
    figures: dict[str, float] = {}
    for level, predicted, field in (("event", events, "event"), ("storyline", storylines, "topic")):
        labels_all = [g[field] for g in gold]
        precision, recall, f1_all = bcubed(predicted, labels_all)
        figures[f"{level}_precision"], figures[f"{level}_recall"] = precision, recall
        figures[f"{level}_f1"] = f1_all
        figures[f"{level}_clusters"] = len(set(predicted))
        figures[f"{level}_gold_clusters"] = len(set(labels_all))
    figures["chosen"] = chosen  # type: ignore[assignment]
    return figures


def _f1(
    analyses: list[Analysis],
    gold: list[dict[str, Any]],
    thresholds: tuple[float, float],
    level: int,
    field: str,
    embeddings: np.ndarray | None = None,
    shared_terms: float = STORYLINE_SHARED_TERMS,
) -> float:
    """Return the B-cubed F1 of one level (0 events, 1 storylines) at these thresholds."""
    found = cluster(
        analyses, thresholds=thresholds, embeddings=embeddings, shared_terms=shared_terms
    )[level]
    return bcubed(found, [g[field] for g in gold])[2]


def example_analyses(folder: Path) -> tuple[list[Analysis], list[dict[str, Any]]]:
    """Return the analyses of an example corpus and their gold events (ANSWERS.md's table).

    Every article of an example corpus without a ``storyline`` column is of one storyline.
    """
    rows = re.findall(
        r"^\| `([^`]+\.txt)` \|.*?\| `([^`]+)` \|(?: `([^`]+)` \|)?$",
        (folder / "ANSWERS.md").read_text(encoding="utf-8"),
        flags=re.M,
    )
    gold = {
        name: {"event": event, "storyline": storyline or "one"} for name, event, storyline in rows
    }
    return _analyses_with_gold(folder, gold)


def bench_groups(
    ecbplus: Path,
    seeds: Path | None,
    console: Console,
    examples: Sequence[Path] = (),
    minilm: bool = False,
) -> dict[str, Any]:
    """Print and return B-cubed figures of events and storylines on ECB+ dev (and the seeds).

    With ``minilm``, also the held-out figures of the packaged MiniLM's embeddings in place
    of TF-IDF (``storyline.bench.minilm``), and the seconds they took to compute.
    """
    FAILURES.clear()
    analyses, gold = ecbplus_analyses(ecbplus)
    apply_names(analyses, resolve(analyses)[1])
    results: dict[str, Any] = {"ecbplus held-out topics": held_out(analyses, gold)}
    if minilm:
        started = time.process_time()
        vectors = embeddings(analyses)
        encoding = time.process_time() - started
        results["ecbplus held-out topics, MiniLM"] = held_out(analyses, gold, embeddings=vectors)
        results["ecbplus held-out topics, MiniLM"]["encoding_cpu"] = encoding
    results["ecbplus"] = score_groups(analyses, gold, "event", "topic")
    if seeds is not None:
        seed_set, seed_gold = seed_analyses(seeds)
        results["seeds"] = score_groups(seed_set, seed_gold, "event", "storyline")
    for folder in examples:
        example_set, example_gold = example_analyses(folder)
        results[f"example {folder.name}"] = score_groups(
            example_set, example_gold, "event", "storyline"
        )
    table = Table(title="storyline bench groups: B-cubed of events and storylines")
    table.add_column("set")
    table.add_column("level")
    for name in ("clusters (gold)", "precision", "recall", "F1"):
        table.add_column(name, justify="right")
    for name, figures in results.items():
        for level in ("event", "storyline"):
            table.add_row(
                name,
                level,
                f"{figures[f'{level}_clusters']:.0f} ({figures[f'{level}_gold_clusters']:.0f})",
                f"{figures[f'{level}_precision']:.3f}",
                f"{figures[f'{level}_recall']:.3f}",
                f"{figures[f'{level}_f1']:.3f}",
            )
    console.print(table)
    for name, figures in results.items():
        if "chosen" in figures:
            console.print(
                f"{name}: chosen per fold (storyline, event, shared-terms cut): "
                + ", ".join("(" + ", ".join(f"{v:.2f}" for v in c) + ")" for c in figures["chosen"])
            )
        if "encoding_cpu" in figures:
            console.print(
                f"MiniLM embeddings of {len(analyses)} articles: "
                f"{figures['encoding_cpu']:.0f} CPU s (NumPy forward pass)"
            )
    speed = results["ecbplus"]
    console.print(
        f"clustering {speed['articles']:.0f} articles: {speed['seconds']:.2f} s, "
        f"{speed['articles_per_second']:,.0f} articles/s"
    )
    if FAILURES:  # bugs of earlier stages: those articles are left out or lack extraction
        console.print(f"{len(FAILURES)} articles failed in cleaning or extraction:")
        for failure in FAILURES:
            console.print(f"  {failure}", markup=False)
    results["failures"] = list(FAILURES)
    return results


def _gold_by(path: Path, key: str) -> dict[str, dict[str, Any]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {record[key]: record for record in records}


def _clean(raw: RawDocument) -> Article | None:
    try:
        return clean(raw)
    except InputError:
        return None
    except Exception as error:  # a stage's bug on one article must not stop the bench
        FAILURES.append(f"clean {raw.source}: {type(error).__name__} {error}")
        return None


def _extract(articles: Sequence[Article]) -> list[Analysis]:
    """Return the analyses of the articles; one whose extraction fails keeps its text only."""
    analyses: list[Analysis] = []
    for start in range(0, len(articles), EXTRACT_CHUNK):
        chunk = articles[start : start + EXTRACT_CHUNK]
        try:
            analyses.extend(list(extract(chunk)))  # all or nothing: a failure yields partway
            continue
        except Exception:  # retried one by one below, to keep the others
            pass
        for article in chunk:
            try:
                analyses.extend(list(extract([article])))
            except Exception as error:
                FAILURES.append(f"extract {article.source}: {type(error).__name__} {error}")
                analyses.append(Analysis(article))
    return analyses

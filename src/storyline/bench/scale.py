"""``storyline bench scale``: ingesting new articles into synthetic stores of growing size.

For each size N: a store of N synthetic articles (``storyline.bench.synthetic``: real ECB+
paragraphs recombined, extractions re-offset, no parsing) is built and grouped; then NEW
synthetic articles (half continuing stories of the store, half new stories) are written as a
JSON Lines file and ingested through the whole pipeline (read, clean, extract with spaCy,
group, date, cross-check, save), in a process of its own so that its peak memory is its own.
Beside it, spaCy's NER alone on the same texts. CPU seconds count parser processes too.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from storyline.bench.synthetic import build_store, load_paragraphs, synthetic_analyses
from storyline.errors import StorylineError

# Where the extracted ECB+ paragraphs are cached between runs.
DEFAULT_CACHE = Path.home() / ".cache" / "storyline" / "synthetic-paragraphs.json"

# The child that ingests the new articles: prints its figures as one JSON line.
_INGEST = """
import json, resource, sys, time
from pathlib import Path
from storyline.bench.pipeline import cpu_seconds, ner_seconds
from storyline.engine import ingest
from storyline.extract import english
from storyline.clean.line_model import packaged_model
from storyline.store.sqlite import SqliteStore

db, new_file, ner_folder = sys.argv[1:]
english(); packaged_model()  # models load before the clock starts, as in a long-running ingest
store = SqliteStore(db)
cpu, wall = cpu_seconds(), time.perf_counter()
report = ingest([new_file], store, workers=1)
cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
ner = ner_seconds(Path(ner_folder))
print(json.dumps({"added": report.added, "errors": len(report.errors), "cpu": cpu,
                  "wall": wall, "peak_mb": peak, "ner_cpu": ner}))
"""


def bench_scale(
    sizes: list[int],
    new: int,
    ecbplus: Path,
    console: Console,
    *,
    cache: Path = DEFAULT_CACHE,
    workdir: Path | None = None,
    keep: bool = False,
) -> list[dict[str, Any]]:
    """Print and return, per store size, the cost of ingesting ``new`` articles into it."""
    pool = load_paragraphs(cache, ecbplus)
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = workdir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            db = folder / f"synthetic-{size}.db"
            for leftover in folder.glob(f"synthetic-{size}.db*"):
                leftover.unlink()
            figures: dict[str, Any] = {"size": size, "new": new}
            started, wall = _cpu(), time.perf_counter()
            figures["build_peak_mb"] = _in_child(_build, str(db), str(cache), str(ecbplus), size)
            figures["build_cpu"], figures["build_wall"] = (
                _cpu() - started,
                time.perf_counter() - wall,
            )
            new_file, ner_folder = _new_articles(pool, size, new, folder)
            figures.update(_ingest(db, new_file, ner_folder))
            figures["per_article_cpu"] = figures["cpu"] / max(1, figures["added"])
            results.append(figures)
            console.print(
                f"{size:,} stored: {new} new in {figures['wall']:.1f} s wall, "
                f"{figures['cpu']:.1f} s CPU, peak {figures['peak_mb']:.0f} MB",
                highlight=False,
            )
            if not keep:
                for leftover in folder.glob(f"synthetic-{size}.db*"):
                    leftover.unlink()
    _print(results, console)
    return results


def _build(db: str, cache: str, ecbplus: str, size: int) -> None:
    """Build and group a synthetic store (run in a child process)."""
    from storyline.engine import rebuild
    from storyline.store.sqlite import SqliteStore

    store = SqliteStore(db)
    build_store(store, load_paragraphs(Path(cache), Path(ecbplus)), size, seed=1)
    rebuild(store)
    store.close()


def _in_child(function: Any, *arguments: Any) -> float:
    """Run a function of this module in a child process; return the child's peak RSS in MB."""
    code = (
        "import resource, sys\n"
        "from storyline.bench import scale\n"
        f"scale.{function.__name__}(*{arguments!r})\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise StorylineError(f"building the store failed: {_last_line(done.stderr)}")
    return float(done.stdout.strip().splitlines()[-1])


def _last_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    return lines[-1] if lines else "no message"


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def _new_articles(pool: Any, size: int, new: int, folder: Path) -> tuple[Path, Path]:
    """Write ``new`` synthetic articles as JSON Lines and as text files (for NER alone).

    The first half continue the last stories of the store (same seed, so the same stories);
    the second half are new stories (another seed).
    """
    continuing = list(synthetic_analyses(pool, size + new // 2, seed=1))[size:]
    fresh = list(synthetic_analyses(pool, new - len(continuing), seed=size + 7))
    lines = folder / f"new-{size}.jsonl"
    texts = folder / f"new-{size}"
    texts.mkdir(exist_ok=True)
    with lines.open("w", encoding="utf-8") as out:
        for number, analysis in enumerate(continuing + fresh):
            article = analysis.article
            record = {"text": article.text, "published": article.published,
                      "outlet": article.outlet, "title": f"Report {size}-{number}"}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            (texts / f"{number:03d}.txt").write_text(article.text, encoding="utf-8")
    return lines, texts


def _ingest(db: Path, new_file: Path, ner_folder: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _INGEST, str(db), str(new_file), str(ner_folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise StorylineError(f"ingesting the new articles failed: {_last_line(done.stderr)}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _print(results: list[dict[str, Any]], console: Console) -> None:
    table = Table(title="storyline bench scale: new articles into synthetic stores")
    for name in (
        "stored",
        "build + group: CPU s (peak MB)",
        "new added",
        "ingest new: wall s",
        "CPU s",
        "CPU s / article",
        "spaCy NER alone: CPU s",
        "peak MB",
    ):
        table.add_column(name, justify="right")
    for r in results:
        table.add_row(
            f"{r['size']:,}",
            f"{r['build_cpu']:.0f} ({r['build_peak_mb']:.0f})",
            f"{r['added']}",
            f"{r['wall']:.1f}",
            f"{r['cpu']:.1f}",
            f"{r['per_article_cpu']:.2f}",
            f"{r['ner_cpu']:.1f}",
            f"{r['peak_mb']:.0f}",
        )
    console.print(table)
    if len(results) > 1:
        first, last = results[0], results[-1]
        console.print(
            f"per-article CPU at {last['size']:,} ÷ at {first['size']:,}: "
            f"{last['per_article_cpu'] / first['per_article_cpu']:.2f}",
            highlight=False,
        )

"""``storyline bench seeds``: cleaning quality on a gold set (the seeds' gold.jsonl shape).

Per article: title exact match, publication date (right, honestly unknown, wrong or invented),
boilerplate lines found (precision and recall over the gold's lines) and the share of body
lines kept; plus articles/s of reading and cleaning alone.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from storyline.clean import clean
from storyline.clean.dates import DATE_PREFIX
from storyline.ingest import read_inputs
from storyline.model import RawDocument


def normalized(line: str | None) -> str:
    """Return a line folded for comparison: NFKC, quotes dropped, spaces collapsed, lowercase."""
    text = unicodedata.normalize("NFKC", line or "")
    text = re.sub(r"[\"'`‘’“”]", "", text)
    return " ".join(text.split()).lower()


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Return the gold records of a folder: its gold.jsonl, or the JSON blocks of ANSWERS.md."""
    jsonl = gold_dir / "gold.jsonl"
    if jsonl.is_file():
        return [json.loads(line) for line in jsonl.read_text().splitlines() if line.strip()]
    answers = (gold_dir / "ANSWERS.md").read_text(encoding="utf-8")
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", answers, re.S)]


def score_cleaning(gold_dir: Path) -> dict[str, Any]:
    """Return the cleaning figures of every gold article under a folder."""
    gold = load_gold(gold_dir)
    files = [str(gold_dir / g["file"]) for g in gold]
    started = time.perf_counter()
    articles = {}
    for item in read_inputs(files):
        if isinstance(item, RawDocument):
            articles[Path(item.source).name] = clean(item)
    seconds = time.perf_counter() - started
    figures: dict[str, Any] = {"articles": len(gold), "seconds": seconds}
    titles = dates_right = dates_wrong = invented = 0
    tp = fp = fn = kept = body_lines = 0
    for g in gold:
        article = articles.get(g["file"])
        if article is None:
            continue
        titles += normalized(article.title) == normalized(g.get("title"))
        if g.get("published"):
            dates_right += article.published == g["published"]
            dates_wrong += article.published not in (None, g["published"])
        else:
            invented += article.published is not None
        gold_lines = {normalized(x) for x in g.get("boilerplate_lines", []) if normalized(x)}
        removed = {normalized(x) for x in article.removed_lines if normalized(x)}
        tp += len(gold_lines & removed)
        fp += len(removed - gold_lines)
        fn += len(gold_lines - removed)
        body = normalized(article.text)
        for line in (gold_dir / g["file"]).read_text(encoding="utf-8").splitlines():
            line = normalized(DATE_PREFIX.sub("", line))
            if line and line not in gold_lines and line != normalized(g.get("title")):
                body_lines += 1
                kept += line in body
    figures.update(
        title_accuracy=titles / len(gold),
        dates_right=dates_right,
        dates_wrong=dates_wrong,
        dates_invented=invented,
        boilerplate_precision=tp / (tp + fp) if tp + fp else 1.0,
        boilerplate_recall=tp / (tp + fn) if tp + fn else 1.0,
        body_lines_kept=kept / body_lines if body_lines else 1.0,
        articles_per_second=len(articles) / seconds if seconds else 0.0,
    )
    return figures


def bench_cleaning(gold_dir: Path, console: Console) -> dict[str, Any]:
    """Print and return the cleaning figures of a gold set."""
    figures = score_cleaning(gold_dir)
    table = Table(title=f"storyline bench seeds: cleaning on {gold_dir}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in figures.items():
        table.add_row(
            name.replace("_", " "), f"{value:.3f}" if isinstance(value, float) else str(value)
        )
    console.print(table)
    return figures

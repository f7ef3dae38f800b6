"""``storyline bench seeds``: cleaning quality on a gold set (the seeds' gold.jsonl shape).

Per article: title exact match, publication date (right, honestly unknown, wrong or invented),
boilerplate lines found (precision and recall over the gold's lines) and the share of body
lines kept; plus articles/s of reading and cleaning alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from storyline.bench.line_data import (
    BODY,
    BOILERPLATE,
    TITLE,
    LabelledPage,
    article_path,
    fold_of,
    load_gold,
    normalized,
    training_pages,
)
from storyline.bench.line_training import train
from storyline.clean import clean
from storyline.clean.dates import DATE_PREFIX
from storyline.clean.line_model import LineModel
from storyline.errors import InputError
from storyline.ingest import read_inputs
from storyline.model import Article, RawDocument


def score_cleaning(gold_dir: Path) -> dict[str, Any]:
    """Return the cleaning figures of every gold article under a folder."""
    gold = load_gold(gold_dir)
    files = [str(article_path(gold_dir, g["file"])) for g in gold]
    started = time.perf_counter()
    articles = {}
    for item in read_inputs(files):
        if isinstance(item, RawDocument):
            articles[Path(item.source).name] = clean(item)
    seconds = time.perf_counter() - started
    figures: dict[str, Any] = {"articles": len(gold), "seconds": seconds}
    titles = titled = dates_right = dates_wrong = invented = 0
    tp = fp = fn = kept = body_lines = 0
    for g in gold:
        article = articles.get(g["file"])
        if article is None:
            continue
        if g.get("title"):  # a page that shows no headline is not scored on one
            titled += 1
            titles += normalized(article.title) == normalized(g["title"])
        if not g.get("published_scored", True):
            pass  # a date its words do not show (textdump-readability): not scored
        elif g.get("published"):
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
        for line in article_path(gold_dir, g["file"]).read_text(encoding="utf-8").splitlines():
            line = normalized(DATE_PREFIX.sub("", line))
            if line and line not in gold_lines and line != normalized(g.get("title")):
                body_lines += 1
                kept += line in body
    figures.update(
        title_accuracy=titles / titled if titled else 1.0,
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


# Sites are dealt to folds in a fixed order, so every run reports the same held-out figures.
FOLDS = 5


@dataclass
class Tally:
    """Running counts of the cleaning figures over a set of pages."""

    pages: int = 0
    titled: int = 0
    titles: int = 0
    dated: int = 0
    dates_right: int = 0
    dates_wrong: int = 0
    undated: int = 0
    invented: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    body_lines: int = 0
    kept: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, page: LabelledPage, article: Article | None) -> None:
        """Count one page's cleaning against its labels (``article`` None: nothing came out)."""
        self.pages += 1
        title = next(
            (line for line, lab in zip(page.lines, page.labels, strict=False) if lab == TITLE), None
        )
        got_title = article.title if article else None
        if title:
            self.titled += 1
            self.titles += normalized(got_title) == normalized(title)
            if normalized(got_title) != normalized(title):
                self.misses.append(f"{page.name}: title {got_title!r} ≠ {title!r}")
        published = article.published if article else None
        if page.published_scored and page.published:
            self.dated += 1
            self.dates_right += (published or "")[:10] == page.published
            self.dates_wrong += published is not None and published[:10] != page.published
            if (published or "")[:10] != page.published:
                self.misses.append(f"{page.name}: published {published} ≠ {page.published}")
        elif page.published_scored:
            self.undated += 1
            self.invented += published is not None
        gold = {
            normalized(line)
            for line, lab in zip(page.lines, page.labels, strict=False)
            if lab == BOILERPLATE
        } - {""}
        removed = {normalized(line) for line in (article.removed_lines if article else [])}
        removed.discard("")
        self.tp += len(gold & removed)
        self.fp += len(removed - gold)
        self.fn += len(gold - removed)
        text = normalized(article.text if article else "")
        for line, lab in zip(page.lines, page.labels, strict=True):
            key = normalized(DATE_PREFIX.sub("", line))
            if lab == BODY and key and key not in gold:
                self.body_lines += 1
                self.kept += key in text

    def figures(self) -> dict[str, Any]:
        """Return the figures in the order the table prints them."""
        return {
            "pages": self.pages,
            "titles": self.titles / self.titled if self.titled else None,
            "dates right": f"{self.dates_right}/{self.dated}",
            "dates wrong": self.dates_wrong,
            "invented": f"{self.invented}/{self.undated}",
            "boilerplate P": self.tp / (self.tp + self.fp) if self.tp + self.fp else None,
            "boilerplate R": self.tp / (self.tp + self.fn) if self.tp + self.fn else None,
            "body kept": self.kept / self.body_lines if self.body_lines else None,
        }


def sets_of(page: LabelledPage) -> list[str]:
    """Return the names of the gold sets a labelled page belongs to (textdump-readability is
    html-readability's English pages with a real site's furniture, rendered the same way)."""
    if ":" in page.site:
        return [page.site.split(":", 1)[0]]
    if page.name in _textdump_names:
        return ["html-readability dumps", "textdump-readability"]
    return ["html-readability dumps"]


# The pages of ../shared/corpus/textdump-readability, filled in by ``bench_clean``.
_textdump_names: set[str] = set()


def clean_page(page: LabelledPage, model: LineModel | None) -> Article | None:
    """Return the clean Article of a labelled dump (None when no body came out)."""
    raw = RawDocument(source=page.name, text=page.text)
    try:
        return clean(raw, line_model=model)
    except InputError:
        return None


def held_out(pages: list[LabelledPage], progress: Progress | None = None) -> dict[str, Tally]:
    """Return the cleaning tallies of each set, every page cleaned by a model that never saw
    its site (one model per fold, trained on the other folds' sites)."""
    folds = fold_of([page.site for page in pages], FOLDS)
    tallies: dict[str, Tally] = {}
    task = progress.add_task("held-out folds", total=FOLDS) if progress else None
    for k in range(FOLDS):
        model = train([page for page in pages if folds[page.site] != k])
        for page in pages:
            if folds[page.site] == k:
                article = clean_page(page, model)
                for name in sets_of(page):
                    tallies.setdefault(name, Tally()).add(page, article)
        if progress and task is not None:
            progress.advance(task)
    return tallies


def shipped(pages: list[LabelledPage]) -> dict[str, Tally]:
    """Return the cleaning tallies of each set with the packaged model (trained on them all)."""
    tallies: dict[str, Tally] = {}
    for page in pages:
        article = clean_page(page, None)
        for name in sets_of(page):
            tallies.setdefault(name, Tally()).add(page, article)
    return tallies


def bench_clean(shared: Path, console: Console, misses: bool = False, html: bool = True) -> None:
    """Print the cleaning figures of every gold set in one run: text dumps on held-out folds
    and with the shipped model, then html-readability's pages as HTML (``bench html``)."""
    pages = training_pages(shared)
    textdump = shared / "corpus" / "textdump-readability"
    if (textdump / "gold.jsonl").is_file():
        _textdump_names.update(Path(g["file"]).stem for g in load_gold(textdump))
    started = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        folds = held_out(pages, progress)
    seconds = time.perf_counter() - started
    table = Table(title=f"storyline bench clean: text dumps, {FOLDS}-fold by site")
    table.add_column("set")
    columns = list(Tally().figures())
    for name in columns:
        table.add_column(name, justify="right")
    for label, tallies in (("held-out", folds), ("shipped model", shipped(pages))):
        for name, tally in sorted(tallies.items()):
            table.add_row(f"{name} ({label})", *(_cell(v) for v in tally.figures().values()))
    console.print(table)
    console.print(f"{len(pages)} pages, {seconds:.0f} s for {FOLDS} folds (training included)")
    if misses:
        for miss in folds["html-readability dumps"].misses + folds.get("seeds", Tally()).misses:
            console.print(escape(miss))
    if html:
        from storyline.bench.html import bench_html

        bench_html(shared / "corpus" / "html-readability", console)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)

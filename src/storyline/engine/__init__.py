"""The engine: wires the stages, in order, from inputs to a stored, grouped, dated corpus.

    read_inputs → clean → extract  (per batch; each batch stored in one transaction)
    group → build_timeline → crosscheck   (new articles with the storylines they join; saved)

No stage touches the store; only the engine does. ``ingest`` is the Python API the CLI's
``storyline ingest`` is a thin skin over.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from storyline.clean import clean
from storyline.clean.line_model import packaged_model
from storyline.clean.templates import TemplateLearner
from storyline.engine.budget import ARTICLE_SECONDS, BudgetExceeded, budget_for, time_budget
from storyline.engine.regroup import regroup_new
from storyline.engine.workers import die_with_parent
from storyline.errors import InputError
from storyline.extract import english, extract
from storyline.ingest import Skipped, read_inputs
from storyline.model import Analysis, Article, RawDocument
from storyline.store.base import Store

# Formats whose pages are flattened text, where site templates must be learned; HTML keeps its
# structure, from which trafilatura tells furniture apart.
TEMPLATE_FORMATS = ("text", "jsonl")

# Articles cleaned, extracted and stored together: one transaction, one spaCy batch stream.
# Large enough that parsing in several processes repays starting them for each batch.
BATCH_SIZE = 256

# Parser processes: one per core, up to two (measured on 2 cores: 22 articles/s with one
# process, 34 with two); more cores would want Ray, a later issue.
DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))


@dataclass
class IngestReport:
    """What one ingest run did: articles read, added, already stored; errors and notices."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


# Called after each article is read (its source) and when the corpus stages start ("corpus").
Progress = Callable[[str], None]


def ingest(
    specs: Iterable[str],
    store: Store,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = DEFAULT_WORKERS,
    article_seconds: float | None = ARTICLE_SECONDS,
) -> IngestReport:
    """Read, clean, extract and store every input, then regroup and re-date the corpus.

    An article whose cleaning, or whose extraction, takes longer than ``article_seconds`` is
    reported and skipped.
    """
    report = IngestReport()
    specs = list(specs)
    templates = TemplateLearner()
    if "-" not in specs:
        # First pass: learn each site's template lines over the whole run (stdin can be read
        # only once; a piped document is cleaned without site knowledge).
        for item in read_inputs(specs, formats=TEMPLATE_FORMATS):
            if isinstance(item, RawDocument):
                try:
                    with time_budget(article_seconds):
                        templates.add(item)
                except BudgetExceeded:
                    pass  # learned without it; its cleaning reports it if it stalls again
    articles = _articles(specs, stdin, templates, report, progress, article_seconds)
    for batch in _batches(articles, batch_size):
        fresh = _new_articles(batch, store, report)
        if fresh:
            report.added += store.add(_analyses(fresh, report, workers, article_seconds))
    # The store says when articles were added since the last saved grouping: a run killed
    # between storing a batch and saving the regrouped corpus is repaired here.
    if report.added or store.stale():
        if progress:
            progress("corpus")
        rebuild(store)
    return report


def rebuild(store: Store) -> None:
    """Run the corpus stages (grouping, timeline, cross-checking) for new articles; save them.

    New articles join the stored storylines they belong to; only the storylines they touch are
    regrouped, re-dated and saved (``storyline.engine.regroup``). Not saved when another ingest
    added articles meanwhile: its own regrouping covers them.
    """
    regroup_new(store)


def _articles(
    specs: Iterable[str],
    stdin: BinaryIO | None,
    templates: TemplateLearner,
    report: IngestReport,
    progress: Progress | None,
    article_seconds: float | None,
) -> Iterator[Article]:
    packaged_model()  # the line model loads once, outside any article's budget
    for item in read_inputs(specs, stdin):
        if isinstance(item, Skipped):
            report.notices.append(f"{item.source}: skipped ({item.reason})")
            continue
        if isinstance(item, InputError):
            report.errors.append(item)
            continue
        if progress:
            progress(item.source)
        seconds = budget_for(article_seconds, len(item.content))
        try:
            with time_budget(seconds):
                article = clean(item, templates.template(item))
        except BudgetExceeded:
            reason = f"cleaning took over {seconds:g} s (the time budget of an article this long)"
            report.errors.append(InputError(item.source, reason))
            continue
        except InputError as error:
            report.errors.append(error)
            continue
        except Exception as error:  # a cleaner bug must not sink the batch
            reason = f"cleaning failed ({type(error).__name__}: {error})"
            report.errors.append(InputError(item.source, reason))
            continue
        report.read += 1
        if item.encoding:
            report.notices.append(f"{item.source}: not UTF-8; read as {item.encoding}")
        yield article


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _new_articles(batch: list[Article], store: Store, report: IngestReport) -> list[Article]:
    """Return the articles of a batch not yet stored, each content once."""
    stored = store.known(a.id for a in batch)
    fresh: dict[str, Article] = {}
    for article in batch:
        if article.id in stored or article.id in fresh:
            report.unchanged += 1
        else:
            fresh[article.id] = article
    return list(fresh.values())


def _analyses(
    articles: list[Article], report: IngestReport, workers: int, article_seconds: float | None
) -> list[Analysis]:
    """Return the extractions of a batch; an article the extractors choke on is reported.

    The batch is parsed at once (in parser processes) within the sum of its articles' time
    budgets; past it, or on an error, the articles already extracted are kept and each of
    the others is extracted alone within its own budget.
    """
    budgets = {a.id: budget_for(article_seconds, len(a.text)) for a in articles}
    batch_seconds = sum(b for b in budgets.values() if b) if article_seconds else None
    english()  # the parser model loads once, outside any article's budget
    done: list[Analysis] = []
    try:
        with die_with_parent(), time_budget(batch_seconds):
            done.extend(extract(articles, workers))
            return done
    except (Exception, BudgetExceeded):
        extracted = {analysis.article.id for analysis in done}
        for article in (a for a in articles if a.id not in extracted):
            seconds = budgets[article.id]
            try:
                with time_budget(seconds):
                    done.extend(extract([article]))
            except BudgetExceeded:
                reason = (
                    f"extraction took over {seconds:g} s (the time budget of an article this long)"
                )
                report.errors.append(InputError(article.source, reason))
            except Exception as error:
                report.errors.append(
                    InputError(article.source, f"extraction failed ({type(error).__name__})")
                )
        order = {article.id: index for index, article in enumerate(articles)}
        return sorted(done, key=lambda analysis: order[analysis.article.id])

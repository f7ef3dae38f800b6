"""``storyline bench dates``: a TempEval-3 style scorer of temporal taggers over TimeML files,
and the check that every dated event of the seed articles comes out with its gold date.

A TimeML document is stripped of its tags; the text inside ``<TEXT>`` is what a tagger sees,
the ``<DCT>`` value is its reference date, and the ``<TIMEX3>`` elements inside ``<TEXT>`` are
the gold. Extent is scored strict (same span) and relaxed (overlapping span); value F1 counts
relaxed matches whose normalized value equals the gold value (TempEval-3 Task A).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.temporal import Thresholds, find_timexes

# A tagger takes a text and its reference date and gives (start, end, value) triples.
Tagger = Callable[[str, dt.date | None], list[tuple[int, int, str | None]]]

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_DCT_VALUE = re.compile(r"<DCT>\s*<TIMEX3[^>]*\bvalue=\"(\d{4}-\d{2}-\d{2})")
# The first line of some seed files starts with " date YYYY-MM-DD ": the cleaner strips it.
_DATE_PREFIX = re.compile(r"\A\s*date \d{4}-\d{2}-\d{2} ")


@dataclass
class GoldTimex:
    """A TIMEX3 element of a TimeML document: its span in the stripped text, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDocument:
    """A TimeML document as a tagger sees it: plain text, reference date, gold expressions."""

    name: str
    text: str
    reference: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def parse_timeml(source: str, name: str = "") -> TimeMLDocument:
    """Return the plain text inside ``<TEXT>`` with its gold TIMEX3 spans and the DCT date."""
    dct = _DCT_VALUE.search(source)
    reference = dt.date.fromisoformat(dct.group(1)) if dct else None
    begin = source.find("<TEXT>")
    finish = source.find("</TEXT>")
    body = source[begin + len("<TEXT>") : finish] if begin >= 0 and finish > begin else ""
    pieces: list[str] = []
    length = 0
    opened: dict[str, str] | None = None
    opened_at = 0
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = body[position : tag.start()]
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "":
            opened, opened_at = dict(_ATTRIBUTE.findall(tag.group(3))), length
        elif opened is not None:
            timexes.append(
                GoldTimex(opened_at, length, opened.get("type", ""), opened.get("value", ""))
            )
            opened = None
    pieces.append(body[position:])
    return TimeMLDocument(name, "".join(pieces), reference, timexes)


def storyline_tagger(
    text: str, reference: dt.date | None, thresholds: Thresholds | None = None
) -> list[tuple[int, int, str | None]]:
    """Return storyline's temporal expressions as (start, end, value) triples."""
    return [
        (timex.start, timex.end, timex.value)
        for timex in find_timexes(text, reference, thresholds=thresholds)
        if timex.start is not None and timex.end is not None
    ]


def dateparser_tagger(text: str, reference: dt.date | None) -> list[tuple[int, int, str | None]]:
    """Return what dateparser's ``search_dates`` alone finds, as (start, end, YYYY-MM-DD).

    Found strings are mapped to spans by searching forward in the text from the last one.
    """
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime(reference.year, reference.month, reference.day)
    found = search_dates(text, languages=["en"], settings=settings) or []
    spans: list[tuple[int, int, str | None]] = []
    position = 0
    for phrase, moment in found:
        start = text.find(phrase, position)
        if start < 0:
            continue
        position = start + len(phrase)
        spans.append((start, position, moment.date().isoformat()))
    return spans


@dataclass
class Counts:
    """Running counts of one tagger over a collection."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    seconds: float = 0.0
    documents: int = 0

    def add(self, gold: list[GoldTimex], system: list[tuple[int, int, str | None]]) -> None:
        """Count one document's matches (each gold expression matches one system one at most)."""
        self.gold += len(gold)
        self.system += len(system)
        unused = sorted(system)
        for expected in gold:
            exact = [s for s in unused if s[0] == expected.start and s[1] == expected.end]
            overlapping = exact or [
                s for s in unused if s[0] < expected.end and expected.start < s[1]
            ]
            if not overlapping:
                continue
            chosen = overlapping[0]
            unused.remove(chosen)
            self.relaxed += 1
            self.strict += 1 if exact else 0
            self.value += 1 if chosen[2] == expected.value else 0

    def scores(self) -> dict[str, float]:
        """Return precision, recall and F1 for strict, relaxed and value, and documents/s."""
        result: dict[str, float] = {}
        for name, hits in (
            ("strict", self.strict),
            ("relaxed", self.relaxed),
            ("value", self.value),
        ):
            precision = hits / self.system if self.system else 0.0
            recall = hits / self.gold if self.gold else 0.0
            total = precision + recall
            result[f"{name}_p"] = precision
            result[f"{name}_r"] = recall
            result[f"{name}_f1"] = 2 * precision * recall / total if total else 0.0
        result["docs_per_s"] = self.documents / self.seconds if self.seconds else 0.0
        result["documents"] = float(self.documents)
        return result


def load_timebank(folder: Path) -> list[TimeMLDocument]:
    """Return the TimeML documents of a folder (``*.tml``), sorted by file name."""
    return [
        parse_timeml(path.read_text(encoding="utf-8"), path.name)
        for path in sorted(folder.glob("*.tml"))
    ]


def run_timebank(
    folder: Path,
    taggers: dict[str, Tagger],
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, dict[str, float]]:
    """Return each tagger's strict/relaxed/value P, R, F1 and documents/s over a folder."""
    documents = load_timebank(folder)
    results: dict[str, dict[str, float]] = {}
    for name, tagger in taggers.items():
        counts = Counts()
        for index, document in enumerate(documents):
            started = time.perf_counter()
            system = tagger(document.text, document.reference)
            counts.seconds += time.perf_counter() - started
            counts.documents += 1
            counts.add(document.timexes, system)
            if progress is not None:
                progress(name, index + 1, len(documents))
        results[name] = counts.scores()
    return results


# The held-out figure: documents (never sentences of one document) are split into this many
# folds; each fold is scored with the thresholds that did best on the other folds.
FOLDS = 5
# The threshold settings tried on each training split (the shipped one first: ties keep it).
THRESHOLD_GRID: tuple[Thresholds, ...] = (
    Thresholds(),
    *(
        Thresholds(window, reach)
        for window in (60, 90, 120, 160)
        for reach in (20, 40, 60)
        if Thresholds(window, reach) != Thresholds()
    ),
)


@dataclass
class HeldOutFold:
    """One fold of the cross-validation: its documents, the thresholds chosen without it, and
    the counts of those thresholds on it."""

    fold: int
    documents: int
    chosen: Thresholds
    counts: Counts


def document_folds(documents: list[TimeMLDocument], folds: int = FOLDS) -> list[list[int]]:
    """Return the indexes of the documents in each fold: dealt in turn by sorted name, so each
    fold mixes the sources (ABC, APW, NYT, WSJ ...) as the whole set does."""
    order = sorted(range(len(documents)), key=lambda index: documents[index].name)
    return [order[fold::folds] for fold in range(folds)]


def _summed(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for part in counts:
        for name in ("gold", "system", "strict", "relaxed", "value", "seconds", "documents"):
            setattr(total, name, getattr(total, name) + getattr(part, name))
    return total


def cross_validate(
    documents: list[TimeMLDocument],
    grid: tuple[Thresholds, ...] = THRESHOLD_GRID,
    folds: int = FOLDS,
) -> tuple[list[HeldOutFold], Counts]:
    """Return each held-out fold's counts and the pooled counts of all held-out folds.

    For each fold the thresholds are the ones of ``grid`` with the best value F1 on the other
    folds' documents; the held-out documents never take part in choosing them.
    """
    per_setting: list[list[Counts]] = []
    for thresholds in grid:
        row = []
        for document in documents:
            counts = Counts()
            started = time.perf_counter()
            found = storyline_tagger(document.text, document.reference, thresholds)
            counts.seconds = time.perf_counter() - started
            counts.documents = 1
            counts.add(document.timexes, found)
            row.append(counts)
        per_setting.append(row)
    results: list[HeldOutFold] = []
    for fold, held_out in enumerate(document_folds(documents, folds)):
        kept = set(held_out)
        training = [index for index in range(len(documents)) if index not in kept]
        scores = [
            _summed(row[index] for index in training).scores()["value_f1"] for row in per_setting
        ]
        best = max(range(len(grid)), key=lambda setting: (scores[setting], -setting))
        held = _summed(per_setting[best][index] for index in held_out)
        results.append(HeldOutFold(fold + 1, len(held_out), grid[best], held))
    return results, _summed(result.counts for result in results)


@dataclass
class SeedEvent:
    """One gold event of a seed article and what the engine made of its evidence."""

    file: str
    date: str
    evidence: str
    status: str  # ok | wrong | missing | not in body
    found: list[str] = field(default_factory=list)  # "text -> value" of the timexes compared


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def seed_check(seeds_dir: Path) -> list[SeedEvent]:
    """Return, for every dated gold event of ``gold.jsonl``, whether its date comes out.

    The seed text is read with its " date YYYY-MM-DD " prefix removed and the gold
    publication date as reference. An event passes when a timex whose text contains the
    evidence, or is contained in it, has a value starting with the gold date. Evidence that
    only appears in lines the cleaner removes (a byline) is reported as "not in body".
    """
    events: list[SeedEvent] = []
    for line in (seeds_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = _DATE_PREFIX.sub("", (seeds_dir / record["file"]).read_text(encoding="utf-8"))
        published = record.get("published")
        reference = dt.date.fromisoformat(published) if published else None
        timexes = find_timexes(text, reference, record["file"])
        removed = {_normal(removed) for removed in record.get("boilerplate_lines", [])}
        body = "\n".join(row for row in text.splitlines() if _normal(row) not in removed)
        for event in record.get("events", []):
            events.append(_check_event(record["file"], event, body, timexes))
    return events


def _check_event(file: str, event: dict[str, str], body: str, timexes: Iterable[Any]) -> SeedEvent:
    """Return the outcome of one gold event against the timexes of its article."""
    evidence = _normal(event["evidence"])
    if evidence not in _normal(body):
        return SeedEvent(file, event["date"], event["evidence"], "not in body")
    compared = [t for t in timexes if _normal(t.text) in evidence or evidence in _normal(t.text)]
    found = [f"{t.text} -> {t.value}" for t in compared]
    ok = any(str(t.value).startswith(event["date"]) for t in compared)
    status = "ok" if ok else ("wrong" if compared else "missing")
    return SeedEvent(file, event["date"], event["evidence"], status, found)


_SCORE_COLUMNS = ("strict F1", "relaxed F1", "value P", "value R", "value F1")


def _score_cells(scores: dict[str, float]) -> list[str]:
    """Return the cells of ``_SCORE_COLUMNS`` for one row of scores."""
    keys = ("strict_f1", "relaxed_f1", "value_p", "value_r", "value_f1")
    return [f"{scores[key]:.3f}" for key in keys]


def bench_dates(timebank: Path, seeds: Path | None, console: Any) -> None:
    """Print storyline against dateparser on TimeBank (a Rich table) and the seed check."""
    from rich.progress import Progress
    from rich.table import Table

    from storyline.extract.nlp import english

    english()  # the parser the weekday rules read loads before the clock starts (bench scale)
    taggers: dict[str, Tagger] = {"storyline": storyline_tagger, "dateparser": dateparser_tagger}
    with Progress(console=console, transient=True) as bar:
        tasks = {name: bar.add_task(f"{name} on TimeBank", total=None) for name in taggers}

        def advance(name: str, done: int, total: int) -> None:
            bar.update(tasks[name], completed=done, total=total)

        results = run_timebank(timebank, taggers, advance)
    table = Table(title=f"TimeBank ({timebank}), TempEval-3 style")
    table.add_column("tagger")
    for column in _SCORE_COLUMNS:
        table.add_column(column, justify="right")
    table.add_column("docs/s", justify="right")
    for name, scores in results.items():
        table.add_row(name, *_score_cells(scores), f"{scores['docs_per_s']:.0f}")
    console.print(table)
    folds, pooled = cross_validate(load_timebank(timebank))
    held_out = Table(
        title=f"storyline held out: {FOLDS} folds by document, thresholds chosen on the others",
        caption="reaches: tense window / near-verb reach (characters) chosen on the other folds",
    )
    for column in ("fold", "docs", "reaches", *_SCORE_COLUMNS):
        held_out.add_column(column, justify="right")
    for fold in folds:
        chosen = f"{fold.chosen.tense_window}/{fold.chosen.near_verb_reach}"
        scores = fold.counts.scores()
        held_out.add_row(str(fold.fold), str(fold.counts.documents), chosen, *_score_cells(scores))
    held_out.add_row("pooled", str(pooled.documents), "", *_score_cells(pooled.scores()))
    console.print(held_out)
    if seeds is None:
        return
    for event in seed_check(seeds):
        found = "; ".join(event.found) or "nothing"
        console.print(
            f"seed {event.file} {event.date} {event.evidence!r}: {event.status} ({found})"
        )

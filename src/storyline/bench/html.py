"""HTML cleaning benchmark: storyline beside trafilatura alone and htmldate alone, in one run.

``bench_html`` scores every system on the same pages of ``../shared/corpus/html-readability``
(body by word 4-gram shingles against ``expected.html``, title exact match, publication day
on the pages whose gold states one, dates given on the pages whose gold states none), then
re-chooses storyline's body rule (which readings, which thresholds) by cross-validation grouped
by page (each page is its own site) and reports the held-out figure beside the tuned one.
(``bench_warc_memory``, the WARC streaming figures, lives in ``storyline.bench.warc``.)
Figures only: the harness prints, it never passes or fails.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import htmldate
import lxml.html
import trafilatura

# bench_warc_memory and build_warc are re-exported: the CLI and older callers import them here.
from storyline.bench.warc import bench_warc_memory, build_warc
from storyline.clean import clean, html_body, html_meta
from storyline.clean.html import MIN_BODY_CHARS, body_text, page_readings, parse_page
from storyline.clean.html_body import FURNITURE, BodyRule, shingles
from storyline.errors import InputError
from storyline.model import RawDocument

__all__ = ["bench_html", "bench_warc_memory", "build_warc", "cross_validate", "shingles"]

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"'})

# Folds of the grouped cross-validation; each page is its own group (its own site).
FOLDS = 5

# The body rules the cross-validation chooses among: which first reading (trafilatura without
# its fallbacks, or with them), how much of it readability's reading must hold and how much
# longer it must be, and whether furniture is removed. BodyRule() is what extract_html uses.
FIRST_READINGS = ("fast", "fallbacks")
COVERAGES = (0.8, 0.85, 0.9, 0.95, 0.98, 1.01)  # 1.01: never take readability's reading
GROWTHS = (1.0, 1.05, 1.2)


@dataclass
class Extraction:
    """One system's reading of one page; ``text`` None for a system that reads dates only."""

    text: str | None
    title: str | None
    published: str | None


def _storyline(html: str) -> Extraction:
    """Storyline's whole cleaning stage on a page, as ``storyline ingest`` runs it."""
    try:
        article = clean(RawDocument(source="bench", html=html, format="html"))
    except InputError:
        return Extraction("", None, None)
    return Extraction(article.text, article.title, article.published)


def _trafilatura(html: str) -> Extraction:
    text = trafilatura.extract(html, output_format="txt") or ""
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None else None
    published = metadata.date if metadata is not None else None
    return Extraction(text, title, published)


def _htmldate_extensive(html: str) -> Extraction:
    return Extraction(
        None, None, htmldate.find_date(html, extensive_search=True, original_date=True)
    )


def _htmldate_default(html: str) -> Extraction:
    return Extraction(None, None, htmldate.find_date(html))


SYSTEMS: dict[str, Callable[[str], Extraction]] = {
    "storyline": _storyline,
    "trafilatura": _trafilatura,
    "htmldate_extensive": _htmldate_extensive,
    "htmldate": _htmldate_default,
}


def _normal_title(title: str | None) -> str:
    return " ".join((title or "").translate(_QUOTES).split()).lower()


def _gold_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8", errors="replace")
    return str(lxml.html.fromstring(html).text_content()) if html.strip() else ""


def load_pages(corpus: Path) -> list[dict[str, Any]]:
    """Return the corpus pages: source markup, gold body text and gold metadata."""
    pages = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "source.html").is_file()):
        metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        pages.append(
            {
                "name": folder.name,
                "html": (folder / "source.html").read_text(encoding="utf-8", errors="replace"),
                "gold": shingles(_gold_text(folder / "expected.html")),
                "title": metadata.get("title"),
                "published": (metadata.get("publishedTime") or "")[:10] or None,
            }
        )
    return pages


def _overlap(found: set[tuple[str, ...]], gold: set[tuple[str, ...]]) -> tuple[float, ...]:
    """Return (precision, recall, F1, common, found, gold) of a body's shingles."""
    common = len(found & gold)
    p = common / len(found) if found else (1.0 if not gold else 0.0)
    r = common / len(gold) if gold else (1.0 if not found else 0.0)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, common, len(found), len(gold)


def body_figures(bodies: list[str], golds: list[set[tuple[str, ...]]]) -> dict[str, float]:
    """Return per-page (macro) and pooled (micro) body precision, recall and F1."""
    rows = [_overlap(shingles(body), gold) for body, gold in zip(bodies, golds, strict=True)]
    count = len(rows) or 1
    common, found, gold = (sum(row[i] for row in rows) for i in (3, 4, 5))
    micro_p = common / found if found else 0.0
    micro_r = common / gold if gold else 0.0
    return {
        "precision": sum(row[0] for row in rows) / count,
        "recall": sum(row[1] for row in rows) / count,
        "f1": sum(row[2] for row in rows) / count,
        "micro_precision": micro_p,
        "micro_recall": micro_r,
        "micro_f1": 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0,
    }


def score(pages: list[dict[str, Any]], system: Callable[[str], Extraction]) -> dict[str, float]:
    """Return one system's body P/R/F1 (macro and micro), title and date figures, pages/s."""
    start = time.perf_counter()
    readings = [system(page["html"]) for page in pages]
    seconds = time.perf_counter() - start
    figures: dict[str, float] = {"pages": len(pages)}
    if all(reading.text is not None for reading in readings):
        figures |= body_figures([r.text or "" for r in readings], [p["gold"] for p in pages])
        titles = sum(
            _normal_title(r.title) == _normal_title(p["title"])
            for p, r in zip(pages, readings, strict=True)
        )
        figures["title_accuracy"] = titles / (len(pages) or 1)
    dated = [(p, r) for p, r in zip(pages, readings, strict=True) if p["published"]]
    right = sum((r.published or "")[:10] == p["published"] for p, r in dated)
    figures["date_accuracy"] = right / len(dated) if dated else 0.0
    figures["dated_pages"] = len(dated)
    figures["undated_pages"] = len(pages) - len(dated)
    figures["dates_on_undated"] = sum(
        1 for p, r in zip(pages, readings, strict=True) if not p["published"] and r.published
    )
    figures["pages_per_second"] = len(pages) / seconds if seconds else 0.0
    return figures


def _rules() -> list[tuple[str, BodyRule]]:
    """Return every (first reading, body rule) pair the cross-validation chooses among."""
    furniture = [FURNITURE, frozenset[str]()] + [FURNITURE - {kind} for kind in sorted(FURNITURE)]
    return [
        (first, BodyRule(coverage=coverage, growth=growth, furniture=kinds))
        for first, coverage, growth, kinds in itertools.product(
            FIRST_READINGS, COVERAGES, GROWTHS, furniture
        )
    ]


def _page_bodies(html: str, rules: list[tuple[str, BodyRule]]) -> list[str]:
    """Return one page's body under every rule (each distinct body is built once)."""
    tree = parse_page(html)
    readings = page_readings(html, None) if tree is not None else html_body.Readings(None, "")
    document = readings.document
    headline = None
    if tree is not None:
        found = document.title if document is not None else None
        headline = html_meta.title(tree, html_meta.meta_tags(tree), found)
    try:
        fallbacks: Any = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, with_metadata=False
        )
    except (RecursionError, ValueError):
        fallbacks = None
    if fallbacks is None or len(fallbacks.text or "") < MIN_BODY_CHARS:
        fallbacks = document  # extract_html's recall re-run covers pages this short
    by_first = {"fast": readings, "fallbacks": replace(readings, document=fallbacks)}
    built: dict[tuple[str, str, frozenset[str]], str] = {}
    bodies = []
    for first, rule in rules:
        reading = by_first[first]
        text = (reading.document.text if reading.document is not None else None) or ""
        taken = html_body.combine(text, reading.second, rule)
        key = (first, "second" if taken is not text else "first", rule.furniture)
        if key not in built:
            built[key] = body_text(reading, headline, rule)
        bodies.append(built[key])
    return bodies


def cross_validate(pages: list[dict[str, Any]], folds: int = FOLDS) -> dict[str, Any]:
    """Return the held-out body figures of the rule chosen on the other folds, and the tuned ones.

    Pages are dealt to folds in name order (each page is its own site, so grouping by page is
    grouping by site); on each fold the rule with the best per-page F1 on the other folds reads
    the held-out pages.
    """
    rules = _rules()
    bodies = [_page_bodies(page["html"], rules) for page in pages]
    golds = [page["gold"] for page in pages]
    f1 = [
        [_overlap(shingles(body), gold)[2] for body in row]
        for row, gold in zip(bodies, golds, strict=True)
    ]
    held_out: list[str] = [""] * len(pages)
    chosen: Counter[str] = Counter()
    for fold in range(folds):
        train = [i for i in range(len(pages)) if i % folds != fold]
        best = max(range(len(rules)), key=lambda k: sum(f1[i][k] for i in train))
        chosen[_rule_name(rules[best])] += 1
        for i in range(fold, len(pages), folds):
            held_out[i] = bodies[i][best]
    tuned = max(range(len(rules)), key=lambda k: sum(row[k] for row in f1))
    ours = rules.index(("fast", BodyRule()))
    without = {
        kind: rules.index(("fast", BodyRule(furniture=FURNITURE - {kind}))) for kind in FURNITURE
    }
    return {
        "held_out": body_figures(held_out, golds),
        "tuned": body_figures([row[tuned] for row in bodies], golds),
        "ours": body_figures([row[ours] for row in bodies], golds),
        "without": {
            kind: body_figures([row[k] for row in bodies], golds) for kind, k in without.items()
        },
        "tuned_rule": _rule_name(rules[tuned]),
        "chosen_rules": dict(chosen),
    }


def _f1_row(bodies: list[str], gold: set[tuple[str, ...]]) -> list[float]:
    """Return the F1 of each of one page's bodies (equal bodies are scored once)."""
    scored: dict[str, float] = {}
    for body in bodies:
        if body not in scored:
            scored[body] = _overlap(shingles(body), gold)[2]
    return [scored[body] for body in bodies]


def _rule_name(rule: tuple[str, BodyRule]) -> str:
    first, body = rule
    if body.furniture == FURNITURE:
        furniture = "all furniture removed"
    elif not body.furniture:
        furniture = "furniture kept"
    else:
        furniture = "furniture removed but " + ", ".join(sorted(FURNITURE - body.furniture))
    return f"{first}, coverage {body.coverage}, growth {body.growth}, {furniture}"


def bench_html(corpus: Path, console: Any) -> dict[str, dict[str, float]]:
    """Return and print every system's figures on the same pages, and the held-out body figure."""
    from rich.table import Table

    pages = load_pages(corpus)
    figures = {name: score(pages, system) for name, system in SYSTEMS.items()}
    validation = cross_validate(pages)
    for key in ("f1", "micro_f1"):
        figures["storyline"][f"held_out_{key}"] = validation["held_out"][key]
        figures["storyline"][f"tuned_{key}"] = validation["tuned"][key]
        figures["storyline"][f"ours_{key}"] = validation["ours"][key]
    table = Table(title=f"HTML extraction on {corpus.name} ({len(pages)} pages)")
    table.add_column("figure")
    for name in figures:
        table.add_column(name, justify="right")
    for key in figures["storyline"]:
        table.add_row(key, *(_cell(figures[name].get(key)) for name in figures))
    console.print(table)
    console.print(
        f"body rule chosen on the training folds ({FOLDS} folds, grouped by page): "
        + "; ".join(f"{rule} ×{count}" for rule, count in validation["chosen_rules"].items())
        + f"\ntuned on all pages: {validation['tuned_rule']}"
        + "\nextract_html's rule without each kind of furniture removal (per-page / pooled F1): "
        + "; ".join(
            f"{kind} {scores['f1']:.4f} / {scores['micro_f1']:.4f}"
            for kind, scores in sorted(validation["without"].items())
        )
    )
    return figures


def _cell(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)

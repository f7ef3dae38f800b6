"""``storyline bench crosscheck``: contradictions and claim/response pairs against a gold file.

The gold (``crosscheck_gold.jsonl`` beside this module) names articles by file name and facts
by their values, for the seeds and the bundled example corpus: the contradictions (date,
number, internal), the claim/response pairs, dates of different precision that must not be
opposed, and the position shifts. Both folders are ingested by the whole pipeline into a
temporary store; the figures are read from its exports. ``claim-denial`` contradictions are
the claims answered by a denial, scored as claim/response pairs. ECB+ dev's real articles
(read from ../shared at bench time, skipped when absent) are scored against the gold's
``ecbplus`` records, by ECB+ id and value only, per fold of topics. Figures, never pass/fail.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from storyline.bench.quotes import same_name
from storyline.crosscheck import crosscheck
from storyline.crosscheck.dates import interval
from storyline.crosscheck.numbers import value_of
from storyline.engine import ingest
from storyline.group import group
from storyline.store.sqlite import SqliteStore
from storyline.timeline import build_timeline

GOLD = Path(__file__).with_name("crosscheck_gold.jsonl")
SCORED_KINDS = ("date", "number", "internal")


def load_gold(corpus: str, path: Path = GOLD) -> list[dict[str, Any]]:
    """Return the gold records of one corpus ("seeds" or "example")."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, filter(None, lines)) if r["corpus"] == corpus]


def score(
    gold: list[dict[str, Any]],
    records: dict[str, list[dict[str, Any]]],
    file_of: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Return the figures of one corpus's exports (by kind) against its gold.

    ``file_of``: how the gold names each article (by id); its file name unless given.
    """
    if file_of is None:
        file_of = {a["id"]: Path(a["source"]).name for a in records["articles"]}
    found = [c for c in records["contradictions"] if c["kind"] in SCORED_KINDS]
    wanted = [g for g in gold if g["record"] == "contradiction"]
    hit = [f for f in found if any(_same_conflict(g, f, file_of) for g in wanted)]
    recalled = [g for g in wanted if any(_same_conflict(g, f, file_of) for f in found)]
    pairs = _pairs(records["claims"], file_of)
    gold_pairs = [g for g in gold if g["record"] == "claim"]
    right_pairs = [p for p in pairs if any(_same_pair(g, p) for g in gold_pairs)]
    recalled_pairs = [g for g in gold_pairs if any(_same_pair(g, p) for p in pairs)]
    shifts = [g for g in gold if g["record"] == "shift"]
    shown = [
        g for g in shifts
        if any(
            same_name(p["entity"], g["entity"]) and any(g["cue"] in s["cue"] for s in p["shifts"])
            for p in records["positions"]
        )
    ]  # fmt: skip
    return {
        "contradictions_gold": len(wanted),
        "contradictions_found": len(found),
        "contradiction_precision": _ratio(len(hit), len(found)),
        "contradiction_recall": _ratio(len(recalled), len(wanted)),
        "missed": [g["what"] for g in wanted if g not in recalled],
        "pairs_gold": len(gold_pairs),
        "pairs_found": len(pairs),
        "pair_precision": _ratio(len(right_pairs), len(pairs)),
        "pair_recall": _ratio(len(recalled_pairs), len(gold_pairs)),
        "compatible_false_positives": _compatible_opposed(gold, records, file_of),
        "shifts_shown": f"{len(shown)}/{len(shifts)}",
        **{f"{k}_records": len(records[k]) for k in ("contradictions", "claims", "positions")},
        # What the records stand for: one record per conflicting fact, where the earlier
        # contradiction stage wrote one per pair of sentences.
        "sentence_pairs": sum(
            len(c.get("a_all") or [1]) * len(c.get("b_all") or [1])
            for c in records["contradictions"]
        ),
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _sides(conflict: dict[str, Any], file_of: dict[str, str]) -> list[set[tuple[str, str]]]:
    return [
        {
            (file_of.get(s["article_id"], ""), s["value"])
            for s in conflict.get(f"{k}_all") or [conflict[k]]
        }
        for k in ("a", "b")
    ]


def _same_value(gold: str, found: str) -> bool:
    if gold[:1].isdigit() and "-" in gold and "-" in found and found[:4].isdigit():
        try:  # dates: the found value lies within the gold one ("2024-04-09" in "2024-04")
            low, high = interval(gold)
            found_low, found_high = interval(found)
            return low <= found_low and found_high <= high
        except ValueError:
            return False
    # Numbers: "240-page" is 240 pages.
    gold_number, found_number = (value_of(re.sub(r"-[a-z]+$", "", v)) for v in (gold, found))
    return gold_number is not None and gold_number == found_number


def _same_conflict(gold: dict[str, Any], found: dict[str, Any], file_of: dict[str, str]) -> bool:
    if gold["kind"] != found["kind"]:
        return False
    a_side, b_side = _sides(found, file_of)
    for one, other in ((a_side, b_side), (b_side, a_side)):
        has_a = any(f == gold["a"]["file"] and _same_value(gold["a"]["value"], v) for f, v in one)
        has_b = any(
            f in gold["b"]["files"] and _same_value(gold["b"]["value"], v) for f, v in other
        )
        if has_a and has_b:
            return True
    return False


def _pairs(claims: list[dict[str, Any]], file_of: dict[str, str]) -> list[dict[str, Any]]:
    """Return the distinct claim/response pairs: claimant, response article, speaker, stance."""
    pairs: dict[tuple[Any, ...], dict[str, Any]] = {}
    for claim in claims:
        for response in claim["responses"]:
            pair = {
                "claimant": claim["claim"]["speaker"],
                "file": file_of.get(response["article_id"], ""),
                "speaker": response["speaker"],
                "stance": response["stance"],
            }
            pairs.setdefault(tuple(pair.values()), pair)
    return list(pairs.values())


def _same_pair(gold: dict[str, Any], pair: dict[str, Any]) -> bool:
    response = gold["response"]
    return (
        same_name(gold["claim"]["speaker"], pair["claimant"])
        and response["file"] == pair["file"]
        and response["stance"] == pair["stance"]
        and same_name(response["speaker"], pair["speaker"])
    )


def _compatible_opposed(
    gold: list[dict[str, Any]], records: dict[str, list[dict[str, Any]]], file_of: dict[str, str]
) -> int:
    """Return how many date records oppose dates that can both be true.

    Counted twice over: a record whose two sides hold values whose intervals meet, and a record
    that opposes a pair the gold lists as compatible (a month and a day inside it).
    """
    wrong = 0
    compatible = [g for g in gold if g["record"] == "compatible"]
    for conflict in records["contradictions"]:
        if conflict["kind"] not in ("date", "internal") or not conflict["a"]["value"][:4].isdigit():
            continue
        a_side, b_side = _sides(conflict, file_of)
        meets = any(
            _meet(va, vb) for _, va in a_side for _, vb in b_side if "-" in va and "-" in vb
        )
        listed = any(
            (
                (g["a"]["file"], g["a"]["value"]) in side
                and (g["b"]["file"], g["b"]["value"]) in other
            )
            for g in compatible
            for side, other in ((a_side, b_side), (b_side, a_side))
        )
        wrong += meets or listed
    return wrong


def _meet(a: str, b: str) -> bool:
    try:
        (la, ha), (lb, hb) = interval(a), interval(b)
    except ValueError:
        return False
    return la <= hb and lb <= ha


def ecbplus_names(records: dict[str, list[dict[str, Any]]], articles: Path) -> dict[str, str]:
    """Return the ECB+ id ("19_1ecbplus") of each stored article, from its line in the input."""
    ids = [json.loads(line)["id"] for line in articles.read_text(encoding="utf-8").splitlines()]
    names = {}
    for article in records["articles"]:
        _, _, line = article["source"].rpartition("#")
        if line.isdigit() and 0 < int(line) <= len(ids):
            names[article["id"]] = ids[int(line) - 1]
    return names


def score_ecbplus(
    records: dict[str, list[dict[str, Any]]], articles: Path, gold: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Return the ECB+ figures per fold: the gold's topics of that fold, and the records found
    there (a record is in the topic of its first article).

    The gold was pooled: every pair of statements of one ECB+ event that disagree and share a
    word near the value (1,141 pairs on the 772 articles) read by hand, for the topics listed.
    A record outside the gold is counted false, though it may be a conflict the pool missed.
    """
    names = ecbplus_names(records, articles)
    figures = {}
    for fold in ("tune", "held-out"):
        fold_gold = [g for g in gold if g.get("fold") == fold]
        topics = {str(g["topic"]) for g in gold if g.get("fold") == fold and "topic" in g}
        topics |= {str(t) for g in gold if g.get("fold") == fold for t in g.get("topics", [])}
        in_fold = {a: n for a, n in names.items() if n.split("_", 1)[0] in topics}
        chosen = {
            "articles": [a for a in records["articles"] if a["id"] in in_fold],
            "contradictions": [
                c for c in records["contradictions"] if c["a"]["article_id"] in in_fold
            ],
            "claims": [c for c in records["claims"] if c["claim"]["article_id"] in in_fold],
            "positions": [],
        }
        figures[fold] = {
            k: v
            for k, v in score(fold_gold, chosen, names).items()
            if not k.startswith(("pair", "shifts", "positions"))
        } | {"topics": len(topics), "articles": len(chosen["articles"])}
    return figures


def run_corpus(folder: Path) -> tuple[dict[str, list[dict[str, Any]]], float]:
    """Ingest a folder into a temporary store; return its exports and the cross-check seconds."""
    with tempfile.TemporaryDirectory() as scratch:
        store = SqliteStore(str(Path(scratch) / "bench.db"))
        try:
            ingest([str(folder)], store)
            analyses = list(store.analyses())
            corpus = group(analyses)
            build_timeline(analyses, corpus)
            started = time.perf_counter()
            crosscheck(analyses, corpus)
            seconds = time.perf_counter() - started
            kinds = ("articles", "contradictions", "claims", "coverage", "positions")
            return {k: list(store.records(k)) for k in kinds}, seconds
        finally:
            store.close()


def unlabelled_figures(records: dict[str, list[dict[str, Any]]], seconds: float) -> dict[str, Any]:
    """Return what cross-checking found on articles without gold: counts to read, not scores."""
    kinds = Counter(c["kind"] for c in records["contradictions"])
    return {
        "articles": len(records["articles"]),
        **{f"{kind}_contradictions": kinds[kind] for kind in (*SCORED_KINDS, "claim-denial")},
        **{f"{k}_records": len(records[k]) for k in ("claims", "positions")},
        "sentence_pairs": sum(
            len(c.get("a_all") or [1]) * len(c.get("b_all") or [1])
            for c in records["contradictions"]
        ),
        "crosscheck_seconds": round(seconds, 3),
    }


def bench_crosscheck(
    corpora: dict[str, Path],
    console: Console,
    unlabelled: Path | None = None,
    ecbplus: Path | None = None,
) -> dict[str, dict[str, Any]]:
    """Print and return the cross-checking figures of each corpus (name → folder).

    ``unlabelled``: a further input with no cross-checking gold: what is found there is
    counted, to be read for precision by a person. ``ecbplus``: ECB+ dev's ``articles.jsonl``,
    scored against the gold's ``ecbplus`` records per fold (rules were read on ``tune``'s
    topics; ``held-out``'s errors were read once, after its figures were taken: README).
    """
    figures: dict[str, dict[str, Any]] = {}
    every_gold: list[dict[str, Any]] = []
    every_record: dict[str, list[dict[str, Any]]] = {}
    total_seconds = 0.0
    for name, folder in corpora.items():
        records, seconds = run_corpus(folder)
        gold = load_gold(name)
        figures[name] = score(gold, records) | {
            "articles": len(records["articles"]),
            "crosscheck_seconds": round(seconds, 3),
        }
        every_gold += gold
        for kind, items in records.items():
            every_record.setdefault(kind, []).extend(items)
        total_seconds += seconds
    if len(figures) > 1:
        figures["all"] = score(every_gold, every_record) | {
            "articles": len(every_record["articles"]),
            "crosscheck_seconds": round(total_seconds, 3),
        }
    if unlabelled is not None:
        records, seconds = run_corpus(unlabelled)
        console.print(f"Unlabelled, held out ({unlabelled}):", unlabelled_figures(records, seconds))
    if ecbplus is not None:
        records, seconds = run_corpus(ecbplus)
        for fold, figure in score_ecbplus(records, ecbplus, load_gold("ecbplus")).items():
            figures[f"ECB+ {fold}"] = figure | {"crosscheck_seconds": round(seconds, 3)}
    table = Table(
        title="Cross-checking against crosscheck_gold.jsonl (seeds, example: in-sample, the "
        "rules were developed on these articles; ECB+ by fold of topics)"
    )
    table.add_column("figure")
    for name in figures:
        table.add_column(name, justify="right")
    keys = list(dict.fromkeys(k for f in figures.values() for k in f))
    for key in keys:
        table.add_row(key, *(str(f.get(key, "")) for f in figures.values()))
    console.print(table)
    return figures

"""``storyline bench quotes``: who said what, scored against every gold set with quotes.

The scoring follows the shared scorer (``hooks/score.py``): a gold quote is found when its
first 40 normalized characters lie inside a found quote's text (or a found quote longer than
15 characters starts inside it); the speaker is right when the key words agree (last word
without corporate suffix, word containment, or acronym). Direct precision counts, on articles
whose gold lists every quote, the direct quotes found that match any gold quote.

The quote rules carry a few thresholds (``QuoteSettings``). On ECB+ they are chosen by
cross-validation grouped by ECB+ topic (the number before ``_`` in the file name): each
fold's settings are picked on the other folds, and the figures reported are those of the
held-out folds, beside the shipped settings on every article (in-sample).
"""

from __future__ import annotations

import itertools
import json
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from rich.console import Console
from spacy.tokens import Doc

from storyline.clean import clean
from storyline.extract import parse
from storyline.extract.entities import mentions as find_mentions
from storyline.extract.quotes import DEFAULT_SETTINGS, QuoteSettings, quotes
from storyline.ingest import read_inputs
from storyline.model import Article, Quote, RawDocument

# Folds of the grouped cross-validation on ECB+ (topics are dealt round-robin to folds).
FOLDS = 5

# The candidate settings cross-validation chooses among: each threshold's shipped value and
# its neighbours (a small grid: the rules are few and the corpus is small).
GRID: dict[str, tuple[Any, ...]] = {
    "min_unattributed_words": (4, 6, 8),
    "min_attributed_words": (1, 2, 3),
    "carry_speaker": (True, False),
}

_CORPORATE_SUFFIXES = {"inc", "co", "corp", "corporation", "ltd", "llc", "plc", "usa", "group"}
_CORPORATE_SUFFIXES |= {"ag", "sa"}
_JSON_BLOCK = re.compile(r"```json\n(.*?)```", re.S)


def normalized(text: str | None) -> str:
    """Return text folded as the shared scorer folds it: NFKC, no quote marks, lowercase."""
    folded = unicodedata.normalize("NFKC", text or "")
    folded = re.sub(r"[\"'`‘’“”]", "", folded)
    return re.sub(r"\s+", " ", folded).strip().lower()


def _key_word(name: str) -> str:
    words = [w for w in re.split(r"[\s.,]+", re.sub(r"\s*-\s*", "-", normalized(name))) if w]
    while len(words) > 1 and words[-1] in _CORPORATE_SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def _acronyms(name: str) -> set[str]:
    words = [
        w
        for w in re.split(r"[\s.,-]+", normalized(name))
        if len(w) > 1 and w.isalpha() and w not in ("of", "the", "and")
    ]
    found: set[str] = set()
    if len(words) > 1:
        found.add("".join(w[0] for w in words))
        core = [w for w in words if w not in _CORPORATE_SUFFIXES]
        if len(core) > 1:
            found.add("".join(w[0] for w in core))
    return found


def same_name(a: str | None, b: str | None) -> bool:
    """Return whether two names of one speaker or outlet agree, as the shared scorer says."""
    na, nb = normalized(a), normalized(b)
    if not na or not nb:
        return False
    if _key_word(na) == _key_word(nb):
        return True
    ta, tb = na.split(), nb.split()
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    windows = (long[i : i + len(short)] for i in range(len(long) - len(short) + 1))
    if len(" ".join(short)) >= 4 and any(w == short for w in windows):
        return True
    return na.replace(" ", "") in _acronyms(nb) or nb.replace(" ", "") in _acronyms(na)


def same_words(gold_text: str, quote: Quote) -> bool:
    """Return whether a found quote holds the gold quote's words."""
    gold, found = normalized(gold_text)[:40], normalized(quote.text)
    return bool(gold) and (gold in found or (found[:40] in gold and len(found) > 15))


@dataclass
class Tally:
    """Counts behind the quote figures of a set of articles."""

    direct: int = 0
    direct_found: int = 0
    speaker_right: int = 0
    via: int = 0
    via_found: int = 0
    indirect: int = 0
    indirect_found: int = 0
    indirect_speaker: int = 0
    emitted: int = 0
    emitted_right: int = 0
    via_given: int = 0  # found quotes matching a gold quote that carry a relay
    via_given_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def __iadd__(self, other: Tally) -> Tally:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def figures(self) -> dict[str, float | None]:
        """Return the ratios: recall, precision, speaker, relay and reported speech."""

        def ratio(part: int, whole: int) -> float | None:
            return round(part / whole, 3) if whole else None

        return {
            "direct_recall": ratio(self.direct_found, self.direct),
            "direct_precision": ratio(self.emitted_right, self.emitted),
            "speaker_acc": ratio(self.speaker_right, self.direct_found),
            "via_recall": ratio(self.via_found, self.via),
            "via_precision": ratio(self.via_given_right, self.via_given),
            "indirect_recall": ratio(self.indirect_found, self.indirect),
            "indirect_speaker": ratio(self.indirect_speaker, self.indirect),
        }


def score_article(gold: dict[str, Any], found: list[Quote]) -> Tally:
    """Return the tally of one article's quotes against its gold record, misses listed."""
    tally = Tally()
    name = gold["file"]
    for gq in gold.get("quotes", []):
        tally.direct += 1
        hits = [q for q in found if same_words(gq["text"], q)]
        right = any(same_name(q.speaker or q.speaker_mention, gq.get("speaker")) for q in hits)
        tally.direct_found += bool(hits)
        tally.speaker_right += bool(hits) and right
        if not hits or not right:
            got = hits[0] if hits else None
            tally.misses.append(_miss(name, "direct", gq, got))
        given = [q for q in hits if q.via]
        if given:
            tally.via_given += 1
            tally.via_given_right += any(same_name(q.via, gq.get("via")) for q in given)
            if not gq.get("via"):
                tally.misses.append(_miss(name, "false-via", gq, given[0]))
        if gq.get("via"):
            tally.via += 1
            relayed = any(q.via and same_name(q.via, gq["via"]) for q in hits)
            tally.via_found += relayed
            if hits and not relayed:
                tally.misses.append(_miss(name, "via", gq, hits[0]))
    for gq in gold.get("indirect_quotes", []):
        tally.indirect += 1
        hits = [q for q in found if same_words(gq["text"], q)]
        right = any(same_name(q.speaker or q.speaker_mention, gq.get("speaker")) for q in hits)
        tally.indirect_found += bool(hits)
        tally.indirect_speaker += bool(hits) and right
        if not hits or not right:
            tally.misses.append(_miss(name, "indirect", gq, hits[0] if hits else None))
    if gold.get("quotes_complete"):
        every = [gq["text"] for gq in gold.get("quotes", []) + gold.get("indirect_quotes", [])]
        for quote in found:
            if quote.kind != "direct":
                continue
            tally.emitted += 1
            head = normalized(quote.text)[:40]
            right = any(same_words(t, quote) or (head and head in normalized(t)) for t in every)
            tally.emitted_right += right
            if not right:
                tally.misses.append(
                    {"file": name, "kind": "spurious", "text": quote.text, "got": _brief(quote)}
                )
    return tally


def _miss(name: str, kind: str, gold: dict[str, Any], got: Quote | None) -> dict[str, Any]:
    return {
        "file": name,
        "kind": kind,
        "text": gold["text"],
        "speaker": gold.get("speaker"),
        "via": gold.get("via"),
        "got": _brief(got) if got else None,
    }


def _brief(quote: Quote) -> dict[str, Any]:
    return {
        "speaker": quote.speaker,
        "mention": quote.speaker_mention,
        "cue": quote.cue,
        "via": quote.via,
        "kind": quote.kind,
        "text": quote.text[:80],
    }


def load_gold(folder: Path) -> list[dict[str, Any]]:
    """Return a folder's gold records: its gold.jsonl, or the JSON blocks of ANSWERS.md."""
    jsonl = folder / "gold.jsonl"
    if jsonl.is_file():
        lines = jsonl.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    answers = (folder / "ANSWERS.md").read_text(encoding="utf-8")
    return [json.loads(block) for block in _JSON_BLOCK.findall(answers)]


def load_articles(folder: Path) -> dict[str, Article]:
    """Return the clean articles of a folder's text files, by file name."""
    articles: dict[str, Article] = {}
    for item in read_inputs([str(folder)]):
        if isinstance(item, RawDocument) and item.source.endswith(".txt"):
            articles[Path(item.source).name] = clean(item)
    return articles


@dataclass
class ParsedSet:
    """A gold set ready to score: gold records, and each article's parsed document."""

    name: str
    gold: list[dict[str, Any]]
    docs: dict[str, Doc]
    parse_seconds: float = 0.0


def parse_set(name: str, folder: Path) -> ParsedSet:
    """Return a gold set with its articles cleaned and parsed once."""
    gold = load_gold(folder)
    articles = load_articles(folder / "articles" if (folder / "articles").is_dir() else folder)
    wanted = [g["file"] for g in gold if g["file"] in articles]
    started = time.perf_counter()
    docs = parse([articles[f].text for f in wanted])  # as the pipeline parses them
    parsed = dict(zip(wanted, docs, strict=True))
    return ParsedSet(name, [g for g in gold if g["file"] in parsed], parsed,
                     time.perf_counter() - started)  # fmt: skip


def run(
    parsed: ParsedSet, settings: QuoteSettings, files: Iterable[str] | None = None
) -> tuple[Tally, float]:
    """Return the tally of the quote stage on (some of) a set's articles, and its seconds."""
    chosen = set(files) if files is not None else None
    tally = Tally()
    seconds = 0.0
    for gold in parsed.gold:
        if chosen is not None and gold["file"] not in chosen:
            continue
        doc = parsed.docs[gold["file"]]
        started = time.perf_counter()
        found = quotes(doc, find_mentions(doc, gold["file"]), gold["file"], settings)
        seconds += time.perf_counter() - started
        tally += score_article(gold, found)
    return tally, seconds


def topic_of(file: str) -> str:
    """Return the ECB+ topic of a file name ("10_19ecbplus.txt" → "10")."""
    return file.split("_", 1)[0]


def objective(tally: Tally) -> float:
    """Return what cross-validation maximizes: the mean of the goal measures."""
    values = [v for v in tally.figures().values() if v is not None]
    return sum(values) / len(values) if values else 0.0


def candidates() -> list[QuoteSettings]:
    """Return every setting of the grid."""
    names = list(GRID)
    return [
        replace(DEFAULT_SETTINGS, **dict(zip(names, values, strict=True)))
        for values in itertools.product(*(GRID[n] for n in names))
    ]


def cross_validate(parsed: ParsedSet, folds: int = FOLDS) -> tuple[Tally, list[QuoteSettings]]:
    """Return the held-out tally over grouped folds and the settings each fold chose."""
    topics = sorted({topic_of(g["file"]) for g in parsed.gold}, key=lambda t: (len(t), t))
    fold_of = {topic: index % folds for index, topic in enumerate(topics)}
    settings = candidates()
    per_fold: dict[tuple[int, int], Tally] = {}
    for k in range(folds):
        files = [g["file"] for g in parsed.gold if fold_of[topic_of(g["file"])] == k]
        for index, candidate in enumerate(settings):
            per_fold[(k, index)] = run(parsed, candidate, files)[0]
    held_out = Tally()
    chosen: list[QuoteSettings] = []
    for k in range(folds):
        best = max(
            range(len(settings)),
            key=lambda i: objective(_sum(per_fold[(j, i)] for j in range(folds) if j != k)),
        )
        chosen.append(settings[best])
        held_out += per_fold[(k, best)]
    return held_out, chosen


def _sum(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total += tally
    return total


def bench_quotes(
    shared: Path, example: Path, console: Console, misses: Path | None = None
) -> dict[str, dict[str, Any]]:
    """Print and return quote figures: ECB+ held-out and in-sample, the seeds, the example."""
    sets = [
        ("ecbplus-quotes", shared / "corpus" / "ecbplus-quotes"),
        ("seeds", shared / "seeds"),
        ("example corpus", example),
    ]
    rows: dict[str, dict[str, Any]] = {}
    every_miss: list[dict[str, Any]] = []
    for name, folder in sets:
        if not ((folder / "gold.jsonl").is_file() or (folder / "ANSWERS.md").is_file()):
            console.print(f"{name}: no gold at {folder}, skipped")
            continue
        parsed = parse_set(name, folder)
        if name == "ecbplus-quotes":
            held_out, chosen = cross_validate(parsed)
            rows[f"{name} held-out ({FOLDS} folds by topic)"] = held_out.figures()
            console.print("settings chosen per fold: " + "; ".join(_short(s) for s in chosen))
        tally, seconds = run(parsed, DEFAULT_SETTINGS)
        figures: dict[str, Any] = dict(tally.figures())
        figures["articles_per_s"] = round(len(parsed.gold) / seconds, 1) if seconds else None
        figures["parse_articles_per_s"] = (
            round(len(parsed.gold) / parsed.parse_seconds, 1) if parsed.parse_seconds else None
        )
        rows[f"{name} (shipped settings)"] = figures
        every_miss.extend(dict(m, set=name) for m in tally.misses)
    _print(rows, console)
    if misses is not None:
        misses.write_text("".join(json.dumps(m) + "\n" for m in every_miss), encoding="utf-8")
        console.print(f"{len(every_miss)} misses written to {misses}")
    return rows


def _short(settings: QuoteSettings) -> str:
    return ",".join(f"{n}={getattr(settings, n)}" for n in GRID)


def _print(rows: dict[str, dict[str, Any]], console: Console) -> None:
    """Print one block per set: a measure a line, so that it reads in any terminal width."""
    labels = {
        "direct_recall": "direct quotes found (recall)",
        "direct_precision": "direct quotes right (precision)",
        "speaker_acc": "speaker right, of found",
        "via_recall": "relay (via) found",
        "via_precision": "relay right, of relays given",
        "indirect_recall": "reported speech found",
        "indirect_speaker": "reported speech with right speaker",
        "articles_per_s": "quote stage, articles/s (parsed docs in)",
        "parse_articles_per_s": "spaCy parse, articles/s (for scale)",
    }
    for name, figures in rows.items():
        console.print(f"[bold]{name}[/bold]")
        for key, label in labels.items():
            if key in figures:
                value = figures[key]
                console.print(f"  {label:<42} {'—' if value is None else value}")

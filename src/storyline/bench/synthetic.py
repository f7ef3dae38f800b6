"""Synthetic stores of any size, built by recombining real paragraphs with their extractions.

Real articles (ECB+ dev) are cleaned and extracted once; their paragraphs are cached with
their mentions, quotes and timexes (offsets relative to the paragraph). A synthetic story
takes a pool of paragraphs of one real topic and gives its people, organisations and places
names of its own (so that thousands of stories do not share one cast); each of its articles
recombines a few paragraphs of the pool, with the extractions re-offset. Articles of one story
share paragraphs (they group), no two articles are near-copies (near-duplicate detection does
not collapse them), and building 100,000 costs no parsing: the NLP cost of an article does not
depend on the store's size and is measured on its own (``storyline bench scale``).
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.model import Analysis, Article, Mention, Quote, Timex, content_id
from storyline.store.base import Store

# Stories of this many articles on average (2 to twice as many), published over a few days.
ARTICLES_PER_STORY = 20
STORY_DAYS = 6

# Paragraphs in a story's pool, and taken by each of its articles: two articles of a story
# share about one paragraph in three, far from a near-copy.
POOL_PARAGRAPHS = 12
ARTICLE_PARAGRAPHS = (3, 5)

# Paragraphs shorter than this carry no story (datelines, photo credits).
MIN_PARAGRAPH_CHARS = 80

# Name parts of synthetic people, organisations and places.
_FIRST = [
    "Ada",
    "Bram",
    "Cleo",
    "Dara",
    "Emil",
    "Faye",
    "Gus",
    "Hana",
    "Ivo",
    "Jana",
    "Kofi",
    "Lena",
    "Milo",
    "Nora",
    "Otto",
    "Pia",
    "Rafe",
    "Sela",
    "Tomas",
    "Uma",
    "Vera",
    "Wim",
    "Xena",
    "Yara",
    "Zeno",
]
_SYLLABLES = [
    "ka",
    "lo",
    "mer",
    "vin",
    "dor",
    "sa",
    "tel",
    "bri",
    "nu",
    "gan",
    "ost",
    "rel",
    "vis",
    "pal",
    "con",
    "der",
    "fim",
    "hal",
]
_ORG_KINDS = ["Holdings", "Group", "Council", "Institute", "Partners", "Agency", "Union", "Trust"]

_WORD = re.compile(r"\w+")


@dataclass
class Paragraph:
    """A real paragraph with its extractions, offsets relative to its text."""

    topic: str
    text: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    timexes: list[dict[str, Any]] = field(default_factory=list)


def paragraphs(analyses: list[Analysis], topics: dict[str, str]) -> list[Paragraph]:
    """Return the paragraphs of extracted articles with their extractions, by article topic."""
    found: list[Paragraph] = []
    for analysis in analyses:
        text = analysis.article.text
        start = 0
        for chunk in text.split("\n\n"):
            end = start + len(chunk)
            if len(chunk.strip()) >= MIN_PARAGRAPH_CHARS:
                found.append(
                    Paragraph(
                        topics.get(analysis.article.id, ""),
                        chunk,
                        _inside(analysis.mentions, start, end),
                        _inside(analysis.quotes, start, end),
                        _inside(analysis.timexes, start, end),
                    )
                )
            start = end + 2
    return found


def _inside(items: list[Any], start: int, end: int) -> list[dict[str, Any]]:
    kept = []
    for item in items:
        if item.start is None or item.start < start or item.end > end:
            continue
        record = {k: v for k, v in vars(item).items() if k != "article_id"}
        record["start"] -= start
        record["end"] -= start
        kept.append(record)
    return kept


def load_paragraphs(cache: Path, ecbplus: Path) -> list[Paragraph]:
    """Return the cached paragraphs, extracting ECB+ dev once when the cache is missing."""
    if cache.is_file():
        return [Paragraph(**record) for record in json.loads(cache.read_text(encoding="utf-8"))]
    from storyline.bench.groups import ecbplus_analyses

    analyses, gold = ecbplus_analyses(ecbplus)
    topics = {a.article.id: str(g["topic"]) for a, g in zip(analyses, gold, strict=True)}
    found = paragraphs(analyses, topics)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps([vars(p) for p in found], ensure_ascii=False), encoding="utf-8")
    return found


def synthetic_analyses(pool: list[Paragraph], count: int, seed: int = 0) -> Iterator[Analysis]:
    """Yield ``count`` synthetic articles with their extractions, story after story."""
    rng = random.Random(seed)
    by_topic: dict[str, list[Paragraph]] = defaultdict(list)
    for paragraph in pool:
        by_topic[paragraph.topic].append(paragraph)
    topics = sorted(by_topic)
    made = story = 0
    while made < count:
        topic = topics[story % len(topics)]
        chosen = rng.sample(by_topic[topic], min(POOL_PARAGRAPHS, len(by_topic[topic])))
        names: dict[str, str] = {}
        day = 730_000 + story * 3 + rng.randrange(30)  # 2000 onwards, stories overlapping
        size = rng.randint(2, 2 * ARTICLES_PER_STORY - 2)
        for number in range(min(size, count - made)):
            parts = rng.sample(chosen, min(len(chosen), rng.randint(*ARTICLE_PARAGRAPHS)))
            published = _iso(day + rng.randrange(STORY_DAYS))
            yield _article(parts, names, story, number, published, rng)
            made += 1
        story += 1


def build_store(store: Store, pool: list[Paragraph], count: int, seed: int = 0) -> int:
    """Add ``count`` synthetic articles to a store in batches (no grouping); return how many."""
    added = 0
    batch: list[Analysis] = []
    for analysis in synthetic_analyses(pool, count, seed):
        batch.append(analysis)
        if len(batch) == 1_000:
            added += store.add(batch)
            batch = []
    if batch:
        added += store.add(batch)
    return added


def _article(
    parts: list[Paragraph],
    names: dict[str, str],
    story: int,
    number: int,
    published: str,
    rng: random.Random,
) -> Analysis:
    texts: list[str] = []
    mentions: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    timexes: list[dict[str, Any]] = []
    offset = 0
    for part in parts:
        text, shift = _renamed(part, names, rng)
        for items, target in (
            (part.mentions, mentions),
            (part.quotes, quotes),
            (part.timexes, timexes),
        ):
            for item in items:
                moved = dict(item)
                moved["start"] = offset + shift(item["start"])
                moved["end"] = offset + shift(item["end"])
                if target is mentions:
                    moved["name"] = names.get(item["name"], item["name"])
                    moved["text"] = text[moved["start"] - offset : moved["end"] - offset]
                target.append(moved)
        texts.append(text)
        offset += len(text) + 2
    body = "\n\n".join(texts)
    article_id = content_id(body, str(story), str(number), prefix="a")  # unique, even if alike
    article = Article(
        id=article_id,
        source=f"synthetic://story-{story}/{number}",
        text=body,
        outlet=f"Outlet {number % 7}",
        published=published,
        published_source="input",
        language="en",
    )
    return Analysis(
        article,
        [Mention(article_id=article_id, **m) for m in mentions],
        [Quote(article_id=article_id, **q) for q in quotes],
        [Timex(article_id=article_id, **t) for t in timexes],
    )


def _renamed(part: Paragraph, names: dict[str, str], rng: random.Random) -> tuple[str, Any]:
    """Return a paragraph with the story's names in place of its entities, and an offset map."""
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []  # (end of a replaced span, total shift after it)
    cursor = total = 0
    for mention in sorted(part.mentions, key=lambda m: m["start"]):
        if mention["start"] < cursor or mention["type"] not in ("PERSON", "ORG", "GPE"):
            continue
        name = names.setdefault(mention["name"], _fake_name(mention["type"], rng))
        surface = name if " " in mention["text"] or " " not in name else name.split()[-1]
        pieces.append(part.text[cursor : mention["start"]])
        pieces.append(surface)
        total += len(surface) - (mention["end"] - mention["start"])
        cursor = mention["end"]
        shifts.append((cursor, total))
    pieces.append(part.text[cursor:])

    def shift(position: int) -> int:
        moved = 0
        for end, after in shifts:
            if end <= position:
                moved = after
        return position + moved

    return "".join(pieces), shift


def _fake_name(kind: str, rng: random.Random) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    if kind == "PERSON":
        return f"{rng.choice(_FIRST)} {word}"
    if kind == "ORG":
        return f"{word} {rng.choice(_ORG_KINDS)}"
    return word


def _iso(day: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(day).isoformat()

"""The SQLite store's grouping state: what incremental grouping looks up, and per-storyline saves.

Each article's grouping terms, the collection's term counts, an inverted index of each
article's most specific terms and its MinHash bands are written once, when the article is
first grouped; a later ingest reads only the rows its new articles need. A regrouping replaces
the records of the storylines it touched and leaves every other storyline's alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.model import Correction, Entity, Placement, Story, content_id
from storyline.store.base import GroupingUpdate
from storyline.store.sqlite_connection import reported, transaction

# Ids bound per query (SQLite allows 32,766 variables; smaller keeps each query quick).
CHUNK = 500

# Records kept per storyline: replaced whole for each storyline a regrouping touched.
STORYLINE_KINDS = ("events", "contradictions", "claims", "coverage", "positions")


class GroupingTables:
    """Methods of SqliteStore over the grouping state (migration 0004)."""

    path: str
    _db: sqlite3.Connection

    def _insert(self, kind: str, items: Iterable[Any]) -> None:  # pragma: no cover - SqliteStore
        raise NotImplementedError

    def ungrouped(self, limit: int) -> list[str]:
        with reported(self.path):
            rows = self._db.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_terms) "
                "ORDER BY seq LIMIT ?",
                (limit,),
            )
            return [row[0] for row in rows]

    def placements(self, article_ids: Iterable[str]) -> dict[str, Placement]:
        found: dict[str, Placement] = {}
        with reported(self.path):
            for chunk in _chunks(article_ids):
                rows = self._db.execute(
                    "SELECT id, duplicate_of, event_id, storyline_id FROM articles "
                    f"WHERE id IN ({_marks(chunk)})",
                    chunk,
                )
                found.update((row[0], Placement(*row)) for row in rows)
        return found

    def storyline_articles(self, storyline_ids: Iterable[str]) -> list[str]:
        found: list[tuple[int, str]] = []
        with reported(self.path):
            for chunk in _chunks(storyline_ids):
                rows = self._db.execute(
                    f"SELECT seq, id FROM articles WHERE storyline_id IN ({_marks(chunk)})", chunk
                )
                found.extend(rows)
        return [article for _, article in sorted(found)]

    def story(self, story_id: str) -> Story | None:
        with reported(self.path):
            row = self._db.execute(
                'SELECT id, level, label, article_ids, parent_id, start, "end", top_entities '
                "FROM stories WHERE id = ?",
                (story_id,),
            ).fetchone()
        if row is None:
            return None
        return Story(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6],
                     json.loads(row[7]))  # fmt: skip

    def term_counts(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        counts: dict[str, int] = {}
        with reported(self.path):
            for chunk in _chunks(terms):
                rows = self._db.execute(
                    f"SELECT term, df FROM term_counts WHERE term IN ({_marks(chunk)})", chunk
                )
                counts.update(rows)
            total = self._db.execute("SELECT COUNT(*) FROM article_terms").fetchone()[0]
        return counts, int(total)

    def postings(self, terms: Iterable[str], per_term: int) -> Iterator[tuple[str, str]]:
        with reported(self.path):
            for term in sorted(set(terms)):
                rows = self._db.execute(
                    "SELECT article_id FROM term_postings WHERE term = ? "
                    "ORDER BY rowid DESC LIMIT ?",
                    (term, per_term),
                )
                for row in rows:
                    yield term, row[0]

    def band_matches(self, bands: Sequence[tuple[int, bytes]]) -> set[str]:
        found: set[str] = set()
        with reported(self.path):
            for band, digest in bands:
                rows = self._db.execute(
                    "SELECT article_id FROM minhash_bands WHERE band = ? AND hash = ?",
                    (band, digest),
                )
                found.update(row[0] for row in rows)
        return found

    def article_terms(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        with reported(self.path):
            for chunk in _chunks(article_ids):
                rows = self._db.execute(
                    f"SELECT article_id, terms FROM article_terms WHERE article_id IN "
                    f"({_marks(chunk)})",
                    chunk,
                )
                found.update((row[0], json.loads(row[1])) for row in rows)
        return found

    def corrections(self) -> list[Correction]:
        with reported(self.path):
            rows = self._db.execute(
                "SELECT kind, level, story_id, other_id, article_ids, other_ids, label "
                "FROM corrections ORDER BY seq"
            ).fetchall()
        return [
            Correction(kind, level, story, other, json.loads(ids), json.loads(others), label)
            for kind, level, story, other, ids, others, label in rows
        ]

    def add_correction(self, correction: Correction) -> None:
        with reported(self.path), transaction(self._db):
            self._db.execute(
                "INSERT INTO corrections (kind, level, story_id, other_id, article_ids, "
                "other_ids, label) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    correction.kind,
                    correction.level,
                    correction.story_id,
                    correction.other_id,
                    json.dumps(correction.article_ids),
                    json.dumps(correction.other_ids),
                    correction.label,
                ),
            )

    def save_grouping(self, update: GroupingUpdate, generation: int | None = None) -> bool:
        corpus = update.corpus
        with reported(self.path), transaction(self._db):
            if generation is not None and generation != self._generation():
                return False  # articles came in after this grouping was read: it misses them
            if not self._add_terms(update):
                return False  # another regrouping grouped these articles meanwhile
            self._db.executemany(
                "UPDATE articles SET duplicate_of = ?, event_id = ?, storyline_id = ? WHERE id = ?",
                [
                    (p.duplicate_of, p.event_id, p.storyline_id, p.article_id)
                    for p in corpus.placements
                ],
            )
            replaced = sorted(update.storylines)
            for chunk in _chunks(replaced):
                marks = _marks(chunk)
                self._db.execute(f"DELETE FROM stories WHERE id IN ({marks})", chunk)
                self._db.execute(
                    f"DELETE FROM stories WHERE level = 'event' AND parent_id IN ({marks})", chunk
                )
                for kind in STORYLINE_KINDS:
                    self._db.execute(f"DELETE FROM {kind} WHERE storyline_id IN ({marks})", chunk)
            self._insert("stories", corpus.stories)
            for kind in STORYLINE_KINDS:
                self._insert(kind, getattr(corpus, kind))
            self._db.executemany(
                "INSERT OR REPLACE INTO names (article_name, name) VALUES (?, ?)",
                sorted(corpus.canonical_names.items()),
            )
            self._refresh_entities({e.name for e in corpus.entities} | set(corpus.canonical_names))
            self._db.execute(
                "UPDATE corpus_state SET stale = EXISTS (SELECT 1 FROM articles WHERE id NOT IN "
                "(SELECT article_id FROM article_terms))"
            )
        return True

    def _generation(self) -> int:
        return int(self._db.execute("SELECT generation FROM corpus_state").fetchone()[0])

    def _add_terms(self, update: GroupingUpdate) -> bool:
        """Write the new articles' terms, counts, postings and bands; False if already there."""
        for article, terms in update.terms.items():
            inserted = self._db.execute(
                "INSERT OR IGNORE INTO article_terms (article_id, terms) VALUES (?, ?)",
                (article, json.dumps(terms, ensure_ascii=False)),
            )
            if inserted.rowcount == 0:
                return False
            self._db.executemany(
                "INSERT INTO term_counts (term, df) VALUES (?, 1) "
                "ON CONFLICT (term) DO UPDATE SET df = df + 1",
                [(term,) for term in sorted(set(terms))],
            )
        self._db.executemany(
            "INSERT INTO term_postings (term, article_id) VALUES (?, ?)",
            [(term, article) for article, terms in update.postings.items() for term in terms],
        )
        self._db.executemany(
            "INSERT INTO minhash_bands (band, hash, article_id) VALUES (?, ?, ?)",
            [(band, digest, article) for article, bands in update.bands.items()
             for band, digest in bands],
        )  # fmt: skip
        return True

    def _refresh_entities(self, names: Iterable[str]) -> None:
        """Recompute the stored entities of these corpus-wide or article-level names.

        From every mention under each name, whichever batch stored it (a batch renames and
        retypes entities of articles it does not read: "Okoro" becomes "Jana Okoro"). The most
        common type wins, the first seen on ties, as ``group.entities.resolve`` does.
        """
        canonical = set(names) | self._names_of("article_name", "name", names)
        spelled = canonical | self._names_of("name", "article_name", canonical)
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(sorted(spelled)):
            self._db.execute(f"DELETE FROM entities WHERE name IN ({_marks(chunk)})", chunk)
            rows.extend(
                self._db.execute(
                    "SELECT COALESCE(names.name, mentions.name), mentions.type, mentions.text, "
                    "mentions.article_id, articles.seq, mentions.start FROM mentions "
                    "JOIN articles ON articles.id = mentions.article_id "
                    "LEFT JOIN names ON names.article_name = mentions.name "
                    f"WHERE mentions.name IN ({_marks(chunk)})",
                    chunk,
                )
            )
        by_name: dict[str, list[tuple[Any, ...]]] = {}
        for row in sorted(rows, key=lambda r: (r[0], r[4], r[5])):
            if row[0] in canonical:
                by_name.setdefault(row[0], []).append(row)
        self._insert("entities", [_entity(name, found) for name, found in by_name.items()])

    def _names_of(self, given: str, wanted: str, names: Iterable[str]) -> set[str]:
        """Return the names table's ``wanted`` column where its ``given`` column is in names."""
        found: set[str] = set()
        for chunk in _chunks(sorted(set(names))):
            rows = self._db.execute(
                f"SELECT {wanted} FROM names WHERE {given} IN ({_marks(chunk)})", chunk
            )
            found.update(row[0] for row in rows)
        return found


def _entity(name: str, mentions: list[tuple[Any, ...]]) -> Entity:
    """Return the entity of a name from its mentions (name, type, text, article, seq, start)."""
    types = Counter(kind for _, kind, *_ in mentions)
    kind = types.most_common(1)[0][0]
    aliases = sorted({text for _, _, text, *_ in mentions})
    articles = list(dict.fromkeys(article for _, _, _, article, *_ in mentions))
    return Entity(content_id(name, kind, prefix="e"), name, kind, aliases, articles)


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    items = list(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _marks(chunk: Sequence[Any]) -> str:
    return ",".join("?" * len(chunk))

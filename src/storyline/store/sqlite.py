"""The SQLite store: one file, one transaction per batch; opening it is in sqlite_connection."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from storyline.errors import StorylineError
from storyline.model import (
    Analysis,
    Article,
    Corpus,
    Mention,
    Quote,
    Timex,
    to_record,
)
from storyline.store.sqlite_connection import connect, reported, transaction
from storyline.store.sqlite_grouping import GroupingTables, _chunks
from storyline.store.sqlite_search import SearchFilters
from storyline.store.sqlite_search import search as search_index

# Columns of each table as the contract names the record's fields; JSON columns are lists or
# objects stored as text.
_COLUMNS = {
    "articles": [
        "id",
        "source",
        "url",
        "outlet",
        "title",
        "published",
        "published_source",
        "published_evidence",
        "language",
        "text",
        "removed_lines",
        "attributed_to",
        "duplicate_of",
        "event_id",
        "storyline_id",
    ],
    "mentions": ["article_id", "text", "name", "type", "start", "end"],
    "quotes": [
        "article_id",
        "speaker",
        "speaker_mention",
        "text",
        "kind",
        "cue",
        "via",
        "start",
        "end",
    ],
    "timexes": ["article_id", "text", "start", "end", "type", "value", "anchor", "range_end"],
    "entities": ["id", "name", "type", "aliases", "article_ids"],
    "stories": ["id", "level", "parent_id", "label", "article_ids", "start", "end", "top_entities"],
    "events": [
        "id",
        "storyline_id",
        "event_id",
        "date",
        "date_precision",
        "summary",
        "actors",
        "evidence",
        "first_reported",
    ],
    "contradictions": ["id", "storyline_id", "kind", "a", "b", "explanation", "a_all", "b_all"],
    "claims": ["id", "storyline_id", "claim", "responses", "explanation", "repeats"],
    "coverage": [
        "event_id",
        "storyline_id",
        "outlet",
        "article_ids",
        "first_published",
        "first",
        "syndicated_from",
        "attributed_to",
        "duplicates",
    ],
    "positions": ["entity", "storyline_id", "statements", "shifts"],
}
_JSON = {
    "removed_lines", "attributed_to", "aliases", "article_ids", "top_entities", "actors",
    "evidence", "a", "b", "a_all", "b_all", "claim", "responses", "repeats", "statements", "shifts",
}  # fmt: skip
_BOOLEAN = {"first"}

# Reading order of each export: stable and meaningful (time order where there is one).
_ORDER = {
    "articles": "seq",
    "quotes": "article_id, start",
    "timexes": "article_id, start",
    "entities": "name, type",
    "stories": "level DESC, start, id",
    "events": "storyline_id, date, id",
    "contradictions": "storyline_id, id",
    "claims": "storyline_id, id",
    "coverage": "storyline_id, event_id, first DESC, first_published, outlet",
    "positions": "storyline_id, rowid",
    "mentions": "article_id, start",  # not exported; the web's article page reads them
}

# Fields holding an article-level name that read out as the corpus-wide one ("Lu" → "Donald Lu").
_CANONICAL = {"quotes": "speaker", "mentions": "name"}

# Lines fetched at a time when exporting: exports stream, whatever the corpus size.
FETCH_SIZE = 500


class SqliteStore(GroupingTables):
    """A Store in one SQLite file.

    Every sqlite3 error leaves as one StorylineError naming the file and what to do about it.
    ``writable`` stores check at opening that they can write, before any parsing work is done.
    """

    def __init__(self, path: str, *, writable: bool = True) -> None:
        self.path = path
        self._db = connect(path, writable=writable)

    def known(self, article_ids: Iterable[str]) -> set[str]:
        ids = list(article_ids)
        found: set[str] = set()
        with reported(self.path):
            for i in range(0, len(ids), FETCH_SIZE):
                chunk = ids[i : i + FETCH_SIZE]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
                found.update(row[0] for row in rows)
        return found

    def add(self, analyses: list[Analysis]) -> int:
        stored = self.known(a.article.id for a in analyses)
        new = [a for a in analyses if a.article.id not in stored]
        if not new:
            return 0
        with reported(self.path), transaction(self._db):
            self._db.execute("UPDATE corpus_state SET stale = 1, generation = generation + 1")
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            for offset, analysis in enumerate(new, start=1):
                row = _row("articles", to_record(analysis.article))
                self._db.execute(
                    f"INSERT OR IGNORE INTO articles ({_names('articles')}, seq) "
                    f"VALUES ({_marks('articles')}, ?)",
                    [*row, seq + offset],
                )
                for kind, items in (
                    ("mentions", analysis.mentions),
                    ("quotes", analysis.quotes),
                    ("timexes", analysis.timexes),
                ):
                    self._db.executemany(
                        f"INSERT INTO {kind} ({_names(kind)}) VALUES ({_marks(kind)})",
                        [_row(kind, to_record(item)) for item in items],
                    )
        return len(new)

    def stale(self) -> bool:
        with reported(self.path):
            return bool(self._db.execute("SELECT stale FROM corpus_state").fetchone()[0])

    def generation(self) -> int:
        with reported(self.path):
            return int(self._db.execute("SELECT generation FROM corpus_state").fetchone()[0])

    def data_version(self) -> tuple[int, int]:
        # SQLite's data_version moves with other connections' commits, total_changes with
        # this connection's own.
        with reported(self.path):
            other = int(self._db.execute("PRAGMA data_version").fetchone()[0])
            return other, self._db.total_changes

    def analyses(self, article_ids: Iterable[str] | None = None) -> Iterator[Analysis]:
        with reported(self.path):
            if article_ids is None:
                yield from self._analyses("", [])
            else:
                for chunk in _chunks(article_ids):
                    yield from self._analyses(f"IN ({','.join('?' * len(chunk))})", chunk)

    def _analyses(self, among: str, ids: list[str]) -> Iterator[Analysis]:
        """Yield the articles whose id is ``among`` (an SQL IN clause over ``ids``), or all."""
        extracted: dict[str, dict[str, list[Any]]] = {}
        for kind, record_type in (("mentions", Mention), ("quotes", Quote), ("timexes", Timex)):
            where = f"WHERE article_id {among}" if among else ""
            cursor = self._db.execute(f"SELECT {_names(kind)} FROM {kind} {where}", ids)
            for row in cursor:
                item = record_type(**_decode(kind, row))
                extracted.setdefault(item.article_id, {}).setdefault(kind, []).append(item)
        where = f"WHERE id {among}" if among else ""
        cursor = self._db.execute(
            f"SELECT {_names('articles')} FROM articles {where} ORDER BY seq", ids
        )
        for row in cursor:
            article = Article(**_decode("articles", row))
            found = extracted.get(article.id, {})
            yield Analysis(
                article,
                found.get("mentions", []),
                found.get("quotes", []),
                found.get("timexes", []),
            )

    def save_corpus(self, corpus: Corpus, generation: int | None = None) -> bool:
        with reported(self.path), transaction(self._db):
            if generation is not None and generation != self.generation():
                return False  # articles came in after this corpus was read: it misses them
            self._db.execute("UPDATE corpus_state SET stale = 0")
            for kind in (
                "entities", "stories", "events", "contradictions", "claims", "coverage",
                "positions", "names",
            ):  # fmt: skip
                self._db.execute(f"DELETE FROM {kind}")
            self._db.executemany(
                "UPDATE articles SET duplicate_of = ?, event_id = ?, storyline_id = ? WHERE id = ?",
                [
                    (p.duplicate_of, p.event_id, p.storyline_id, p.article_id)
                    for p in corpus.placements
                ],
            )
            for kind, items in (
                ("entities", corpus.entities),
                ("stories", corpus.stories),
                ("events", corpus.events),
                ("contradictions", corpus.contradictions),
                ("claims", corpus.claims),
                ("coverage", corpus.coverage),
                ("positions", corpus.positions),
            ):
                self._insert(kind, items)
            self._db.executemany(
                "INSERT INTO names (article_name, name) VALUES (?, ?)",
                sorted(corpus.canonical_names.items()),
            )
        return True

    def _insert(self, kind: str, items: Iterable[Any]) -> None:
        """Insert records of one kind (inside the caller's transaction)."""
        self._db.executemany(
            f"INSERT INTO {kind} ({_names(kind)}) VALUES ({_marks(kind)})",
            [_row(kind, to_record(item)) for item in items],
        )

    def records(self, kind: str) -> Iterator[dict[str, Any]]:
        _check_kind(kind)
        with reported(self.path):
            yield from self._records(kind)

    def _records(self, kind: str) -> Iterator[dict[str, Any]]:
        query, params = _select(kind)
        cursor = self._db.execute(query, params)
        while rows := cursor.fetchmany(FETCH_SIZE):
            for row in rows:
                yield _decode(kind, row)

    def find(
        self,
        kind: str,
        *,
        limit: int | None = None,
        offset: int = 0,
        fields: list[str] | None = None,
        reverse: bool = False,
        **equals: str | list[str] | None,
    ) -> list[dict[str, Any]]:
        _check_kind(kind)
        query, params = _select(kind, fields, equals, reverse, limit, offset)
        with reported(self.path):
            rows = self._db.execute(query, params).fetchall()
        return [_decode(kind, row, fields) for row in rows]

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        kinds: tuple[str, ...] = ("article", "quote", "event"),
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        storyline: str | None = None,
        entity: str | None = None,
    ) -> list[dict[str, Any]]:
        filters = SearchFilters(kinds, outlet, since, until, storyline, entity)
        with reported(self.path):
            return search_index(self._db, query, filters, limit, offset)

    def entity(self, name: str) -> dict[str, Any] | None:
        with reported(self.path):
            rows = self._db.execute(
                "SELECT mentions.type, mentions.text, mentions.article_id FROM mentions "
                "JOIN articles ON articles.id = mentions.article_id "
                "WHERE mentions.name = ? OR mentions.name IN "
                "(SELECT article_name FROM names WHERE name = ?) "
                "ORDER BY articles.seq, mentions.start",
                (name, name),
            ).fetchall()
        if not rows:
            return None
        types = Counter(kind for kind, _, _ in rows)
        return {
            "name": name,
            "type": types.most_common(1)[0][0],
            "aliases": sorted({text for _, text, _ in rows}),
            "article_ids": list(dict.fromkeys(article for _, _, article in rows)),
        }

    def mention_contexts(self, name: str, chars: int, limit: int) -> list[dict[str, Any]]:
        # Only the characters around each mention are read, not the articles' whole texts.
        with reported(self.path):
            rows = self._db.execute(
                "SELECT mentions.article_id, articles.published, mentions.text, "
                "substr(articles.text, max(mentions.start - ?, 0) + 1, "
                "min(mentions.start, ?)), substr(articles.text, mentions.end + 1, ?) "
                "FROM mentions JOIN articles ON articles.id = mentions.article_id "
                "WHERE mentions.name = ? OR mentions.name IN "
                "(SELECT article_name FROM names WHERE name = ?) "
                "ORDER BY articles.published DESC, articles.seq DESC, mentions.start LIMIT ?",
                (chars, chars, chars, name, name, limit),
            ).fetchall()
        fields = ("article_id", "published", "text", "before", "after")
        return [dict(zip(fields, row, strict=True)) for row in rows]

    def storyline_sources(self, storyline_ids: list[str]) -> dict[str, dict[str, Any]]:
        marks = ",".join("?" * len(storyline_ids))
        sources: dict[str, dict[str, Any]] = {
            s: {"outlets": [], "last_published": None} for s in storyline_ids
        }
        if not storyline_ids:
            return sources
        with reported(self.path):
            rows = self._db.execute(
                f"SELECT storyline_id, outlet, COUNT(*), MAX(published) FROM articles "
                f"WHERE storyline_id IN ({marks}) GROUP BY storyline_id, outlet "
                "ORDER BY storyline_id, COUNT(*) DESC, outlet",
                storyline_ids,
            ).fetchall()
        for storyline_id, outlet, _articles, last in rows:
            entry = sources[storyline_id]
            if outlet:
                entry["outlets"].append(outlet)
            if last and (entry["last_published"] is None or last > entry["last_published"]):
                entry["last_published"] = last
        return sources

    def count(self, kind: str, **equals: str | list[str] | None) -> int:
        _check_kind(kind)
        where, params = _where(kind, equals)
        with reported(self.path):
            query = f"SELECT COUNT(*) FROM {kind}{where}"
            return int(self._db.execute(query, params).fetchone()[0])

    def close(self) -> None:
        with reported(self.path):
            self._db.close()


def _check_kind(kind: str) -> None:
    if kind not in _ORDER:
        raise StorylineError(f"unknown record kind {kind!r}")


def _select(
    kind: str,
    fields: list[str] | None = None,
    equals: dict[str, str | list[str] | None] | None = None,
    reverse: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list[Any]]:
    """Return the query (and its parameters) reading records of a kind, filtered and paged."""
    chosen = _fields(kind, fields)
    columns = ", ".join(f'{kind}."{c}"' for c in chosen)
    source = kind
    if kind in _CANONICAL:
        name = _CANONICAL[kind]
        columns = columns.replace(f'{kind}."{name}"', f"COALESCE(names.name, {kind}.{name})")
        source = f"{kind} LEFT JOIN names ON names.article_name = {kind}.{name}"
    where, params = _where(kind, equals or {})
    order = _ORDER[kind]
    if reverse:
        order = ", ".join(
            c.removesuffix(" DESC") if c.endswith(" DESC") else f"{c} DESC"
            for c in order.split(", ")
        )
    query = f"SELECT {columns} FROM {source}{where} ORDER BY {order}"
    if limit is not None:
        query += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return query, params


def _fields(kind: str, fields: list[str] | None) -> list[str]:
    if fields is None:
        return _COLUMNS[kind]
    unknown = [f for f in fields if f not in _COLUMNS[kind]]
    if unknown:
        raise StorylineError(f"{kind} have no field {unknown[0]!r}")
    return fields


def _where(kind: str, equals: dict[str, str | list[str] | None]) -> tuple[str, list[Any]]:
    """Return ' WHERE ...' (or '') keeping records whose fields equal the values (or one of)."""
    clauses: list[str] = []
    params: list[Any] = []
    for name, value in equals.items():
        _fields(kind, [name])
        values = value if isinstance(value, list) else [value]
        if value is None:
            clauses.append(f'{kind}."{name}" IS NULL')
            continue
        marks = ",".join("?" * len(values))
        if _CANONICAL.get(kind) == name:
            # Asked for by corpus-wide name; the table keeps each article's.
            clauses.append(
                f"({kind}.{name} IN ({marks}) OR {kind}.{name} IN "
                f"(SELECT article_name FROM names WHERE name IN ({marks})))"
            )
            params += [*values, *values]
        else:
            clauses.append(f'{kind}."{name}" IN ({marks})')
            params += values
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _names(kind: str) -> str:
    return ", ".join(f'"{c}"' for c in _COLUMNS[kind])


def _marks(kind: str) -> str:
    return ", ".join("?" * len(_COLUMNS[kind]))


def _row(kind: str, record: dict[str, Any]) -> list[Any]:
    return [
        json.dumps(_without_nul(record[c]), ensure_ascii=False)
        if c in _JSON
        else _without_nul(record[c])
        for c in _COLUMNS[kind]
    ]


def _without_nul(value: Any) -> Any:
    """Return a field with every NUL character removed (C tools and terminals cut at them)."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    return value


def _decode(kind: str, row: tuple[Any, ...], fields: list[str] | None = None) -> dict[str, Any]:
    return {
        c: json.loads(v) if c in _JSON and v is not None else bool(v) if c in _BOOLEAN else v
        for c, v in zip(fields or _COLUMNS[kind], row, strict=True)
    }

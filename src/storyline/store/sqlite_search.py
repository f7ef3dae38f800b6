"""Full-text search in a SQLite store: the FTS5 index (migration 0006), kept up to date, queried.

Articles and quotes are indexed in the transaction that adds them; events each time the corpus
is saved. A query uses FTS5's syntax (words, "phrases", AND/OR/NOT, prefix*); one it cannot
parse raises QueryError, a message for people, never a database error.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from storyline.errors import QueryError
from storyline.store.base import MATCH_END, MATCH_START

# Words of context a snippet shows around the matches.
SNIPPET_WORDS = 24

# Most hits one search returns at once; more come by paging (offset).
MAX_HITS = 100

_INDEX_ARTICLES = """
INSERT INTO article_search (rowid, title, text)
SELECT rowid, title, text FROM articles WHERE seq > ?
"""
_INDEX_QUOTES = """
INSERT INTO search_index (heading, body, kind, ref, article_id)
SELECT TRIM(COALESCE(q.speaker, '') || ' ' || COALESCE(q.speaker_mention, '') || ' '
            || COALESCE(q.via, '')),
       q.text, 'quote', q.rowid, q.article_id
FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.seq > ?
"""
_INDEX_EVENTS = """
INSERT INTO search_index (heading, body, kind, ref, article_id)
SELECT (SELECT group_concat(value, ' ') FROM json_each(events.actors)), summary, 'event', id, NULL
FROM events
"""

# Sqlite's words for a query FTS5 cannot read (an open quote, a dangling operator, a bare *,
# a word before a colon taken for a column name).
_SYNTAX_ERRORS = ("fts5", "syntax error", "unterminated", "no such column", "unknown special")


def index_new_articles(db: sqlite3.Connection, after_seq: int) -> None:
    """Index the articles added after ``after_seq`` (ingestion order) and their quotes."""
    db.execute(_INDEX_ARTICLES, (after_seq,))
    db.execute(_INDEX_QUOTES, (after_seq,))


def reindex_events(db: sqlite3.Connection) -> None:
    """Replace the indexed events with the stored ones (inside the corpus's transaction)."""
    db.execute("DELETE FROM search_index WHERE kind = 'event'")
    db.execute(_INDEX_EVENTS)


@dataclass
class SearchFilters:
    """What a search keeps: hits of these kinds, outlet, dates (ISO, partial allowed), etc."""

    kinds: tuple[str, ...] = ("article", "quote", "event")
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    storyline: str | None = None
    entity: str | None = None


def search(
    db: sqlite3.Connection, query: str, filters: SearchFilters, limit: int, offset: int
) -> list[dict[str, Any]]:
    """Return one page of hits, best first: kind, ref, article, snippet, date, storyline."""
    if not query.strip():
        raise QueryError(query, "empty search; give some words")
    branches: list[str] = []
    params: list[Any] = []
    if "article" in filters.kinds:
        where, more = _filters(filters, _ARTICLE_FIELDS)
        branches.append(_ARTICLE_BRANCH.format(where=where))
        params += [query, *more]
    others = [k for k in filters.kinds if k in ("quote", "event")]
    if others:
        where, more = _filters(filters, _INDEX_FIELDS)
        marks = ",".join("?" * len(others))
        branches.append(_INDEX_BRANCH.format(where=f" AND s.kind IN ({marks}){where}"))
        params += [query, *others, *more]
    if not branches:
        return []
    sql = " UNION ALL ".join(branches) + " ORDER BY score LIMIT ? OFFSET ?"
    try:
        rows = db.execute(sql, [*params, min(limit, MAX_HITS), offset]).fetchall()
    except sqlite3.OperationalError as error:
        if any(word in str(error).lower() for word in _SYNTAX_ERRORS):
            raise QueryError(query, _reason(error)) from None
        raise
    return [dict(zip(_HIT_FIELDS, row[:-1], strict=True)) for row in rows]


# What a hit says, in the order both branches of a search select it (then its score).
_HIT_FIELDS = (
    "kind", "ref", "article_id", "snippet", "title", "outlet", "date", "storyline_id",
    "speaker", "via", "cue", "start", "source",
)  # fmt: skip

_SNIPPET = f"'{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_WORDS}"

_ARTICLE_BRANCH = f"""
    SELECT 'article', a.id, a.id, snippet(article_search, 1, {_SNIPPET}), a.title, a.outlet,
           a.published, a.storyline_id, NULL, NULL, NULL, NULL, a.source,
           bm25(article_search) AS score
    FROM article_search JOIN articles a ON a.rowid = article_search.rowid
    WHERE article_search MATCH ?{{where}}
"""

_INDEX_BRANCH = f"""
    SELECT s.kind, s.ref, s.article_id, snippet(search_index, 1, {_SNIPPET}), a.title, a.outlet,
           COALESCE(e.date, a.published), COALESCE(e.storyline_id, a.storyline_id),
           COALESCE(names.name, q.speaker), q.via, q.cue, q.start, a.source,
           bm25(search_index) AS score
    FROM search_index s
    LEFT JOIN articles a ON a.id = s.article_id
    LEFT JOIN events e ON s.kind = 'event' AND e.id = s.ref
    LEFT JOIN quotes q ON s.kind = 'quote' AND q.rowid = s.ref
    LEFT JOIN names ON names.article_name = q.speaker
    WHERE search_index MATCH ?{{where}}
"""


@dataclass(frozen=True)
class _Fields:
    """The SQL a filter reads in one branch of a search: articles alone, or quotes and events."""

    outlet: str
    date: str
    storyline: str
    article: str
    actors: str | None  # the event's actors (JSON), where there are events


_ARTICLE_FIELDS = _Fields("a.outlet = ?", "a.published", "a.storyline_id", "a.id", None)
_INDEX_FIELDS = _Fields(
    "(a.outlet = ? OR EXISTS (SELECT 1 FROM json_each(e.evidence) "
    "WHERE json_extract(value, '$.outlet') = ?))",
    "COALESCE(e.date, a.published)",
    "COALESCE(e.storyline_id, a.storyline_id)",
    "s.article_id",
    "e.actors",
)


def _filters(filters: SearchFilters, fields: _Fields) -> tuple[str, list[Any]]:
    """Return the SQL conditions (each starting with AND) and parameters of the filters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.outlet:
        clauses.append(fields.outlet)
        params += [filters.outlet] * fields.outlet.count("?")
    date = fields.date
    if filters.since:
        # A partial date is kept when any of its days is on or after the bound (and before
        # it for ``until``): "2022-04" is in since 2022-04-15.
        clauses.append(f"{date} >= substr(?, 1, length({date}))")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"substr({date}, 1, length(?)) <= ?")
        params += [filters.until, filters.until]
    if filters.storyline:
        clauses.append(f"{fields.storyline} = ?")
        params.append(filters.storyline)
    if filters.entity:
        named = (
            f"{fields.article} IN (SELECT article_id FROM mentions WHERE name = ? OR name IN "
            "(SELECT article_name FROM names WHERE name = ?))"
        )
        params += [filters.entity] * 2
        if fields.actors:
            named = (
                f"({named} OR EXISTS (SELECT 1 FROM json_each({fields.actors}) WHERE value = ?))"
            )
            params.append(filters.entity)
        clauses.append(named)
    return "".join(f" AND {c}" for c in clauses), params


def _reason(error: sqlite3.OperationalError) -> str:
    detail = str(error).removeprefix("fts5: ")
    return (
        f'not a search this can read ({detail}); use words, "a phrase", AND / OR / NOT, '
        "or word* for a prefix"
    )

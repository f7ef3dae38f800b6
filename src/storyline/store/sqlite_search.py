"""Full-text search in a SQLite store: three FTS5 indexes (migration 0006), one ranked list.

Articles, quotes and timeline events each have an index over their own table, kept up to date
by triggers (so any code that writes those tables keeps search current). A query uses FTS5's
syntax (words, "phrases", AND/OR/NOT, prefix*); one it cannot parse raises QueryError, a
message for people, never a database error.
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

# Matches of one index ranked by relevance: the ones added last. bm25 over every match of a
# common word costs in proportion to the matches ("said": 10,788 of 20,000 synthetic articles,
# 24 ms); over the latest 1,000 it is ~2 ms. A rarer word's matches are all ranked.
RANKED_MATCHES = 1_000

# Sqlite's words for a query FTS5 cannot read (an open quote, a dangling operator, a bare *,
# a word before a colon taken for a column name).
_SYNTAX_ERRORS = ("fts5", "syntax error", "unterminated", "no such column", "unknown special")


@dataclass
class SearchFilters:
    """What a search keeps: hits of these kinds, outlet, dates (ISO, partial allowed), etc."""

    kinds: tuple[str, ...] = ("article", "quote", "event")
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    storyline: str | None = None
    entity: str | None = None


# What a hit says, in the order every branch of a search selects it (then its score).
_HIT_FIELDS = (
    "kind", "ref", "article_id", "snippet", "title", "outlet", "date", "storyline_id",
    "speaker", "via", "cue", "start", "source",
)  # fmt: skip

_SNIPPET = f"'{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_WORDS}"

# Phase one ranks the matches of each index (joining the tables only when a filter needs them);
# phase two reads the page's hits, with their snippets: making a snippet for every match of a
# common word ("said": most of 20,000 articles) cost a second per search.
# Each ranks only its latest RANKED_MATCHES matches (rowid order is the order added): the
# window's lower bound is found first, by the same match and filters, newest first.
_RANKED_SQL = (
    "SELECT '{kind}', {index}.rowid, bm25({index}) AS score "
    "FROM {index} {joins} WHERE {index} MATCH ?{where} AND {index}.rowid >= ("
    "SELECT min(r) FROM (SELECT {index}.rowid AS r FROM {index} {joins} "
    "WHERE {index} MATCH ?{where} ORDER BY {index}.rowid DESC LIMIT {window}))"
)
_RANKED = {
    "article": (
        _RANKED_SQL.replace("{kind}", "article").replace("{index}", "article_search"),
        "JOIN articles a ON a.rowid = article_search.rowid",
    ),
    "quote": (
        _RANKED_SQL.replace("{kind}", "quote").replace("{index}", "quote_search"),
        "JOIN quotes q ON q.rowid = quote_search.rowid JOIN articles a ON a.id = q.article_id",
    ),
    "event": (
        _RANKED_SQL.replace("{kind}", "event").replace("{index}", "event_search"),
        "JOIN events e ON e.rowid = event_search.rowid",
    ),
}

_DETAILS = {
    "article": f"""
        SELECT article_search.rowid, 'article', a.id, a.id, snippet(article_search, 1, {_SNIPPET}),
               a.title, a.outlet, a.published, a.storyline_id, NULL, NULL, NULL, NULL, a.source
        FROM article_search JOIN articles a ON a.rowid = article_search.rowid
        WHERE article_search MATCH ? AND article_search.rowid IN ({{rows}})""",
    "quote": f"""
        SELECT quote_search.rowid, 'quote', q.rowid, q.article_id,
               snippet(quote_search, 3, {_SNIPPET}), a.title, a.outlet, a.published,
               a.storyline_id, COALESCE(names.name, q.speaker), q.via, q.cue, q.start, a.source
        FROM quote_search JOIN quotes q ON q.rowid = quote_search.rowid
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN names ON names.article_name = q.speaker
        WHERE quote_search MATCH ? AND quote_search.rowid IN ({{rows}})""",
    "event": f"""
        SELECT event_search.rowid, 'event', e.id, NULL, snippet(event_search, 1, {_SNIPPET}),
               NULL, NULL, e.date, e.storyline_id, NULL, NULL, NULL, NULL, NULL
        FROM event_search JOIN events e ON e.rowid = event_search.rowid
        WHERE event_search MATCH ? AND event_search.rowid IN ({{rows}})""",
}


@dataclass(frozen=True)
class _Fields:
    """The SQL each filter reads in one branch of a search."""

    outlet: str
    date: str
    storyline: str
    entity: str


_FIELDS = {
    "article": _Fields("a.outlet = ?", "a.published", "a.storyline_id", "a.id"),
    "quote": _Fields("a.outlet = ?", "a.published", "a.storyline_id", "q.article_id"),
    "event": _Fields(
        "EXISTS (SELECT 1 FROM json_each(e.evidence) WHERE json_extract(value, '$.outlet') = ?)",
        "e.date",
        "e.storyline_id",
        "",
    ),
}

# An article names an entity when one of its mentions reads, corpus-wide, as that name.
_NAMES_ENTITY = (
    "{article} IN (SELECT article_id FROM mentions WHERE name = ? OR name IN "
    "(SELECT article_name FROM names WHERE name = ?))"
)


def search(
    db: sqlite3.Connection, query: str, filters: SearchFilters, limit: int, offset: int
) -> list[dict[str, Any]]:
    """Return one page of hits, best first: kind, ref, article, snippet, date, storyline."""
    if not query.strip():
        raise QueryError(query, "empty search; give some words")
    try:
        page = _ranked(db, query, filters, min(limit, MAX_HITS), offset)
        hits: dict[tuple[str, int], dict[str, Any]] = {}
        for kind in {kind for kind, _ in page}:
            rows = [row for k, row in page if k == kind]
            sql = _DETAILS[kind].format(rows=",".join("?" * len(rows)))
            for found in db.execute(sql, [query, *rows]):
                hits[(kind, found[0])] = dict(zip(_HIT_FIELDS, found[1:], strict=True))
    except sqlite3.OperationalError as error:
        if any(word in str(error).lower() for word in _SYNTAX_ERRORS):
            raise QueryError(query, _reason(error)) from None
        raise
    return [hits[key] for key in page if key in hits]


def _ranked(
    db: sqlite3.Connection, query: str, filters: SearchFilters, limit: int, offset: int
) -> list[tuple[str, int]]:
    """Return the (kind, rowid) of one page of matches, best first."""
    filtered = any(
        (filters.outlet, filters.since, filters.until, filters.storyline, filters.entity)
    )
    branches: list[str] = []
    params: list[Any] = []
    for kind in ("article", "quote", "event"):
        if kind in filters.kinds:
            where, more = _filters(filters, _FIELDS[kind])
            ranked, joins = _RANKED[kind]
            branches.append(
                ranked.format(joins=joins if filtered else "", where=where, window=RANKED_MATCHES)
            )
            params += [query, *more, query, *more]
    if not branches:
        return []
    sql = " UNION ALL ".join(branches) + " ORDER BY score LIMIT ? OFFSET ?"
    return [(kind, row) for kind, row, _ in db.execute(sql, [*params, limit, offset])]


def _filters(filters: SearchFilters, fields: _Fields) -> tuple[str, list[Any]]:
    """Return the SQL conditions (each starting with AND) and parameters of the filters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.outlet:
        clauses.append(fields.outlet)
        params.append(filters.outlet)
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
        if fields.entity:
            clauses.append(_NAMES_ENTITY.format(article=fields.entity))
            params += [filters.entity] * 2
        else:  # an event: one of its actors
            clauses.append("EXISTS (SELECT 1 FROM json_each(e.actors) WHERE value = ?)")
            params.append(filters.entity)
    return "".join(f" AND {c}" for c in clauses), params


def _reason(error: sqlite3.OperationalError) -> str:
    detail = str(error).removeprefix("fts5: ")
    return (
        f'not a search this can read ({detail}); use words, "a phrase", AND / OR / NOT, '
        "or word* for a prefix"
    )

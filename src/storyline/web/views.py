"""What each page shows, read from the store by id and index: never the whole corpus.

Each function returns the records one page (or its API twin) needs, in the contract's shapes,
or raises NotFound. Panels whose record kind the store does not keep yet (claims, coverage,
positions: the cross-checking stage's) come back empty and the page leaves them out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from storyline.errors import StorylineError
from storyline.store.base import RECORD_KINDS, Store
from storyline.web.axis import layout
from storyline.web.highlight import Span, segments, to_html
from storyline.web.roles import CONTEXT_CHARS, MAX_MENTIONS_READ, roles

# Ids are content hashes (a letter and hex digits) or corpus names; anything with a slash, a
# dot-dot or a control character is no id of ours, and gets a 404 before the store is asked.
ID_PATTERN = re.compile(r"^[\w\-]{1,80}$")

# Storylines per page of the list: about what a 1366×768 window shows (the page is rendered
# per request; 50 rows took twice as long for rows nobody sees without scrolling).
STORYLINES_PER_PAGE = 25

# Timeline events drawn on a storyline page; a longer timeline says how many were left out.
MAX_TIMELINE_EVENTS = 400

# Articles listed on an entity page, and on a storyline page (the latest added): a list of
# hundreds took 12 ms to render, the whole budget of a page under 20 clients.
MAX_LISTED_ARTICLES = 200
STORYLINE_ARTICLES_LISTED = 40

# Quotes listed on an entity page.
MAX_ENTITY_QUOTES = 200

# Contradictions, claims and actors' positions shown on a storyline page.
MAX_CROSSCHECKS = 50

# Actors whose statements over time a storyline page shows (those with most statements), and
# statements shown per actor: 31 actors with all their statements made a 680-article
# storyline's page 263 KB and 30 ms to render.
MAX_ACTORS_SHOWN = 6
MAX_STATEMENTS_SHOWN = 8

# Coverage rows read for a storyline's matrix, and the news events (columns) it shows.
MAX_COVERAGE_ROWS = 5_000
MAX_MATRIX_EVENTS = 24

# The fields of a coverage record the matrix shows.
MATRIX_FIELDS = ["event_id", "outlet", "first"]

# The fields of an article that lists need (not its text).
ARTICLE_HEADER = ["id", "title", "outlet", "published", "source", "url", "duplicate_of"]


# Longest entity name a page is asked for: past it, no name of ours.
MAX_NAME_CHARS = 200

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class NotFound(LookupError):
    """No record of that kind with that id."""


def checked_id(value: str) -> str:
    """Return an id that may name a record, or raise NotFound for anything else."""
    if not ID_PATTERN.fullmatch(value):
        raise NotFound(value)
    return value


def checked_name(value: str) -> str:
    """Return a string that may be an entity's name, or raise NotFound for anything else."""
    if not value.strip() or len(value) > MAX_NAME_CHARS or _CONTROL.search(value):
        raise NotFound(value)
    return value


def entity_href(name: str) -> str:
    """Return the path of an entity's page."""
    return "/entities/" + quote(name, safe="")


def one(store: Store, kind: str, record_id: str) -> dict[str, Any]:
    """Return the record of a kind with this id, or raise NotFound."""
    found = store.find(kind, id=checked_id(record_id), limit=1)
    if not found:
        raise NotFound(record_id)
    return found[0]


def optional(store: Store, kind: str, **equals: Any) -> list[dict[str, Any]]:
    """Return the records of a kind the store may not keep yet (an empty list if it does not)."""
    if kind not in RECORD_KINDS:
        return []
    try:
        return store.find(kind, **equals)
    except StorylineError:
        return []


def storylines(store: Store, page: int) -> dict[str, Any]:
    """Return one page of storylines, newest first, each with its size, span and outlets."""
    offset = max(page - 1, 0) * STORYLINES_PER_PAGE
    items = store.find(
        "stories", level="storyline", limit=STORYLINES_PER_PAGE, offset=offset, reverse=True
    )
    sources = store.storyline_sources([s["id"] for s in items])
    for story in items:
        story["size"] = len(story["article_ids"])
        story.update(sources[story["id"]])
    total = store.count("stories", level="storyline")
    return {"items": items, "total": total, "page": page, "per_page": STORYLINES_PER_PAGE}


def storyline(store: Store, story_id: str, whole_records: bool = False) -> dict[str, Any]:
    """Return a storyline with its timeline, event clusters, articles and cross-checking.

    The page reads of the coverage records only what its matrix shows; the API
    (``whole_records``) returns them whole.
    """
    story = one(store, "stories", story_id)
    if story["level"] != "storyline":
        raise NotFound(story_id)
    events = store.find("events", storyline_id=story["id"], limit=MAX_TIMELINE_EVENTS)
    clusters = store.find("stories", level="event", parent_id=story["id"])
    articles = store.find(
        "articles",
        storyline_id=story["id"],
        fields=ARTICLE_HEADER,
        limit=STORYLINE_ARTICLES_LISTED,
        reverse=True,
    )
    plotted = [(f"v:{e['id']}", e["date"]) for e in events]
    plotted += [(f"c:{c['id']}", c["start"]) for c in clusters if c["start"]]
    marks, ticks, breaks = layout(plotted)
    by_key = {f"v:{e['id']}": e for e in events} | {f"c:{c['id']}": c for c in clusters}
    for event in events:
        event["outlets"] = _outlets(event["evidence"])
    sources = store.storyline_sources([story["id"]])[story["id"]]
    coverage = optional(
        store,
        "coverage",
        storyline_id=story["id"],
        limit=MAX_COVERAGE_ROWS,
        **({} if whole_records else {"fields": MATRIX_FIELDS}),
    )
    positions = optional(store, "positions", storyline_id=story["id"], limit=MAX_CROSSCHECKS)
    return {
        "story": story,
        "outlets": sources["outlets"],
        "last_published": sources["last_published"],
        "events": events,
        "events_total": store.count("events", storyline_id=story["id"]),
        "clusters": sorted(clusters, key=lambda c: (c["start"] or "9999", c["id"])),
        "articles": articles,
        "marks": [(m, by_key[m.key]) for m in marks],
        "ticks": ticks,
        "breaks": breaks,
        "contradictions": store.find(
            "contradictions", storyline_id=story["id"], limit=MAX_CROSSCHECKS
        ),
        "claims": optional(store, "claims", storyline_id=story["id"], limit=MAX_CROSSCHECKS),
        "coverage": coverage,
        "matrix": coverage_matrix(coverage, {c["id"]: c for c in clusters}),
        "positions": positions,
        "statements": _statement_panels(positions),
    }


def _statement_panels(positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the page's "statements over time": the most quoted actors, a few statements each."""
    ranked = sorted(positions, key=lambda p: -len(p["statements"]))[:MAX_ACTORS_SHOWN]
    return [
        {
            "entity": p["entity"],
            "statements": p["statements"][:MAX_STATEMENTS_SHOWN],
            "more": max(len(p["statements"]) - MAX_STATEMENTS_SHOWN, 0),
            "shifts": p["shifts"],
        }
        for p in ranked
    ]


def coverage_matrix(
    rows: list[dict[str, Any]], clusters: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """Return outlets × news events: which outlet reported which event, and who was first.

    Columns are the storyline's first news events by date (at most MAX_MATRIX_EVENTS), rows
    the outlets that reported any of them, most events first.
    """
    if not rows:
        return None
    dated = sorted(
        {r["event_id"] for r in rows},
        key=lambda e: ((clusters.get(e) or {}).get("start") or "9999", e),
    )
    events = dated[:MAX_MATRIX_EVENTS]
    shown = set(events)
    cells: dict[tuple[str, str], str] = {}
    for row in rows:
        if row["event_id"] in shown:
            outlet = row["outlet"] or "outlet unknown"
            cells[(outlet, row["event_id"])] = "first" if row["first"] else "reported"
    reported = Counter(outlet for outlet, _ in cells)
    return {
        "events": [(e, clusters.get(e)) for e in events],
        "outlets": [o for o, _ in reported.most_common()],
        "cells": cells,
        "more_events": len(dated) - len(events),
    }


def event(store: Store, event_id: str) -> dict[str, Any]:
    """Return an event: a timeline event (its evidence) or a news event (a cluster of articles).

    Either way, every outlet's sentence with the date it gives, the first report marked, and
    copies (near-duplicates, syndicated) folded under the article they copy.
    """
    checked_id(event_id)
    timeline_events = store.find("events", id=event_id, limit=1)
    if timeline_events:
        found = timeline_events[0]
        evidence = found["evidence"]
        cluster = one(store, "stories", found["event_id"]) if found["event_id"] else None
        title = found["summary"]
    else:
        cluster = one(store, "stories", event_id)
        if cluster["level"] != "event":
            raise NotFound(event_id)
        found = None
        # By storyline first: the index the events table has (storyline_id, date).
        timeline = store.find("events", storyline_id=cluster["parent_id"], event_id=cluster["id"])
        evidence = [v for e in timeline for v in e["evidence"]]
        title = cluster["label"]
    article_ids = list(
        dict.fromkeys([v["article_id"] for v in evidence] + (cluster or {}).get("article_ids", []))
    )
    articles = {
        a["id"]: a for a in store.find("articles", id=article_ids, fields=[*ARTICLE_HEADER])
    }
    copies = store.find("articles", duplicate_of=article_ids, fields=ARTICLE_HEADER)
    coverage = (
        optional(store, "coverage", storyline_id=cluster["parent_id"], event_id=cluster["id"])
        if cluster
        else []
    )
    # Per article (an outlet may be unknown for several: keyed by outlet they would collide).
    syndicated = {
        article_id: c["syndicated_from"]
        for c in coverage
        if c.get("syndicated_from")
        for article_id in c.get("article_ids", [])
    }
    dates = _dates_given(store, evidence)
    reports: list[dict[str, Any]] = []
    for article_id in article_ids:
        article = articles.get(article_id)
        if article is None or article["duplicate_of"] in articles:
            continue  # a copy: shown folded under its original
        sentences = [v for v in evidence if v["article_id"] == article_id]
        reports.append(
            {
                "article": article,
                "sentences": [(v, dates.get((v["article_id"], v["start"]), [])) for v in sentences],
                # A copy may be both in the cluster and found by its original: listed once.
                "copies": list(
                    {
                        c["id"]: c
                        for c in [*copies, *articles.values()]
                        if c["duplicate_of"] == article_id
                    }.values()
                ),
                "syndicated_from": syndicated.get(article_id),
                "syndicated": [],
            }
        )
    reports.sort(key=lambda r: (r["article"]["published"] or "9999", r["article"]["id"]))
    reports = _fold_syndicated(reports)
    # The first report: the cross-checking stage's (coverage) where it ran, else the earliest.
    firsts = {a for c in coverage if c.get("first") for a in c.get("article_ids", [])[:1]}
    if not firsts and reports and reports[0]["article"]["published"]:
        firsts = {reports[0]["article"]["id"]}
    return {
        "event": found,
        "cluster": cluster,
        "storyline": _story_label(store, cluster["parent_id"]) if cluster else None,
        "title": title,
        "reports": reports,
        "folded": sum(len(r["copies"]) + len(r["syndicated"]) for r in reports),
        "first_articles": firsts,
        "coverage": coverage,
    }


def _fold_syndicated(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the reports with each syndicated one folded under its original outlet's report.

    A report whose outlet only carries another outlet's copy (coverage's ``syndicated_from``)
    goes under that outlet's earliest report on the page; with no report of the original
    outlet here, it stays on its own, marked.
    """
    originals: dict[str, dict[str, Any]] = {}
    for report in reports:  # in date order: the earliest of each outlet
        outlet = report["article"]["outlet"]
        if outlet and not report["syndicated_from"]:
            originals.setdefault(outlet, report)
    kept = []
    for report in reports:
        original = originals.get(report["syndicated_from"] or "")
        if original is not None and original is not report:
            original["syndicated"].append(report)
        else:
            kept.append(report)
    return kept


def article(store: Store, article_id: str) -> dict[str, Any]:
    """Return an article with its quotes, dates and entities, and its text cut for highlighting."""
    found = one(store, "articles", article_id)
    quotes = store.find("quotes", article_id=found["id"])
    timexes = store.find("timexes", article_id=found["id"])
    mentions = store.find("mentions", article_id=found["id"])
    names = sorted({m["name"] for m in mentions})
    spans = [
        Span(m["start"], m["end"], "entity", f"{m['name']} ({m['type']})", entity_href(m["name"]))
        for m in mentions
    ]
    spans += [Span(q["start"], q["end"], "quote", _quote_note(q)) for q in quotes]
    spans += [
        Span(t["start"], t["end"], "date", f"{t['type']} {t['value'] or '?'}")
        for t in timexes
        if t["start"] is not None and t["end"] is not None
    ]
    copies = store.find("articles", duplicate_of=found["id"], fields=ARTICLE_HEADER)
    original = (
        store.find("articles", id=found["duplicate_of"], fields=ARTICLE_HEADER)
        if found["duplicate_of"]
        else []
    )
    return {
        "article": found,
        "html": to_html(segments(found["text"], spans)),
        "quotes": quotes,
        "timexes": timexes,
        "entities": names,
        "copies": copies,
        "original": original[0] if original else None,
        "storyline": _story_label(store, found["storyline_id"]),
        "cluster": _story_label(store, found["event_id"]),
    }


def entity(store: Store, name: str) -> dict[str, Any]:
    """Return an entity (by corpus-wide name) with its aliases, roles with the dates they were
    given, quotes over time, storylines."""
    found = store.entity(checked_name(name))
    if found is None:
        raise NotFound(name)
    contexts = store.mention_contexts(found["name"], CONTEXT_CHARS, MAX_MENTIONS_READ)
    quotes = store.find("quotes", speaker=found["name"], limit=MAX_ENTITY_QUOTES)
    listed = found["article_ids"][:MAX_LISTED_ARTICLES]
    headers = {
        a["id"]: a
        for a in store.find(
            "articles",
            id=list({q["article_id"] for q in quotes} | set(listed)),
            fields=[*ARTICLE_HEADER, "storyline_id"],
        )
    }
    quotes.sort(key=lambda q: (headers.get(q["article_id"]) or {}).get("published") or "9999")
    storyline_ids = sorted({a["storyline_id"] for a in headers.values() if a["storyline_id"]})
    stories = store.find("stories", id=storyline_ids, fields=["id", "label", "start", "end"])
    return {
        "entity": found,
        "roles": [asdict(role) for role in roles(contexts)],
        "quotes": [(q, headers.get(q["article_id"])) for q in quotes],
        "storylines": stories,
        "articles": [headers[i] for i in listed if i in headers],
    }


def _outlets(evidence: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(v["outlet"] or "outlet unknown" for v in evidence))


def _dates_given(
    store: Store, evidence: list[dict[str, Any]]
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Return, per evidence sentence, the dates its article's text gives inside it."""
    given: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    article_ids = list({v["article_id"] for v in evidence})
    timexes = store.find(
        "timexes",
        article_id=article_ids,
        fields=["article_id", "text", "start", "end", "type", "value"],
    )
    for v in evidence:
        for t in timexes:
            if (
                t["article_id"] == v["article_id"]
                and t["start"] is not None
                and v["start"] <= t["start"] < v["end"]
                and t["type"] == "DATE"
            ):
                given[(v["article_id"], v["start"])].append(t)
    return given


def _quote_note(quote: dict[str, Any]) -> str:
    who = quote["speaker"] or quote["speaker_mention"] or "unknown speaker"
    note = f"{quote['kind']} quote: {who}"
    if quote["cue"]:
        note += f", cue “{quote['cue']}”"
    if quote["via"]:
        note += f", via {quote['via']}"
    return note


def _story_label(store: Store, story_id: str | None) -> dict[str, Any] | None:
    if not story_id:
        return None
    found = store.find("stories", id=story_id, fields=["id", "label", "level"], limit=1)
    return found[0] if found else None

"""Timelines for a person to read in a terminal: one table of dated events per storyline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storyline.store.base import Store

# Sources listed per event before "+N more".
MAX_SOURCES_SHOWN = 3


def render_timeline(store: Store, story: str | None, console: Console) -> bool:
    """Print the timeline of the storylines (or the one story) asked for; False if none."""
    stories = list(store.records("stories"))
    articles = {a["id"]: a for a in store.records("articles")}
    events = list(store.records("events"))
    contradictions = list(store.records("contradictions"))
    chosen = _choose(stories, story)
    shown = False
    for storyline, only_articles in chosen:
        selected = [
            e
            for e in events
            if e["storyline_id"] == storyline["id"]
            and (
                only_articles is None
                or any(v["article_id"] in only_articles for v in e["evidence"])
            )
        ]
        if not selected:
            continue
        shown = True
        _print_storyline(console, storyline, selected, articles)
        conflicts = [c for c in contradictions if c["storyline_id"] == storyline["id"]]
        _print_contradictions(console, conflicts, articles)
    return shown


def _choose(
    stories: list[dict[str, Any]], wanted: str | None
) -> list[tuple[dict[str, Any], set[str] | None]]:
    """Return the storylines to show, each with the articles to restrict it to (or None)."""
    storylines = [s for s in stories if s["level"] == "storyline"]
    storylines.sort(key=lambda s: -len(s["article_ids"]))
    if wanted is None:
        return [(s, None) for s in storylines]
    needle = wanted.lower()
    by_id = {s["id"]: s for s in stories}
    hits = [s for s in stories if s["id"] == wanted] or [
        s for s in stories if needle in s["label"].lower()
    ]
    chosen: list[tuple[dict[str, Any], set[str] | None]] = []
    for hit in hits:
        if hit["level"] == "storyline":
            chosen.append((hit, None))
        elif hit.get("parent_id") in by_id:
            chosen.append((by_id[hit["parent_id"]], set(hit["article_ids"])))
    return chosen


def _print_storyline(
    console: Console,
    storyline: dict[str, Any],
    events: list[dict[str, Any]],
    articles: dict[str, dict[str, Any]],
) -> None:
    span = f"{storyline['start'] or '?'} → {storyline['end'] or '?'}"
    console.rule(f"[bold]{storyline['label']}[/bold]")
    console.print(
        f"[dim]storyline {storyline['id']} · {len(storyline['article_ids'])} articles · "
        f"published {span}[/dim]",
        highlight=False,
    )
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("date", no_wrap=True, style="cyan")
    table.add_column("what the articles report", ratio=4)
    table.add_column("sources", ratio=1)
    for event in events:
        table.add_row(event["date"], Text(event["summary"]), _sources(event["evidence"], articles))
    console.print(table)


def _sources(evidence: Iterable[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> str:
    names: list[str] = []
    for item in evidence:
        article = articles.get(item["article_id"], {})
        name = item.get("outlet") or _file_name(article.get("source"))
        published = item.get("published") or "undated"
        label = f"{name} ({published})"
        if label not in names:
            names.append(label)
    more = len(names) - MAX_SOURCES_SHOWN
    shown = names[:MAX_SOURCES_SHOWN]
    return "\n".join(shown + ([f"+{more} more"] if more > 0 else []))


def _print_contradictions(
    console: Console, conflicts: list[dict[str, Any]], articles: dict[str, dict[str, Any]]
) -> None:
    if not conflicts:
        return
    console.print(f"[bold red]{len(conflicts)} contradiction(s)[/bold red]")
    for conflict in conflicts:
        console.print(f"[red]•[/red] {conflict['explanation']}", highlight=False)
        for side in (conflict["a"], conflict["b"]):
            article = articles.get(side["article_id"], {})
            who = side.get("outlet") or article.get("title") or _file_name(article.get("source"))
            console.print(f"    [dim]{who}:[/dim] “{side['sentence']}”", highlight=False)


def _file_name(source: str | None) -> str:
    return (source or "?").rsplit("/", 1)[-1]

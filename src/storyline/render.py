"""Output for people: timelines in a terminal, and the escaping every printed value needs.

Every value that came from an input (file names, outlets, titles, sentences) is untrusted: it
reaches a terminal only as ``plain`` Rich Text (never read as markup or emoji, no control
characters) and a spreadsheet only through ``spreadsheet_cell`` (no formulas).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storyline.ingest.decode import ESCAPE_SEQUENCE
from storyline.store.base import Store

# Sources listed per event before "+N more".
MAX_SOURCES_SHOWN = 3

# Terminal escape sequences (ESCAPE_SEQUENCE), then any other control character, and the
# bidirectional overrides that reorder what is shown.
_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def printable(value: object) -> str:
    """Return a value as one line of text without escape sequences or control characters."""
    text = ESCAPE_SEQUENCE.sub("", str(value))
    return _CONTROLS.sub("", _LINE_BREAKS.sub(" ", text))


# Control characters other than line breaks and tabs, and the bidirectional overrides.
_CONTROLS_KEEPING_LINES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def without_controls(value: str) -> str:
    """Return text without escape sequences or control characters, its line breaks kept.

    For pages: the web UI shows article text with its paragraphs, and no terminal residue.
    """
    if not _CONTROLS_KEEPING_LINES.search(value):
        return value
    return _CONTROLS_KEEPING_LINES.sub("", ESCAPE_SEQUENCE.sub("", value))


def plain(value: object, style: str = "") -> Text:
    """Return a value as Rich Text to print: never read as markup or emoji, no controls."""
    return Text(printable(value), style=style)


def labelled(label: str, style: str, value: object) -> Text:
    """Return one output line: a styled label ("error:", "note:") and an untrusted value."""
    return Text.assemble((label, style), " ", plain(value))


def spreadsheet_cell(value: Any) -> Any:
    """Return a CSV cell that a spreadsheet shows as text: formula starts get a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def render_timeline(store: Store, story: str | None, console: Console) -> bool:
    """Print the timeline of the storylines (or the one story) asked for; False if none.

    Reads, through the store, the stories' list and then only the chosen storylines' events,
    contradictions, claims and the articles their evidence cites: one storyline of a large
    store prints without reading the rest.
    """
    stories = store.find("stories", fields=_STORY_FIELDS) if story is None else []
    if story is not None:
        stories = store.find("stories", id=story) or store.find("stories", fields=_STORY_FIELDS)
        parents = [s["parent_id"] for s in stories if s["id"] == story and s["parent_id"]]
        stories += store.find("stories", id=parents) if parents else []
    chosen = _choose(stories, story)
    shown = False
    for storyline, only_articles in chosen:
        events = store.find("events", storyline_id=storyline["id"])
        contradictions = store.find("contradictions", storyline_id=storyline["id"])
        claims = store.find("claims", storyline_id=storyline["id"])
        cited = sorted(
            {v["article_id"] for e in events for v in e["evidence"]}
            | {side["article_id"] for c in contradictions for side in (c["a"], c["b"])}
        )
        articles = {
            a["id"]: a
            for a in (store.find("articles", id=cited, fields=_ARTICLE_FIELDS) if cited else [])
        }
        selected = [
            e
            for e in events
            if (
                only_articles is None
                or any(v["article_id"] in only_articles for v in e["evidence"])
            )
        ]
        if not selected:
            continue
        shown = True
        conflicts = [c for c in contradictions if c["storyline_id"] == storyline["id"]]
        disputes = [c for c in claims if c["storyline_id"] == storyline["id"]]
        # Claims answered by a denial are shown as claims, with their answers.
        conflicts = [c for c in conflicts if c["kind"] != "claim-denial"]
        notes, unplaced = _notes_by_event(selected, conflicts, disputes)
        _print_storyline(console, storyline, selected, articles, notes)
        _print_contradictions(console, [c for c in conflicts if id(c) in unplaced], articles)
        _print_claims(console, [c for c in disputes if id(c) in unplaced])
    return shown


# What the timeline shows of stories and of the articles it cites.
_STORY_FIELDS = ["id", "level", "parent_id", "label", "article_ids", "start", "end"]
_ARTICLE_FIELDS = ["id", "source", "title", "outlet", "published"]


def _notes_by_event(
    events: list[dict[str, Any]],
    conflicts: list[dict[str, Any]],
    claims: list[dict[str, Any]],
) -> tuple[dict[str, list[Text]], set[int]]:
    """Return the lines to show under each event (by id), and the records no event holds.

    A contradiction goes under the first event (in date order) whose evidence holds one of the
    sentences of its second side, the one most articles agree on (the vote's true date), with
    a date that value allows (a sentence may date several happenings), else of its first; a
    claim under the first event holding its own or a response's sentence.
    """
    event_of: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for event in events:
        for item in event["evidence"]:
            key = (item["article_id"], item["sentence"])
            event_of.setdefault(key, []).append((event["date"], event["id"]))
    notes: dict[str, list[Text]] = {}
    unplaced: set[int] = set()
    for conflict in conflicts:
        where = _first_event(event_of, conflict.get("b_all") or [conflict["b"]])
        where = where or _first_event(event_of, conflict.get("a_all") or [conflict["a"]])
        line = Text.assemble(("⚠ ", "red"), plain(conflict["explanation"], "red"))
        _place(notes, unplaced, where, conflict, line)
    for claim in claims:
        statements = [claim["claim"], *claim.get("repeats", []), *claim["responses"]]
        where = _first_event(event_of, statements)
        _place(notes, unplaced, where, claim, _claim_line(claim))
    return notes, unplaced


def _first_event(
    event_of: dict[tuple[str, str], list[tuple[str, str]]], statements: list[dict[str, Any]]
) -> str | None:
    for statement in statements:
        value = str(statement.get("value") or "")
        for date, event in event_of.get((statement["article_id"], statement["sentence"]), []):
            if not value[:1].isdigit() or value.startswith(date) or date.startswith(value):
                return event
    return None


def _place(
    notes: dict[str, list[Text]],
    unplaced: set[int],
    where: str | None,
    record: dict[str, Any],
    line: Text,
) -> None:
    if where is None:
        unplaced.add(id(record))
    else:
        notes.setdefault(where, []).append(line)


# Words of a claim's sentence shown on its line: the event above already shows a sentence,
# often the same one, and the answers are what the line is for.
CLAIM_WORDS = 16


def _claim_line(claim: dict[str, Any]) -> Text:
    speaker = claim["claim"].get("speaker") or "someone"
    words = claim["claim"]["sentence"].split()
    said = " ".join(words[:CLAIM_WORDS]) + ("…" if len(words) > CLAIM_WORDS else "")
    answers = "; ".join(
        dict.fromkeys(
            f"{r.get('speaker') or 'unnamed'} {r['stance']}"
            + (f" ({r['published']})" if r.get("published") else "")
            for r in claim["responses"]
        )
    )
    return Text.assemble(
        ("❝ ", "yellow"),
        plain(f"{speaker} claims: “{said}”", "yellow"),
        plain(f" → {answers}" if answers else "", "bold yellow"),
    )


def _print_claims(console: Console, claims: list[dict[str, Any]]) -> None:
    if not claims:
        return
    console.print(f"[bold yellow]{len(claims)} claim(s) and their responses[/bold yellow]")
    for claim in claims:
        console.print(_claim_line(claim), highlight=False)
        for response in claim["responses"]:
            who = response.get("speaker") or "unnamed"
            console.print(
                Text.assemble(
                    "    ",
                    plain(
                        f"{who} {response['stance']} ({response.get('published') or 'undated'}):",
                        "dim",
                    ),
                    " “",
                    plain(response["sentence"]),
                    "”",
                ),
                highlight=False,
            )


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
    notes: dict[str, list[Text]] | None = None,
) -> None:
    span = f"{storyline['start'] or '?'} → {storyline['end'] or '?'}"
    console.rule(plain(storyline["label"], "bold"))
    console.print(
        plain(
            f"storyline {storyline['id']} · {len(storyline['article_ids'])} articles · "
            f"published {span}",
            "dim",
        ),
        highlight=False,
    )
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("date", no_wrap=True, style="cyan")
    table.add_column("what the articles report", ratio=4)
    table.add_column("sources", ratio=1)
    for event in events:
        below = (notes or {}).get(event["id"], [])
        table.add_row(
            plain(event["date"]),
            Text("\n").join([plain(event["summary"]), *below]),
            _sources(event["evidence"], articles),
        )
    console.print(table)


def _sources(evidence: Iterable[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> Text:
    names: list[str] = []
    for item in evidence:
        article = articles.get(item["article_id"], {})
        name = item.get("outlet") or _file_name(article.get("source"))
        published = item.get("published") or "undated"
        label = f"{printable(name)} ({printable(published)})"
        if label not in names:
            names.append(label)
    more = len(names) - MAX_SOURCES_SHOWN
    shown = names[:MAX_SOURCES_SHOWN]
    return Text("\n".join(shown + ([f"+{more} more"] if more > 0 else [])))


def _print_contradictions(
    console: Console, conflicts: list[dict[str, Any]], articles: dict[str, dict[str, Any]]
) -> None:
    if not conflicts:
        return
    console.print(f"[bold red]{len(conflicts)} contradiction(s)[/bold red]")
    for conflict in conflicts:
        console.print(labelled("•", "red", conflict["explanation"]), highlight=False)
        for side in (conflict["a"], conflict["b"]):
            article = articles.get(side["article_id"], {})
            who = side.get("outlet") or article.get("title") or _file_name(article.get("source"))
            console.print(
                Text.assemble("    ", plain(f"{who}:", "dim"), " “", plain(side["sentence"]), "”"),
                highlight=False,
            )


def _file_name(source: str | None) -> str:
    return (source or "?").rsplit("/", 1)[-1]

"""Small pieces of page markup, built in Python with every value escaped.

Called from the templates as functions (``{{ date(e.date) }}``): Jinja macros cost a call
frame each, and a page of 50 storylines or 40 articles calls them hundreds of times.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from storyline.render import without_controls

_PRECISION = {10: "day", 7: "month", 4: "year"}


def article_name(record: dict[str, Any]) -> str:
    """Return what to call an article: its title, else its file's name, else its id."""
    if record.get("title"):
        return str(record["title"])
    source = str(record.get("source") or "")
    name = source.rstrip("/").rsplit("/", 1)[-1]
    return name or f"article {record.get('article_id') or record.get('id')}"


def date(value: str | None, precision: str | None = None) -> Markup:
    """Return a date as a <time> whose class says how precisely it is known."""
    if not value:
        return Markup('<span class="muted">undated</span>')
    known = precision or _PRECISION.get(len(value), "day")
    return Markup(f'<time class="p-{escape(known)}">{escape(without_controls(value))}</time>')


def outlet(record: dict[str, Any]) -> str:
    """Return an article's outlet, or says it is unknown."""
    return str(record.get("outlet") or "outlet unknown")


def article_link(record: dict[str, Any]) -> Markup:
    """Return a link to an article's page, named by its title (or file)."""
    name = escape(without_controls(article_name(record)))
    return Markup(f'<a href="/articles/{escape(record["id"])}">{name}</a>')

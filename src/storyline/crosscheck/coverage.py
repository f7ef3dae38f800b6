"""Coverage: which outlets reported each news event of a storyline, who first, who never did.

One record per event and outlet that published on it, and one with no articles for each
outlet of the storyline that never reported the event. Credited sources (``attributed_to``)
and copies (``duplicate_of``) are counted; an outlet whose articles only copy or credit another
is ``syndicated_from`` it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Analysis, Article, Coverage


def find_coverage(
    storyline: str | None,
    analyses: Sequence[Analysis],
    event_of: dict[str, str | None],
    duplicate_of: dict[str, str | None],
) -> list[Coverage]:
    """Return the coverage records of one storyline's events."""
    articles = {a.article.id: a.article for a in analyses}
    by_event: dict[str, list[Article]] = defaultdict(list)
    for article in articles.values():
        event = event_of.get(article.id)
        if event:
            by_event[event].append(article)
    named_outlets = sorted({a.outlet for a in articles.values() if a.outlet})
    records: list[Coverage] = []
    for event, members in sorted(by_event.items()):
        by_outlet: dict[str, list[Article]] = defaultdict(list)
        for article in members:
            # An article with no outlet stands alone: it cannot be counted with another.
            by_outlet[article.outlet or f"\0{article.id}"].append(article)
        rows = []
        for key, published in sorted(by_outlet.items()):
            published.sort(key=lambda a: (a.published or "9999", a.id))
            credited = sorted({s for a in published for s in a.attributed_to})
            copies = [a for a in published if duplicate_of.get(a.id)]
            rows.append(
                Coverage(
                    event_id=event,
                    storyline_id=storyline,
                    outlet=None if key.startswith("\0") else key,
                    article_ids=[a.id for a in published],
                    first_published=next((a.published for a in published if a.published), None),
                    syndicated_from=_syndicated_from(published, copies, articles, duplicate_of),
                    attributed_to=credited,
                    duplicates=len(copies),
                )
            )
        dated = [r for r in rows if r.first_published]
        if dated:
            earliest = min(r.first_published or "" for r in dated)
            for row in dated:
                row.first = row.first_published == earliest
        reported = {r.outlet for r in rows}
        rows.extend(
            Coverage(event_id=event, storyline_id=storyline, outlet=outlet)
            for outlet in named_outlets
            if outlet not in reported
        )
        records.extend(rows)
    return records


def _syndicated_from(
    published: list[Article],
    copies: list[Article],
    articles: dict[str, Article],
    duplicate_of: dict[str, str | None],
) -> str | None:
    if copies and len(copies) == len(published):
        original = articles.get(duplicate_of.get(copies[0].id) or "")
        if original is not None and original.outlet:
            return original.outlet
    if all(a.attributed_to for a in published):
        return published[0].attributed_to[0]
    return None

"""Contradictions of dates and numbers: one record per conflicting fact, every article on each side.

Kinds: ``date`` (articles date one happening differently), ``number`` (articles give one
quantity different values) and ``internal`` (one article states both sides). Claims met by a
denial are ``claim-denial`` contradictions, made in ``claims``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.crosscheck.dates import date_statements
from storyline.crosscheck.equations import Equation, equation_conflicts, equations
from storyline.crosscheck.facts import Conflict, Stated, background_free, conflicts, who
from storyline.crosscheck.numbers import number_statements
from storyline.model import Analysis, Contradiction, content_id
from storyline.timeline.sentences import surface_words


def find_contradictions(
    storyline: str | None,
    analyses: Sequence[Analysis],
    event_of: dict[str, str | None],
    canonical: dict[str, str] | None = None,
) -> list[Contradiction]:
    """Return the date, number and internal contradictions of one storyline's articles.

    Dates are compared across the storyline (a later article restating when the vote was);
    numbers only among the reports of one news event, of one unit: across events counts move
    on (a death toll rises, a season's points grow). Statements about different persons are
    never one fact: two players' yards differ without contradicting.
    """
    originals = [a for a in analyses if not a.article.duplicate_of]  # a copy adds no voice
    dated = {a.article.id: date_statements(a, canonical) for a in originals}
    every_date = [s for a in originals for s in dated[a.article.id]]
    found = [_record(storyline, "date", conflict) for conflict in conflicts(every_date)]
    rare = background_free(every_date)
    for analysis in originals:
        mine = dated[analysis.article.id]
        tied = equations(analysis, mine, canonical or {})
        for equation, conflict in equation_conflicts(
            analysis, tied, mine, every_date, canonical or {}, rare
        ):
            found.append(_equation_record(storyline, equation, conflict))
    by_unit: dict[tuple[str, str], list[Stated]] = defaultdict(list)
    for analysis in originals:
        event = event_of.get(analysis.article.id) or analysis.article.id
        for stated in number_statements(analysis, canonical):
            by_unit[(event, stated.unit)].append(stated)
    for _, statements in sorted(by_unit.items()):
        for conflict in conflicts(statements):
            # One article giving two numbers of one unit nearly always counts two things (a
            # player's points this game and this season): only dates are read for that.
            if not conflict.internal:
                found.append(_record(storyline, "number", conflict))
    return sorted(found, key=lambda c: c.id)


def _record(storyline: str | None, kind: str, conflict: Conflict) -> Contradiction:
    a, b = conflict.side_a[0], conflict.side_b[0]
    if conflict.internal:
        # Show the two statements of the one article that states both sides.
        both = {s.article_id for s in conflict.side_a} & {s.article_id for s in conflict.side_b}
        a = next(s for s in conflict.side_a if s.article_id in both)
        b = next(s for s in conflict.side_b if s.article_id == a.article_id)
    words = ", ".join(surface_words(a.sentence, conflict.shared | {a.unit} - {""}))
    thing = "happening" if kind == "date" else "quantity"
    if conflict.internal:
        explanation = (
            f"{who(a)} gives the same {thing} ({words}) both as {a.value} and as {b.value}."
        )
    else:
        explanation = (
            f"{_sources(conflict.side_a)} the {thing} ({words}) as {a.value}, "
            f"while {_sources(conflict.side_b)} it as {b.value}."
        )
    return Contradiction(
        id=content_id(
            storyline or "",
            kind,
            *sorted(f"{s.article_id}:{s.at}" for s in conflict.side_a + conflict.side_b),
            prefix="c",
        ),
        storyline_id=storyline,
        kind="internal" if conflict.internal else kind,
        a=a.claim(),
        b=b.claim(),
        explanation=explanation,
        a_all=[s.claim() for s in _first(a, conflict.side_a)],
        b_all=[s.claim() for s in _first(b, conflict.side_b)],
    )


def _equation_record(
    storyline: str | None, equation: Equation, conflict: Conflict
) -> Contradiction:
    """An article ties a date to a second happening ("the day when ..."), dated otherwise."""
    a, b = conflict.side_a[0], conflict.side_b[0]
    if conflict.internal:
        explanation = (
            f"{who(a)} gives {a.value} as “{equation.text}”, but dates the same participants "
            f"({', '.join(sorted(equation.participants))}) {b.value} in another sentence."
        )
    else:
        explanation = (
            f"{who(a)} gives {a.value} as “{equation.text}”, while {_sources(conflict.side_b)} "
            f"that happening as {b.value}."
        )
    return Contradiction(
        id=content_id(
            storyline or "",
            "internal",
            *sorted(f"{s.article_id}:{s.at}" for s in conflict.side_a + conflict.side_b),
            prefix="c",
        ),
        storyline_id=storyline,
        kind="internal",
        a=a.claim(),
        b=b.claim(),
        explanation=explanation,
        a_all=[s.claim() for s in conflict.side_a],
        b_all=[s.claim() for s in conflict.side_b],
    )


def _first(shown: Stated, side: list[Stated]) -> list[Stated]:
    return [shown] + [s for s in side if s is not shown]


def _sources(side: list[Stated]) -> str:
    """Return who states one side, with the verb: "X gives", "X and Y give"."""
    names: list[str] = []
    for stated in side:
        if who(stated) not in names:
            names.append(who(stated))
    if len(names) > 2:
        return f"{names[0]} and {len(names) - 1} other articles give"
    return " and ".join(names) + (" gives" if len(names) == 1 else " give")

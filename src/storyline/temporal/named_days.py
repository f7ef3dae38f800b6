"""Normalizers for days named rather than written as dates: holidays ("Christmas", "Easter
1998") and a day of a month told by its ordinal ("the 9th of this month").

A holiday without a year is the nearest one in the direction the clause tells, like a
yearless date: "troops came home for Christmas" in March is last Christmas.
"""

from __future__ import annotations

import datetime as dt
import re

from .calendar import add_months, holiday_date, safe_date
from .lexicon import holiday_rule
from .patterns import Candidate
from .resolution import PUBLISHED, Context, Resolution
from .tense import is_deadline

# Month steps of "the 9th of this/last/next month"; None: the month in focus.
_MONTH_STEPS: dict[str, int | None] = {"this": 0, "last": -1, "next": 1, "the same": None,
                                       "that": None, "the": None}  # fmt: skip


def holiday(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the date of a holiday ("Christmas" -> "1998-12-25"), by year, rel or tense."""
    groups = candidate.match.groupdict()
    rule = holiday_rule(groups["holiday"])
    if rule is None:
        return None
    reference = context.reference
    rel = " ".join((groups.get("rel") or "").lower().split())
    if groups.get("year"):
        day = holiday_date(rule, int(groups["year"]))
        explicit = True
    elif reference is None:
        if rule[0] != "fixed":
            return Resolution("DATE", None)
        return Resolution("DATE", f"XXXX-{rule[1][0]:02d}-{rule[1][1]:02d}")
    else:
        explicit = False
        day = _nearest(rule, reference, _direction(candidate, context, rel), rel == "this")
    if day is None:
        return None
    anchor = None if explicit else PUBLISHED
    return context.dated(candidate, day, "day", anchor, explicit_year=explicit)


def _direction(candidate: Candidate, context: Context, rel: str) -> str | None:
    """Return which way a yearless holiday lies from the reference: "past", "future" or None."""
    if rel in ("last", "this past"):
        return "past"
    if rel in ("next", "this coming") or is_deadline(context.text, candidate.start):
        return "future"
    if rel == "this":
        return None
    return context.tense(candidate, near=True)


def _nearest(
    rule: tuple[str, tuple[int, ...]], reference: dt.date, direction: str | None, same_year: bool
) -> dt.date | None:
    """Return the holiday nearest the reference in a direction (None: either; ties: past)."""
    days = [holiday_date(rule, reference.year + step) for step in (-1, 0, 1)]
    found = [day for day in days if day is not None]
    if same_year:
        found = [day for day in found if day.year == reference.year]
    elif direction == "past":
        found = [day for day in found if day <= reference][-1:]
    elif direction == "future":
        found = [day for day in found if day >= reference][:1]
    if not found:
        return None
    return min(found, key=lambda day: (abs((day - reference).days), day > reference))


def day_of_month(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "the 9th of this month" (the reference month's 9th), "of last month"."""
    groups = candidate.match.groupdict()
    number = int(re.sub(r"\D", "", groups["day"]))
    rel = " ".join(groups["rel"].lower().split())
    step = _MONTH_STEPS[rel]
    base, anchor = context.reference, PUBLISHED
    if step is None:
        focus = context.narrative.focus(candidate.start)
        if focus is not None:
            base, anchor = focus.day, focus.day.isoformat()
        step = 0
    if base is None:
        return Resolution("DATE", None)
    month = add_months(base, step)
    day = safe_date(month.year, month.month, number) if month else None
    if day is None:
        return None
    return context.dated(candidate, day, "day", anchor)

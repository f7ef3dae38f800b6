"""Calendar arithmetic and TIMEX3 value formatting for the temporal normalizers."""

from __future__ import annotations

import calendar
import datetime as dt

# Years a news text can plausibly name: outside this window a four-digit number is not taken
# as a year, and arithmetic that would leave it yields no value rather than a wrong one.
MIN_YEAR = 1000
MAX_YEAR = 2199

# Precision names, coarse to fine; the normalizers keep a resolved date with one of these.
PRECISIONS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day")


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the calendar date, or None when it does not exist ("31 February", year 99999)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date | None:
    """Return the date ``months`` calendar months later (earlier if negative), day clamped."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, amount: int) -> dt.date | None:
    """Return ``day`` moved by ``amount`` units (day, week, month, quarter, year, decade)."""
    try:
        if unit in ("day", "night"):
            return day + dt.timedelta(days=amount)
        if unit in ("week", "fortnight"):
            return day + dt.timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    except OverflowError:
        return None
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    return add_months(day, amount * months) if months else None


def quarter_of(day: dt.date) -> int:
    """Return the calendar quarter (1-4) a date falls in."""
    return (day.month - 1) // 3 + 1


def format_value(day: dt.date, precision: str) -> str:
    """Return the TIMEX3 value of a date at a precision ("1998-W02", "1989-Q3", "199")."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if precision == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if precision == "decade":
        return f"{day.year // 10:03d}"
    if precision == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def weekday_near(reference: dt.date, weekday: int, direction: str) -> dt.date:
    """Return the date of an ISO weekday at or before (past) or at or after (future) a date."""
    delta = weekday - reference.isoweekday()
    if direction == "future":
        return reference + dt.timedelta(days=delta % 7)
    return reference - dt.timedelta(days=(-delta) % 7)


def nearest_year(reference: dt.date, month: int, day: int, direction: str | None) -> int:
    """Return the year that puts month/day nearest the reference in the given direction.

    ``past``: the latest occurrence on or before the reference; ``future``: the first on or
    after it; None: whichever occurrence is closer (ties go to the past, as news reports).
    """
    this_year = (month, day) <= (reference.month, reference.day)
    if direction == "past":
        return reference.year if this_year else reference.year - 1
    if direction == "future":
        return (
            reference.year
            if (month, day) >= (reference.month, reference.day)
            else (reference.year + 1)
        )
    best = reference.year
    best_gap: int | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = safe_date(year, month, min(day, 28) if month == 2 else day)
        if candidate is None:
            continue
        gap = abs((candidate - reference).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def easter(year: int) -> dt.date:
    """Return Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_days = century // 4
    correction = (century + 8) // 25
    moon = (19 * golden + century - leap_days - (century - correction + 1) // 3 + 15) % 30
    weekday = (32 + 2 * (century % 4) + 2 * (rest // 4) - moon - rest % 4) % 7
    shift_ = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * shift_ + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(rule: tuple[str, tuple[int, ...]], year: int) -> dt.date | None:
    """Return the date a holiday rule (see ``lexicon.HOLIDAYS``) gives in a year, or None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    kind, numbers = rule
    if kind == "fixed":
        return safe_date(year, numbers[0], numbers[1])
    if kind == "easter":
        return easter(year) + dt.timedelta(days=numbers[0])
    month, weekday, nth = numbers
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)

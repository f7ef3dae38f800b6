"""Normalizers for calendar expressions: dates, months, years, decades, centuries, quarters.

Their year comes from the text when it states one; otherwise from the narrative (a story told
about an earlier year) or from the reference date and the tense of the clause.
"""

from __future__ import annotations

import datetime as dt
import re

from .calendar import format_value, nearest_year, quarter_of, safe_date
from .lexicon import (
    AMBIGUOUS_MONTHS,
    DECADE_WORDS,
    ORDINALS,
    SEASONS,
    month_number,
    spoken_year,
    weekday_number,
)
from .patterns import Candidate
from .resolution import PUBLISHED, Context, Resolution
from .tense import has_past_perfect, is_deadline

# Words that, just before a bare "May" or "March", make it a month ("in May", "since March").
MONTH_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "since",
        "until",
        "till",
        "by",
        "of",
        "from",
        "through",
        "during",
        "before",
        "after",
        "to",
        "between",
        "and",
        "or",
        "early",
        "late",
        "mid",
        "last",
        "this",
        "next",
        "around",
        "about",
    ]
)
# A month name alone is the nearest such month: at most this many months ahead of the
# reference month, or this many behind (TimeBank: "January" in late October is next January).
MONTHS_AHEAD = 5
MONTHS_BEHIND = 8
_RELATIVE_YEARS = {"this": 0, "last": -1, "next": 1}
# How far the second year of a range may lie after the first: "1900-2000" is a century; two
# digits name a season or a term ("1957-58", "1939-45"), and "1990-12" is no range.
RANGE_YEARS = 100
SHORT_RANGE_YEARS = 20
# Quarter modifiers that mean the quarter a year before the one in focus.
_YEAR_AGO_MODIFIERS = ("year-earlier", "year-ago", "comparable", "corresponding", "year earlier")
# Quarter modifiers that mean the last quarter completed before the reference date.
_LATEST_MODIFIERS = ("latest", "just-ended", "recent", "previous", "preceding")


def year_of(text: str) -> int | None:
    """Return the year written in digits or spoken words, or None."""
    text = text.strip()
    return int(text) if text.isdigit() else spoken_year(text)


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def month_day(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "March 7, 2022", "February 23-24 this year" or a yearless "March 2"."""
    match = candidate.match
    month = month_number(match.group("month"))
    day = _day_number(match.group("day"))
    reference = context.reference
    anchor: str | None = None
    explicit = True
    groups = match.groupdict()
    if groups.get("year"):
        year = year_of(groups["year"])
    elif groups.get("rel"):
        if reference is None:
            return Resolution("DATE", None)
        year, anchor = reference.year + _RELATIVE_YEARS[groups["rel"].lower()], PUBLISHED
    elif reference is None:
        return _underspecified(month, day, groups.get("day2"))
    else:
        explicit = False
        year, anchor = _yearless(candidate, context, reference, month, day)
    if year is None:
        return None
    date = safe_date(year, month, day)
    if date is None:
        return None
    range_end = None
    if groups.get("day2"):
        last = safe_date(year, month, _day_number(groups["day2"]))
        if last is None or last <= date:
            return None
        range_end = last.isoformat()
    return context.dated(
        candidate, date, "day", anchor, explicit_year=explicit, range_end=range_end
    )


def iso_date(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "2024-03-01" (DATE) or "2024-03-01T10:00:00Z" (TIME, zone left out).

    The calendar checks the date: "2024-02-31" is a string of digits, not a date.
    """
    groups = candidate.match.groupdict()
    date = safe_date(int(groups["iso_year"]), int(groups["iso_month"]), int(groups["iso_day"]))
    if date is None:
        return None
    if not groups.get("hour"):
        return context.dated(candidate, date, "day", None, explicit_year=True)
    clock = f"T{groups['hour']}:{groups['minute']}"
    if groups.get("second"):
        clock += f":{groups['second']}"
    return context.dated(
        candidate, date, "day", None, type_="TIME", explicit_year=True, suffix=clock
    )


def _underspecified(month: int, day: int, day2: str | None) -> Resolution | None:
    """Return "XXXX-03-02" for a yearless date when the reference date is unknown."""
    if safe_date(2000, month, day) is None:  # 2000 is a leap year: February 29 is valid
        return None
    range_end = f"XXXX-{month:02d}-{_day_number(day2):02d}" if day2 else None
    return Resolution("DATE", f"XXXX-{month:02d}-{day:02d}", None, range_end)


def _yearless(
    candidate: Candidate, context: Context, reference: dt.date, month: int, day: int
) -> tuple[int, str]:
    """Return the year of a yearless month/day and what it hangs on (narrative or published)."""
    in_reference_year = safe_date(reference.year, month, min(day, 28))
    if in_reference_year is not None:
        past_perfect = has_past_perfect(context.text, candidate.start, candidate.end)
        for year in (reference.year - 1, reference.year - 2):
            probe = safe_date(year, month, min(day, 28))
            if probe is None:
                continue
            anchor = context.narrative.narrative_anchor(candidate.start, probe, past_perfect)
            if anchor is not None and anchor.day.year == year:
                return year, (anchor.hangs_on or anchor.day).isoformat()
    weekday = candidate.match.groupdict().get("weekday")
    if weekday:  # "Saturday, April 25": the year in which April 25 is a Saturday
        for year in (reference.year, reference.year + 1, reference.year - 1):
            date = safe_date(year, month, day)
            if date is not None and date.isoweekday() == weekday_number(weekday):
                return year, PUBLISHED
    if is_deadline(context.text, candidate.start, candidate.end):
        return nearest_year(reference, month, day, "future"), PUBLISHED
    direction = context.tense(candidate, near=True)
    return nearest_year(reference, month, day, direction), PUBLISHED


def day_month(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "7 March 2022" or "24 February" (day-first order)."""
    return month_day(candidate, context)


def month_year(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the "YYYY-MM" value of "April 1999" or "January nineteen ninety-seven"."""
    year = year_of(candidate.match.group("year"))
    date = safe_date(year, month_number(candidate.match.group("month")), 1) if year else None
    if date is None:
        return None
    return context.dated(candidate, date, "month", None, explicit_year=True)


def month(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of a month name alone ("April", "last May", "January this year")."""
    match = candidate.match
    name = match.group("month")
    number = month_number(name)
    rel = (match.group("rel") or "").lower()
    relyear = (match.group("relyear") or "").lower()
    edge = match.group("edge")
    bare = not (rel or relyear or edge)
    if (
        bare
        and name in AMBIGUOUS_MONTHS
        and context.word_before(candidate.start) not in (MONTH_PREPOSITIONS)
    ):
        return None
    if name.endswith(".") and not (rel or relyear or edge):
        return None  # "Oct." alone is an abbreviation in a table, not a date
    if rel in ("each", "every"):
        return Resolution("SET", f"XXXX-{number:02d}")
    reference = context.reference
    if reference is None:
        return Resolution("DATE", f"XXXX-{number:02d}")
    year = reference.year
    if relyear:
        year += _RELATIVE_YEARS[relyear]
    elif rel == "last":
        year -= 0 if number < reference.month else 1
    elif rel == "next":
        year += 0 if number > reference.month else 1
    elif rel == "this past":
        year -= 0 if number <= reference.month else 1
    elif rel == "this":
        pass  # "this September" is the one of the reference year, whichever the tense
    elif is_deadline(context.text, candidate.start, candidate.end) or (
        (tense := context.tense(candidate, near=True)) == "future"
    ):
        year += 0 if number >= reference.month else 1
    elif tense == "past":
        year -= 0 if number <= reference.month else 1
    elif (governed := context.governed(candidate)) == "future":
        year += 0 if number >= reference.month else 1  # the parse finds the verb afar
    elif governed == "past":
        year -= 0 if number <= reference.month else 1
    elif number - reference.month > MONTHS_AHEAD:
        year -= 1  # "in December" read in February is the December just past
    elif reference.month - number > MONTHS_BEHIND:
        year += 1  # "in January" read in late October is the coming January
    date = safe_date(year, number, 1)
    if date is None:
        return None
    return context.dated(candidate, date, "month", PUBLISHED, explicit_year=bool(relyear))


def year(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "1988", "fiscal 1989", "the first half of 1990" ("1990-H1")."""
    match = candidate.match
    number = year_of(match.group("year"))
    date = safe_date(number, 1, 1) if number else None
    if date is None:
        return None
    half = (match.group("half") or "").lower()
    if half:
        date = date.replace(month=1 if half == "first" else 7)
        return context.dated(candidate, date, "half", None, explicit_year=True)
    return context.dated(candidate, date, "year", None, explicit_year=True)


def decade(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "the 1990s" ("199"), "the '80s" or "the nineties"."""
    match = candidate.match
    if match.group("decade"):
        return Resolution("DATE", match.group("decade")[:3])
    century = 19 if context.reference is None else context.reference.year // 100
    if context.reference is None and match.group("word"):
        return Resolution("DATE", None)  # "the nineties" of which century is a guess
    digit = int(match.group("short")[0]) if match.group("short") else 0
    if match.group("word"):
        digit = DECADE_WORDS[match.group("word").lower()]
    # "'90s" or "the nineties" written in 2005 is still the 1990s: the latest decade not in
    # the future.
    reference = context.reference
    if reference is not None and century * 100 + digit * 10 > reference.year:
        century -= 1
    return Resolution("DATE", f"{century:02d}{digit}")


def century(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "the 20th century" ("19")."""
    number = int(candidate.match.group("number"))
    return Resolution("DATE", f"{number - 1:02d}") if 1 <= number <= 22 else None


def quarter(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of a fiscal quarter ("the third quarter" -> "1989-Q3").

    Without an ordinal, "the quarter" is the quarter in focus, or the last one completed
    before the reference date (the one a results story reports); "a year ago", "year-earlier"
    and "comparable" move it one year back.
    """
    match = candidate.match
    groups = match.groupdict()
    mods = (groups.get("mods") or "").lower()
    ordinal = ORDINALS.get((groups.get("ordinal") or "").lower())
    determiner = (groups.get("det") or "").lower()
    explicit = groups.get("year") or groups.get("year2")
    qualified = bool(ordinal or explicit or mods.strip() or groups.get("possessive"))
    if groups["unit"].lower() == "period" and not qualified:
        return None  # "the period" alone is not a calendar quarter
    if not (qualified or determiner in ("the", "this", "its", "their")):
        return None
    if determiner == "a" and not ordinal:
        return None
    reference = context.reference
    focus = context.narrative.focus(candidate.start)
    if explicit:
        base_year = int(explicit)
    elif groups.get("possessive") or groups.get("rel"):
        if reference is None:
            return Resolution("DATE", None)
        word = (groups.get("possessive") or groups.get("rel") or "").lower()
        base_year = reference.year + _RELATIVE_YEARS[word]
    elif reference is None:
        return Resolution("DATE", f"XXXX-Q{ordinal}" if ordinal else None)
    else:
        base_year = reference.year
    if ordinal:
        number = ordinal
        year_given = bool(explicit or groups.get("rel") or groups.get("possessive"))
        if _reported_last_year(candidate, context, ordinal, year_given):
            base_year -= 1
    elif reference is None:
        return Resolution("DATE", None)
    elif "current" in mods or determiner == "this":
        number = quarter_of(reference)
    elif (
        focus is not None
        and focus.precision == "quarter"
        and (reference is None or focus.day <= reference)
        and not explicit
        and not any(word in mods for word in _LATEST_MODIFIERS)
    ):
        number, base_year = quarter_of(focus.day), focus.day.year
    else:
        number = quarter_of(reference) - 1 or 4
        base_year -= 1 if number == 4 else 0
    ago = groups.get("ago") or any(word in mods for word in _YEAR_AGO_MODIFIERS)
    if ago and not explicit:
        base_year -= 1
    date = safe_date(base_year, 3 * number - 2, 1)
    if date is None:
        return None
    anchor = None if explicit else PUBLISHED
    if ago:  # a comparison quarter: the quarter in focus stays the one being reported
        return Resolution("DATE", format_value(date, "quarter"), anchor)
    return context.dated(candidate, date, "quarter", anchor)


def _reported_last_year(
    candidate: Candidate, context: Context, ordinal: int, year_given: bool
) -> bool:
    """Return whether a yearless quarter not yet begun is told in the past: last year's.

    "a drop in profits for the fourth quarter" reported in January is the fourth quarter of
    the year before; "the fourth quarter" in October is the one ahead.
    """
    reference = context.reference
    if year_given or reference is None or ordinal <= quarter_of(reference):
        return False
    return context.tense(candidate) == "past"


def season_year(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "the winter of nineteen ninety-four" ("1994-WI")."""
    number = year_of(candidate.match.group("year"))
    if number is None or safe_date(number, 1, 1) is None:
        return None
    return Resolution("DATE", f"{number:04d}-{SEASONS[candidate.match.group('season').lower()]}")


def numeric_date(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "30.01.2024" (day first), "01/30/2024" (month first), "2024/01/30".

    Dots are the day-first European style; slashes are month-first unless the first number
    is no month ("30/01/2024"). The calendar checks the result.
    """
    groups = candidate.match.groupdict()
    if groups.get("year_first"):
        date = safe_date(
            int(groups["year_first"]), int(groups["slash_month"]), int(groups["slash_day"])
        )
    else:
        first, second = int(groups["first"]), int(groups["second"])
        day_first = groups["separator"] == "." or first > 12
        day, month_ = (first, second) if day_first else (second, first)
        date = safe_date(int(groups["year"]), month_, day)
    if date is None:
        return None
    return context.dated(candidate, date, "day", None, explicit_year=True)


def year_tail(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the second year of a range ("58" of "1957-58" -> "1958"; "2010" of "2009-2010").

    Two digits take the century of the first year; the second year must come after the first
    and not far from it, or the digits are not a year ("1990-12" is a month).
    """
    first = int(context.text[candidate.start - 5 : candidate.start - 1])
    digits = candidate.match.group("tail")
    if len(digits) == 4:
        second = int(digits)
    else:
        second = first // 100 * 100 + int(digits)
        if second <= first:
            second += 100
    longest = RANGE_YEARS if len(digits) == 4 else SHORT_RANGE_YEARS
    if not first < second <= first + longest:
        return None
    date = safe_date(second, 1, 1)
    if date is None:
        return None
    return context.dated(candidate, date, "year", None, explicit_year=True)

"""Normalizers for lengths of time and vague times: durations, sets and the *_REF values.

"18 months" -> P18M, "the past year and a half" -> P18M, "several years" -> PXY, "every week"
-> P1W, "recently" -> PAST_REF. None of these depends on the reference date.
"""

from __future__ import annotations

import re

from .lexicon import TIME_UNITS, UNIT_LETTERS, UNIT_MULTIPLIERS, number_value, unit_of
from .patterns import Candidate
from .resolution import Context, Resolution

# Fixed phrases and their TIMEX3 values (TimeBank's conventions).
FUZZY_VALUES: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "recent": "PAST_REF",
    "the past": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "a later date": "FUTURE_REF",
}  # fmt: skip
# Adverbs of frequency and the period they repeat on.
SET_ADVERBS: dict[str, str] = {
    "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H",
}  # fmt: skip
# "recent years" is a vague past; "recent months" a vague duration (TimeBank's majority).
_VAGUE_PAST_UNITS = frozenset({"year", "day", "decade"})
# Words before "a year"/"a day" that make it a frequency ("$5 a year", "twice a day").
_FREQUENCY_CUES = ("twice", "times", "once")
# Words before "a week"/"a year" that make it part of a rate ("700 seats a week").
_AMOUNT_WORDS = frozenset(
    {"million", "billion", "thousand", "cents", "dollars", "percent", "seats"}
)
_AGE = re.compile(r"[\s-]+old\b")
# Fractions of a unit written in the next smaller unit ("2 1/2 years" -> 30 months).
_SMALLER_UNITS = {"year": ("month", 12), "day": ("hour", 24), "hour": ("minute", 60),
                  "week": ("day", 7), "month": ("day", 30), "minute": ("second", 60)}  # fmt: skip


def duration_value(number: str | None, unit_word: str, half: str | None) -> str | None:
    """Return the TIMEX3 duration of a count and a unit ("18", "months" -> "P18M").

    A vague count gives X ("PXY"); a half is written in the next smaller unit ("a year and a
    half" -> "P18M", the form news timelines read most easily).
    """
    unit = unit_of(unit_word)
    if unit is None:
        return None
    amount = number_value(number) if number else 1
    if amount is None:
        return _format(unit, "X")
    if half:
        amount += 0.5
    amount *= UNIT_MULTIPLIERS.get(unit, 1)
    if not float(amount).is_integer():
        if unit not in _SMALLER_UNITS:
            return None
        unit, factor = _SMALLER_UNITS[unit]
        amount *= factor
        if not float(amount).is_integer():
            return None
    if amount <= 0 or amount > 10_000:
        return None
    return _format(unit, str(int(amount)))


def _format(unit: str, amount: str) -> str:
    prefix = "PT" if unit in TIME_UNITS else "P"
    return f"{prefix}{amount}{UNIT_LETTERS[unit]}"


def duration(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "18 months", "the last 23 years", "five-year", "a week"."""
    groups = candidate.match.groupdict()
    number = groups.get("number")
    unit = unit_of(groups["unit"])
    if unit is None:
        return None
    if number and number.lower() in ("a", "one", "an") and unit == "second" and not groups["half"]:
        return None  # "a second time": an ordinal, not one second
    if unit == "quarter" and context.text.startswith(" of", candidate.end):
        return None  # "three quarters of the shares": a fraction
    if _AGE.match(context.text, candidate.end) or candidate.match.group(0).endswith("-old"):
        return None  # "52 years old": an age, which TimeBank does not tag
    if groups.get("number2"):
        return Resolution("DURATION", _format(unit, "X"))
    value = duration_value(number, groups["unit"], groups.get("half"))
    if value is None:
        return None
    if number and number.lower() in ("a", "an") and not groups.get("span"):
        before = context.word_before(candidate.start)
        if before in _AMOUNT_WORDS or any(character.isdigit() for character in before):
            return None  # "358,000 a month", "$1.76 a year": a rate, not a time
        if before in _FREQUENCY_CUES:
            return Resolution("SET", value)
    return Resolution("DURATION", value)


def frequency(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "every week" ("P1W"), "each year", "weekly", "quarterly"."""
    match = candidate.match
    adverb = match.group("adverb")
    if adverb:
        return Resolution("SET", SET_ADVERBS[adverb.lower()])
    every_other = "other" in match.group(0).lower()
    value = duration_value("2" if every_other else "1", match.group("unit"), None)
    return Resolution("SET", value)


def vague_span(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "recent years" (PAST_REF), "coming months", "the next few days"."""
    which = " ".join(candidate.match.group("which").lower().split())
    unit = unit_of(candidate.match.group("unit"))
    if unit is None:
        return None
    if which == "coming":
        return Resolution("DATE", "FUTURE_REF")
    if which in ("recent", "past") and unit in _VAGUE_PAST_UNITS:
        return Resolution("DATE", "PAST_REF")
    return Resolution("DURATION", _format(unit, "X"))


def fuzzy(candidate: Candidate, context: Context) -> Resolution | None:
    """Return PRESENT_REF, PAST_REF or FUTURE_REF for "now", "recently", "the future"."""
    phrase = " ".join(candidate.match.group(0).lower().split())
    if phrase in ("year-earlier", "year-ago"):
        return _year_before_focus(context, candidate.start)
    return Resolution("DATE", FUZZY_VALUES[phrase])


def _year_before_focus(context: Context, start: int) -> Resolution | None:
    """Return the value of the date in focus a year back ("year-earlier" results)."""
    from .calendar import format_value, shift

    focus = context.narrative.focus(start)
    if focus is not None and focus.precision == "quarter":
        day = shift(focus.day, "year", -1)
        return (
            Resolution("DATE", format_value(day, "quarter"), focus.day.isoformat()) if day else None
        )
    if context.reference is None:
        return Resolution("DATE", None)
    return Resolution("DATE", f"{context.reference.year - 1:04d}", "published")

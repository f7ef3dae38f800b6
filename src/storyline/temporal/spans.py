"""Normalizers for lengths of time and vague times: durations, sets and the *_REF values.

"18 months" -> P18M, "the past year and a half" -> P1Y6M, "several years" -> PXY, "within
weeks" -> PXW, "every week" -> P1W, "recently" -> PAST_REF, "soon" -> FUTURE_REF. None of these
depends on the reference date.
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
    "soon": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
}  # fmt: skip
# Adverbs of frequency and the period they repeat on. "daily" and "annually" take the
# calendar form TimeBank gives them (XXXX-XX-XX, XXXX), the others a period.
SET_ADVERBS: dict[str, str] = {
    "daily": "XXXX-XX-XX", "nightly": "XXXX-XX-XXTNI", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "XXXX", "yearly": "P1Y", "hourly": "PT1H",
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
# The fraction of a unit is written in the next smaller unit, after the whole units, as
# TimeBank does ("2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S).
_SMALLER_UNITS = {"year": ("month", 12), "day": ("hour", 24), "hour": ("minute", 60),
                  "week": ("day", 7), "month": ("day", 30), "minute": ("second", 60)}  # fmt: skip
# Vague amounts of decades and centuries keep their own TIMEX3 letters ("for centuries" ->
# PXC): an unknown count of decades cannot be written in years.
VAGUE_UNIT_LETTERS = {"decade": "E", "century": "C"}
# Words before a count-less plural unit that make it a length of time: "within weeks", "for
# centuries", "the first time in years". Elsewhere ("on days when") the plural is a noun.
BARE_UNIT_CUES = frozenset({"for", "within", "in", "over", "after", "took", "spent", "lasted"})
# Words before "<units> of" that make it a quantity or a set phrase, not a stretch of time
# ("hundreds of years", "a matter of months" is caught by the first): "months of talks" is one.
_NOT_BEFORE_OF = frozenset({"of", "the", "those", "these", "hundreds", "thousands", "many"})
# "minutes of the meeting" are its written record, not a stretch of time: "minutes" before
# "of" and a gathering that keeps them ("minutes of silence" stays a duration).
_RECORD_OF_GATHERING = re.compile(
    r" of (?:the|a|an|its|their|this|that|last|[A-Z][\w'’-]*)(?:\s+[\w'’-]+){0,3}?\s+"
    r"(?:meetings?|sessions?|hearings?|board|committee|council|cabinet|conference|talks)\b",
)


def duration_value(number: str | None, unit_word: str, half: str | None) -> str | None:
    """Return the TIMEX3 duration of a count and a unit ("18", "months" -> "P18M").

    A vague count gives X ("PXY", "PXC" for centuries); a fraction is written in the next
    smaller unit after the whole units ("a year and a half" -> "P1Y6M", as TimeBank writes it).
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
    if amount <= 0 or amount > 10_000:
        return None
    whole = int(amount)
    if whole == amount:
        return _format(unit, str(whole))
    if unit not in _SMALLER_UNITS:
        return None
    smaller, factor = _SMALLER_UNITS[unit]
    fraction = (amount - whole) * factor
    if not float(fraction).is_integer():
        return None
    parts = [(unit, whole), (smaller, int(fraction))]
    return _format_parts([(name, count) for name, count in parts if count])


def _format(unit: str, amount: str) -> str:
    """Return the TIMEX3 duration of an amount of one unit ("year", "2" -> "P2Y")."""
    letter = UNIT_LETTERS[unit]
    if amount == "X":
        letter = VAGUE_UNIT_LETTERS.get(unit, letter)
    prefix = "PT" if unit in TIME_UNITS else "P"
    return f"{prefix}{amount}{letter}"


def _format_parts(parts: list[tuple[str, int]]) -> str:
    """Return the TIMEX3 duration of units from large to small ("P2Y6M", "PT1M30S")."""
    dates = "".join(
        f"{count}{UNIT_LETTERS[unit]}" for unit, count in parts if unit not in TIME_UNITS
    )
    times = "".join(f"{count}{UNIT_LETTERS[unit]}" for unit, count in parts if unit in TIME_UNITS)
    return "P" + dates + (f"T{times}" if times else "")


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
        if _in_name(candidate, context):
            return None  # "China Daily", "the Kathimerini daily": a newspaper
        return Resolution("SET", SET_ADVERBS[adverb.lower()])
    every_other = "other" in match.group(0).lower()
    value = duration_value("2" if every_other else "1", match.group("unit"), None)
    return Resolution("SET", value)


def _in_name(candidate: Candidate, context: Context) -> bool:
    """Return whether an adverb of frequency is part of a name: capitalized mid-sentence, or
    right after a capitalized word ("China Daily", "Kathimerini daily")."""
    head = context.text[max(0, candidate.start - 40) : candidate.start].rstrip()
    mid_sentence = bool(head) and head[-1] not in '.!?"“:\n'
    if context.text[candidate.start].isupper() and mid_sentence:
        return True
    words = head.split()
    return mid_sentence and bool(words) and words[-1][:1].isupper() and len(words) > 1


def vague_span(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "recent years" (PAST_REF), "coming months", "the weeks ahead"."""
    if candidate.match.group("ahead_unit"):  # "the weeks ahead": a stretch from now on
        unit = unit_of(candidate.match.group("ahead_unit"))
        return Resolution("DURATION", _format(unit, "X")) if unit else None
    which = " ".join(candidate.match.group("which").lower().split())
    unit = unit_of(candidate.match.group("unit"))
    if unit is None:
        return None
    if which in ("coming", "future"):
        return Resolution("DATE", "FUTURE_REF")
    if which in ("recent", "past") and unit in _VAGUE_PAST_UNITS:
        return Resolution("DATE", "PAST_REF")
    return Resolution("DURATION", _format(unit, "X"))


def bare_unit(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the vague duration of a count-less plural ("within weeks" -> "PXW"), or None."""
    unit = unit_of(candidate.match.group("unit"))
    if unit is None:
        return None
    if unit == "minute" and _RECORD_OF_GATHERING.match(context.text, candidate.end):
        return None
    before = context.word_before(candidate.start)
    if before in BARE_UNIT_CUES or (
        context.text.startswith(" of ", candidate.end)
        and before not in _NOT_BEFORE_OF
        and not any(character.isdigit() for character in before)
    ):
        return Resolution("DURATION", _format(unit, "X"))
    return None


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

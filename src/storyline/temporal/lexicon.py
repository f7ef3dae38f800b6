"""Word lists of the temporal grammar: months, weekdays, numbers, units, seasons, holidays.

Every list here is data the regexes in ``patterns.py`` are built from and the normalizers
(``absolute``, ``relative``, ``named_days``, ``spans``) read back; keeping both sides on the
same tables means a word added here is recognized and normalized at once.
"""

from __future__ import annotations

import re

# Month names as news writes them. Abbreviations only with their period ("Sept.", "Oct."):
# bare "Jan"/"Mar" are names and words too often. Matched case-sensitively (capitalized) so
# that the verbs "may" and "march" are not months.
MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Aug.": 8, "Sept.": 9, "Sep.": 9,
    "Oct.": 10, "Nov.": 11, "Dec.": 12,
}  # fmt: skip


# Abbreviations written without their period ("Dec 21", "Sept 3"): read as months only right
# before a day or a year, where a name ("Jan") or a word ("Mar") would not stand.
UNDOTTED_MONTHS: dict[str, int] = {
    name.rstrip("."): number for name, number in MONTHS.items() if name.endswith(".")
}
UNDOTTED_MONTHS["Jun"], UNDOTTED_MONTHS["Jul"] = 6, 7

_MONTHS_FOLDED = {name.lower().rstrip("."): number for name, number in MONTHS.items()}
_MONTHS_FOLDED.update({name.lower(): number for name, number in UNDOTTED_MONTHS.items()})


def month_number(name: str) -> int:
    """Return the number of a month name in any case, with or without the abbreviation dot."""
    return _MONTHS_FOLDED[name.lower().rstrip(".")]


# Month names that are also common English words: taken as a month only with a day, a year,
# a modifier ("last May", "early March") or a preposition before them ("in May").
AMBIGUOUS_MONTHS = frozenset({"May", "March"})

# Weekday names, full forms only ("Sun." is a newspaper, "Wed" a verb form): ISO numbers.
WEEKDAYS: dict[str, int] = {
    "Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5, "Saturday": 6,
    "Sunday": 7,
}  # fmt: skip
_WEEKDAYS_FOLDED = {name.lower(): number for name, number in WEEKDAYS.items()}


def weekday_number(name: str) -> int:
    """Return the ISO number of a weekday name in any case ("WEDNESDAY" -> 3)."""
    return _WEEKDAYS_FOLDED[name.lower()]


_UNITS_BELOW_TWENTY = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

# Cardinal number words up to ninety-nine, each with its value.
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_UNITS_BELOW_TWENTY)}
NUMBER_WORDS.update({word: 20 + 10 * index for index, word in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "a dozen": 12, "dozen": 12, "a hundred": 100})
NUMBER_WORDS.update({"hundred": 100, "a thousand": 1000, "thousand": 1000})
NUMBER_WORDS.update({"a couple of": 2, "a couple": 2, "couple of": 2})

# Vague quantities: TIMEX3 writes their amount as X ("several years" -> PXY).
VAGUE_QUANTITIES = frozenset({"a few", "few", "several", "some", "many", "a number of"})

# Ordinals of quarters and halves ("third-quarter", "the first half").
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Calendar units with their TIMEX3 duration letter and their size for date arithmetic.
# "quarter" is Q (TimeBank: "the past two quarters" -> P2Q); decades and centuries are
# written in years ("two decades" -> P20Y) as TimeBank mostly does.
UNIT_LETTERS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "Y", "century": "Y",
}  # fmt: skip
UNIT_MULTIPLIERS: dict[str, int] = {"fortnight": 2, "decade": 10, "century": 100}
TIME_UNITS = frozenset({"second", "minute", "hour"})

# Seasons as TIMEX3 writes them.
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

# Parts of the day as TIMEX3 writes them ("this morning" -> 1998-01-08TMO).
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

# Decades written as words ("the nineties" -> 199 in a twentieth-century text).
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

_SPACES = re.compile(r"[\s-]+")


def unit_of(word: str) -> str | None:
    """Return the canonical unit ("year") of a unit word ("years", "centuries"), or None."""
    word = word.lower()
    if word in ("centuries", "century"):
        return "century"
    if word.endswith("s"):
        word = word[:-1]
    return word if word in UNIT_LETTERS else None


def number_value(phrase: str) -> int | float | None:
    """Return the value of a number phrase ("twenty four", "18", "2 1/2", "a"), or None.

    None also for vague quantities ("several"), which the caller writes as X.
    """
    phrase = _SPACES.sub(" ", phrase.strip().lower())
    if phrase in NUMBER_WORDS:
        return NUMBER_WORDS[phrase]
    half = re.fullmatch(r"(\d{1,3}) ?(?:1/2|½)", phrase)
    if half:
        return int(half.group(1)) + 0.5
    digits = phrase.replace(",", "")
    if re.fullmatch(r"\d{1,7}", digits):
        return int(digits)
    if re.fullmatch(r"\d{1,4}\.\d{1,3}", digits):
        return float(digits)
    words = phrase.split(" ")
    if len(words) == 2 and words[0] in _TENS and words[1] in NUMBER_WORDS:
        ones = NUMBER_WORDS[words[1]]
        if 0 < ones < 10:  # "twenty four" / "twenty-four"
            return NUMBER_WORDS[words[0]] + ones
    return None


def spoken_year(phrase: str) -> int | None:
    """Return the year of a spoken year ("nineteen ninety-six", "two thousand"), or None."""
    words = _SPACES.sub(" ", phrase.strip().lower()).split(" ")
    if words[:2] == ["two", "thousand"]:
        rest = [word for word in words[2:] if word != "and"]
        tail = number_value(" ".join(rest)) if rest else 0
        return 2000 + int(tail) if isinstance(tail, int) and tail < 100 else None
    if len(words) >= 2 and words[0] in ("nineteen", "eighteen", "twenty"):
        century = NUMBER_WORDS[words[0]]
        tail = number_value(" ".join(words[1:]))
        if isinstance(tail, int) and 10 <= tail < 100:
            return century * 100 + tail
    return None


# Holidays news dates events by, with how each falls in a year: a fixed month and day, the
# nth weekday of a month (-1: the last), or a number of days from Easter Sunday. US holidays
# are the ones of the English news TimeML corpora; "New Year" alone is left out (the Lunar New
# Year is another day).
HOLIDAYS: dict[str, tuple[str, tuple[int, ...]]] = {
    "Christmas": ("fixed", (12, 25)), "Christmas Day": ("fixed", (12, 25)),
    "Christmas Eve": ("fixed", (12, 24)), "Boxing Day": ("fixed", (12, 26)),
    "New Year's Day": ("fixed", (1, 1)), "New Year's Eve": ("fixed", (12, 31)),
    "New Year's": ("fixed", (1, 1)), "Independence Day": ("fixed", (7, 4)),
    "Fourth of July": ("fixed", (7, 4)), "Halloween": ("fixed", (10, 31)),
    "Valentine's Day": ("fixed", (2, 14)), "Veterans Day": ("fixed", (11, 11)),
    "Thanksgiving": ("weekday", (11, 4, 4)), "Thanksgiving Day": ("weekday", (11, 4, 4)),
    "Labor Day": ("weekday", (9, 1, 1)), "Memorial Day": ("weekday", (5, 1, -1)),
    "Easter": ("easter", (0,)), "Easter Sunday": ("easter", (0,)),
    "Easter Monday": ("easter", (1,)), "Good Friday": ("easter", (-2,)),
}  # fmt: skip
_HOLIDAYS_FOLDED = {name.lower(): rule for name, rule in HOLIDAYS.items()}


def holiday_rule(name: str) -> tuple[str, tuple[int, ...]] | None:
    """Return how a holiday named in any case and spacing falls in a year, or None."""
    folded = " ".join(name.lower().replace("’", "'").split())
    return _HOLIDAYS_FOLDED.get(folded)

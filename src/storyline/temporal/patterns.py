"""The recognizer grammar: one compiled regex per kind of temporal expression, and the pass
that runs them all over a text and keeps the longest non-overlapping matches.

Each rule's name keys the normalizer (``NORMALIZERS`` in ``__init__.py``) that gives its
TIMEX3 value. Words are matched case-insensitively except month, weekday and holiday names,
which must be capitalized (the verbs "may" and "march"). Every quantifier is bounded or
anchored on a word boundary, so a run of ten million digits is scanned in linear time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import DECADE_WORDS, HOLIDAYS, MONTHS, NUMBER_WORDS, UNDOTTED_MONTHS, WEEKDAYS


def _alternation(words: object) -> str:
    """Return a regex alternation of words, longest first so that "Sept." beats "Sep."."""
    ordered = sorted((str(word) for word in words), key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


# Rules run on the lower-cased text (matching case-insensitively is two to three times
# slower); month and weekday names are then required to be capitalized in the original text.
MONTH = rf"(?:{_alternation(name.lower() for name in MONTHS)})"
# Before a day or a year a month may also be an abbreviation without its period ("Dec 21").
DATED_MONTH = rf"(?:{_alternation(name.lower() for name in [*MONTHS, *UNDOTTED_MONTHS])})"
WEEKDAY = rf"(?:{_alternation(name.lower() for name in WEEKDAYS)})"
HOLIDAY = "(?:{})".format(_alternation(name.lower() for name in HOLIDAYS).replace("'", "['’]"))
# Nouns a holiday names a kind of, not a date ("a Christmas party", "Easter eggs", "Christmas
# Island"); "the Christmas season" or "the Easter weekend" stay dates.
HOLIDAY_THINGS = (
    r"islands?|trees?|cards?|gifts?|presents?|ornaments?|stockings?|spreads?|carols?|lights"
    r"|decorations?|parties|party|shoppers|shopping|dinners?|displays?|specials?|songs?|music"
    r"|movies?|films?|bonus(?:es)?|markets?|parades?|bunny|eggs?|costumes?|candy|messages?"
    r"|rising|offensive|alternative"
)
# Groups whose words must be capitalized in the original text ("May", not the verb "may").
CAPITALIZED_GROUPS = ("month", "weekday", "holiday")
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
# Four-digit years a news text names; more digits or a thousands comma make it a number.
YEAR_DIGITS = r"(?:1[0-9]\d\d|20\d\d|21\d\d)(?![\d,.]\d)"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# Years spoken in broadcast transcripts: "nineteen ninety-six", "the year two thousand".
SPOKEN_YEAR = (
    rf"(?:(?:nineteen|eighteen)[\s-]+(?:(?:{_TENS})(?:[\s-](?:{_ONES}))?|{_TEENS})"
    rf"|(?<=year\s)two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|{_ONES}))?)"
)
YEAR = rf"(?:{YEAR_DIGITS}|{SPOKEN_YEAR})"
_NUMBER_WORD = rf"(?:(?:{_TENS})[\s-](?:{_ONES})|{_alternation(NUMBER_WORDS)})"
# A count of units: digits (with a half), a number word, or a vague quantity.
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,4}(?:\.\d{1,2})?(?:\s?1/2|½)?"
    rf"|{_NUMBER_WORD}|a\s+few|few|several|some|many|a\s+number\s+of)"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries)"
)
# Words between a count and its unit that do not change the duration ("two straight years").
_UNIT_FILLER = (
    r"(?:(?:more|additional|straight|consecutive|full|long|trading|business|working)\s+)?"
)
_PART = r"(?:morning|afternoon|evening|night)"
# Parts of the day an edge word may lead alone ("late-night" is a kind of television show).
_DAYTIME = r"(?:morning|afternoon|evening)"
_EDGE = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"

_RULE_SOURCES: list[tuple[str, str]] = [
    # "2024-03-01", "2024-03-01T10:00:00Z": ISO 8601 calendar dates, with an optional time of
    # day and zone (TIMEX3 values leave the zone out). Longer than the "year" match of "2024".
    # Its month is a number, so the group is not named "month" (names there are capitalized).
    (
        "iso_date",
        rf"(?P<iso_year>{YEAR_DIGITS})-(?P<iso_month>0[1-9]|1[0-2])-(?P<iso_day>0[1-9]|[12]\d|3[01])"
        r"(?:t(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:\.\d{1,9})?)?"
        r"(?:z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?(?![\d-])",
    ),
    # "Saturday, April 25", "February 23-24 this year", "March 7 last year", "Sept. 27, 1989".
    (
        "month_day",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:(?P<edge>{_EDGE})[\s-]+)?(?P<month>{DATED_MONTH})\s+"
        rf"(?P<day>{DAY})(?:\s*(?:-|–|to|through)\s*(?P<day2>{DAY}))?(?!\d)"
        rf"(?:,?\s+(?P<year>{YEAR})|\s+(?P<rel>this|last|next)\s+year|(?!,?\s?\d))",
    ),
    # "7 March 2022", "24 February", "WEDNESDAY 03 JULY 2013", "the 9th of March".
    (
        "day_month",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+(?:the\s+)?)?(?P<day>{DAY})\s+(?:of\s+)?"
        rf"(?P<month>{DATED_MONTH})(?:,?\s+(?P<year>{YEAR})|(?!,?\s?\d))",
    ),
    # "30.01.2024" (day first, as Europe writes it with dots), "01/30/2024" (month first,
    # unless the first number cannot be a month), "2024/01/30".
    (
        "numeric_date",
        rf"(?:(?P<first>[0-3]?\d)(?P<separator>[./])(?P<second>[0-3]?\d)(?P=separator)"
        rf"(?P<year>{YEAR_DIGITS})|(?P<year_first>{YEAR_DIGITS})/(?P<slash_month>[01]?\d)"
        r"/(?P<slash_day>[0-3]?\d))(?![\d/]|\.\d)",
    ),
    # "the 9th of this month", "the 3rd of last month".
    (
        "day_of_month",
        rf"the\s+(?P<day>{DAY})\s+of\s+(?P<rel>this|last|next|the\s+same|that|the)\s+month",
    ),
    # "Christmas", "New Year's Day", "Easter 1998", "last Thanksgiving".
    (
        "holiday",
        rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?P<holiday>{HOLIDAY})"
        rf"(?:,?\s+(?P<year>{YEAR_DIGITS}))?(?!\s+(?:{HOLIDAY_THINGS})\b)",
    ),
    # "April 1999", "early 1990"'s month form "mid-November 1989", "January nineteen ninety-seven".
    (
        "month_year",
        rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?P<month>{DATED_MONTH})(?:\s+of)?,?\s+(?P<year>{YEAR})",
    ),
    # "April", "last May", "early September", "January this year", "this coming September".
    (
        "month",
        rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming|each|every)\s+)?"
        rf"(?P<month>{MONTH})(?:\s+(?P<relyear>this|last|next)\s+year)?",
    ),
    # "1988", "fiscal 1989", "mid-1996", "the end of 1990", "the first half of 1989".
    (
        "year",
        rf"(?:(?P<edge>fiscal|calendar|{_EDGE}|(?:the\s+)?(?P<half>first|second|last)\s+half\s+of)"
        rf"[\s-]+)?(?:the\s+year\s+)?(?<![$£€.]\s)(?<![$£€.])(?P<year>{YEAR})(?!\s?%)",
    ),
    # "the 1990s", "the early 1980s", "the '80s", "the nineties".
    (
        "decade",
        rf"(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?:(?P<decade>1[0-9]\d0|20\d0)'?s"
        rf"|'(?P<short>\d0)s|(?<=the\s)(?P<word>{_alternation(DECADE_WORDS)}))",
    ),
    # "the 20th century", "11th century".
    ("century", r"(?:the\s+)?(?P<number>[12]?\d)(?:st|nd|rd|th)\s+century"),
    # "the third quarter", "third-quarter", "the latest quarter", "the year-ago period",
    # "this year's third quarter", "the fourth quarter of 1990", "the 1988 second quarter".
    (
        "quarter",
        rf"(?:(?P<det>the|its|their|this|that|a)\s+)?"
        rf"(?:(?P<year>{YEAR_DIGITS})\s+|(?P<possessive>this|last|next)\s+year's\s+)?"
        r"(?P<mods>(?:(?:fiscal|latest|current|comparable|same|year-earlier|year-ago|previous"
        r"|preceding|flat|recent|just-ended|calendar|corresponding|fiscal-first)[\s-]+){0,3})"
        r"(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:fiscal\s+)?"
        r"(?P<unit>quarter|period)(?![\w-])"
        rf"(?:\s+(?:of|in)\s+(?:(?P<year2>{YEAR_DIGITS})|(?P<rel>this|last|next)\s+year))?"
        r"(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year))?",
    ),
    # "today", "late yesterday", "tonight", "yesterday morning", "this morning", "last night",
    # "mid-afternoon yesterday", "by mid afternoon" (a part of the day with its edge).
    (
        "deictic_day",
        rf"(?:(?P<part_edge>early|mid|late)[\s-]*(?P<part3>{_DAYTIME})"
        r"(?:\s+(?P<word2>today|yesterday|tomorrow))?"
        rf"|(?:(?P<edge>early|late|earlier|later)\s+)?(?:(?P<word>today|yesterday|tomorrow|tonight)"
        rf"(?:\s+(?P<part>{_PART}))?|(?P<rel>this|last)\s+(?P<part2>{_PART})))",
    ),
    # "Friday", "last Tuesday", "early Tuesday", "Saturday night", "each Thursday".
    (
        "weekday",
        r"(?:(?P<rel>early|late|earlier|later|last|next|this|this\s+past|this\s+coming"
        r"|the\s+previous|the\s+following|each|every)\s+)?"
        rf"(?P<weekday>{WEEKDAY})(?P<plural>s)?(?:\s+(?P<part>{_PART})(?P<plural2>s)?)?",
    ),
    # "3 p.m.", "around 7:15 p.m.", "5 p.m. EST Nov. 9", "noon Saturday", "midnight Friday",
    # "0600 GMT" (the wire services' clock: four digits and a zone, never a year).
    (
        "time",
        r"(?:(?:about|around|approximately|at\s+about|shortly\s+(?:before|after))\s+)?"
        r"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b|[ap]\.m\b)"
        r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)|(?P<noon>noon|midnight)"
        r"|(?P<clock>(?:[01]\d|2[0-3])[0-5]\d)(?=\s?(?:gmt|utc|[ecmp][sd]t)\b|\s+local\s+time))"
        r"(?:\s?(?:[ecmp][sd]t|gmt|utc)\b|\s+local\s+time)?"
        rf"(?:,?\s+(?:on\s+)?(?:(?P<weekday>{WEEKDAY})|(?P<deictic>today|yesterday|tomorrow)"
        rf"|(?P<month>{MONTH})\s+(?P<day>{DAY})(?!\d)))?",
    ),
    # "that same day", "the next day", "the following morning": the day of the date in focus
    # (or the one after or before it).
    (
        "focus_day",
        r"(?P<rel>that\s+same|the\s+same|the\s+next|the\s+following|the\s+previous"
        rf"|the\s+preceding)\s+(?P<part>day|{_PART})(?!\s+or\s+(?:two|so)\b)",
    ),
    # "this week", "last month", "next year", "earlier this year", "the past year", "that year".
    (
        "relative_unit",
        rf"(?:(?P<edge>{_EDGE}|earlier|later|by\s+the\s+end\s+of)[\s-]+(?:in\s+)?)?"
        r"(?P<rel>this\s+past|this|last|next|the\s+past|the\s+last|the\s+previous|the\s+coming"
        r"|the\s+following|the\s+current|the\s+same|the\s+next|that)\s+"
        r"(?P<unit>week|weekend|month|year|decade|century|spring|summer|fall|autumn|winter"
        r"|fiscal\s+year)(?![\w-])(?!\s+and\s+a\s+half)(?!\s+or\s+(?:two|so)\b)",
    ),
    # "earlier in the year", "year-end", "the end of the year", "the weekend", "the week".
    (
        "named_period",
        r"(?P<phrase>(?:earlier|later)\s+in\s+the\s+(?:year|month|week|day)|(?:the\s+)?year[-\s]end"
        r"|year's\s+end|(?:around\s+)?the\s+end\s+of\s+the\s+(?:year|month|week)"
        r"|the\s+(?:current|full|calendar)\s+year|the\s+(?:fiscal\s+)?year|the\s+weekend|the\s+week"
        r"|(?:(?:the\s+)?(?:early|late)\s+)?(?:the\s+)?summer|(?:the\s+)?winter"
        r"|the\s+(?:spring|fall|autumn))(?![\w-])",
    ),
    # "the winter of nineteen ninety-four", "summer 1998".
    (
        "season_year",
        rf"(?:the\s+)?(?:(?:early|late)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
        rf"(?:\s+of)?\s+(?P<year>{YEAR})",
    ),
    # One rule for every "<count> <unit>" (one scan instead of three): "18 months", "the last
    # 23 years", "five-year", "a week" (durations); "two years ago", "a year earlier" (dates
    # counted back); "One month after this meeting" (dates counted from an event).
    (
        "counted",
        r"(?:(?:at\s+least|about|almost|nearly|more\s+than|less\s+than|over|up\s+to|within"
        r"|roughly|approximately|no\s+more\s+than|another|an\s+additional|a\s+further|some"
        r"|just|only)\s+)?"
        r"(?:(?:the|its|their|his|her|each\s+of\s+the)\s+)?"
        r"(?:(?P<span>past|last|next|first|previous|coming|following|final|latest|remaining"
        r"|initial|year-earlier)\s+)?"
        rf"(?P<number>{NUMBER})(?:\s+(?:to|or)\s+(?P<number2>{NUMBER}))?[\s-]+{_UNIT_FILLER}"
        rf"(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?(?:-old)?"
        r"(?:\s+(?P<direction>ago|earlier|later|from\s+now|hence|(?:before|after)"
        r"(?!\s+(?:the|this|that|his|her|its|their|a|an|he|she|it|they|we|i)\b))"
        r"|\s+(?P<event_direction>after|before|following)\s+"
        r"(?P<phrase>(?:this|the|that)(?:\s+[A-Za-z][\w'’-]{0,30}){1,3}))?",
    ),
    # "the past year and a half" without a count: "the past year" is a date, this a duration.
    (
        "duration",
        r"(?:the\s+)?(?:(?P<span>past|last|next|first)\s+)?(?P<unit>year|month|week|day|hour)"
        r"(?P<half>\s+and\s+a\s+half)",
    ),
    # "every week", "each year", "per month", "weekly", "quarterly", "annually".
    (
        "set",
        r"(?:(?P<quantifier>every|each|per)\s+(?:other\s+)?(?P<unit>day|week|month|quarter|year"
        r"|hour)|(?P<adverb>daily|nightly|weekly|monthly|quarterly|yearly|annually|hourly)"
        r"(?=\s*[.,;:)]|\s+(?:and|or|since"
        r"|through|until|in|for|to|at|from|thereafter)\b))",
    ),
    # "recent years", "coming weeks", "the next few days", "future quarters", "the weeks ahead".
    (
        "vague_span",
        r"(?:the\s+)?(?P<which>recent|coming|future|next\s+(?:few|several)|past\s+(?:few|several)"
        r"|last\s+(?:few|several)|past)\s+(?P<unit>days|weeks|months|quarters|years|decades)"
        r"|the\s+(?P<ahead_unit>days|weeks|months|years)\s+ahead",
    ),
    # "now", "currently", "recently", "the past", "the future", "the near term".
    (
        "fuzzy",
        r"(?:right\s+now|now|currently|current(?!\s+(?:account|accounts)\b)"
        r"|(?:more\s+)?recently|recent|the\s+past|the\s+(?:near\s+|distant\s+)?future"
        r"|the\s+(?:near|short|long)\s+term|these\s+days|nowadays|at\s+present|presently"
        r"|a\s+later\s+date|lately|year-earlier|year-ago|as\s+soon\s+as\s+possible"
        r"|soon(?!\s+(?:after|before|as|thereafter|afterwards?)\b))(?![\w-])",
    ),
    # A unit in the plural without a count: "within weeks", "for centuries", "months of talks".
    # The normalizer keeps it only after a preposition of duration or before "of".
    (
        "bare_unit",
        r"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)(?![\w-])",
    ),
]

# The second year of a range ("1957-58", "2009-2010", "fiscal 2009/10"): it follows a dash,
# so it is the one rule that does not start on a word boundary.
_RANGE_TAIL = ("year_tail", r"(?<=\d\d\d\d[-–/])(?P<tail>\d\d(?:\d\d)?)(?![-/.]\d)")

RULES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(rf"(?<![\w'’-])(?:{source})(?![\w])")) for name, source in _RULE_SOURCES
]
RULES.append((_RANGE_TAIL[0], re.compile(rf"{_RANGE_TAIL[1]}(?![\w])")))

# What a text must hold (a word, or a match of a quick pattern) for a rule to be worth its
# scan: each scan costs the same on every text, and most texts name no holiday or century.
_REQUIREMENTS: dict[str, tuple[str, ...] | re.Pattern[str]] = {
    "holiday": (
        "christmas",
        "year's",
        "year’s",
        "easter",
        "thanksgiving",
        "independence day",
        "halloween",
        "valentine",
        "veterans day",
        "labor day",
        "memorial day",
        "boxing day",
        "fourth of july",
        "good friday",
    ),
    "day_of_month": tuple(
        f"of {rel} month" for rel in ("this", "last", "next", "the", "the same", "that")
    ),
    "focus_day": tuple(
        f"{rel} {part}"
        for rel in ("same", "next", "following", "previous", "preceding")
        for part in ("day", "morning", "afternoon", "evening", "night")
    ),
    "numeric_date": re.compile(r"\d[./]\d{1,2}[./]\d"),
    "year_tail": re.compile(r"\d\d\d\d[-–/]\d\d"),
    "iso_date": re.compile(r"\d\d\d\d-\d\d-\d\d"),
    "century": ("centur",),
    "season_year": ("spring", "summer", "fall", "autumn", "winter"),
    "quarter": ("quarter", "period"),
}


def _worth_scanning(rule: str, lowered: str) -> bool:
    """Return whether a lower-cased text holds what a rule needs (see ``_REQUIREMENTS``)."""
    requirement = _REQUIREMENTS.get(rule)
    if requirement is None:
        return True
    if isinstance(requirement, re.Pattern):
        return requirement.search(lowered) is not None
    return any(word in lowered for word in requirement)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class TextMatch:
    """A regex match on the lower-cased text, read back from the original text.

    It answers ``group``, ``groupdict``, ``start`` and ``end`` like ``re.Match``, so the
    normalizers see "March" where the rule matched "march".
    """

    def __init__(self, match: re.Match[str], text: str) -> None:
        self._match = match
        self._text = text

    def group(self, name: int | str = 0) -> str:
        """Return the original text of a group, "" when it did not take part."""
        start, end = self._match.span(name)
        return "" if start < 0 else self._text[start:end]

    def groupdict(self) -> dict[str, str]:
        """Return every named group's original text ("" for those that did not match)."""
        return {name: self.group(name) for name in self._match.re.groupindex}

    def start(self, name: int | str = 0) -> int:
        """Return where a group starts in the text."""
        return self._match.start(name)

    def end(self, name: int | str = 0) -> int:
        """Return where a group ends in the text."""
        return self._match.end(name)


@dataclass
class Candidate:
    """One matched expression: its span, the rule that found it and the match."""

    start: int
    end: int
    rule: str
    match: TextMatch


def _capitalized(match: re.Match[str], text: str) -> bool:
    """Return whether the month and weekday names of a match are capitalized in the text."""
    for name in CAPITALIZED_GROUPS:
        if name in match.re.groupindex:
            start = match.start(name)
            if start >= 0 and not text[start].isupper():
                return False
    return True


def recognize(text: str) -> list[Candidate]:
    """Return the longest non-overlapping matches of all rules, sorted by start.

    Overlaps go to the longer match; at equal length to the rule listed first.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a few non-ASCII letters change length when lower-cased
        lowered = text.translate(_ASCII_LOWER)
    found: list[tuple[int, int, int, Candidate]] = []
    for order, (name, pattern) in enumerate(RULES):
        if not _worth_scanning(name, lowered):
            continue
        for match in pattern.finditer(lowered):
            if match.end() > match.start() and _capitalized(match, text):
                candidate = Candidate(match.start(), match.end(), name, TextMatch(match, text))
                found.append((-(match.end() - match.start()), order, match.start(), candidate))
    found.sort(key=lambda item: item[:3])
    starts: list[int] = []
    kept: list[Candidate] = []
    for _, _, _, candidate in found:
        index = bisect.bisect_left(starts, candidate.start)
        if index > 0 and kept[index - 1].end > candidate.start:
            continue
        if index < len(kept) and kept[index].start < candidate.end:
            continue
        starts.insert(index, candidate.start)
        kept.insert(index, candidate)
    return kept

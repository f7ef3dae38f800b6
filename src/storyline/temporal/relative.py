"""Normalizers for deictic expressions: they count from the reference date or the narrative.

"yesterday", "on Tuesday", "3 p.m.", "last week", "two years ago" count from the publication
date; "a year earlier" from the date in focus; "one month after this meeting" from the date
the text gave the meeting. Without a reference date they give underspecified values
("XXXX-WXX-3") or none, never a guessed date.
"""

from __future__ import annotations

import datetime as dt
import re

from .calendar import format_value, shift, weekday_near
from .lexicon import PARTS_OF_DAY, SEASONS, number_value, unit_of, weekday_number
from .narrative import Mention, is_event_noun
from .patterns import Candidate
from .resolution import PUBLISHED, Context, Resolution
from .spans import duration_value
from .tense import is_deadline

# "the year ended March 31" is a twelve-month period, not the current year.
_PERIOD_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended|to\s+date)\b", re.IGNORECASE)
_DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
# "this/last/next <unit>": how many units from the reference; None means "from the focus".
_RELATIVE_STEPS: dict[str, int | None] = {
    "this": 0, "the current": 0, "this past": 0, "last": -1, "the past": -1, "the last": -1,
    "the previous": None, "next": 1, "the coming": 1, "the next": 1, "the following": None,
    "that": None, "the same": None,
}  # fmt: skip
# Modifiers that count a weekday from the date in focus, not from the publication date:
# "down 4.5% from the previous Friday" after a story of Friday's close is the Friday before.
_FROM_FOCUS = ("the previous", "the following")
# The precision a shift by each unit leaves: "two weeks ago" is a day, "two years ago" a year.
_UNIT_PRECISIONS = {
    "day": "day", "night": "day", "week": "day", "fortnight": "day", "month": "month",
    "quarter": "quarter", "year": "year", "decade": "year", "century": "year",
}  # fmt: skip
# Directions that make "<count> <unit> <direction>" a date rather than a duration.
_BACKWARD_DATES = ("ago", "earlier")
# "this meeting"/"that vote" point back to the event just told: without a sentence that dates
# it, the latest day the text gave in an earlier sentence is its date. "after the invasion"
# may name an event the text never dated, so "the" does not fall back (TimeBank: no loss).
_DEMONSTRATIVES = ("this", "that")
# Which kinds of focus a "year ago"/"year earlier" shifts instead of the reference year.
_FOCUS_PRECISIONS = {"ago": ("quarter",), "earlier": ("quarter", "day")}


def deictic_day(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "today", "yesterday", "tonight", "this morning", "last night"."""
    match = candidate.match
    word = (match.group("word") or match.group("word2") or "").lower()
    rel = (match.group("rel") or "").lower()
    part = (match.group("part") or match.group("part2") or match.group("part3") or "").lower()
    if context.in_title(candidate.start, candidate.end):
        return None  # "This is VOA Today.": a programme's name
    if word == "tonight":
        part = "night"
    if context.reference is None:
        return Resolution("TIME" if part else "DATE", None)
    offset = _DEICTIC_DAYS.get(word, -1 if rel == "last" else 0)
    day = context.reference + dt.timedelta(days=offset)
    if part:
        suffix = "T" + PARTS_OF_DAY[part]
        return context.dated(candidate, day, "day", PUBLISHED, type_="TIME", suffix=suffix)
    return context.dated(candidate, day, "day", PUBLISHED)


def weekday(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "Friday", "last Tuesday", "Saturday night", "each Thursday"."""
    match = candidate.match
    number = weekday_number(match.group("weekday"))
    rel = " ".join((match.group("rel") or "").lower().split())
    part = (match.group("part") or "").lower()
    suffix = "T" + PARTS_OF_DAY[part] if part else ""
    type_ = "TIME" if part else "DATE"
    if rel in ("each", "every") or match.group("plural") or match.group("plural2"):
        return Resolution("SET", f"XXXX-WXX-{number}{suffix}")
    reference = context.reference
    if reference is None:
        return Resolution(type_, f"XXXX-WXX-{number}{suffix}")
    base, anchor = reference, PUBLISHED
    focus = context.narrative.focus(candidate.start)
    if rel in _FROM_FOCUS and focus is not None:
        base, anchor = focus.day, focus.day.isoformat()
    if rel in ("last", "this past", "the previous"):
        day = weekday_near(base - dt.timedelta(days=1), number, "past")
    elif rel in ("next", "this coming", "the following"):
        day = weekday_near(base + dt.timedelta(days=1), number, "future")
    else:
        day = weekday_near(reference, number, _weekday_direction(candidate, context))
    return context.dated(candidate, day, "day", anchor, type_=type_, suffix=suffix)


def _weekday_direction(candidate: Candidate, context: Context) -> str:
    """Return which way a bare weekday lies from the reference date: "past" or "future".

    The tense of the clause decides, past unless it speaks of the future. A possessive
    weekday ("Friday's attack") names an event and is no adverb of the clause's verb: the
    event has happened ("investigators will examine Friday's attack") unless the words
    before it look ahead to it ("ahead of Sunday's vote"). Where no cue word speaks, a
    deadline ("passage by Friday") is ahead, and else the verb the weekday hangs on in the
    parsed sentence decides (``governor``: "the funeral is Saturday" is a coming one).
    """
    if context.text.startswith(("'s", "’s"), candidate.end):
        head = context.text[max(0, candidate.start - 25) : candidate.start]
        if _AHEAD_OF.search(head):
            return "future"
        noun = _SCHEDULED_EVENT.match(context.text, candidate.end)
        return "future" if noun and context.event_governed(candidate) == "future" else "past"
    tense = context.tense(candidate)
    if tense is None:
        if is_deadline(context.text, candidate.start, candidate.end):
            return "future"
        tense = context.governed(candidate)
    return "future" if tense == "future" else "past"


# Events held on a set day: a possessive weekday naming one in a clause of the present or
# future ("Sunday's vote is seen as a test", "he will attend Sunday's summit") is a coming
# one; other events ("investigators will examine Friday's attack") have happened.
_SCHEDULED_EVENT = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:vote|votes|election|elections|poll|polls|referendum|runoff"
    r"|summit|meeting|talks|game|match|final|semifinals?|race|debate|hearing|ceremony|launch"
    r"|deadline|parade|rally|concert|premiere|opening|inauguration|session|primary|caucus)\b",
    re.IGNORECASE,
)
# Words before a possessive weekday that make its event a coming one ("ahead of Sunday's vote").
_AHEAD_OF = re.compile(
    r"\b(?:ahead\s+of|upcoming|heading\s+into|in\s+advance\s+of|run-up\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "that same day" is the day in focus; "the next day" the one after it.
_FOCUS_DAY_STEPS = {"that same": 0, "the same": 0, "the next": 1, "the following": 1,
                    "the previous": -1, "the preceding": -1}  # fmt: skip


def focus_day(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the day in focus moved by "the next/previous" ("that same day", "the next day").

    Only a day-precise focus dates it: without one the value is unknown.
    """
    match = candidate.match
    rel = " ".join(match.group("rel").lower().split())
    part = match.group("part").lower()
    type_ = "DATE" if part == "day" else "TIME"
    focus = context.narrative.focus(candidate.start)
    if focus is None or focus.precision != "day":
        return Resolution(type_, None)
    day = focus.day + dt.timedelta(days=_FOCUS_DAY_STEPS[rel])
    suffix = "" if part == "day" else "T" + PARTS_OF_DAY[part]
    return context.dated(
        candidate,
        day,
        "day",
        focus.day.isoformat(),
        type_=type_,
        suffix=suffix,
        explicit_year=focus.explicit_year,
        hangs_on=focus.hangs_on or focus.day,
    )


def time(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "3 p.m.", "5 p.m. EST Nov. 9", "noon Saturday" ("...T12:00")."""
    groups = candidate.match.groupdict()
    if groups.get("noon"):
        hour, minute = (12, 0) if groups["noon"].lower() == "noon" else (24, 0)
    elif groups.get("hour24"):
        hour, minute = int(groups["hour24"]), int(groups["minute24"])
    elif groups.get("clock"):
        hour, minute = int(groups["clock"][:2]), int(groups["clock"][2:])
    else:
        hour, minute = int(groups["hour"]) % 12, int(groups.get("minute") or 0)
        hour += 12 if groups["ampm"].lower().startswith("p") else 0
    clock = f"T{hour:02d}:{minute:02d}"
    reference = context.reference
    day: dt.date | None = None
    if groups.get("month"):
        from .absolute import month_day  # the date part of the time reads like a date

        resolved = month_day(candidate, context)
        if resolved is None or resolved.value is None:
            return Resolution("TIME", None)
        return Resolution("TIME", resolved.value + clock, resolved.anchor)
    if reference is None:
        return Resolution("TIME", None)
    if groups.get("weekday"):
        direction = _weekday_direction(candidate, context)
        day = weekday_near(reference, weekday_number(groups["weekday"]), direction)
    else:
        day = reference + dt.timedelta(
            days=_DEICTIC_DAYS.get((groups.get("deictic") or "").lower(), 0)
        )
    return Resolution("TIME", day.isoformat() + clock, PUBLISHED)


def relative_unit(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "last week" ("2022-W13"), "earlier this year", "the past year"."""
    match = candidate.match
    rel = " ".join(match.group("rel").lower().split())
    unit = " ".join(match.group("unit").lower().split()).replace("fiscal year", "year")
    if context.in_title(candidate.start, candidate.end):
        return None  # ABC's "This Week": a programme's name
    step = _RELATIVE_STEPS[rel]
    base, anchor = context.reference, PUBLISHED
    if step is None:
        focus = context.narrative.focus(candidate.start)
        if focus is None and rel in ("that", "the same"):
            return Resolution("DATE", None)
        if focus is not None:
            base, anchor = focus.day, focus.day.isoformat()
        step = {"the previous": -1, "the following": 1}.get(rel, 0)
    if base is None:
        return Resolution("DATE", None)
    if unit in SEASONS:
        year = base.year + step if rel != "this past" else base.year
        return Resolution("DATE", f"{year:04d}-{SEASONS[unit]}", anchor)
    if unit == "weekend":
        day = shift(base, "week", step)
        return Resolution("DATE", format_value(day, "week") + "-WE", anchor) if day else None
    day = shift(base, unit, step)
    if day is None:
        return None
    return context.dated(candidate, day, unit, anchor)


def named_period(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "year-end", "earlier in the year", "the weekend", "summer"."""
    phrase = " ".join(candidate.match.group("phrase").lower().replace("-", " ").split())
    reference = context.reference
    if reference is None:
        return Resolution("DATE", None)
    for season, code in SEASONS.items():
        if phrase.endswith(season):
            return Resolution("DATE", f"{reference.year:04d}-{code}", PUBLISHED)
    if phrase == "the weekend":
        past = context.tense(candidate) != "future" and reference.isoweekday() < 6
        day = reference - dt.timedelta(days=7) if past else reference
        return Resolution("DATE", format_value(day, "week") + "-WE", PUBLISHED)
    if phrase in ("the year", "the fiscal year"):
        if _PERIOD_ENDED.match(context.text, candidate.end):
            return Resolution("DURATION", "P1Y")  # "the year ended March 31": a fiscal year
        return Resolution("DATE", format_value(reference, "year"), PUBLISHED)
    if phrase == "the week":
        return Resolution("DATE", f"{reference.year:04d}-WXX", PUBLISHED)
    for unit in ("month", "week", "day"):
        if phrase.endswith(unit):
            return Resolution("DATE", format_value(reference, unit), PUBLISHED)
    return Resolution("DATE", format_value(reference, "year"), PUBLISHED)


def ago(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "two years ago" (from the reference) or "a year earlier" (focus).

    "ago" counts from the publication date; "earlier" from the date in focus. A results
    story's "a year ago"/"a year earlier" is the quarter (or day) in focus a year back.
    "three days later" and "a month before" are TimeBank durations of their count alone.
    """
    match = candidate.match
    unit = unit_of(match.group("unit"))
    direction = " ".join(match.group("direction").lower().split())
    amount = number_value(match.group("number"))
    if unit is None:
        return None
    if direction not in _BACKWARD_DATES or (amount is None and direction == "earlier"):
        half = match.group("half")
        value = duration_value(match.group("number"), match.group("unit"), half)
        return Resolution("DURATION", value, None, None, match.end("half" if half else "unit"))
    if amount is None or not float(amount).is_integer() or unit in ("second", "minute", "hour"):
        return Resolution("DATE", "PAST_REF", PUBLISHED)
    focus = context.narrative.focus(candidate.start)
    base, anchor, precision = context.reference, PUBLISHED, _UNIT_PRECISIONS[unit]
    if focus is not None and unit == "year" and focus.precision in _FOCUS_PRECISIONS[direction]:
        base, anchor, precision = focus.day, focus.day.isoformat(), focus.precision
    elif focus is not None and direction == "earlier" and unit != "year":
        base, anchor = focus.day, focus.day.isoformat()
    if base is None:
        return Resolution("DATE", None)
    day = shift(base, unit, -int(amount))
    if day is None:
        return None
    return Resolution("DATE", format_value(day, precision), anchor)


def anchored(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of "one month after this meeting" from the date given the meeting.

    The span ends at the noun that names the event. When no earlier sentence dates that event
    the expression is only its duration ("two weeks" of "two weeks after the invasion").
    """
    match = candidate.match
    unit = unit_of(match.group("unit"))
    amount = number_value(match.group("number"))
    phrase_start = match.start("phrase")
    words = list(_words(match.group("phrase"), phrase_start))[1:]
    event = _event_date(match.group("phrase"), words, context, candidate.start)
    if unit in _UNIT_PRECISIONS and isinstance(amount, int) and event is not None:
        mention, word_end = event
        sign = -1 if match.group("event_direction").lower() == "before" else 1
        day = shift(mention.day, unit, sign * amount)
        if day is not None:
            resolved = context.dated(
                candidate,
                day,
                _UNIT_PRECISIONS[unit],
                mention.day.isoformat(),
                explicit_year=mention.explicit_year,
                hangs_on=mention.hangs_on or mention.day,
            )
            resolved.end = word_end
            return resolved
    value = duration_value(match.group("number"), match.group("unit"), None)
    return Resolution("DURATION", value, None, None, match.end("unit"))


def _event_date(
    phrase: str, words: list[tuple[str, int]], context: Context, start: int
) -> tuple[Mention, int] | None:
    """Return the dated mention an event phrase hangs on and where its noun ends, or None.

    A noun of the phrase that an earlier sentence dates wins; "this/that <noun>" otherwise
    points back to the latest day given in an earlier sentence.
    """
    for word, word_end in words:
        mention = context.narrative.event_anchor(word, start)
        if mention is not None:
            return mention, word_end
    if phrase.split()[0].lower() in _DEMONSTRATIVES and words and is_event_noun(words[0][0]):
        mention = context.narrative.last_specific_day(start)
        if mention is not None:
            return mention, words[0][1]
    return None


def _words(phrase: str, offset: int) -> list[tuple[str, int]]:
    """Return the words of a phrase with the text offset where each ends."""
    found: list[tuple[str, int]] = []
    position = 0
    for word in phrase.split():
        position = phrase.index(word, position) + len(word)
        found.append((word.strip("'’"), offset + position))
    return found

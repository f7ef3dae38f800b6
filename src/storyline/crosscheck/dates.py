"""Date statements: every calendar date an article gives a happening, as an interval of days.

A date is the interval it allows at the precision it is given: ``2022-04`` is April 1-30,
``2022-04-10`` one day, ``February 23-24`` two. Relative dates ("last year", "on Tuesday")
come already resolved against the article's own date by the temporal stage. Intervals that
meet never conflict, so a month never contradicts a day inside it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from storyline.crosscheck.facts import Stated, name_terms, near_terms, people_in
from storyline.model import Analysis
from storyline.timeline.events import dated_sentences

# Dates coarser than a month say too little to contradict anything ("2022" against a day of
# 2021 may be a different happening of the same kind, and years are often loose in reporting).
MIN_VALUE_LENGTH = 7  # YYYY-MM

# Days a relative date may be off by, as resolved against an article's date: "on Tuesday" may
# be last week's (an article dated when crawled, a weekday past its week), "today" and
# "yesterday" move with a time zone or a late edition. On ECB+ dev, different happenings
# a few weekdays apart ("placed on injured reserve Tuesday" and another player "on Wednesday")
# were most of the date contradictions found before this slack.
WEEKDAY_SLACK = 6
DAY_WORD_SLACK = 1
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
_DAY_WORD = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|last night|this morning)\b", re.I)


def date_statements(analysis: Analysis, canonical: dict[str, str] | None = None) -> list[Stated]:
    """Return the calendar dates (month or day precision) an article gives its sentences."""
    canonical = canonical or {}
    found = []
    text = analysis.article.text
    for dated in dated_sentences(analysis):
        value = dated.timex.value or ""
        if len(value) < MIN_VALUE_LENGTH or dated.timex.start is None:
            continue
        try:
            low, _ = interval(value)
            _, high = interval(dated.timex.range_end or value)
        except ValueError:
            continue  # not a calendar date after all
        if dated.timex.range_end and dated.timex.range_end != value:
            value = f"{value}/{dated.timex.range_end}"  # "February 23-24", as ISO 8601 writes it
        slack = _slack(dated.timex.text) if dated.timex.anchor else 0
        low, high = low - slack, high + slack
        names = name_terms(analysis, dated.start, dated.end)
        sentence = text[dated.start : dated.end]
        span = (
            dated.timex.start - dated.start,
            (dated.timex.end or dated.timex.start) - dated.start,
        )
        near = near_terms(sentence, *span, names)
        found.append(
            Stated(
                analysis=analysis,
                start=dated.start,
                end=dated.end,
                at=dated.timex.start or dated.start,
                value=value,
                low=low,
                high=high,
                near=near,
                anchors=near_terms(sentence, *span, names, count=1),
                people=people_in(analysis, dated.start, dated.end, canonical),
            )
        )
    return found


def _slack(text: str) -> int:
    if _WEEKDAY.search(text):
        return WEEKDAY_SLACK
    return DAY_WORD_SLACK if _DAY_WORD.search(text) else 0


def interval(value: str) -> tuple[float, float]:
    """Return the first and last day (proleptic ordinals) a YYYY[-MM[-DD]] value allows, or a
    range of two of them ("2022-02-23/2022-02-24")."""
    if "/" in value:
        first, _, final = value.partition("/")
        return interval(first)[0], interval(final)[1]
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    month = parts[1]
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1).toordinal(), dt.date(year, month, last).toordinal()
    day = dt.date(year, month, parts[2]).toordinal()
    return day, day

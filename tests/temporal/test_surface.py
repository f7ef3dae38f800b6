"""Tests of the repaired text the grammar reads and the offsets mapped back (``surface.py``)."""

from __future__ import annotations

import datetime as dt

from storyline.temporal import find_timexes
from storyline.temporal.surface import surface

MARCH_2013 = dt.date(2013, 3, 20)


def test_text_without_repairs_is_kept_as_is() -> None:
    repaired = surface("Talks resume on Monday.")
    assert repaired.text == "Talks resume on Monday."
    assert repaired.span(16, 22) == (16, 22)


def test_entity_does_not_shift_later_offsets() -> None:
    text = "AT&amp;T said on Tuesday it would cut jobs."
    (timex,) = find_timexes(text, MARCH_2013)
    assert (timex.text, timex.value) == ("Tuesday", "2013-03-19")
    assert timex.start is not None and timex.end is not None
    assert text[timex.start : timex.end] == "Tuesday"


def test_entity_inside_a_date_is_read() -> None:
    text = "The deal closed on March&nbsp;7, 2012."
    (timex,) = find_timexes(text, MARCH_2013)
    assert (timex.text, timex.value) == ("March&nbsp;7, 2012", "2012-03-07")


def test_weekday_broken_by_a_hyphen_is_rejoined() -> None:
    for text in ("Police said on Wednes-day that", "on Wednes-\nday that", "on Wednes- day"):
        (timex,) = find_timexes(text, MARCH_2013)
        assert timex.value == "2013-03-20"
        assert timex.start is not None and timex.end is not None
        assert text[timex.start : timex.end] == timex.text
        assert timex.text.startswith("Wednes-")


def test_ordinary_hyphenated_words_stay() -> None:
    repaired = surface("a year-end review, a mid-week lull")
    assert repaired.text == "a year-end review, a mid-week lull"

"""Tests of holidays and ordinal days of a month (``temporal/named_days.py``)."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.temporal import find_timexes
from storyline.temporal.calendar import easter, holiday_date
from storyline.temporal.lexicon import holiday_rule

MARCH_2013 = dt.date(2013, 3, 20)  # a Wednesday


def _values(text: str, reference: dt.date | None = MARCH_2013) -> dict[str, str | None]:
    return {timex.text: timex.value for timex in find_timexes(text, reference)}


@pytest.mark.parametrize(
    ("year", "expected"),
    [(1998, dt.date(1998, 4, 12)), (2013, dt.date(2013, 3, 31)), (2024, dt.date(2024, 3, 31))],
)
def test_easter_computus(year: int, expected: dt.date) -> None:
    assert easter(year) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Thanksgiving", dt.date(2013, 11, 28)),  # fourth Thursday of November
        ("Memorial Day", dt.date(2013, 5, 27)),  # last Monday of May
        ("Labor Day", dt.date(2013, 9, 2)),  # first Monday of September
        ("Good Friday", dt.date(2013, 3, 29)),
        ("New Year’s Day", dt.date(2013, 1, 1)),  # curly apostrophe
    ],
)
def test_holiday_rules(name: str, expected: dt.date) -> None:
    rule = holiday_rule(name)
    assert rule is not None
    assert holiday_date(rule, 2013) == expected


def test_holiday_in_past_tense_is_the_last_one() -> None:
    assert _values("Troops came home on Christmas Day.")["Christmas Day"] == "2012-12-25"


def test_holiday_in_future_tense_is_the_next_one() -> None:
    assert _values("He will be home for Christmas.")["Christmas"] == "2013-12-25"


def test_holiday_with_year_and_easter() -> None:
    values = _values("The ceasefire held over Easter 1998 and New Year's Eve.")
    assert values["Easter 1998"] == "1998-04-12"
    assert values["New Year's Eve"] in ("2012-12-31", "2013-12-31")


def test_holiday_without_reference_is_underspecified() -> None:
    assert _values("Shops close on Christmas Day.", None)["Christmas Day"] == "XXXX-12-25"


def test_island_is_no_holiday() -> None:
    assert _values("Ships sailed to Christmas Island on Monday.").keys() == {"Monday"}


def test_ordinal_day_of_this_month() -> None:
    values = _values("The ballot is on the 9th of this month, after the 28th of last month.")
    assert values["the 9th of this month"] == "2013-03-09"
    assert values["the 28th of last month"] == "2013-02-28"


@pytest.mark.parametrize(
    "text",
    ["He was shot at the office Christmas party.", "Children hunted Easter eggs.",
     "She trimmed the Christmas tree."],
)  # fmt: skip
def test_holiday_naming_a_kind_of_thing_is_no_date(text: str) -> None:
    assert find_timexes(text, MARCH_2013) == []

"""Tests of the temporal engine: recognizer grammar, normalization heuristics, robustness."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from storyline.model import Timex
from storyline.temporal import find_timexes

THURSDAY = dt.date(2022, 4, 7)  # seed 004's publication date
AUGUST = dt.date(2023, 8, 10)  # seed 001's publication date


def _only(text: str, reference: dt.date | None, phrase: str) -> Timex:
    """Return the single timex whose text is ``phrase``, checking its span."""
    found = [timex for timex in find_timexes(text, reference) if timex.text == phrase]
    assert len(found) == 1, [t.text for t in find_timexes(text, reference)]
    timex = found[0]
    assert timex.start is not None and timex.end is not None
    assert text[timex.start : timex.end] == phrase
    return timex


def test_absolute_date_has_no_anchor() -> None:
    timex = _only("a meeting on March 7, 2022, reportedly", AUGUST, "March 7, 2022")
    assert (timex.type, timex.value, timex.anchor) == ("DATE", "2022-03-07", None)


def test_month_day_with_last_year_is_one_expression() -> None:
    timex = _only("in a meeting on March 7 last year, urged", AUGUST, "March 7 last year")
    assert (timex.value, timex.anchor) == ("2022-03-07", "published")


def test_range_is_one_timex_with_range_end() -> None:
    text = "the visit of Imran Khan to Moscow on February 23-24 this year, the Americans"
    timex = _only(text, THURSDAY, "February 23-24 this year")
    assert (timex.value, timex.range_end) == ("2022-02-23", "2022-02-24")


def test_weekday_takes_past_from_reporting_verb() -> None:
    text = "Ned Price on Tuesday told reporters the allegations were baseless."
    assert _only(text, THURSDAY, "Tuesday").value == "2022-04-05"


def test_weekday_takes_future_from_modal() -> None:
    text = "The committee will meet on Tuesday to vote."
    assert _only(text, THURSDAY, "Tuesday").value == "2022-04-12"


def test_weekday_without_reference_is_underspecified() -> None:
    timex = _only("Khan said on Wednesday that he would appeal.", None, "Wednesday")
    assert (timex.value, timex.anchor) == ("XXXX-WXX-3", None)


def test_month_year_without_reference() -> None:
    assert _only("Following the April 2021 vote, Khan", None, "April 2021").value == "2021-04"


def test_yearless_date_in_past_tense() -> None:
    text = "Khan met Putin in Moscow on February 25, the day the invasion began."
    assert _only(text, THURSDAY, "February 25").value == "2022-02-25"


def test_yearless_deadline_is_in_the_future() -> None:
    # "extended to Nov. 20" in a story of October 1989 (TimeBank wsj_0159).
    text = "The partnership extended to Nov. 20 its offer for all shares."
    assert _only(text, dt.date(1989, 11, 2), "Nov. 20").value == "1989-11-20"


def test_weekday_in_date_picks_the_year() -> None:
    text = "The New York Times said in an editorial on Saturday, April 25: the court"
    assert _only(text, dt.date(1998, 4, 24), "Saturday, April 25").value == "1998-04-25"


def test_narrative_year_for_yearless_date() -> None:
    text = (
        "The US State Department, in a meeting on March 7 last year, urged the government. "
        "One month after the meeting, a vote was held. "
        "On March 2, Lu had been questioned about neutrality."
    )
    timex = _only(text, AUGUST, "March 2")
    assert (timex.value, timex.anchor) == ("2022-03-02", "2022-03-07")


def test_reference_year_when_story_is_about_the_present() -> None:
    # An old date in the background does not move today's story into its year.
    text = (
        "The cease-fire of August 1988 held until Tuesday. Officials met Monday and "
        "Wednesday. Iran, which had condemned the invasion on Aug. 2, said nothing."
    )
    assert _only(text, dt.date(1990, 8, 15), "Aug. 2").value == "1990-08-02"


def test_event_anchored_expression() -> None:
    text = (
        "The State Department, during a meeting on March 7, 2022, encouraged it. "
        "One month after this meeting, a no-confidence vote was held."
    )
    timex = _only(text, AUGUST, "One month after this meeting")
    assert (timex.type, timex.value, timex.anchor) == ("DATE", "2022-04", "2022-03-07")


def test_event_without_dated_anchor_is_a_duration() -> None:
    text = "The meeting took place two weeks after the Russian invasion of Ukraine."
    timex = _only(text, AUGUST, "two weeks")
    assert (timex.type, timex.value) == ("DURATION", "P2W")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("over the past year and a half, debate grew", "the past year and a half", "P18M"),
        ("to visit Russia in the last 23 years, the last", "the last 23 years", "P23Y"),
        ("over the past 18 months, as factions vied", "over the past 18 months", "P18M"),
        ("stocks hit a five-year low", "five-year", "P5Y"),
        ("it lasted several years", "several years", "PXY"),
        ("it took a week to arrive", "a week", "P1W"),
    ],
)
def test_durations(text: str, phrase: str, value: str) -> None:
    timex = _only(text, THURSDAY, phrase)
    assert (timex.type, timex.value) == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("for visiting Moscow earlier this year when", "earlier this year", "2022"),
        ("As you heard from me last week, we", "last week", "2022-W13"),
        ("The index fell yesterday.", "yesterday", "2022-04-06"),
        ("prices are now higher", "now", "PRESENT_REF"),
        ("he recently visited Moscow", "recently", "PAST_REF"),
        ("in the future, we will", "the future", "FUTURE_REF"),
        ("net rose in the third quarter", "the third quarter", "2022-Q3"),
        ("It was built in the 1990s.", "the 1990s", "199"),
        ("they met this summer", "this summer", "2022-SU"),
        ("the market closed at 3 p.m. today", "3 p.m. today", "2022-04-07T15:00"),
        ("the vote is expected tonight", "tonight", "2022-04-07TNI"),
        ("two years ago the plant closed", "two years ago", "2020"),
        ("for the 1989 fiscal year ended June", "1989", "1989"),
    ],
)
def test_relative_and_fuzzy_values(text: str, phrase: str, value: str) -> None:
    assert _only(text, THURSDAY, phrase).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("the board meets every week", "every week", "P1W"),
        ("we report each year", "each year", "P1Y"),
        ("dividends are paid quarterly.", "quarterly", "P3M"),
        ("flights leave each Thursday from August 6", "each Thursday", "XXXX-WXX-4"),
    ],
)
def test_sets(text: str, phrase: str, value: str) -> None:
    timex = _only(text, THURSDAY, phrase)
    assert (timex.type, timex.value) == ("SET", value)


def test_modal_may_is_not_a_month() -> None:
    values = [t.value for t in find_timexes("Prices may rise. It will march on.", THURSDAY)]
    assert values == []


def test_month_may_after_preposition() -> None:
    assert _only("the talks should end in May.", THURSDAY, "May").value == "2022-05"


def test_ages_and_rates_are_not_timexes() -> None:
    text = "Mr. Reupke, 52 years old, earns $1.76 a year; 700 seats a week; index at 2082.1."
    assert find_timexes(text, THURSDAY) == []


def test_relative_expression_without_reference_gets_no_guessed_date() -> None:
    for timex in find_timexes("Yesterday and last week, and on May 9 too.", None):
        assert timex.value is None or timex.value.startswith("XXXX")


def test_empty_text() -> None:
    assert find_timexes("", THURSDAY) == []


def test_invalid_calendar_date_is_not_invented() -> None:
    for timex in find_timexes("The deal closed on 31 February 2023 in London.", THURSDAY):
        assert timex.value is None or not timex.value.startswith("2023-02-31")
        assert timex.value is None or not re.match(r"2023-0[23]-0[1-3]$", timex.value)


def test_five_digit_year_gives_no_value() -> None:
    timexes = find_timexes("In the year 99999 and on March 5, 99999, nothing happened.", None)
    assert all("99999" not in (t.value or "") for t in timexes)
    assert all(t.text != "March 5" for t in timexes)


def test_ten_megabytes_of_digits_finishes_quickly() -> None:
    started = time.perf_counter()
    assert find_timexes("7" * 10_000_000, THURSDAY) == []
    assert time.perf_counter() - started < 60  # a guard against runaway backtracking only


def test_results_sorted_with_exact_spans() -> None:
    text = "On Monday, March 7, 2022, and again last week and two years ago, it happened."
    timexes = find_timexes(text, THURSDAY, "a1")
    assert [t.start for t in timexes] == sorted(t.start for t in timexes)
    for timex in timexes:
        assert timex.article_id == "a1"
        assert timex.start is not None and timex.end is not None
        assert text[timex.start : timex.end] == timex.text

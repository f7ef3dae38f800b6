"""Properties of the date normalizer on arbitrary text: it never crashes, never stalls, and
every expression it returns indexes the text and carries a well-formed TIMEX3 value.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.temporal import find_timexes

# Seconds one example may take: the normalizer reads a few KB in milliseconds.
TIMEX_SECONDS = 5.0

# TIMEX3 value shapes (ISO-TimeML, TimeBank's conventions); X stands for an unknown digit.
_Y4 = r"[\dX]{4}"
_DATE = re.compile(
    rf"""^(?:
        [\dX]{{2,4}}                                        # century, decade, year
      | {_Y4}-(?:[\dX]{{2}}(?:-[\dX]{{2}})?                 # month, day
               |W[\dX]{{2}}(?:-(?:[1-7X]|WE))?             # week, weekday, weekend
               |Q[1-4X] | H[12X]                            # quarter, half
               |SP|SU|FA|WI)                                # season
      | PRESENT_REF | PAST_REF | FUTURE_REF
    )$""",
    re.VERBOSE,
)
_CLOCK = re.compile(r"^T(?:MO|MI|AF|EV|NI|DT|\d{2}(?::\d{2}(?::\d{2})?)?)$")
_DURATION = re.compile(
    r"^P(?=[\dX.]|T)(?:[\dX.]+(?:Y|M|W|D|DE|CE|ML|Q|WE|H))*(?:T(?:[\dX.]+[HMS])+)?$"
)
_NUMBER = re.compile(r"[\dX.]+")


def is_timex3_value(kind: str, value: str) -> bool:
    """Return whether a value has the shape TIMEX3 gives values of that type."""
    if kind == "DATE":
        return bool(_DATE.match(value))
    if kind == "TIME":
        if value == "PRESENT_REF":
            return True
        day, separator, clock = value.partition("T")
        return bool(separator) and bool(_DATE.match(day)) and bool(_CLOCK.match("T" + clock))
    if kind == "DURATION":
        # Every amount is a number or X ("1.5", "X"), never a stray dot.
        amounts = _NUMBER.findall(value)
        return bool(_DURATION.match(value)) and all(a != "." and a.count(".") <= 1 for a in amounts)
    if kind == "SET":
        return (
            is_timex3_value("DURATION", value)
            or is_timex3_value("TIME", value)
            or (is_timex3_value("DATE", value) and "X" in value)
        )
    return False


@pytest.mark.parametrize(
    ("kind", "value", "valid"),
    [
        ("DATE", "2013-07-03", True),
        ("DATE", "1998-W02", True),
        ("DATE", "1989-Q3", True),
        ("DATE", "199", True),
        ("DATE", "2024-SU", True),
        ("DATE", "XXXX-07-03", True),
        ("DATE", "PAST_REF", True),
        ("DATE", "2013-7-3", False),
        ("DATE", "2013-07-03T10:00", False),
        ("TIME", "2013-07-03T10:30", True),
        ("TIME", "1998-01-08TMO", True),
        ("TIME", "2013-07-03", False),
        ("DURATION", "P18M", True),
        ("DURATION", "PT1M30S", True),
        ("DURATION", "PXY", True),
        ("DURATION", "P2Y6M", True),
        ("DURATION", "P", False),
        ("DURATION", "18 months", False),
        ("SET", "P1W", True),
        ("SET", "XXXX-WXX-1", True),
        ("SET", "2013-07-03", False),
        ("NONE", "P1W", False),
    ],
)
def test_the_validator_knows_timex3_shapes(kind: str, value: str, valid: bool) -> None:
    assert is_timex3_value(kind, value) is valid


# Pieces of dated news prose: where the grammar's rules match and interact.
DATE_PIECES = [
    "on", "last", "next", "this", "Tuesday", "WEDNESDAY", "Wednes- day", "03", "3rd", "July",
    "JULY", "2013", "1990s", "the nineties", "ago", "two", "18", "months", "years", "a week",
    "every", "weekly", "morning", "at", "10:30", "p.m.", "GMT", "Q3", "spring", "Christmas",
    "now", "recently", "the future", "since", "until", "-", "/", "2013-07-03", "07/03/2013",
    "&amp;", "&#8211;", "day", "after", "before", "the", "vote", ",", ".", "\n", "9999",
    "0000", "century", "decade", "fortnight", "1e9", "99999999999",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=600),
    st.lists(st.one_of(st.sampled_from(DATE_PIECES), st.text(max_size=6)), max_size=60).map(
        " ".join
    ),
)
references = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, reference=references)
def test_find_timexes_indexes_the_text_with_timex3_values(
    text: str, reference: dt.date | None
) -> None:
    started = time.monotonic()
    timexes = find_timexes(text, reference)
    assert time.monotonic() - started < TIMEX_SECONDS
    for timex in timexes:
        assert timex.start is not None and timex.end is not None
        assert 0 <= timex.start < timex.end <= len(text)
        assert timex.text == text[timex.start : timex.end] and timex.text
        assert timex.type in {"DATE", "TIME", "DURATION", "SET"}
        if timex.value is not None:
            assert is_timex3_value(timex.type, timex.value), (timex.type, timex.value, text)
        if timex.range_end is not None:
            assert is_timex3_value(timex.type, timex.range_end), (timex.range_end, text)
    assert [t.start for t in timexes] == sorted(t.start for t in timexes)

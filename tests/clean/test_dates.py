"""Publication dates: prefix, byline, stated field, and weighing against the body."""

from __future__ import annotations

from storyline.clean import clean
from storyline.clean.dates import byline_date, contradicted_by, split_prefix, stated_date
from storyline.model import RawDocument


def test_prefix_is_stripped_and_read() -> None:
    rest, date = split_prefix(" date 2024-03-01 Fishers blocked the quay on Friday.")
    assert rest == "Fishers blocked the quay on Friday."
    assert date is not None and (date.value, date.source) == ("2024-03-01", "prefix")


def test_impossible_prefix_date_is_no_date() -> None:
    rest, date = split_prefix(" date 2024-02-31 Text.")
    assert rest == "Text." and date is None


def test_glued_byline() -> None:
    date = byline_date(["Metro DeskFebruary 29, 2024"])
    assert date is not None and date.value == "2024-02-29" and date.source == "byline"
    assert (
        byline_date(["A long line that is not a byline at all but mentions March 3, 2024 " * 2])
        is None
    )


def test_stated_dates_from_input_fields() -> None:
    assert stated_date("2024-05-01T10:00:00Z").value == "2024-05-01"  # type: ignore[union-attr]
    assert stated_date("May 1, 2024").value == "2024-05-01"  # type: ignore[union-attr]
    assert stated_date("") is None and stated_date("soon") is None


def test_a_later_past_event_contradicts_the_candidate() -> None:
    body = "The council voted on April 9, 2025 to close the basin."
    assert contradicted_by("2024-04-10", body) is not None
    assert contradicted_by("2025-04-10", body) is None
    future = "The council will vote on April 9, 2025 on the closure."
    assert contradicted_by("2024-04-10", future) is None


def test_a_contradicted_prefix_gives_an_unknown_date() -> None:
    raw = RawDocument(
        source="x.txt",
        text=" date 2020-01-01 The council voted on April 9, 2024 to close the basin for a year.",
    )
    article = clean(raw)
    assert article.published is None and article.published_source is None


def test_empty_date_field_and_teaser_dates_give_unknown() -> None:
    text = "\n".join(
        [
            "Harbour Chief Rules Out Resignation",
            "Date:",
            "The harbour chief said on Monday that she would not resign over the report.",
            "Related",
            "Ferry Timetable Changes",
            "Harbourton, June 30, 2024: The ferry operator on Tuesday...",
        ]
    )
    article = clean(RawDocument(source="x.txt", text=text))
    assert article.published is None

"""The temporal engine: find dates, times, durations and sets in an article and normalize them.

Text goes through three steps. ``surface`` makes the copy the grammar reads (HTML entities
decoded, a weekday broken by a hyphen rejoined) and keeps the way back to the caller's offsets;
``patterns.recognize`` runs the grammar and keeps the longest non-overlapping matches; then
each match, in text order, goes to the normalizer its rule names (``absolute``, ``named_days``,
``relative``, ``spans``), which reads the reference date, the tense of the clause (``tense``)
and the narrative so far (``narrative``) and gives a TIMEX3 value. Spans are mapped back, so
they index the text as the caller gave it.

The grammar is our own: dateparser's ``search_dates`` (the library baseline in
``storyline bench dates``) finds no durations, sets or vague references, splits "March 7 last
year", and resolves "on Tuesday" without tense; we measured it side by side on TimeBank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from storyline.model import Timex

from . import absolute, named_days, relative, spans
from .calendar import MAX_YEAR, MIN_YEAR
from .narrative import Narrative
from .patterns import Candidate, recognize
from .resolution import Context, Resolution, Thresholds
from .surface import surface

__all__ = ["Thresholds", "find_timexes"]

_Normalizer = Callable[[Candidate, Context], "Resolution | None"]


def _counted(candidate: Candidate, context: Context) -> Resolution | None:
    """Return the value of a "<count> <unit>" by what follows it: an event, "ago", or nothing."""
    if candidate.match.group("phrase"):
        return relative.anchored(candidate, context)
    if candidate.match.group("direction"):
        return relative.ago(candidate, context)
    return spans.duration(candidate, context)


# Which normalizer turns each rule's matches into values.
NORMALIZERS: dict[str, _Normalizer] = {
    "iso_date": absolute.iso_date,
    "month_day": absolute.month_day,
    "day_month": absolute.day_month,
    "numeric_date": absolute.numeric_date,
    "day_of_month": named_days.day_of_month,
    "holiday": named_days.holiday,
    "year_tail": absolute.year_tail,
    "month_year": absolute.month_year,
    "month": absolute.month,
    "year": absolute.year,
    "decade": absolute.decade,
    "century": absolute.century,
    "quarter": absolute.quarter,
    "season_year": absolute.season_year,
    "deictic_day": relative.deictic_day,
    "weekday": relative.weekday,
    "focus_day": relative.focus_day,
    "time": relative.time,
    "relative_unit": relative.relative_unit,
    "named_period": relative.named_period,
    "counted": _counted,
    "duration": spans.duration,
    "set": spans.frequency,
    "vague_span": spans.vague_span,
    "fuzzy": spans.fuzzy,
    "bare_unit": spans.bare_unit,
}


def find_timexes(
    text: str,
    reference: dt.date | None,
    article_id: str = "",
    thresholds: Thresholds | None = None,
) -> list[Timex]:
    """Return the temporal expressions of a text with TIMEX3 values, sorted by start.

    ``reference`` is the publication date (None when unknown: relative expressions then get
    underspecified values or none). Spans index ``text`` as given, end exclusive, even where
    the grammar read it repaired (HTML entities, "Wednes-day").
    """
    if not text:
        return []
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    if reference is not None and not MIN_YEAR <= reference.year <= MAX_YEAR:
        reference = None  # no news date: counting days from it would leave the calendar
    repaired = surface(text)
    narrative = Narrative(repaired.text, reference)
    context = Context(repaired.text, reference, narrative, thresholds or Thresholds())
    timexes: list[Timex] = []
    for candidate in recognize(repaired.text):
        resolution = NORMALIZERS[candidate.rule](candidate, context)
        if resolution is None:
            continue
        end = resolution.end if resolution.end is not None else candidate.end
        start, end = repaired.span(candidate.start, end)
        timexes.append(
            Timex(
                article_id=article_id,
                text=text[start:end],
                start=start,
                end=end,
                type=resolution.type,
                value=resolution.value,
                anchor=resolution.anchor if resolution.value is not None else None,
                range_end=resolution.range_end,
            )
        )
    return timexes

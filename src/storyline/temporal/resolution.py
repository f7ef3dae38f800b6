"""What a normalizer gets (the document's context) and what it gives back (a resolution)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import format_value
from .narrative import Mention, Narrative
from .patterns import Candidate
from .tense import clause_tense

PUBLISHED = "published"  # the anchor of values resolved against the reference date


@dataclass
class Resolution:
    """A normalized expression: TIMEX3 type and value, what it hangs on, its (trimmed) span."""

    type: str
    value: str | None
    anchor: str | None = None
    range_end: str | None = None
    end: int | None = None  # set when the normalizer keeps only part of the match


@dataclass
class Context:
    """One document being normalized: its text, reference date and narrative so far."""

    text: str
    reference: dt.date | None
    narrative: Narrative

    def tense(self, candidate: Candidate, reach: int | None = None) -> str | None:
        """Return "past" or "future" as the clause around a candidate states it, or None.

        ``reach`` narrows the search to verbs that close to the candidate.
        """
        if reach is None:
            return clause_tense(self.text, candidate.start, candidate.end)
        return clause_tense(self.text, candidate.start, candidate.end, reach)

    def word_before(self, offset: int) -> str:
        """Return the lower-cased word just before an offset ("" at the start)."""
        head = self.text[max(0, offset - 30) : offset].rstrip()
        words = head.split()
        return words[-1].lower().strip(",;:(\"'“") if words else ""

    def dated(
        self,
        candidate: Candidate,
        day: dt.date,
        precision: str,
        anchor: str | None,
        *,
        type_: str = "DATE",
        explicit_year: bool = False,
        suffix: str = "",
        range_end: str | None = None,
        hangs_on: dt.date | None = None,
    ) -> Resolution:
        """Return the resolution of a concrete date and record it in the narrative."""
        self.narrative.record(
            Mention(candidate.start, candidate.end, day, precision, explicit_year, hangs_on)
        )
        return Resolution(type_, format_value(day, precision) + suffix, anchor, range_end)

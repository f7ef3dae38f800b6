"""The narrative a document builds as it goes: which dates it has mentioned, which one is in
focus, and which event each date belongs to.

Normalizers read it for what the reference date cannot tell: "a year earlier" shifts the date
in focus, "On March 2" in a story told about last year takes that year, and "one month after
this meeting" hangs on the date the text gave the meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .tense import sentence_bounds

# How far from a dated mention (in characters, within its sentence) the noun of the event it
# dates may stand: "a meeting on March 7" has "meeting" right before the date; a noun a clause
# away ("... due to Russia's invasion of Ukraine") is about something else.
EVENT_NOUN_REACH = 30
# How many words may stand between the indefinite article that introduces an event and its
# noun ("a closed-door meeting", "an emergency weekend session"), the event a later "this
# meeting" refers back to.
INTRODUCTION_MODIFIERS = 3
# Punctuation that ends the clause of a date: a noun past it is not the event the date dates.
_CLAUSE_BREAK = re.compile(r"[,;:()]")

# A date without a year is taken in the year of the narrative when it falls this close (in
# days) to the date the narrative is anchored on: "On March 2" beside a "March 7 last year".
NARRATIVE_WINDOW_DAYS = 62

# A yearless month/day in the past perfect ("On March 2, she had been questioned") takes the
# year of an earlier-year date the text gave when it falls at most this many days before it:
# the moment the past perfect looks back from.
PAST_PERFECT_LEAD_DAYS = 31

# Words after "this"/"the" that are not event nouns ("after the first ...", "after the US ...").
_NOT_EVENT_NOUNS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "his",
        "her",
        "its",
        "their",
        "this",
        "that",
        "first",
        "last",
        "next",
        "same",
        "new",
        "old",
    ]
)


# Precisions of mentions that place a story in a year (a quarter or a year alone does not).
_DATED = ("day", "week", "month")


def is_event_noun(word: str) -> bool:
    """Return whether a word after "this"/"the" may name an event ("meeting", not "first")."""
    return len(word) >= 3 and word.lower() not in _NOT_EVENT_NOUNS


@dataclass
class Mention:
    """A dated expression already resolved: where it is and the date it stands for."""

    start: int
    end: int
    day: dt.date
    precision: str  # one of calendar.PRECISIONS
    explicit_year: bool  # the text wrote the year (or "last year"): an anchor for a narrative
    hangs_on: dt.date | None = None  # the event date it was counted from, if any


@dataclass
class Narrative:
    """The dated mentions of one document, in text order."""

    text: str
    reference: dt.date | None
    mentions: list[Mention] = field(default_factory=list)

    def record(self, mention: Mention) -> None:
        """Add a resolved mention; later ones become the focus."""
        self.mentions.append(mention)

    def focus(self, before: int) -> Mention | None:
        """Return the last dated mention ending before an offset, or None."""
        for mention in reversed(self.mentions):
            if mention.end <= before:
                return mention
        return None

    def narrative_anchor(
        self, before: int, candidate: dt.date, past_perfect: bool
    ) -> Mention | None:
        """Return the mention whose earlier year a yearless month/day belongs to, or None.

        The anchor is the focus (the latest dated mention) when the text stated its year, that
        year is before the reference year, the story so far has dated more things in that
        year than in the reference year (the narrative is set there, not merely looking back),
        and the month/day lies within the narrative window of it; in the past perfect ("had
        been questioned") any distance within a year will do.
        """
        if past_perfect and (recalled := self._recalled_anchor(before, candidate)) is not None:
            return recalled
        focus = self.focus(before)
        if focus is None or self.reference is None or not focus.explicit_year:
            return None
        if focus.precision not in ("day", "month") or focus.day.year >= self.reference.year:
            return None
        years = [m.day.year for m in self.mentions if m.end <= before and m.precision in _DATED]
        if years.count(focus.day.year) <= years.count(self.reference.year):
            return None
        gap = abs((candidate - focus.day).days)
        if gap <= NARRATIVE_WINDOW_DAYS or (past_perfect and gap <= 366):
            return focus
        return None

    def _recalled_anchor(self, before: int, candidate: dt.date) -> Mention | None:
        """Return the earlier-year mention a past-perfect month/day leads up to, or None.

        "On March 2, she had been questioned ... Five days later she met ..." after "a meeting
        on March 7 last year": the past perfect sets the clause before a past moment, and the
        latest date the text gave in an earlier year, a few days after the month/day, is that
        moment, whatever the text has dated since in the publication year.
        """
        if self.reference is None:
            return None
        for mention in reversed(self.mentions):
            if mention.end > before or not mention.explicit_year:
                continue
            if mention.precision not in ("day", "month") or mention.day.year >= self.reference.year:
                continue
            if 0 <= (mention.day - candidate).days <= PAST_PERFECT_LEAD_DAYS:
                return mention
        return None

    def event_anchor(self, noun: str, before: int) -> Mention | None:
        """Return the latest day- or month-precise mention whose event the noun names, or None.

        "this meeting" hangs on the date of the sentence that dates the meeting: the noun (or
        its plural) stands within EVENT_NOUN_REACH characters of the mention ("a meeting on
        March 7"), or the sentence introduces the event with an indefinite article, however far
        from its date ("at a closed-door meeting with the yard's executives on March 7). A noun
        after the date counts only in the same clause ("March 7 meeting"): a sentence that
        refers back to the event ("published on Tuesday, draws on minutes of the meeting")
        dates something else.
        """
        if not is_event_noun(noun):
            return None
        named = re.compile(rf"\b{re.escape(noun)}s?\b", re.IGNORECASE)
        introduced = re.compile(
            rf"\b(?:a|an)\s+(?:[\w'’-]+\s+){{0,{INTRODUCTION_MODIFIERS}}}{re.escape(noun)}\b",
            re.IGNORECASE,
        )
        for mention in reversed(self.mentions):
            if mention.end > before or mention.precision not in ("day", "month"):
                continue
            left, right = sentence_bounds(self.text, mention.start, mention.end)
            near_left = max(left, mention.start - EVENT_NOUN_REACH)
            after = named.search(self.text, mention.end, min(right, mention.end + EVENT_NOUN_REACH))
            if (
                named.search(self.text, near_left, mention.start)
                or (after and not _CLAUSE_BREAK.search(self.text, mention.end, after.start()))
                or introduced.search(self.text, left, min(right, before))
            ):
                return mention
        return None

    def last_specific_day(self, before: int) -> Mention | None:
        """Return the latest day-precise mention that ends in a sentence before an offset."""
        sentence_start, _ = sentence_bounds(self.text, before, before)
        for mention in reversed(self.mentions):
            if mention.end <= sentence_start and mention.precision == "day":
                return mention
        return None

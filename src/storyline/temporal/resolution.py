"""What a normalizer gets (the document's context) and what it gives back (a resolution)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .calendar import format_value
from .governor import event_tense, governing_tense
from .narrative import Mention, Narrative
from .patterns import Candidate
from .tense import NEAR_VERB_REACH, TENSE_WINDOW, clause_tense, sentence_bounds

PUBLISHED = "published"  # the anchor of values resolved against the reference date
# Quotation marks skipped when looking for what stands before a capitalized expression.
_QUOTES = "\"“”'‘’`"
# After a quotation mark, a title goes on with a capitalized word or closes its quote:
# ABC's "This Week With David Brinkley", ABC News' "This Week," (not: said, "Today we ...").
_TITLE_GOES_ON = re.compile(r",?[\"”'’`]|\s+[A-Z]")
# Sentences parsed per document at most (``governor``; about 8 ms each): a long article has a
# few dozen dates whose verb no cue word names; a text of thousands of them is read by cues.
MAX_PARSES = 64
# A sentence that ends so is prose; a headline ("Obama signs bill Tuesday") tells the past in
# the present tense and is left to the cue words.
_PROSE_END = re.compile(r"[.!?][\"'”’)]*\s*$")


@dataclass
class Resolution:
    """A normalized expression: TIMEX3 type and value, what it hangs on, its (trimmed) span."""

    type: str
    value: str | None
    anchor: str | None = None
    range_end: str | None = None
    end: int | None = None  # set when the normalizer keeps only part of the match


@dataclass(frozen=True)
class Thresholds:
    """The engine's tunable reaches, in characters (``storyline bench dates`` cross-validates
    them on TimeBank, grouped by document)."""

    tense_window: int = TENSE_WINDOW
    near_verb_reach: int = NEAR_VERB_REACH


@dataclass
class Context:
    """One document being normalized: its text, reference date and narrative so far."""

    text: str
    reference: dt.date | None
    narrative: Narrative
    thresholds: Thresholds = field(default_factory=Thresholds)
    parses_left: int = MAX_PARSES

    def tense(self, candidate: Candidate, near: bool = False) -> str | None:
        """Return "past" or "future" as the clause around a candidate states it, or None.

        ``near`` narrows the search to verbs within ``near_verb_reach`` of the candidate.
        """
        reach = self.thresholds.near_verb_reach if near else self.thresholds.tense_window
        return clause_tense(self.text, candidate.start, candidate.end, reach)

    def governed(self, candidate: Candidate) -> str | None:
        """Return the tense of the verb a candidate hangs on in its parsed prose sentence.

        None in a headline (no closing punctuation) or where the parse finds no such verb.
        """
        sentence, left = self._parsed_sentence(candidate)
        if sentence is None:
            return None
        return governing_tense(sentence, candidate.start - left, candidate.end - left)

    def event_governed(self, candidate: Candidate) -> str | None:
        """Return the tense of the verb a possessive date's event ("Sunday's vote") hangs on."""
        sentence, left = self._parsed_sentence(candidate)
        if sentence is None:
            return None
        return event_tense(sentence, candidate.start - left, candidate.end - left)

    def _parsed_sentence(self, candidate: Candidate) -> tuple[str | None, int]:
        """Return the prose sentence around a candidate and its offset, while the document's
        MAX_PARSES last; None for a headline or past the budget."""
        left, right = sentence_bounds(self.text, candidate.start, candidate.end)
        sentence = self.text[left:right]
        if self.parses_left <= 0 or not _PROSE_END.search(sentence):
            return None, left
        self.parses_left -= 1
        return sentence, left

    def word_before(self, offset: int) -> str:
        """Return the lower-cased word just before an offset ("" at the start)."""
        head = self.text[max(0, offset - 30) : offset].rstrip()
        words = head.split()
        return words[-1].lower().strip(",;:(\"'“") if words else ""

    def in_title(self, start: int, end: int) -> bool:
        """Return whether a capitalized expression is part of a name ("This Week", "VOA Today").

        Mid-sentence capitals make "Today" or "This Week" the name of a programme: the word
        before it is a name or a possessive ("This is VOA Today."), or it is quoted as a
        title. At the start of a sentence or a line it is the date.
        """
        if not self.text[start : start + 1].isupper():
            return False
        head = self.text[max(0, start - 40) : start]
        stripped = head.rstrip(" \t" + _QUOTES)
        if not stripped or not (stripped[-1].isalnum() or stripped[-1] in "'’"):
            return False
        if any(mark in head[len(stripped) :] for mark in _QUOTES):
            return _TITLE_GOES_ON.match(self.text, end) is not None
        return True

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

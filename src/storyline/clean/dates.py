"""The publication date of a text dump, with where it was read from, or honestly unknown.

Evidence, strongest first: a crawler's ``date YYYY-MM-DD`` prefix on the first line, a byline
date in the page header ("Web DeskAugust 10, 2023"), a date the input states (JSONL or feed
field). An empty ``Date:`` field says the page had no date. Dates in teaser lists and in the
tail are never taken. A candidate is then weighed against the body: a page cannot report, in
the past tense, something dated after its own publication.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyline.clean.boilerplate import MAX_BYLINE_WORDS
from storyline.clean.language import detect_language
from storyline.temporal import find_timexes
from storyline.temporal.tense import sentence_bounds

# The crawler's prefix: " date 2023-08-10 The US State Department, ..." on the first line.
DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?\s+", re.IGNORECASE)


# "Updated Dec. 7, 2024", "Last modified on Wed 16 Jan 2019": the date after the cue is a
# revision's. Glued forms ("2022 - Updated") are cut too.
_REVISION_CUE = re.compile(r"(?i)(?:last\s+)?(?:updated|modified|edited)\b")

# Glued bylines ("DeskAugust") hide the month from word-boundary patterns; a space is put
# back between a lowercase letter and a capitalized month name before parsing.
_GLUED_MONTH = re.compile(
    r"(?<=[a-z])(?=(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)"
)

# A body date later than the candidate publication date by more than this is a contradiction
# (one day of slack covers time zones and late-evening publication).
GRACE_DAYS = 1

# Words that put a later date in the future of the article ("will meet on May 3, 2024"), where
# it is no evidence against the publication date.
FUTURE_CUES = re.compile(
    r"\b(?:will|would|shall|scheduled|due|expected|plans?|planned|set\s+to|next|upcoming|"
    r"until|by|deadline|from|starting|begins?)\b",
    re.IGNORECASE,
)

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

# The temporal engine reads English: a body in another language (French "mars", German
# "04.03.2019") gives it guesses, no evidence against a date the page states. None: unsure.
CONTRADICTING_LANGUAGES = frozenset({"en", None})

# A day written in digits with both leading fields 12 or under ("04.03.2019", "06/08/2019") is
# 4 March to one reader and 3 April to another: no evidence of a later day.
_AMBIGUOUS_NUMERIC_DAY = re.compile(r"(?:0?[1-9]|1[0-2])[./-](?:0?[1-9]|1[0-2])[./-]\d{2,4}")

# A sentence about the article itself ("This story was updated on May 9", "Correction, May 9:",
# "Editor's note", "Originally published on") dates a revision, which comes after publication.
ARTICLE_REVISION_NOTE = re.compile(
    r"^\W*(?:updated|corrected)\b|\b(?:(?:was|has\s+been)\s+(?:updated|corrected|amended)|"
    r"correction|clarification|editor'?s\s+note|(?:originally|first)\s+published|"
    r"this\s+(?:story|article|post|report)\s+(?:was|has))\b",
    re.IGNORECASE,
)

# Later dates spread over more than a year are a page updated since it was first published
# (an encyclopedia entry, a running timeline), whose stated date is that first publication.
LIVING_PAGE_DAYS = 365


@dataclass
class PublicationDate:
    """A publication date, where it was read from, and the words it was read from."""

    value: str | None
    source: str | None
    evidence: str | None


UNKNOWN = PublicationDate(None, None, None)


def split_prefix(first_line: str) -> tuple[str, PublicationDate | None]:
    """Return the first line without a crawler's date prefix, and the prefix's date if valid."""
    match = DATE_PREFIX.match(first_line)
    if not match:
        return first_line, None
    rest = first_line[match.end() :]
    value = _valid_day(*match.groups())
    evidence = match.group(0).strip()
    return rest, PublicationDate(value, "prefix", evidence) if value else None


def byline_date(zone: list[str]) -> PublicationDate | None:
    """Return the date of the first byline-shaped line that carries a full publication date.

    ``zone`` holds the lines where a byline stands (``Segmentation.byline_zone``). Words after
    an ``Updated`` cue date a revision, not the publication, and are not read.
    """
    for line in zone:
        if len(line.split()) > MAX_BYLINE_WORDS:
            continue
        published_part = _REVISION_CUE.split(line, maxsplit=1)[0]
        value = full_day(published_part)
        if value:
            return PublicationDate(value, "byline", line.strip())
    return None


def stated_date(published: str | None) -> PublicationDate | None:
    """Return the date an input states in a field (JSONL, feed), if it reads as a full day."""
    if not published or not published.strip():
        return None
    iso = _ISO_DAY.match(published.strip())
    value = _valid_day(*iso.groups()) if iso else full_day(published)
    return PublicationDate(value, "input", published.strip()) if value else None


def unglue_months(text: str) -> str:
    """Return text with a space put back before month names glued to a word ("DeskAugust")."""
    return _GLUED_MONTH.sub(" ", text)


def full_day(text: str) -> str | None:
    """Return the first absolute, day-precision date in a short text as YYYY-MM-DD."""
    for timex in find_timexes(unglue_months(text), None):
        if timex.type == "DATE" and timex.value and _ISO_DAY.fullmatch(timex.value):
            return timex.value
    return None


def contradicted_by(candidate: str, body: str) -> str | None:
    """Return the body sentence that dates a past happening after the candidate, if any.

    No sentence contradicts a page in another language than English (the temporal engine's
    readings of it are guesses), a day written in digits whose order is ambiguous, a note that
    dates the article's own revision (ARTICLE_REVISION_NOTE), or a page whose later dates span
    more than LIVING_PAGE_DAYS (a page updated since it was published).
    """
    published = dt.date.fromisoformat(candidate)
    if detect_language(body) not in CONTRADICTING_LANGUAGES:
        return None
    contradictions: list[tuple[dt.date, str]] = []
    for timex in find_timexes(body, None):
        if timex.anchor is not None or not timex.value or timex.start is None:
            continue
        day = _ISO_DAY.fullmatch(timex.value)
        if not day or timex.type != "DATE":
            continue
        when = dt.date(int(day[1]), int(day[2]), int(day[3]))
        if (when - published).days <= GRACE_DAYS:
            continue
        if _AMBIGUOUS_NUMERIC_DAY.fullmatch(body[timex.start : timex.end or timex.start]):
            continue
        left, right = sentence_bounds(body, timex.start, timex.end or timex.start)
        sentence = body[left:right].strip()
        if not FUTURE_CUES.search(sentence) and not ARTICLE_REVISION_NOTE.search(sentence):
            contradictions.append((when, sentence))
    if not contradictions:
        return None
    days = [when for when, _ in contradictions]
    if (max(days) - min(days)).days > LIVING_PAGE_DAYS:
        return None
    return contradictions[0][1]


def _valid_day(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None

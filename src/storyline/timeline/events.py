"""Timeline events: dated sentences of a storyline's articles, merged when they report the same.

Every DATE expression in an article's body with a calendar value (day, month or year) dates
the sentence that holds it, or, in a sentence with several dates, the clause it sits in
(``storyline.timeline.clauses``); a date that bounds a state ("has repaired ships since 1987")
dates no happening. Within a storyline, sentences with the same date that share enough content
words are one event, with each sentence kept as evidence under its outlet.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Analysis, Event, Evidence, Timex, content_id
from storyline.timeline.clauses import clause_spans
from storyline.timeline.sentences import sentence_spans, terms, words_around

# TIMEX3 values that place a happening on the calendar; week, season and reference values
# ("2022-W13", "PAST_REF") are too vague to order a timeline by.
CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

# Share of content words two same-date sentences must have in common (Jaccard) to be one event.
SAME_EVENT_OVERLAP = 0.12

# Summaries are one sentence; very long ones are cut for reading.
MAX_SUMMARY_CHARS = 300

# Actors listed per event: the most mentioned people, organisations and places in its evidence.
MAX_ACTORS = 5
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP"}

PRECISION = {4: "year", 7: "month", 10: "day"}

# Words on each side of a date that name the happening it dates ("the April 2021
# no-confidence vote", "the council on Tuesday voted"): past six, the words belong to other
# clauses of the sentence.
NEAR_WORDS = 6

# Words before a date that make it the bound of a state, not the date of a happening: "has
# repaired ships since 1987", "closed until March", "as of 2023", "through June". ("for" is
# left out: "a vote set for March 3" dates the vote.)
# The expression may hold the word ("since 1987") or follow it ("since" "1987").
_BOUND_WORDS = r"(?:since|until|till|through|throughout|as of)"
_BOUND_BEFORE = re.compile(rf"\b{_BOUND_WORDS}\s*$", re.I)
_BOUND_FIRST = re.compile(rf"^\s*{_BOUND_WORDS}\b", re.I)
BOUND_LOOKBACK = 12

# Sentences with several dates parsed per article to find which clause each date dates; past
# these, a date dates its whole sentence (a long document of date lists must not take minutes).
MAX_CLAUSE_PARSES = 64
# Longer "sentences" are lists or unpunctuated text, not a clause structure worth parsing.
MAX_CLAUSE_SENTENCE_CHARS = 1_000


@dataclass
class DatedSentence:
    """One sentence of one article, with the date a temporal expression in it gives."""

    analysis: Analysis
    timex: Timex
    start: int
    end: int
    terms: set[str]
    near: set[str]  # content-word stems right around the date: the happening it dates

    @property
    def text(self) -> str:
        return self.analysis.article.text[self.start : self.end]


def dated_sentences(analysis: Analysis, *, happenings: bool = False) -> list[DatedSentence]:
    """Return the sentences of an article that a calendar-valued DATE expression dates.

    With ``happenings``, as the timeline reads them: a date bounding a state dates nothing,
    and in a sentence with several dates, a date in a clause of its own dates that clause.
    """
    text = analysis.article.text
    spans = list(sentence_spans(text))
    starts = [s for s, _ in spans]
    found: list[DatedSentence] = []
    seen: set[tuple[int, str]] = set()
    located: list[tuple[Timex, int, int]] = []  # a date, and its sentence's offsets
    for timex in analysis.timexes:
        if timex.type != "DATE" or timex.start is None or not timex.value:
            continue
        if not CALENDAR_VALUE.match(timex.value):
            continue
        if happenings and _bounds_a_state(text, timex):
            continue
        index = bisect_right(starts, timex.start) - 1
        if index >= 0:
            located.append((timex, *spans[index]))
    clauses = _clauses(text, located) if happenings else {}
    for timex, start, end in located:
        start, end = clauses.get(id(timex), (start, end))
        if (start, timex.value) in seen:
            continue
        seen.add((start, timex.value or ""))
        sentence_terms = terms(text[start:end]) - terms(timex.text)
        names = {
            word for m in analysis.mentions if start <= m.start < end for word in terms(m.text)
        }
        sentence = text[start:end]
        at = timex.start or start  # located dates have offsets
        end_in_sentence = (timex.end or at) - start
        near = terms(words_around(sentence, at - start, end_in_sentence, NEAR_WORDS))
        found.append(DatedSentence(analysis, timex, start, end, sentence_terms, near - names))
    return found


def build_events(
    analyses: Sequence[Analysis],
    storyline_of: dict[str, str | None],
    event_of: dict[str, str | None],
) -> list[Event]:
    """Return the timeline events of every storyline, in storyline and date order."""
    by_key: dict[tuple[str | None, str], list[list[DatedSentence]]] = defaultdict(list)
    for analysis in analyses:
        storyline = storyline_of.get(analysis.article.id)
        for dated in dated_sentences(analysis, happenings=True):
            groups = by_key[(storyline, dated.timex.value or "")]
            match = next((g for g in groups if _same_happening(g, dated)), None)
            if match is None:
                groups.append([dated])
            else:
                match.append(dated)
    _merge_coarser(by_key)
    events = []
    for (storyline, date), groups in by_key.items():
        for members in groups:
            events.append(_event(storyline, date, members, event_of))
    return sorted(events, key=lambda e: (e.storyline_id or "", e.date, e.id))


def _bounds_a_state(text: str, timex: Timex) -> bool:
    """Return whether a date bounds a state ("since 1987") rather than dating a happening."""
    start = timex.start or 0
    before = text[max(0, start - BOUND_LOOKBACK) : start]
    return bool(_BOUND_BEFORE.search(before) or _BOUND_FIRST.match(timex.text))


def _clauses(text: str, located: list[tuple[Timex, int, int]]) -> dict[int, tuple[int, int]]:
    """Return the clause each date of a several-date sentence dates, by id of its expression.

    Dates that date their whole sentence (those hung on its main verb, the only date of a
    sentence, those of over-long sentences and past MAX_CLAUSE_PARSES sentences) are left out.
    """
    by_sentence: dict[tuple[int, int], list[Timex]] = defaultdict(list)
    for timex, start, end in located:
        by_sentence[(start, end)].append(timex)
    found: dict[int, tuple[int, int]] = {}
    several = [
        ((start, end), timexes)
        for (start, end), timexes in by_sentence.items()
        if len({t.value for t in timexes}) > 1 and end - start <= MAX_CLAUSE_SENTENCE_CHARS
    ]
    for (start, end), timexes in several[:MAX_CLAUSE_PARSES]:
        spans = clause_spans(text[start:end], [(t.start or start) - start for t in timexes])
        for timex, span in zip(timexes, spans, strict=True):
            if span is not None:
                found[id(timex)] = (start + span[0], start + span[1])
    return found


def _merge_coarser(by_key: dict[tuple[str | None, str], list[list[DatedSentence]]]) -> None:
    """Move sentences dated only by month or year into the same happening dated finer, in place.

    "In March 2022 the embassy sent a cable" and "on March 7, 2022, the cable was sent" are one
    event: a coarse sentence joins the finer-dated group of its storyline whose date falls in
    its month or year and that it shares words with (the most, if several). The event keeps the
    finest date any outlet gave; each outlet's evidence keeps its own date.
    """
    for key in sorted(by_key, key=lambda k: len(k[1])):
        storyline, date = key
        if len(date) == 10:
            continue
        finer = [
            group
            for (other_storyline, other), groups in by_key.items()
            if other_storyline == storyline and len(other) > len(date) and other.startswith(date)
            for group in groups
        ]
        if not finer:
            continue
        kept = []
        for members in by_key[key]:
            scores = [(_overlap(group, members), number) for number, group in enumerate(finer)]
            best, number = max(scores) if scores else (0.0, -1)
            if best >= SAME_EVENT_OVERLAP:
                finer[number].extend(members)
            else:
                kept.append(members)
        by_key[key] = kept


def _overlap(members: list[DatedSentence], others: list[DatedSentence]) -> float:
    pooled = set().union(*(m.terms for m in members))
    theirs = set().union(*(m.terms for m in others))
    if not pooled or not theirs:
        return 0.0
    return len(pooled & theirs) / len(pooled | theirs)


def _same_happening(members: list[DatedSentence], candidate: DatedSentence) -> bool:
    pooled = set().union(*(m.terms for m in members))
    if not pooled or not candidate.terms:
        return False
    overlap = len(pooled & candidate.terms) / len(pooled | candidate.terms)
    return overlap >= SAME_EVENT_OVERLAP


def _event(
    storyline: str | None, date: str, members: list[DatedSentence], event_of: dict[str, str | None]
) -> Event:
    members = sorted(members, key=lambda m: (m.analysis.article.published or "9999", m.start))
    first = members[0]
    actors: Counter[str] = Counter()
    for member in members:
        actors.update(
            {
                m.name
                for m in member.analysis.mentions
                if m.type in ACTOR_TYPES and member.start <= m.start < member.end
            }
        )
    evidence = [
        Evidence(
            article_id=m.analysis.article.id,
            outlet=m.analysis.article.outlet,
            published=m.analysis.article.published,
            sentence=m.text,
            start=m.start,
            end=m.end,
            date=m.timex.value,
        )
        for m in members
    ]
    reported = sorted(m.analysis.article.published for m in members if m.analysis.article.published)
    summary = (
        first.text if len(first.text) <= MAX_SUMMARY_CHARS else first.text[:MAX_SUMMARY_CHARS] + "…"
    )
    return Event(
        id=content_id(
            storyline or "", date, *(f"{e.article_id}:{e.start}" for e in evidence), prefix="v"
        ),
        storyline_id=storyline,
        event_id=event_of.get(first.analysis.article.id),
        date=date,
        date_precision=PRECISION[len(date)],
        summary=summary,
        # Ties broken by name: Counter keeps insertion order, here that of set iteration,
        # which changes from run to run (hash randomization).
        actors=[name for name, _ in sorted(actors.items(), key=lambda a: (-a[1], a[0]))][
            :MAX_ACTORS
        ],
        evidence=evidence,
        first_reported=reported[0] if reported else None,
    )

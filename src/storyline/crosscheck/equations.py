"""Internal inconsistencies: a date an article ties to a second happening that is dated otherwise.

"Khan met Putin in Moscow on February 25, the day when Russian forces launched a full-scale
invasion of Ukraine" states one date for two happenings: the meeting and the invasion. The
writer equated them, and either may be dated otherwise:
- the meeting, by the same article: its other dated sentences naming at least
  ``MIN_COMMON_NAMES`` of the same participants ("the working visit of Imran Khan to Moscow on
  February 23-24": Khan and Moscow) give a date the meeting cannot have;
- the second happening, by the storyline's articles: statements about it (two rare content
  words in common with the clause, as any two statements of one fact) agree on a date the
  clause cannot have.
Either is an ``internal`` contradiction of the article that wrote the equation: the evidence
for the other date is the corpus's own, never a fact written here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from storyline.crosscheck.dates import interval
from storyline.crosscheck.facts import Conflict, Stated, name_terms, near_terms, one_value
from storyline.model import Analysis

# What follows a date to give it a second happening: ", the day (when) ...", ", the same day
# ...", ", the day after ..." (the second happening one day earlier), ", the day before ...".
EQUATION = re.compile(
    r"^\s*,\s*(?:the\s+(?:same\s+)?day|the\s+very\s+day)\s+"
    r"(?:(?P<shift>after|before)\s+|(?:when|that|on\s+which)\s+)?(?P<clause>[^,.;:]+)",
    re.IGNORECASE,
)

# Participants the happening of the main clause and another dated sentence of the same article
# must share (the person and the place: "Khan ... in Moscow"): one name alone (the storyline's
# main actor) is in most of an article's sentences.
MIN_COMMON_NAMES = 2

# Content words of the clause that stand for its happening, as a date's neighbourhood does.
CLAUSE_WORDS = 4


@dataclass
class Equation:
    """One date given to two happenings in one sentence."""

    main: Stated  # the date as the sentence's main clause states it
    clause: Stated  # the same date, shifted by "after"/"before", for the second happening
    participants: frozenset[str]  # corpus names of the main clause's entities
    text: str  # the equation as written: "the day when Russian forces launched ..."


def equations(
    analysis: Analysis, dated: Sequence[Stated], canonical: dict[str, str]
) -> list[Equation]:
    """Return the dates of an article that its sentences tie to a second happening."""
    text = analysis.article.text
    ends = {t.start: t.end for t in analysis.timexes if t.start is not None and t.end}
    found = []
    for stated in dated:
        end = ends.get(stated.at)
        if end is None or len(stated.value) != len("YYYY-MM-DD"):
            continue  # only a day is equated with a happening's day
        match = EQUATION.match(text[end : stated.end])
        if match is None:
            continue
        clause_start, clause_end = end + match.start("clause"), end + match.end("clause")
        names = name_terms(analysis, clause_start, clause_end)
        clause = text[clause_start:clause_end]
        words = near_terms(clause, 0, 0, names, count=CLAUSE_WORDS)
        shift = {"after": -1, "before": 1}.get((match.group("shift") or "").lower(), 0)
        low, high = interval(stated.value)
        participants = frozenset(
            canonical.get(m.name, m.name)
            for m in analysis.mentions
            if stated.start <= m.start < end and not clause_start <= m.start < clause_end
        )
        found.append(
            Equation(
                main=stated,
                clause=replace(
                    stated, low=low + shift, high=high + shift, near=words, anchors=words
                ),
                participants=participants,
                text=" ".join(text[end + match.start() : clause_end].strip(" ,").split()),
            )
        )
    return found


def equation_conflicts(
    analysis: Analysis,
    found: Sequence[Equation],
    dated: Sequence[Stated],
    storyline: Sequence[Stated],
    canonical: dict[str, str],
    rare: frozenset[str],
) -> list[tuple[Equation, Conflict]]:
    """Return the article's equations that its own sentences or the storyline contradict.

    ``dated``: the article's date statements; ``storyline``: every date statement of the
    storyline; ``rare``: the words that are not background in it.
    """
    conflicts: list[tuple[Equation, Conflict]] = []
    for equation in found:
        main = equation.main
        same_people = [
            other
            for other in dated
            if other.start != main.start
            and not other.agrees(main)
            and len(equation.participants & _participants(analysis, other, canonical))
            >= MIN_COMMON_NAMES
        ]
        if same_people and one_value(same_people):
            conflicts.append((equation, Conflict([main], same_people, set())))
            continue
        words = equation.clause.near & rare
        about = [
            other
            for other in storyline
            if not (other.article_id == main.article_id and other.start == main.start)
            and len(words & other.near) >= 2
        ]
        against = [s for s in about if not s.agrees(equation.clause)]
        if against and one_value(against) and not any(s.agrees(equation.clause) for s in about):
            conflicts.append((equation, Conflict([main], against, set(words & against[0].near))))
    return conflicts


def _participants(analysis: Analysis, stated: Stated, canonical: dict[str, str]) -> set[str]:
    return {
        canonical.get(m.name, m.name)
        for m in analysis.mentions
        if stated.start <= m.start < stated.end
    }

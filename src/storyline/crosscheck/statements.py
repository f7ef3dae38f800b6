"""The quotes of a storyline as statements: speaker's corpus name, cue lemma, sentence, parties."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.crosscheck.facts import InSentence
from storyline.model import Analysis, Quote, Statement
from storyline.timeline.events import CALENDAR_VALUE
from storyline.timeline.sentences import sentence_spans, terms


@dataclass
class Said(InSentence):
    """One quote of one article, read for cross-checking."""

    analysis: Analysis
    quote: Quote
    speaker: str | None  # the corpus-wide canonical name
    cue: str | None  # lemma of the reporting verb
    start: int  # the sentence (or sentences) holding the quote
    end: int
    parties: frozenset[str]  # canonical names of the entities named in the quoted words
    words: frozenset[str]  # content-word stems of the quoted words, names aside
    date: str | None  # when it was said: a date in its sentence outside the quote, else published

    @property
    def order(self) -> tuple[str, str, str, int]:
        article = self.analysis.article
        return (self.date or "9999", article.published or "9999", article.id, self.quote.start)

    def statement(self) -> Statement:
        article = self.analysis.article
        return Statement(
            article.id, article.outlet, article.published, self.speaker, self.sentence,
            self.start, self.end,
        )  # fmt: skip


# Inflected cues as some extractors give them ("denied") → the lemma.
_ENDINGS = (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""))


def lemma(cue: str | None, known: set[str]) -> str | None:
    """Return a cue's lemma among the known ones ("denied" → "deny"), else the cue lowercased."""
    if cue is None:
        return None
    word = cue.lower().strip()
    if word in known:
        return word
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] + replacement in known:
            return word[: -len(ending)] + replacement
    return word


def said_in(analysis: Analysis, canonical: dict[str, str], known_cues: set[str]) -> list[Said]:
    """Return an article's quotes as statements, in text order."""
    text = analysis.article.text
    spans = list(sentence_spans(text))
    starts = [s for s, _ in spans]
    found = []
    for quote in _outermost(analysis.quotes):
        first = max(0, bisect_right(starts, quote.start) - 1)
        last = max(first, bisect_right(starts, max(quote.start, quote.end - 1)) - 1)
        if not spans:
            continue
        start, end = spans[first][0], spans[last][1]
        inside = [m for m in analysis.mentions if quote.start <= m.start < quote.end]
        names = {w for m in inside for w in terms(m.text)}
        parties = frozenset(canonical.get(m.name, m.name) for m in inside)
        speaker = canonical.get(quote.speaker, quote.speaker) if quote.speaker else None
        found.append(
            Said(
                analysis=analysis,
                quote=quote,
                speaker=speaker,
                cue=lemma(quote.cue, known_cues),
                start=start,
                end=end,
                parties=parties,
                words=frozenset(terms(quote.text) - names),
                date=_date(analysis, quote, start, end),
            )
        )
    return found


def _outermost(quotes: Sequence[Quote]) -> list[Quote]:
    """Return the quotes in text order, without those inside another quote of the same speaker.

    "the United States has refuted these “baseless allegations”" is one statement, not three.
    """
    kept: list[Quote] = []
    reach: dict[str | None, int] = {}  # per speaker, the furthest end of a quote so far
    for quote in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if reach.get(quote.speaker, -1) >= quote.end:
            continue
        reach[quote.speaker] = max(reach.get(quote.speaker, -1), quote.end)
        kept.append(quote)
    return kept


def _date(analysis: Analysis, quote: Quote, start: int, end: int) -> str | None:
    """Return when a statement was made: a calendar date in its frame, else the publication."""
    for timex in analysis.timexes:
        if timex.type != "DATE" or timex.start is None or not timex.value:
            continue
        in_frame = start <= timex.start < end and not quote.start <= timex.start < quote.end
        if in_frame and CALENDAR_VALUE.match(timex.value):
            return timex.value
    return analysis.article.published


def names_of(entity: str, aliases: dict[str, set[str]]) -> set[str]:
    """Return the surface forms of an entity, its canonical name among them."""
    return {entity} | aliases.get(entity, set())


def contains_name(longer: str, names: Sequence[str] | set[str]) -> bool:
    """Return True when one of the names appears in a longer name as whole words.

    "U.S. State Department" holds "U.S.", a name of the United States: the department speaks
    for the party an allegation names.
    """
    for name in names:
        if len(name) < 2:
            continue
        if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", longer):
            return True
    return False

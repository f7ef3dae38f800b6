"""Cheap tense cues around an expression: does its clause speak of the past or the future?

A full parse per document would cost more than the whole tagger, so the tense of the verb
nearest to the expression inside its sentence decides: "on Tuesday told reporters" is past,
"will meet on Monday" is future. News defaults to the past when no verb gives a cue.
"""

from __future__ import annotations

import re

# How far around an expression to look for its verb, in characters, within the sentence.
TENSE_WINDOW = 120
# A verb this close (in characters) to a yearless month, date or holiday decides past or
# future ("the year ended March 31", "will be named in December"); without one the nearest
# date is taken.
NEAR_VERB_REACH = 40
# A verb after the expression counts this many times its distance: the verb an adverbial of
# time belongs to usually comes before it ("will double its flights by August in the search
# for markets untouched by ...").
AFTER_PENALTY = 2

# Timetable verbs in the present tense, third person or plural ("arrives", "the leaders
# meet"); not after "to", "not" or "n't", where the verb before them tells the tense ("refused
# to meet on Tuesday", "did not meet").
_TIMETABLE_PRESENT = (
    r"(?:meets?|arrives?|departs?|travels?|resumes?|begins?|starts|opens|(?:re)?convenes?"
    r"|testif(?:y|ies)|flies|goes|hosts|unveils|heads\s+to)"
)
_TIMETABLE_VERB = re.compile(_TIMETABLE_PRESENT, re.IGNORECASE)
_NOT_FINITE = re.compile(r"(?:\bto|\bnot|n't)\s$", re.IGNORECASE)
# Words that put the clause in the future: modals, "going to", schedules and plans, and the
# present tense of the verbs that announce a timetable ("the talks resume Monday", "the law
# takes effect Friday", "voters go to the polls Sunday", "he is leaving Friday"), a passive
# infinitive ("the measures to be voted on Thursday"): news tells what happened in the past
# tense, so a present-tense event with a date is a coming one. "could be seen" is no future.
_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|is\s+to|are\s+to|scheduled|expected\s+to"
    r"|expects?\s+to|plans?\s+to|planned|slated|set\s+to|upcoming"
    r"|(?:would|could)(?!\s+not\b)(?!\s+(?:be\s+)?(?:seen|heard|see|hear)\b)"
    r"|to\s+be\s+[a-z]+(?:ed|en|wn|ld)|look(?:s|ing)?\s+forward\s+to"
    r"|(?:prepares|preparing|intends|aims|hopes|wants)\s+to"
    r"|is\s+due|are\s+due|expires|next(?!\s+(?:day|morning|afternoon|evening|night)\b)"
    r"|takes?\s+effect|takes\s+office|go(?:es)?\s+to\s+the\s+polls|kicks?\s+off"
    rf"|{_TIMETABLE_PRESENT}"
    r"|(?:is|are)\s+(?:leaving|meeting|travell?ing|flying|heading|arriving|visiting|returning"
    r"|holding|hosting|due))\b",
    re.IGNORECASE,
)
# A verb in the past right before "to be <participle>" is the event the date belongs to
# ("declined to be drawn on Tuesday", "asked to be excused Friday").
_AFTER_PAST_VERB = re.compile(r"\b[a-z]{2,}ed\s+$", re.IGNORECASE)
# Plans told in the past tense are past ones: "the meeting was scheduled for Monday", "the
# offer had been scheduled to expire at midnight Friday".
_PAST_PLAN = re.compile(r"\b(?:was|were|had(?:\s+been)?)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PLAN_WORDS = ("scheduled", "planned", "expected", "slated", "set", "due")
# Words that put it in the past: past-tense verbs (regular "-ed" forms and the irregular ones
# news uses, but those spelled like their present or a noun: "hit", "set", "spread", "fed"),
# "ago", and a refusal told in the past ("would not comment on Friday", "could
# not be reached Tuesday"), which is no future.
_PAST_CUES = re.compile(
    r"\b(?:(?:would|could)\s+not|(?:would|could)n['’]t|said|told|was|were|had|did|met|made"
    r"|took|came|went|gave|held|began|rose|fell|sold|bought|paid|won|lost|left|got|saw|became"
    r"|ago|spoke|wrote|found|brought|thought|sent|led|ran|broke|chose|drew|flew|fled|fought"
    r"|kept|knew|meant|sought|shot|stood|stole|struck|swore|taught|threw|withdrew|arose|blew"
    r"|froze|grew|hung|laid|rode|shook|spent|stuck|swept|tore|wore|felt|heard|slid|sank|sang"
    r"|overtook|undertook|forbade|forgave|underwent|slept|swam|upheld|[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
# Words ending in "-ed" that are not past-tense verbs.
_NOT_PAST = frozenset(
    {"need", "seed", "feed", "speed", "indeed", "red", "bed", "united", "shed", "preferred"}
)
# "-ed" words with the prefix "un" are adjectives ("a still unspecified date", "undisclosed").
_UN_ADJECTIVE = re.compile(r"un[a-z]+ed", re.IGNORECASE)
# A past form after these is a participle and carries no tense ("will be named/paid").
_PARTICIPLE_AFTER = re.compile(r"\b(?:be|been|being|is|are|am|has|have)\s+(?:\w+ly\s+)?$", re.I)
# Words right before a date that make it a deadline or a start, so a coming date: "extended
# to Nov. 20", "payable Jan. 2", "conclude by May", "effective June 1".
# "of record Nov. 16" is the record date of a dividend, set after its announcement.
_DEADLINE = re.compile(
    r"\b(?:to|until|till|by|payable|effective|starting|beginning|expires?|due|record)"
    r"\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# A "to" that closes a range opened by "from" ("bought from Aug. 26 to Oct. 20") ends a
# stretch of the past as often as of the future: it is no deadline.
_RANGE_TO = re.compile(r"\bfrom\s+\S+(?:\s+\S+){0,2}\s+to\s+$", re.IGNORECASE)
# A date written as a possessive modifies a noun ("a revision to December's figures"): a
# "to" before it is the preposition of that noun, not a deadline.
_POSSESSIVE = re.compile(r"['’]s\b")
# A sentence ends at its punctuation, or at a line end (a headline has no full stop) unless
# the next line goes on in lower case: a text wrapped at a fixed width breaks sentences
# ("The committee will meet\non Tuesday") that are still one clause.
_SENTENCE_END = re.compile(
    r"(?<![ap]\.m)(?<![ap]\. m)(?<!\b[ap]m)[.!?]\s(?!m\b)|\n(?![ \t]*[a-z])", re.IGNORECASE
)


def sentence_bounds(text: str, start: int, end: int, reach: int = 400) -> tuple[int, int]:
    """Return the start and end offsets of the sentence around a span (bounded by ``reach``)."""
    left_limit = max(0, start - reach)
    left = left_limit
    for match in _SENTENCE_END.finditer(text, left_limit, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end, min(len(text), end + reach))
    right = right_match.start() + 1 if right_match else min(len(text), end + reach)
    return left, right


def is_deadline(text: str, start: int, end: int | None = None) -> bool:
    """Return whether the words just before a span make it a deadline ("payable Jan. 2")."""
    if _DEADLINE.search(text, max(0, start - 30), start) is None:
        return False
    if _RANGE_TO.search(text, max(0, start - 40), start) is not None:
        return False
    return end is None or _POSSESSIVE.match(text, end) is None


def clause_tense(text: str, start: int, end: int, reach: int = TENSE_WINDOW) -> str | None:
    """Return "future" or "past" from the verb cue nearest a span in its sentence, or None.

    Only cues within ``reach`` characters count (after the span, half as far).
    """
    left, right = sentence_bounds(text, start, end)
    left = max(left, start - reach)
    right = min(right, end + reach)
    best: tuple[int, str] | None = None
    for pattern, tense in ((_FUTURE_CUES, "future"), (_PAST_CUES, "past")):
        for match in pattern.finditer(text, left, right):
            word = match.group(0).lower()
            if start <= match.start() < end or word in _NOT_PAST:
                continue
            if word == "will" and text[match.start()].isupper():
                continue  # "Will Artino got a chance": a name (or a question), not a future
            if (
                tense == "future"
                and _TIMETABLE_VERB.fullmatch(word)
                and _NOT_FINITE.search(text, max(0, match.start() - 5), match.start())
            ):
                continue
            if word.startswith("to") and _AFTER_PAST_VERB.search(
                text, max(0, match.start() - 20), match.start()
            ):
                continue  # "declined to be drawn on Tuesday": the refusal is the event
            if tense == "past" and _UN_ADJECTIVE.fullmatch(word):
                continue
            if tense == "past" and _PARTICIPLE_AFTER.search(
                text, max(0, match.start() - 30), match.start()
            ):
                continue
            if word.startswith(_PLAN_WORDS) and _PAST_PLAN.search(
                text, max(0, match.start() - 30), match.start()
            ):
                tense_here = "past"
            else:
                tense_here = tense
            if match.end() <= start:
                distance = start - match.end()
            else:
                # a verb after counts double, and loses a tie: "who died on Thursday, will be"
                distance = (match.start() - end) * AFTER_PENALTY + 1
            if distance > reach:
                continue
            if best is None or distance < best[0]:
                best = (distance, tense_here)
    return best[1] if best else None


def has_past_perfect(text: str, start: int, end: int) -> bool:
    """Return whether the sentence around a span uses the past perfect ("had been", "had met")."""
    left, right = sentence_bounds(text, start, end)
    return (
        re.search(r"\bhad\s+(?:been|[a-z]{2,}(?:ed|en|ne|wn|ld|ght))\b", text[left:right])
        is not None
    )

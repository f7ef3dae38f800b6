"""Facts stated by several articles: the same happening or quantity, grouped into agreeing sides.

A statement is one value (a date, a number) stated in one sentence, with the content words
right around the value that name what it is about. Two statements are about the same fact when
those words share at least ``MIN_SHARED_TERMS`` stems that are rare in the storyline; the
statements linked that way form one fact. Within a fact, values that can both be true (their
intervals meet: ``2022-04`` and ``2022-04-10``; "about 40,000" and "41,000") make one side; a
fact with two sides is one contradiction, however many articles state each side.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.model import Analysis, Claim
from storyline.timeline.sentences import terms

# A word names a fact only if it is not everywhere: words around more than half the
# storyline's statements ("said", the story's own topic word) are background. The contested
# happening itself is often named around several dates (three of eleven in the seeds), so the
# bound must stay well above that.
MAX_TERM_SHARE = 0.5

# Past this many statements, a word is background however large the storyline: it would tie
# too many statements to mean one fact, and pairing them all would cost the square of it.
MAX_TERM_STATEMENTS = 1000

# Content words two statements' neighbourhoods must share to be about one fact.
MIN_SHARED_TERMS = 2


# Content words on each side of a value that say what it is about, within its sentence:
# "One month after the meeting, a no-confidence motion against Imran Khan's leadership was
# held" gives the date's happening as no-confidence, motion, leadership, held. Counting content
# words, not all words, reaches the verb past names and articles; past four, the words
# belong to the sentence's other clauses.
NEAR_CONTENT_WORDS = 2

_POSSESSIVE = re.compile(r"['’]s?\W*$")


def near_terms(
    sentence: str, start: int, end: int, names: set[str], count: int = NEAR_CONTENT_WORDS
) -> frozenset[str]:
    """Return the stems of the content words around sentence[start:end], names left out."""

    def content(words: list[str]) -> list[str]:
        bare = (_POSSESSIVE.sub("", word) for word in words)
        return [t for word in bare for t in sorted(terms(word)) if t not in names]

    before = content(sentence[:start].split())[-count:]
    after = content(sentence[end:].split())[:count]
    return frozenset(before + after)


def name_terms(analysis: Analysis, start: int, end: int) -> set[str]:
    """Return the stems of the names mentioned in text[start:end].

    Names around a value are who and where, not what happened: a storyline's actors ("the
    Harbour Authority") stand next to many of its dates, so they are left out of the words
    that tie two statements to one fact.
    """
    return {word for m in analysis.mentions if start <= m.start < end for word in terms(m.text)}


class InSentence:
    """Something said in a sentence, text[start:end], of an analysed article."""

    analysis: Analysis
    start: int
    end: int

    @property
    def article_id(self) -> str:
        return self.analysis.article.id

    @property
    def sentence(self) -> str:
        return self.analysis.article.text[self.start : self.end]


@dataclass
class Stated(InSentence):
    """One value stated about something in one sentence of one article."""

    analysis: Analysis
    start: int  # the sentence
    end: int
    at: int  # where the value is stated
    value: str  # as the record shows it
    low: float  # the interval of values the statement allows
    high: float
    near: frozenset[str]  # content-word stems around the value: what it is about
    unit: str = ""  # what a number counts ("tonn", "vote"); empty for dates
    anchors: frozenset[str] = frozenset()  # the content word right before and right after it
    people: frozenset[str] = frozenset()  # who its sentence names (corpus names; see people_in)
    of: str = ""  # the noun a measure is of ("pass" of "a one-yard pass"), if it precedes one
    scope: str = ""  # the span a count is bounded to ("since october", "this season")

    def claim(self) -> Claim:
        article = self.analysis.article
        return Claim(article.id, article.outlet, self.sentence, self.value)

    def agrees(self, other: Stated) -> bool:
        return self.low <= other.high and other.low <= self.high

    def same_people(self, other: Stated) -> bool:
        """Return False when both sentences name persons (for counts, parties) and none in
        common.

        "Cheeks, who was fired March 2" and "O'Brien was fired today" are two firings: on
        ECB+ dev, statements of one kind of happening about different people were the
        commonest false date contradiction.
        """
        return not (self.people and other.people) or bool(self.people & other.people)

    def same_thing(self, other: Stated) -> bool:
        """Return False when a measure is of a noun the other statement does not name next to
        its value: "a 14-year sentence" and "sentenced to 12 years" are one sentence's length;
        "a one-yard touchdown pass" and "returned the pick 35 yards" are two plays."""
        return all(
            not one.of or one.of == two.of or one.of in two.anchors
            for one, two in ((self, other), (other, self))
        )


# Who a count can be of: "The Colts gave up 409 yards" and "The Chiefs racked up 507 yards"
# are two teams' yards. Dates are read by persons only: reports of one happening name its
# places and bodies in different words ("the council", "the Harbour Authority").
PARTIES = {"PERSON", "ORG", "GPE", "NORP"}

_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)


def people_in(
    analysis: Analysis, start: int, end: int, canonical: dict[str, str], parties: bool = False
) -> frozenset[str]:
    """Return the corpus names of the persons (with ``parties``, also the organisations,
    places and groups) a sentence, text[start:end], is about.

    Those it names; else, when it speaks of "he" or "she", the person named last before it
    ("He ended the day with 205 yards" after Luck's name is Luck's 205 yards, not Garrard's).
    """
    kinds = PARTIES if parties else {"PERSON"}
    persons = [m for m in analysis.mentions if m.type == "PERSON"]
    named = frozenset(
        canonical.get(m.name, m.name)
        for m in analysis.mentions
        if m.type in kinds and start <= m.start < end
    )
    if named or not _PRONOUN.search(analysis.article.text[start:end]):
        return named
    before = [m for m in persons if m.start < start]
    if not before:
        return frozenset()
    last = max(before, key=lambda m: m.start)
    return frozenset({canonical.get(last.name, last.name)})


@dataclass
class Conflict:
    """Two sides of one fact that cannot both be true; each side's statements, first first."""

    side_a: list[Stated]
    side_b: list[Stated]
    shared: set[str]  # the words that say what the fact is

    @property
    def internal(self) -> bool:
        """True when one article states both sides."""
        return bool({s.article_id for s in self.side_a} & {s.article_id for s in self.side_b})


def conflicts(statements: Sequence[Stated]) -> list[Conflict]:
    """Return the conflicting facts among one storyline's statements, one record each.

    A statement is contested when the words it shares with statements that disagree with it
    outweigh those it shares with statements that agree: "the April 2023 council vote" tied
    only to three articles' April 2024 vote is; a meeting's date that several articles agree
    on is not, though it shares two words with a report's date elsewhere. Contested
    statements that agree and face the same statements are one fact; the other side is every
    statement they face, with the statements that agree with those, and must be one value.
    Two statements are about one fact only if they share the content word right next to the
    value ("the April 2021 no-confidence vote", "a no-confidence vote was held"; "missed nine
    games", "missed 10 games"), name a common person if both name persons, and bound a count
    to the same span ("arrested three times since October" is not "arrested four times").
    """
    links, rare = _links(statements)
    # Opposed: linked, disagreeing, and tied closely enough to be one fact (see above).
    opposed: dict[int, set[int]] = defaultdict(set)
    for index, linked in links.items():
        a = statements[index]
        for j in linked:
            b = statements[j]
            if (
                not a.agrees(b)
                and a.anchors & b.anchors
                and a.same_people(b)
                and a.same_thing(b)
                and a.scope == b.scope
            ):
                opposed[index].add(j)
    contested: list[int] = []
    for index, linked in sorted(links.items()):
        agree = sum(len(w) for j, w in linked.items() if statements[index].agrees(statements[j]))
        oppose = sum(len(linked[j]) for j in opposed[index])
        if oppose > agree:
            contested.append(index)
    facts: list[tuple[list[int], set[int]]] = []
    for index in contested:
        facing = set(opposed[index])
        fact = next(
            (
                f
                for f in facts
                if f[1] & facing and all(statements[index].agrees(statements[i]) for i in f[0])
            ),
            None,
        )
        if fact is None:
            facts.append(([index], facing))
        else:
            fact[0].append(index)
            fact[1].update(facing)
    by_value: dict[str, list[int]] = defaultdict(list)
    for index, stated in enumerate(statements):
        by_value[stated.value].append(index)
    candidates: list[tuple[list[int], set[int], set[int]]] = []
    for members, facing in facts:
        side_b = set(facing)
        for j in facing:
            # The consensus: statements linked to those faced that agree with them, and those
            # giving the very same value with a rare word in common ("a no-confidence motion").
            side_b.update(
                k
                for k in links[j]
                if statements[j].agrees(statements[k])
                and not any(statements[k].agrees(statements[i]) for i in members)
            )
            side_b.update(
                k
                for k, stated in enumerate(statements)
                if stated.value == statements[j].value
                and rare[k] & rare[j]
                and not _same_sentence(stated, statements[j])
            )
        candidates.append((members, facing, side_b))
    # One against one, both statements are contested: the fuller record says it once.
    candidates.sort(key=lambda c: (-len(set(c[0]) | c[2]), c[0]))
    found: list[Conflict] = []
    covered: list[set[int]] = []
    for members, facing, side_b in candidates:
        together = set(members) | side_b
        if any(set(members) <= done for done in covered):
            continue  # its statements are already in a record of this fact
        covered.append(together)
        shared: set[str] = set().union(
            *(links[i][j] for i in members for j in facing if j in links[i])
        )
        side_a = _ordered(statements, members)
        opposite = _ordered(statements, side_b)
        if not one_value(opposite):
            # The other side gives values that cannot all be true of one happening (restored
            # on October 11, 12 and 14, and November 4; 201 yards, 352 and 507): the words name
            # a series of happenings or quantities, not one fact misstated.
            continue
        if _articles(opposite) < _articles(side_a):
            side_a, opposite = opposite, side_a  # the odd one out first
        found.append(Conflict(side_a, opposite, shared))
    return found


def one_value(side: Sequence[Stated]) -> bool:
    """Return True when one value can satisfy every statement of a side."""
    return max(s.low for s in side) <= min(s.high for s in side)


def _articles(side: list[Stated]) -> int:
    return len({s.article_id for s in side})


def background_free(statements: Sequence[Stated]) -> frozenset[str]:
    """Return the words around the statements that are rare enough to name a fact."""
    frequency: Counter[str] = Counter()
    for stated in statements:
        frequency.update(stated.near)
    limit = min(max(2, MAX_TERM_SHARE * len(statements)), MAX_TERM_STATEMENTS)
    return frozenset(t for t, n in frequency.items() if n <= limit)


def _links(
    statements: Sequence[Stated],
) -> tuple[dict[int, dict[int, set[str]]], list[frozenset[str]]]:
    """Return, for each statement, the statements about the same fact and the words shared;
    and each statement's rare words."""
    kept = background_free(statements)
    rare = [s.near & kept for s in statements]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, words in enumerate(rare):
        for term in words:
            postings[term].append(index)
    # Through an inverted index of rare words: the work grows with the statements that share
    # words, not with the square of a storyline.
    links: dict[int, dict[int, set[str]]] = defaultdict(dict)
    for index, words in enumerate(rare):
        counts: Counter[int] = Counter()
        for term in words:
            counts.update(j for j in postings[term] if j > index)
        for other, count in counts.items():
            a, b = statements[index], statements[other]
            if count >= MIN_SHARED_TERMS and not _same_sentence(a, b):
                links[index][other] = set(rare[index] & rare[other])
                links[other][index] = links[index][other]
    return links, rare


def _same_sentence(a: Stated, b: Stated) -> bool:
    return a.article_id == b.article_id and a.start == b.start


def _ordered(statements: Sequence[Stated], indices: Iterable[int]) -> list[Stated]:
    chosen = [statements[i] for i in indices]
    return sorted(
        chosen, key=lambda s: (s.analysis.article.published or "9999", s.article_id, s.at)
    )


def who(stated: Stated) -> str:
    """Return how a person names an article: its outlet, else its title, else its file name."""
    article = stated.analysis.article
    return article.outlet or article.title or article.source.rsplit("/", 1)[-1]

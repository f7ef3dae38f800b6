"""Number statements: a count or amount of something, read with its unit and its hedge.

A number is a quantity of the noun it counts, its unit: the content word after it ("40,000
tonnes", "six container ships" → ships, "a 14-year sentence" → year); only numbers of one
unit are compared. "nine to four" and "9-4" are a tally; ages ("a 61-year-old") are left
out, two people's ages differing. A hedge widens the value into the interval it allows
("about 40,000": ±10 %, "more than sixty": above 60, "up to forty": at most 40), so "about
40,000" and "41,000" agree. Numbers inside dates, and numbers that are part of a name
("Quay 4", "Boeing 737"), are not quantities.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.crosscheck.facts import Stated, name_terms, near_terms, people_in
from storyline.model import Analysis
from storyline.timeline.sentences import sentence_spans, stem

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_WORD = "|".join(sorted(_SMALL, key=len, reverse=True))
_SCALE = "|".join(_SCALES)
# A number in figures ("40,000", "2.5") or words ("forty", "twenty-five", "two hundred"),
# with an optional scale word ("four million").
_NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD})(?:[- ](?:{_WORD}))?)"
    rf"(?:\s+(?:{_SCALE}))*"
)
_QUANTITY = re.compile(
    # Not the tail of a figure split at its comma ("4, 051" in tokenized text).
    rf"(?<![\w.,-])(?<!\d, )(?P<number>{_NUMBER})(?:-(?P<unit_joined>[a-z]+))?"
    rf"(?P<tally>\s*(?:-|–|to)\s*(?P<against>{_NUMBER}))?(?![\w])",
    re.IGNORECASE,
)

# Hedges before a number and the interval they allow around it.
APPROXIMATE = re.compile(
    r"\b(?:about|around|roughly|some|nearly|almost|approximately|an estimated)\s+$", re.I
)
AT_LEAST = re.compile(r"\b(?:more than|over|at least|upwards of|in excess of)\s+$", re.I)
AT_MOST = re.compile(r"\b(?:up to|under|less than|fewer than|at most|as many as)\s+$", re.I)
# Stems next to a tally that make it a vote ("voted nine to four", "a 9-4 vote", "the jury
# split 10-2"): elsewhere a tally is mostly a score or a record, which moves on game by game.
TALLY_WORDS = {"vot", "ballot", "jury", "jurors", "juror", "majority", "poll", "referendum"}

# "-old" after "61-year" or "61 years": an age.
AGE = re.compile(r"(?:\s*years?)?\s*-?\s*old\b", re.I)
# "About 40,000" allows 36,000-44,000: reporters round to the nearest leading figure or so.
APPROXIMATION = 0.1

# Words after a number that do not name what it counts: skip them to reach the noun.
_NOT_UNITS = {"of", "the", "a", "an", "and", "or", "per", "more", "other", "new", "extra"}
_UNIT = re.compile(r"[a-z][a-z'’-]+")
UNIT_WORDS = 3  # "six container ships": the head is the last noun-like word of up to three

# A capitalised word right before a figure makes it part of a name: "Quay 4", "Flight 370".
_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]*\s+$")

# The clause a number stands in, up to it: from the last comma, semicolon, colon or bracket.
_CLAUSE_START = re.compile(r".*[,;:(\[]", re.S)
# Words in that clause that make the number no count of what happened. Irrealis: "needed nine
# points to pass Ford", "would cost", "expected to reach" (a target, a forecast); a rate:
# "has averaged more than 30 home runs and 100 RBIs" (per season, against "43 RBIs in 54
# games"). On ECB+ dev, each was a false number contradiction.
NOT_A_COUNT = re.compile(
    r"\b(?:need(?:s|ed)?|would|could|can|might|should|expect(?:s|ed)?|project(?:s|ed)|"
    r"forecast(?:s)?|predict(?:s|ed)?|aim(?:s|ed)?|hop(?:e|es|ed)|target(?:s|ed)?|"
    r"plan(?:s|ned)?|want(?:s|ed)?|average(?:s|d)?|averaging)\b",
    re.I,
)
_DEFINITE = re.compile(
    r"\b(?:the|its|their|his|her|these|those)\s+(?:(?:about|around|roughly|some|nearly|"
    r"almost|approximately|more than|over|at least)\s+)?$",
    re.I,
)
# After the number's noun phrase: the span a count is bounded to ("arrested three times since
# October", "nine games this season"); two counts over different spans are two quantities.
_SCOPE = re.compile(
    r"^(?:\s+[\w'’-]+){0,3}?\s+(?P<scope>since\s+\w+|so far|to date|"
    r"(?:this|last|that|each|every)\s+(?:season|year|month|week)|in (?:his|her|their) career)\b",
    re.I,
)
# After the number: a rate ("12 points a game", "per season").
_RATE_AFTER = re.compile(
    r"^(?:[\w-]+\s+){0,2}?(?:per|a|an|each)\s+(?:game|season|year|month|week|day|match)\b",
    re.I,
)
# A modal verb right after the number's noun: "a magnitude 6 quake can cause severe damage"
# says what such a number would do, not what happened.
_MODAL_AFTER = re.compile(r"^(?:\s+[\w-]+){0,2}?\s+(?:can|could|would|might)\b", re.I)
# An address: "the 3400 block of Thorpe Street" says where, not how many.
_ADDRESS_AFTER = re.compile(r"^\s+block\b", re.I)
# A part of a breakdown: "12 Somali and 11 Yemeni pirates" counts some of "23 pirates".
_PART_BEFORE = re.compile(rf"(?<![\w.,-]){_NUMBER}\s+[\w-]+\s+(?:and|or)\s+$", re.I)
_PART_AFTER = re.compile(rf"^\s+[\w-]+\s+(?:and|or)\s+{_NUMBER}\b", re.I)


def number_statements(analysis: Analysis, canonical: dict[str, str] | None = None) -> list[Stated]:
    """Return the quantities an article states, with their units and the persons they are
    about (under their corpus names, given ``canonical``: "Estcourt" → "Miriam Estcourt")."""
    canonical = canonical or {}
    text = analysis.article.text
    dates = sorted((t.start, t.end) for t in analysis.timexes if t.start is not None and t.end)
    date_starts = [s for s, _ in dates]
    named = [(m.start, m.end) for m in analysis.mentions]
    found: list[Stated] = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        for match in _QUANTITY.finditer(sentence):
            at = start + match.start()
            if _inside(at, dates, date_starts) or any(s <= at < e for s, e in named):
                continue
            before = sentence[: match.start()]
            name = _NAME_BEFORE.search(before)
            if match.group("number")[0].isdigit() and name and not _function_word(name.group(0)):
                continue
            after = sentence[match.end() :]
            if _not_a_count(before, after):
                continue
            quantity = _read(match, before, after)
            if quantity is None:
                continue
            value, low, high, unit = quantity
            if (
                unit == "tally"
                and not near_terms(sentence, match.start(), match.end(), set()) & TALLY_WORDS
            ):
                continue  # "20-13", "9-14": a game's score or a season's record, not a vote
            names = name_terms(analysis, start, end)
            near = near_terms(sentence, match.start(), match.end(), names | {unit})
            anchors = near_terms(sentence, match.start(), match.end(), names | {unit}, count=1)
            # A measure before a noun says what of it: "a one-yard touchdown pass" is the
            # pass's length, not the "35 yards" of a return in the same game.
            noun = _unit(after) if match.group("unit_joined") else None
            scope = _SCOPE.match(after)
            stated = Stated(
                analysis, start, end, at, value, low, high, near, unit, anchors,
                people=people_in(analysis, start, end, canonical, parties=True),
                of=stem(noun) if noun else "",
                scope=" ".join(scope.group("scope").lower().split()) if scope else "",
            )  # fmt: skip
            found.append(stated)
    return found


def _not_a_count(before: str, after: str) -> bool:
    """Return True for a number that is a target, a forecast, a rate, a part of a breakdown,
    a generic statement or an address."""
    clause = _CLAUSE_START.sub("", before)
    # "would not touch the roughly 40,000 tonnes": a definite quantity exists, whatever the verb.
    definite = _DEFINITE.search(clause)
    return bool(
        (NOT_A_COUNT.search(clause) and not definite)
        or _RATE_AFTER.match(after.lstrip())
        or _ADDRESS_AFTER.match(after)
        or _MODAL_AFTER.match(after)
        or _PART_BEFORE.search(before)
        or _PART_AFTER.match(after)
    )


def _read(match: re.Match[str], before: str, after: str) -> tuple[str, float, float, str] | None:
    number = value_of(match.group("number"))
    if number is None:
        return None
    if match.group("tally"):
        against = value_of(match.group("against"))
        if against is None or match.group("unit_joined"):
            return None
        # A tally is one value: encode it so that only the same tally agrees.
        code = number * 1_000_000 + against
        return f"{_figure(number)}-{_figure(against)}", code, code, "tally"
    unit = match.group("unit_joined") or _unit(after)
    if unit is None or (unit in {"year", "years"} and number >= 1000):
        return None
    if AGE.match(after):
        return None  # "a 61-year-old man": an age says who, and two people's ages differ
    low = high = number
    if APPROXIMATE.search(before):
        low, high = number * (1 - APPROXIMATION), number * (1 + APPROXIMATION)
    elif AT_LEAST.search(before):
        high = float("inf")
    elif AT_MOST.search(before):
        low = 0
    return match.group(0).strip(), low, high, stem(unit.lower().strip("'’-"))


def value_of(words: str) -> float | None:
    """Return the value of a number in figures or words ("40,000", "two hundred", "4 million")."""
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", words.lower().replace(",", "")):
        if not word:
            continue
        if word in _SCALES:
            scale = _SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        elif word in _SMALL:
            current += _SMALL[word]
        else:
            try:
                current += float(word)
            except ValueError:
                return None
    return total + current


def _unit(after: str) -> str | None:
    """Return the noun a number counts: the last noun-like word of the words after it."""
    head = None
    for word in after.split()[:UNIT_WORDS]:
        token = _UNIT.match(word.lower())
        if token is None:
            break
        if token.group(0) in _NOT_UNITS:
            if head is None and token.group(0) in {"more", "other", "new", "extra"}:
                continue
            break
        if token.group(0) in ENGLISH_STOP_WORDS:  # a function word ends the noun phrase
            break
        head = token.group(0)
        if token.end() < len(word):  # punctuation after it ends the phrase
            break
    return head


def _function_word(word: str) -> bool:
    """Return True for a capitalised function word ("The 214-page report"), not a name."""
    return word.strip().lower() in ENGLISH_STOP_WORDS


def _figure(value: float) -> str:
    return f"{value:g}"


def _inside(at: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    index = bisect_right(starts, at) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]

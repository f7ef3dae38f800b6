"""Date contradictions: two articles of one storyline dating the same happening differently.

Two dated sentences from different articles report the same happening when the words right
around their dates name it alike: at least two content words (names of people and places
aside) shared within a few words of each date ("the April 2021 no-confidence vote" and "one
month after this meeting, a no-confidence vote was held"), rare among the storyline's dated
sentences. Their dates contradict when they differ
at the precision both give (2021-04 against 2022-04-10 is compared at the month).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations

from storyline.model import Analysis, Claim, Contradiction, content_id
from storyline.timeline.events import DatedSentence, dated_sentences
from storyline.timeline.sentences import surface_words

# A word names a happening only if it is not everywhere: words around the dates of more than
# half the storyline's dated sentences ("said", the story's own topic word) are background.
# The contested happening itself is often named around several dates (three of eleven in the
# seeds), so the bound must stay well above that.
MAX_TERM_SHARE = 0.5

# Content words two dates' neighbourhoods must share to date one happening.
MIN_SHARED_TERMS = 2

# Dates coarser than a month say too little to contradict anything.
MIN_VALUE_LENGTH = 7  # YYYY-MM


def find_date_contradictions(
    analyses: Sequence[Analysis], storyline_of: dict[str, str | None]
) -> list[Contradiction]:
    """Return the date contradictions within each storyline, one per pair of sentences."""
    by_storyline: dict[str | None, list[DatedSentence]] = defaultdict(list)
    for analysis in analyses:
        if analysis.article.duplicate_of:
            continue  # a copy repeats its original's claims; the original speaks for both
        for dated in dated_sentences(analysis):
            if len(dated.timex.value or "") >= MIN_VALUE_LENGTH:
                by_storyline[storyline_of.get(analysis.article.id)].append(dated)
    found: list[Contradiction] = []
    for storyline, sentences in by_storyline.items():
        frequency: Counter[str] = Counter()
        for dated in sentences:
            frequency.update(dated.near)
        limit = max(2, MAX_TERM_SHARE * len(sentences))
        for a, b in combinations(sentences, 2):
            if a.analysis.article.id == b.analysis.article.id:
                continue
            shared = {t for t in a.near & b.near if frequency[t] <= limit}
            if len(shared) < MIN_SHARED_TERMS:
                continue
            va, vb = a.timex.value or "", b.timex.value or ""
            precision = min(len(va), len(vb))
            if va[:precision] == vb[:precision]:
                continue
            found.append(_contradiction(storyline, a, b, shared))
    return found


def _contradiction(
    storyline: str | None, a: DatedSentence, b: DatedSentence, shared: set[str]
) -> Contradiction:
    claims = [
        Claim(
            article_id=d.analysis.article.id,
            outlet=d.analysis.article.outlet,
            sentence=d.text,
            value=d.timex.value or "",
        )
        for d in (a, b)
    ]
    words = ", ".join(surface_words(a.text, shared))
    explanation = (
        f"Both sentences report the same happening ({words}) but date it differently: "
        f"{claims[0].value} ({_who(a)}) against {claims[1].value} ({_who(b)})."
    )
    return Contradiction(
        id=content_id(
            storyline or "",
            *(f"{c.article_id}:{d.start}:{c.value}" for c, d in zip(claims, (a, b), strict=True)),
            prefix="c",
        ),
        storyline_id=storyline,
        kind="date",
        a=claims[0],
        b=claims[1],
        explanation=explanation,
    )


def _who(dated: DatedSentence) -> str:
    article = dated.analysis.article
    return article.outlet or article.title or article.source.rsplit("/", 1)[-1]

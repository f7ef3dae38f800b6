"""Claims and responses: each allegation in a storyline paired with every answer to it.

An allegation is a statement whose cue accuses ("accuse", "allege", "claim", "blame",
"charge"). A statement answers it when its cue takes a stance (deny, refute, confirm,
support, ...), its speaker is not the claimant, and either
- it denies and its speaker is a party the allegation names (a speaker whose name holds the
  party's name speaks for it: "U.S. State Department" for "U.S."), reported in the same
  article (the article sets them side by side: "Khan alleged ... While the U.S. State
  Department denied ..."), or in another one with a rare content word in common; or
- it shares at least ``MIN_SHARED_TERMS`` content words with the allegation that are rare
  among the storyline's statements (what is denied is what was claimed), in any article.
The same claimant's allegations against the same party, or in the same words, are one claim,
found first where it is earliest reported; the others are its ``repeats``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from storyline.crosscheck.statements import Said, contains_name, names_of
from storyline.model import Allegation, Claim, Contradiction, Response, content_id

# Cues (verb lemmas) that make an allegation.
ALLEGATION_CUES = {"accuse", "allege", "claim", "blame", "charge"}

# Cues that answer one, and the stance each takes.
STANCES = {
    "deny": "denies", "dismiss": "denies", "disavow": "denies", "deflect": "denies",
    "refute": "refutes", "reject": "refutes", "rebut": "refutes", "dispute": "refutes",
    "counter": "refutes", "contradict": "refutes", "debunk": "refutes",
    "confirm": "confirms", "acknowledge": "confirms", "admit": "confirms", "concede": "confirms",
    "corroborate": "confirms", "verify": "confirms",
    "support": "supports", "back": "supports", "endorse": "supports", "echo": "supports",
    "agree": "supports",
}  # fmt: skip
AGAINST = {"denies", "refutes"}

# Content words an answer must share with an allegation when its speaker is not a party the
# allegation names: three, one more than ties two dates to one happening, since statements
# on one story share its title words ("prime minister") without answering each other.
MIN_SHARED_TERMS = 3

# Words in more than this share of a storyline's statements say nothing about which claim.
MAX_TERM_SHARE = 0.3

KNOWN_CUES = ALLEGATION_CUES | set(STANCES)


def find_claims(
    storyline: str | None, said: Sequence[Said], aliases: dict[str, set[str]]
) -> list[Allegation]:
    """Return one storyline's claims, each with its responses in date order."""
    frequency: Counter[str] = Counter()
    for statement in said:
        frequency.update(statement.words)
    limit = max(2, MAX_TERM_SHARE * len(said))
    rare = {id(s): {w for w in s.words if frequency[w] <= limit} for s in said}
    allegations = [s for s in said if s.cue in ALLEGATION_CUES and s.speaker and not _passive(s)]
    answers = [s for s in said if s.cue in STANCES]
    records = []
    for claim in _merged(allegations, rare):
        responses = [a for a in answers if any(_answers(a, c, rare, aliases) for c in claim)]
        if not responses and len(claim) < 2:
            continue  # an allegation no one answered or repeated: kept among the quotes
        if not responses and all(s.cue == "claim" for s in claim):
            # "claims" unanswered is mostly an assertion, not an accusation: "TallGrass claims
            # it is the fastest-growing supplier", repeated by a second outlet (ECB+ dev).
            continue
        records.append(_record(storyline, claim, sorted(responses, key=lambda s: s.order)))
    return sorted(records, key=lambda r: r.id)


# "X is accused of firing ...": X is the accused, not the accuser (the extractor may name X
# as the speaker of the reported words).
_PASSIVE = re.compile(
    r"\b(?:is|was|are|were|been|being|be|stands?|stood)\s+(?:\w+ly\s+)?"
    r"(?:accused|alleged|charged|blamed|claimed)\s*$",
    re.IGNORECASE,
)


def _passive(said: Said) -> bool:
    text = said.analysis.article.text
    return bool(_PASSIVE.search(text[said.start : said.quote.start].rstrip(" ,:of")))


def _merged(allegations: list[Said], rare: dict[int, set[str]]) -> list[list[Said]]:
    """Return the allegations grouped into claims (same claimant, same party or same words)."""
    claims: list[list[Said]] = []
    for said in sorted(allegations, key=lambda s: s.order):
        for claim in claims:
            if claim[0].speaker == said.speaker and any(
                (c.parties & said.parties - {said.speaker})
                or len(rare[id(c)] & rare[id(said)]) >= MIN_SHARED_TERMS
                for c in claim
            ):
                claim.append(said)
                break
        else:
            claims.append([said])
    return claims


def _answers(
    answer: Said, claim: Said, rare: dict[int, set[str]], aliases: dict[str, set[str]]
) -> bool:
    if answer.speaker is not None and answer.speaker == claim.speaker:
        return False  # one's own later word is a shift of position, not an answer
    shared = len(rare[id(answer)] & rare[id(claim)])
    if shared >= MIN_SHARED_TERMS:
        return True
    if STANCES[answer.cue or ""] not in AGAINST:
        return False
    if answer.article_id != claim.article_id and not shared:
        return False
    speaker = answer.speaker or ""
    return any(
        party == speaker or contains_name(speaker, names_of(party, aliases))
        for party in claim.parties
        if party != claim.speaker
    )


def _record(storyline: str | None, claim: list[Said], responses: list[Said]) -> Allegation:
    first = claim[0]
    parts = [f"{first.speaker} {_verb(first.cue)} ({_where(first)})"]
    if len(claim) > 1:
        parts.append(f"repeated in {len({s.article_id for s in claim[1:]})} more article(s)")
    if responses:
        answered = ", ".join(
            f"{r.speaker or 'an unnamed source'} {STANCES[r.cue or '']} it ({_where(r)})"
            for r in responses[:3]
        )
        more = f" and {len(responses) - 3} more" if len(responses) > 3 else ""
        parts.append(f"{answered}{more}")
    else:
        parts.append("no one answered it in these articles")
    return Allegation(
        id=content_id(
            storyline or "", *(f"{s.article_id}:{s.quote.start}" for s in claim), prefix="k"
        ),
        storyline_id=storyline,
        claim=first.statement(),
        responses=[
            Response(
                article_id=r.article_id,
                outlet=r.analysis.article.outlet,
                published=r.analysis.article.published,
                speaker=r.speaker,
                cue=r.cue,
                stance=STANCES[r.cue or ""],
                sentence=r.sentence,
            )
            for r in responses
        ],
        explanation="; ".join(parts) + ".",
        repeats=[s.statement() for s in claim[1:]],
    )


def claim_denials(claims: Sequence[Allegation]) -> list[Contradiction]:
    """Return a ``claim-denial`` contradiction for each claim that someone denies or refutes."""
    found = []
    for record in claims:
        against = [r for r in record.responses if r.stance in AGAINST]
        if not against:
            continue
        statements = [record.claim, *record.repeats]
        side_a = [Claim(s.article_id, s.outlet, s.sentence, s.speaker or "") for s in statements]
        side_b = [Claim(r.article_id, r.outlet, r.sentence, r.speaker or "") for r in against]
        who = ", ".join(dict.fromkeys(r.speaker or "an unnamed source" for r in against))
        found.append(
            Contradiction(
                id=content_id(record.id, prefix="c"),
                storyline_id=record.storyline_id,
                kind="claim-denial",
                a=side_a[0],
                b=side_b[0],
                explanation=f"{record.claim.speaker}'s claim is denied by {who}.",
                a_all=side_a,
                b_all=side_b,
            )
        )
    return found


def _verb(cue: str | None) -> str:
    return {"accuse": "accuses", "allege": "alleges", "claim": "claims", "blame": "blames"}.get(
        cue or "", "charges"
    )


def _where(said: Said) -> str:
    article = said.analysis.article
    name = article.outlet or article.title or article.source.rsplit("/", 1)[-1]
    return f"{name}, {said.date}" if said.date else name

"""Cross-checking: what the articles of one storyline say against each other.

    contradictions (date, number, internal, claim-denial) · claims and their responses
    coverage (outlets × events) · positions (each main actor's statements over time)

Runs after grouping and the timeline, storyline by storyline: the records of the storylines
the given articles belong to are replaced, those of every other storyline kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.crosscheck.claims import KNOWN_CUES, claim_denials, find_claims
from storyline.crosscheck.contradictions import find_contradictions
from storyline.crosscheck.coverage import find_coverage
from storyline.crosscheck.positions import SHIFT_CUES, find_positions
from storyline.crosscheck.statements import said_in
from storyline.model import Analysis, Corpus


def crosscheck(analyses: Sequence[Analysis], corpus: Corpus) -> None:
    """Fill the corpus's contradictions, claims, coverage and positions for these storylines."""
    storyline_of = {p.article_id: p.storyline_id for p in corpus.placements}
    event_of = {p.article_id: p.event_id for p in corpus.placements}
    duplicate_of = {p.article_id: p.duplicate_of for p in corpus.placements}
    aliases: dict[str, set[str]] = defaultdict(set)
    for entity in corpus.entities:
        aliases[entity.name].update(entity.aliases)
    # Every name an entity goes by → its corpus name ("Estcourt" → "Miriam Estcourt").
    # The longest name wins an alias two entities share ("Estcourt" of "Miriam Estcourt").
    by_length = sorted(corpus.entities, key=lambda e: (len(e.name), e.name))
    names = {alias: e.name for e in by_length for alias in e.aliases}
    names.update(corpus.canonical_names)
    by_storyline: dict[str | None, list[Analysis]] = defaultdict(list)
    for analysis in analyses:
        by_storyline[storyline_of.get(analysis.article.id)].append(analysis)
    touched = set(by_storyline)
    corpus.contradictions = [c for c in corpus.contradictions if c.storyline_id not in touched]
    corpus.claims = [c for c in corpus.claims if c.storyline_id not in touched]
    corpus.coverage = [c for c in corpus.coverage if c.storyline_id not in touched]
    corpus.positions = [p for p in corpus.positions if p.storyline_id not in touched]
    cues = KNOWN_CUES | set(SHIFT_CUES)
    for storyline, members in sorted(by_storyline.items(), key=lambda item: item[0] or ""):
        originals = [a for a in members if not duplicate_of.get(a.article.id)]
        said = [s for a in originals for s in said_in(a, corpus.canonical_names, cues)]
        claims = find_claims(storyline, said, aliases)
        corpus.contradictions.extend(find_contradictions(storyline, originals, event_of, names))
        corpus.contradictions.extend(claim_denials(claims))
        corpus.claims.extend(claims)
        corpus.coverage.extend(find_coverage(storyline, members, event_of, duplicate_of))
        corpus.positions.extend(find_positions(storyline, said))

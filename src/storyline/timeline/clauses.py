"""Which happening a date in a sentence dates: the sentence's, or one clause's within it.

"Khan met Putin in Moscow on February 25 ... the last being Nawaz Sharif in April 1999": the
sentence's happening is the meeting, dated by the date hung on its main verb; April 1999 dates
only the clause it sits in (Sharif's visit). The parser's dependency tree tells them apart: a
date belongs to the nearest clause above it (a verb heading an adverbial, relative,
complement or coordinated clause), and only a date whose nearest clause is the main one dates
the whole sentence. The small parser often hangs a date that ends a sentence on the main verb
("..., the last being Sharif in April 1999" → "met ... in April 1999"); a date that follows a
clause of the main verb with no comma between belongs to that clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

from storyline.extract.nlp import parse_sentence

# Dependency labels of a clause inside a sentence (spaCy's English scheme): adverbial
# ("..., the last being Sharif in April 1999"), relative ("which opened in 1987"), clausal
# modifier and complement ("said that it closed in May"), clausal subject, side sentences.
CLAUSE_DEPENDENCIES = {"advcl", "relcl", "acl", "ccomp", "xcomp", "csubj", "parataxis", "conj"}
CLAUSE_HEADS = {"VERB", "AUX"}

# Sentences whose clauses are remembered per process: a storyline's timeline is rebuilt on
# every ingest that touches it, and its sentences with several dates are the same each time.
PARSED_SENTENCES = 8192


def clause_spans(sentence: str, dates: Sequence[int]) -> list[tuple[int, int] | None]:
    """Return, per date (its offset in the sentence), the clause it dates: None for the whole.

    A clause is given as (start, end) offsets in the sentence.
    """
    return list(_clause_spans(sentence, tuple(dates)))


@lru_cache(maxsize=PARSED_SENTENCES)
def _clause_spans(sentence: str, dates: tuple[int, ...]) -> tuple[tuple[int, int] | None, ...]:
    doc = parse_sentence(sentence)
    if not len(doc):
        return tuple(None for _ in dates)
    main = doc[0].sent.root
    spans: list[tuple[int, int] | None] = []
    for offset in dates:
        found = doc.char_span(offset, offset + 1, alignment_mode="expand")
        clause = _clause(found[0], main) if found is not None and len(found) else None
        spans.append(None if clause is None else (clause[0].idx, clause[1].idx + len(clause[1])))
    return tuple(spans)


def _clause(token: Token, main: Token) -> tuple[Token, Token] | None:
    """Return the first and last token of the clause a date token dates (None: the main one)."""
    head = _clause_head(token)
    if head != main:
        return head.left_edge, head.right_edge
    modifier = _child_on_path(token, main)
    before = _clause_ending_before(modifier) if modifier is not None else None
    if modifier is None or before is None:
        return None
    return before.left_edge, modifier.right_edge


def _child_on_path(token: Token, root: Token) -> Token | None:
    """Return the child of ``root`` a token hangs from (None for the root itself)."""
    while token.head != root and token.head != token:
        token = token.head
    return token if token.head == root and token != root else None


def _clause_ending_before(modifier: Token) -> Token | None:
    """Return the clause of the same verb that ends right before a modifier, if one does."""
    for sibling in modifier.head.children:
        if (
            sibling.pos_ in CLAUSE_HEADS
            and sibling.dep_ in CLAUSE_DEPENDENCIES
            and sibling.right_edge.i == modifier.left_edge.i - 1
        ):
            return sibling
    return None


def _clause_head(token: Token) -> Token:
    """Return the head of the nearest clause above a token (its sentence's root at most)."""
    while token.head != token:
        token = token.head
        if token.pos_ in CLAUSE_HEADS and token.dep_ in CLAUSE_DEPENDENCIES:
            return token
    return token

"""Parts of speech, morphology and lemmas from the tagger's tags, remembered per word form.

spaCy's attribute ruler and rule lemmatizer give every token its part of speech, morphology
and lemma from its tag, its lower-case form and its dependency label, through a matcher of 179
patterns and a Python call per token. Measured on 300 ECB+ articles, the two cost 3.6 CPU s,
40% of the NER's own time, although a news corpus holds few distinct (word, tag, label)
triples. This component gives each token exactly what the two would give (the triple decides
it, and a test compares both on real text), computing a triple once and remembering it: on all
772 ECB+ dev articles, 10.3 CPU s for the two → 4.8 s, less as a long ingest goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

# What a token shows to a one-token pattern, by the pattern's attribute name.
TOKEN_VALUES = {
    "LOWER": lambda t: t.lower_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}

# Past this many remembered triples the memory starts again (a corpus holds far fewer).
MAX_REMEMBERED = 500_000

Settled = tuple[int, int, int, int, int]  # pos, morph key, lemma, tag, dep


class TokenAttributes:
    """The attribute ruler's one-token patterns and the lemmatizer, remembered per triple."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        self.vocab = ruler.vocab
        self.lemmatizer = lemmatizer
        # One-token patterns, numbered in the ruler's order (a later one overrides), filed
        # under the plain tag or word they require, so a token tries only those it could match.
        self.filed: dict[tuple[str, Any], list[int]] = {}
        self.single: list[tuple[dict[str, Any], dict[str, Any]]] = []
        self.multi = Matcher(ruler.vocab)
        self.multi_attrs: dict[str, tuple[int, dict[str, Any]]] = {}
        for number, entry in enumerate(cast(list[dict[str, Any]], ruler.patterns)):
            attrs = normalize_token_attrs(ruler.vocab, entry["attrs"])
            patterns = entry["patterns"]
            if all(len(p) == 1 for p in patterns):
                for pattern in patterns:
                    self.filed.setdefault(_filing(pattern[0]), []).append(len(self.single))
                    self.single.append((pattern[0], attrs))
            else:  # "ai n't", "y' all": a few lemmas over two tokens, set after
                self.multi.add(str(number), patterns)
                self.multi_attrs[str(number)] = (entry.get("index", 0), attrs)
        self.settled: dict[tuple[int, int, int], Settled] = {}

    def __call__(self, doc: Doc) -> Doc:
        settled = self.settled
        if len(settled) > MAX_REMEMBERED:
            settled.clear()
        for token in doc:
            key = (token.orth, token.tag, token.dep)
            known = settled.get(key)
            if known is None:
                known = settled[key] = self._settle(token)
            else:
                pos, morph, lemma, tag, dep = known
                if tag != token.tag:
                    token.tag = tag
                if dep != token.dep:
                    token.dep = dep
                token.pos = pos
                token.set_morph(morph)  # type: ignore[attr-defined]  # (not in the stubs)
                token.lemma = lemma
        for match_id, start, _ in self.multi(doc):
            index, attrs = self.multi_attrs[self.vocab.strings[match_id]]
            set_token_attrs(doc[start + index], attrs)
        return doc

    def _settle(self, token: Token) -> Settled:
        """Give one token what the ruler's patterns, then the lemmatizer, would give it."""
        filed = self.filed
        numbers = sorted(
            filed.get(("TAG", token.tag_), [])
            + filed.get(("LOWER", token.lower_), [])
            + filed.get(("", None), [])
        )
        for number in numbers:
            pattern, attrs = self.single[number]
            if all(_matches(TOKEN_VALUES[name](token), want) for name, want in pattern.items()):
                set_token_attrs(token, attrs)
        if self.lemmatizer.overwrite or token.lemma == 0:
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]
        morph: int = token.morph.key  # type: ignore[attr-defined]  # (not in the stubs)
        return (token.pos, morph, token.lemma, token.tag, token.dep)


def _filing(pattern: dict[str, Any]) -> tuple[str, Any]:
    """Return the plain tag or word a one-token pattern requires, else the general file."""
    for name in ("TAG", "LOWER"):
        if isinstance(pattern.get(name), str):
            return (name, pattern[name])
    return ("", None)


def _matches(value: Any, want: Any) -> bool:
    if not isinstance(want, dict):
        return bool(value == want)
    for operator, operand in want.items():
        if operator == "IN" and value not in operand:
            return False
        if operator == "NOT_IN" and value in operand:
            return False
        if operator == "REGEX" and not re.search(operand, value):
            return False
    return True


@Language.factory("storyline_token_attributes")
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """Stand in for the pipeline's attribute ruler and lemmatizer, which must be present."""
    ruler = nlp.get_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(ruler, AttributeRuler) and isinstance(lemmatizer, Lemmatizer)
    return TokenAttributes(ruler, lemmatizer)


def install(nlp: Language, names: Iterable[str] = ("attribute_ruler", "lemmatizer")) -> None:
    """Replace the attribute ruler and the lemmatizer by the remembering component."""
    nlp.add_pipe("storyline_token_attributes", before="attribute_ruler")
    for name in names:
        nlp.disable_pipe(name)

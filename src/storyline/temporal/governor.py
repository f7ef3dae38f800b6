"""The tense of the verb a bare weekday hangs on, read from spaCy's parse of its sentence.

The cue words of ``tense`` find the nearest verb form, not the one the weekday belongs to:
"Smith, who was arrested Saturday, appears in court on Thursday" has "arrested" nearest to
Thursday, but Thursday is an adverbial of "appears". News narrates in the past tense, so a
weekday whose own verb is in the present ("appears", "is expected", "the funeral is") is a
coming day, one in the past tense or the present perfect a past one. Only sentences with a
bare weekday are parsed (tagger and parser of the pipeline the extract stage loads).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only when a sentence is parsed
    from spacy.tokens import Doc, Token

# Modal verbs that put the verb they help in the future.
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
# Past participles that name a plan: "the vote, set for Thursday", "talks, scheduled Monday".
_PLANNED = frozenset({"set", "scheduled", "slated", "planned", "due", "expected"})
# Times of day the tagger may read as verbs ("1:00 am").
_CLOCK_MARKS = frozenset({"am", "pm"})
# Dependency labels that climb from a weekday to the verb it modifies.
# A weekday that modifies a noun ("the Friday afternoon slaying") names an event: no climb.
_CLIMB = frozenset(
    {"pobj", "prep", "pcomp", "npadvmod", "advmod", "appos", "conj", "det", "attr", "acomp"}
)


def governing_tense(sentence: str, start: int, end: int) -> str | None:
    """Return "past" or "future" from the verb governing sentence[start:end], or None.

    ``start``/``end`` index the sentence. None when the parse finds no finite verb for it.
    """
    doc = _parse_sentence(sentence)
    tokens = [token for token in doc if token.idx < end and start < token.idx + len(token)]
    if not tokens:
        return None
    token = tokens[-1]
    for _ in range(6):
        if _is_clock(token) and token.head is not token:
            token = token.head  # "at 08:30 am on Tuesday": a time of day, not the verb "am"
            continue
        if token.tag_.startswith("VB") or token.tag_ == "MD" or token.dep_ == "ROOT":
            break
        if token.dep_ not in _CLIMB or token.head is token:
            return None
        token = token.head
    return _verb_tense(token)


def _parse_sentence(sentence: str) -> Doc:
    from storyline.extract.nlp import parse_sentence  # spaCy loads only when one is parsed

    return parse_sentence(sentence)


def _is_clock(token: Token) -> bool:
    """Return whether a token is the "am"/"pm" of a time of day ("1:00 am")."""
    return (
        token.lower_ in _CLOCK_MARKS
        and token.i > 0
        and any(character.isdigit() for character in token.nbor(-1).text)
    )


def event_tense(sentence: str, start: int, end: int) -> str | None:
    """Return "past" or "future" from the verb whose argument a possessive weekday's event is.

    "Sunday's vote is seen as a test": the vote is the subject of "is seen", a present.
    """
    doc = _parse_sentence(sentence)
    tokens = [token for token in doc if token.idx < end and start < token.idx + len(token)]
    if not tokens or tokens[-1].dep_ != "poss":
        return None
    token = tokens[-1].head
    for _ in range(6):
        if token.tag_.startswith("VB") or token.tag_ == "MD":
            return _verb_tense(token)
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token) -> str | None:
    """Return the tense a verb phrase states: its auxiliaries first, then the verb itself."""
    if not (verb.tag_.startswith("VB") or verb.tag_ == "MD"):
        return None
    helpers = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    for helper in helpers:
        word = helper.lower_
        if helper.tag_ == "MD":
            return "future" if word in _FUTURE_MODALS else None
        if helper.tag_ == "VBD" or helper.lemma_ == "have" or word in ("has", "have", "had"):
            return "past"  # "was arrested", "has been held since Monday"
    if any(helper.tag_ in ("VBZ", "VBP") for helper in helpers):
        return "future"  # "is expected Friday", "are leaving Monday"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "future"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head is not verb:
        return _verb_tense(verb.head)  # "plan to march Saturday", "refused to meet Tuesday"
    if verb.tag_ == "VBN" and not helpers and verb.dep_ in ("acl", "relcl", "advcl"):
        # "the results, released Tuesday"; but "the vote, set for Thursday" is a plan
        return "future" if verb.lower_ in _PLANNED else "past"
    return None

"""Speakers: who speaks through a reporting verb, resolved to a name within the article.

The speaker is the subject of the cue verb in the parse ("..., Lu responded"; "said Harbour
Authority chief Jana Okoro"); for "quote" the object speaks ("news agency PTI quoted ...
Maria Zakharova"), and for "was quoted ... as saying" its subject. The words found are then
resolved: a PERSON mention in the subject phrase (not a possessor: "Lohan's rep" is not
Lohan), an entity that is the head itself ("PTI said"), an organization speaking through its
officials or its statement ("PTI officials", "a Defence Ministry statement"); pronouns, roles
and descriptions go to ``coref.py``.

Headings and photo credits are never speakers: only a verb's subject or object is taken.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.extract.coref import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PRONOUNS,
    ArticleSpeakers,
    group_antecedent,
    name_span,
    organization_named,
    person_antecedent,
    role_holder,
    unrecognized_name,
)

# Head nouns that stand for an organization speaking ("the company said", "the committee
# said"): resolved to the organization the article last named before the quote.
ORGANIZATION_NOUNS = {
    "company", "firm", "group", "committee", "board", "council", "ministry", "department",
    "agency", "organization", "organisation", "government", "party", "union", "club", "team",
    "statement", "office", "authority", "commission", "police", "army", "military", "court",
    "administration", "network", "studio", "hospital", "school", "university", "church",
    "newspaper", "paper", "daily", "channel", "station", "league", "association", "bank",
    "giant", "maker", "carrier", "operator", "retailer", "chain", "manufacturer", "provider",
}  # fmt: skip

# Organizations a plural description speaks for ("PTI officials", "Velmar managers"); places
# are left out: "US officials" are not the United States speaking.
SPEAKING_FOR_TYPES = {"ORG"}

# Nouns through which an organization named with them speaks ("a Defence Ministry statement
# said", "a Waitrose spokesman said").
VOICE_NOUNS = {"statement", "spokesman", "spokeswoman", "spokesperson", "release", "official",
               "representative", "source", "website", "report", "message", "recording",
               "announcement", "bulletin", "toll", "tally", "notice", "memo", "editorial",
               "column", "article", "commentary"}  # fmt: skip

# How many tokens back "the statement" looks for the statement it names again.
EARLIER_SOURCE_REACH = 400

# Prepositions that name where a statement comes from ("a statement from Waitrose", "a toll
# released by France Telecom"); a published piece's source is also what it is "in" ("an
# editorial in the daily Eleftheros Typos"; not "a statement in Washington").
SOURCE_PREPOSITIONS = {"from", "by"}
PUBLISHED_NOUNS = {"editorial", "column", "article", "commentary"}


@dataclass
class Speaker:
    """A speaker found for a cue: the words in the text and the name they resolve to."""

    mention: str
    name: str | None
    is_person: bool | None = None


def speaker_token(verb: Token) -> Token | None:
    """Return the head token of who speaks through a reporting verb."""
    children = list(verb.children)
    if verb.lower_ == "according":
        # "according to the Los Angeles Times, ...": the object of "to" speaks.
        to = next((c for c in children if c.lower_ == "to"), None)
        sources = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        return sources[0] if sources else None
    if verb.lemma_.lower() == "quote":
        objects = [c for c in children if c.dep_ in ("dobj", "obj")]
        if objects:
            return objects[0]
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and subjects[0].dep_ == "nsubjpass" and verb.lemma_.lower() == "quote":
        return subjects[0]  # "Ali Naghavi was quoted by IRNA as saying": Naghavi speaks
    if subjects and subjects[0].dep_ == "nsubjpass":
        # "..., was quoted as saying" / "is said": the agent speaks, where given.
        agents = [g for c in children if c.dep_ == "agent" for g in c.children]
        return agents[0] if agents else subjects[0]
    if subjects and subjects[0].tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        # "Nichols, who argued he was insane": the relative pronoun is the noun it hangs on.
        return verb.head
    if subjects:
        return subjects[0]
    content_after = any(c.dep_ == "ccomp" and c.i > verb.i for c in children)
    before = [c for c in children if c.i < verb.i and c.dep_ in ("advcl", "ccomp")]
    for clause in (c for c in before if c.dep_ == "advcl" or content_after):
        # "Linebacker Mike Peterson, probably playing his final game, said ...": the parser
        # gave the subject to the participle between them.
        inner = [c for c in clause.children if c.dep_ == "nsubj"]
        if inner:
            return inner[0]
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a studio saying there's no news": the studio speaks
    if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp") and verb.head is not verb:
        return speaker_token(verb.head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return speaker_token(verb.head.head)  # "quoted ... as saying": who was quoted
    return _name_after(verb)


def _name_after(verb: Token) -> Token | None:
    """Return the name right after an inverted cue the parse gave no subject ("...," said Ron
    Howard, the former actor ...: the parser hung the name on a later clause)."""
    following = verb.doc[verb.i + 1 : verb.i + 2]
    if not following or following[0].pos_ != "PROPN":
        return None
    token = following[0]
    while token.dep_ in ("compound", "flat") and token.head.i > token.i:
        token = token.head
    name = verb.doc[verb.i + 1 : token.i + 1]
    return token if all(t.pos_ == "PROPN" or t.is_punct for t in name) else None


def resolve(token: Token, article: ArticleSpeakers) -> Speaker:
    """Return the speaker a subject token stands for, resolved as far as the article allows."""
    span = name_span(token)
    owner = _possessor_end(token)
    inside = [
        m
        for m in article.mentions
        if m.start < span.end_char and m.end > span.start_char and m.end > owner
    ]
    people = [m for m in inside if m.type == "PERSON"]
    if people and token.lemma_.lower() not in ORGANIZATION_NOUNS:
        # The name is the speaker ("Interior Secretary Dirk Kempthorne"), not when it only
        # qualifies an organization ("the Obama administration said"). Where the NER cut the
        # name short ("Team spokesman [Tim] Mead"), the proper nouns up to the head are it.
        covering = [m for m in people if m.start <= token.idx < m.end]
        whole = unrecognized_name(token, article) if token.pos_ == "PROPN" else None
        if whole and not any(whole.startswith(m.text) for m in people):
            whole = None  # only a name the NER cut short, not a title after it
        name = covering[-1].name if covering else whole or people[-1].name
        return Speaker(span.text, name, True)
    heading = [m for m in inside if m.start <= token.idx < m.end]
    if heading:
        # The head word is the entity ("PTI said", "the White House said"); an entity only
        # inside a description ("the influential US daily") is not the speaker.
        return Speaker(span.text, heading[-1].name, heading[-1].type == "PERSON")
    if token.lemma_.lower() in VOICE_NOUNS:
        # "A statement from Waitrose said", "a toll released by France Telecom said": the
        # source named after the noun speaks.
        source = _source_of(token, article)
        if source is None and any(c.lower_ == "the" for c in token.children):
            source = _earlier_source(token, article)
        if source is not None:
            return Speaker(span.text, source, None)
    speaking_for = [m for m in inside if m.type in SPEAKING_FOR_TYPES]
    if speaking_for and (token.tag_ == "NNS" or token.lemma_.lower() in VOICE_NOUNS):
        # "PTI officials urged", "a Defence Ministry statement said": the organization speaks.
        return Speaker(span.text, speaking_for[-1].name, False)
    if token.pos_ == "PROPN" and not inside:
        unseen = unrecognized_name(token, article)
        if unseen is not None:
            return Speaker(span.text, unseen, True)
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        return Speaker(token.text, person_antecedent(token, article), True)
    if lower in GROUP_PRONOUNS:
        return Speaker(token.text, group_antecedent(token, article), None)
    noun = token.lemma_.lower()
    if noun in ORGANIZATION_NOUNS and not token.ent_type_ and token.tag_ == "NN":
        return Speaker(span.text, organization_named(token, article), False)
    role = role_holder(token, span, article)
    return Speaker(span.text, role, True if role else None)


def _source_of(token: Token, article: ArticleSpeakers) -> str | None:
    """Return the entity a statement or report comes from ("from Waitrose", "by ITV")."""
    for word in token.subtree:
        published = token.lemma_.lower() in PUBLISHED_NOUNS
        if (
            word.lower_ in SOURCE_PREPOSITIONS or (published and word.lower_ == "in")
        ) and word.head.i in (
            token.i,
            *[c.i for c in token.children],
        ):
            objects = [c for c in word.children if c.dep_ == "pobj"]
            if objects:
                target = objects[0]
                low = target.left_edge.idx
                high = target.right_edge.idx + len(target.right_edge)
                named = [m for m in article.mentions if low <= m.start and m.end <= high]
                if named:
                    return named[-1].name
    return None


def _earlier_source(token: Token, article: ArticleSpeakers) -> str | None:
    """Return who "the statement"/"the report" came from: the source of the last statement or
    report before it ("a Defence Ministry statement said ... The statement said"), or the
    subject of the last "reported" ("Iranian television reported ... The report said")."""
    noun = token.lemma_.lower()
    for word in reversed(token.doc[max(0, token.i - EARLIER_SOURCE_REACH) : token.i]):
        if word.lemma_.lower() != noun:
            continue
        if word.pos_ == "NOUN" and word.dep_ in ("nsubj", "nsubjpass"):
            earlier = resolve(word, article)
            if earlier.name:
                return earlier.name
        if word.pos_ == "VERB":
            subject = speaker_token(word)
            if subject is not None:
                earlier = resolve(subject, article)
                if earlier.name:
                    return earlier.name
    return None


def _possessor_end(token: Token) -> int:
    """Return where a possessor in front of a head noun ends ("Lohan's rep" → after "'s"), or
    -1: the possessor names whom the speaker works for, not the speaker."""
    owners = [c for c in token.children if c.dep_ == "poss" and c.i < token.i]
    if not owners or owners[0].lower_ in PRONOUNS | {"his", "its", "their", "our", "my"}:
        return -1
    last = max(t.i for t in owners[0].subtree)
    return token.doc[last].idx + len(token.doc[last])

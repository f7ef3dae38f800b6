"""Coreference inside one article, of our own: who a pronoun, a role or a description is.

coreferee is not used: it needs a larger model than the packaged one and pins an older spaCy;
this resolver works on the parse and the entity mentions the stage already has.

- a pronoun, by agreement: he/she to a person (the main subject of an earlier sentence, pronoun
  subjects on the way passed over; else the one person such a sentence names; else the last
  speaker of the same gender; else the last person named), it/they/we to the organization that
  spoke or was named last;
- a description ("the mayor", "the sheriff"): to the person the article names with that role
  as a title ("Sheriff Robert Pickell") or an appositive ("Pickell, the county sheriff");
- an organization noun ("the ministry", "the company", "the newspaper"): to the organization
  named with that noun, the article's main company, or the outlet named last;
- a proper noun the NER missed: a surname to the full name, else its run of proper nouns.
Gender comes from titles before a name and the pronouns that follow it in its sentence, and,
where the article shows none, from the given name (a table of names that almost always carry
one gender, built by scripts/build_given_names.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from storyline.extract.entities import TITLE_WORDS
from storyline.extract.nlp import doc_text
from storyline.model import Mention

# Dependency labels of the words that form a speaker's name with its head noun.
NAME_PARTS = {"compound", "flat", "amod", "nmod", "poss", "case", "det", "nummod"}

# Pronouns that can speak, by the kind of antecedent they agree with.
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "i": None}
GROUP_PRONOUNS = {"it", "they", "we"}
PRONOUNS = set(PERSON_PRONOUNS) | GROUP_PRONOUNS

# Titles before a name that tell a person's gender, for pronoun agreement ("Mrs Ade").
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother", "son"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "lady", "queen", "princess", "sister"}

# Pronouns after a person's name in the same sentence that tell the gender ("Page avoided
# the camera after her modeling years").
MALE_PRONOUNS = {"he", "his", "him", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}

# What the given name weighs against the article's own evidence (a title 2, a pronoun 1).
GIVEN_NAME_VOTES = 1.5


# How many sentences back a pronoun looks for a main-clause subject that names its person
# (a pronoun subject on the way is the same person and is passed over).
SUBJECT_REACH = 4

# Company-like nouns that stand for the article's main organization ("the company said",
# "the software giant said") even where the organization's name does not hold the noun.
COMPANY_NOUNS = {"company", "firm", "giant", "maker", "carrier", "operator", "retailer",
                 "chain", "manufacturer", "group", "studio", "network", "provider"}  # fmt: skip


# Nouns for a news outlet ("the newspaper said", "the agency added"): the organization named
# last before them.
OUTLET_NOUNS = {"newspaper", "paper", "agency", "magazine", "daily", "broadcaster", "channel",
                "network", "station", "website", "tabloid", "weekly"}  # fmt: skip

# How many words before a name its title may stand, with no punctuation in between
# ("businessman and blogger Andrew Halcro").
TITLE_REACH_WORDS = 3

# How many characters a title or appositive may sit from the name it describes
# ("Sheriff Robert J. Pickell"; "Robert J. Pickell, the county sheriff").
ROLE_REACH_CHARS = 40


@dataclass
class ArticleSpeakers:
    """What the resolver knows of one article: its mentions, sentences and speakers so far."""

    mentions: list[Mention]
    sentences: list[Span]
    genders: dict[str, str] = field(default_factory=dict)
    spoken: list[tuple[int, str]] = field(default_factory=list)  # (char offset, name) in order
    # Spans of quoted words: names inside a quote are not antecedents of its speaker.
    quoted: list[tuple[int, int]] = field(default_factory=list)
    # Where the quote being attributed begins: a pronoun after a quote of several
    # paragraphs ("...,” he said) looks back from the quote's first words, not from itself.
    anchor: int | None = None

    def __post_init__(self) -> None:
        self.sentence_starts = [s.start for s in self.sentences]
        self.genders = _genders(self.mentions, self.sentences)

    def note(self, offset: int, name: str | None) -> None:
        """Record that ``name`` spoke at ``offset`` (pronouns later may point back to it)."""
        if name:
            self.spoken.append((offset, name))


def name_span(token: Token) -> Span:
    """Return the words naming a speaker: the head with its compounds and name parts.

    Only the chain of name words that hang on the head is taken ("Russian foreign ministry
    spokesperson Maria Zakharova"), not a relative clause; an appositive name is taken instead
    of a description ("a local journalist, Alireza K." → the name).
    """
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and token.pos_ == "NOUN":
            token = child
            break
    parts = [token]
    frontier = [token]
    while frontier:
        word = frontier.pop()
        for child in word.children:
            if child.dep_ in NAME_PARTS and child.i < token.i + 6:
                parts.append(child)
                frontier.append(child)
    start = min(t.i for t in parts)
    end = max(t.i for t in parts) + 1
    doc = token.doc
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "case"):
        start += 1
    return doc[start:end]


def person_antecedent(pronoun: Token, article: ArticleSpeakers) -> str | None:
    """Return the person a he/she/I speaker refers to, by gender agreement and role.

    The main subject of an earlier sentence wins ("Khan claimed that Lu warned the envoy ...
    He said": Khan, not Lu; pronoun subjects on the way are passed over), then the last
    speaker of the same gender ("'...,' Warren said. ... 'No,' she added"), then the last
    person named of that gender.
    """
    gender = PERSON_PRONOUNS.get(pronoun.lower_)
    limit = min(pronoun.idx, article.anchor if article.anchor is not None else pronoun.idx)
    before = [
        m
        for m in article.mentions
        if m.type == "PERSON"
        and m.end <= limit
        and not any(start <= m.start < end for start, end in article.quoted)
    ]

    def agrees(name: str) -> bool:
        known = article.genders.get(name) or given_name_gender(name)
        return gender is None or known is None or known == gender

    here = bisect_right(article.sentence_starts, pronoun.i) - 1
    if limit < pronoun.idx:
        start = pronoun.doc.char_span(limit, limit + 1, alignment_mode="expand")
        if start is not None:
            here = min(here, bisect_right(article.sentence_starts, start.start) - 1)
    # The sentence of the quote's start counts too: its subject may name the speaker before
    # the quote opens ("Garcia threw it away. “As I ...”" parsed as one sentence).
    for sentence in reversed(article.sentences[max(here - SUBJECT_REACH, 0) : max(here + 1, 0)]):
        subjects = [
            t
            for t in sentence.root.children
            if t.dep_ in ("nsubj", "nsubjpass") and t.idx < limit and t is not pronoun
        ]
        for subject in subjects:
            span = name_span(subject)
            hits = [m for m in before if m.start < span.end_char and m.end > span.start_char]
            if hits and agrees(hits[-1].name):
                return hits[-1].name
            if not hits and subject.pos_ == "PROPN":
                unseen = unrecognized_name(subject, article)
                if unseen is not None and agrees(unseen):
                    return unseen
        source = _according_to(sentence, before) if not subjects else None
        if source is not None and agrees(source):
            # A sentence the parse gives no subject, sourced to a person ("According to Alan
            # Mauldin, ... are likely ... '...,' he said").
            return source
        if any(s.lower_ not in PRONOUNS and s.pos_ != "PRON" for s in subjects):
            # The main subject is no one named: the one person the sentence names, if only
            # one ("A big reason why was Quinn, who was 10 of 22. '...,' he said").
            named = {m.name for m in before if sentence.start_char <= m.start < sentence.end_char}
            if len(named) == 1 and agrees(next(iter(named))):
                return named.pop()
            break  # look no further back for it
    for offset, name in reversed(article.spoken):
        if offset < pronoun.idx and agrees(name) and _is_person(name, article):
            return name
    for mention in reversed(before):
        if agrees(mention.name):
            return mention.name
    return None


def _according_to(sentence: Span, before: list[Mention]) -> str | None:
    """Return the person a sentence is sourced to ("According to Alan Mauldin, ..."), if one."""
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end:
            objects = [t for t in token.doc[token.i + 1].children if t.dep_ == "pobj"]
            for head in objects:
                span = name_span(head)
                hits = [m for m in before if m.start < span.end_char and m.end > span.start_char]
                if hits:
                    return hits[0].name
    return None


def unrecognized_name(token: Token, article: ArticleSpeakers) -> str | None:
    """Return the name of a proper-noun subject the NER did not see as an entity.

    A surname alone ("Page avoided the camera") is the person the article named in full; a
    full name ("Qeshm island governor Heydar Alishbandi told AFP") is its run of proper nouns.
    """
    named = {
        m.name for m in article.mentions if m.type == "PERSON" and token.text in m.name.split()
    }
    if len(named) == 1:
        return named.pop()
    run = [token]
    for word in reversed(token.doc[max(token.i - 3, 0) : token.i]):
        if word.pos_ != "PROPN" or word.dep_ != "compound" or word.lower_ in TITLE_WORDS:
            break
        run.insert(0, word)
    if len(run) < 2:
        return None  # one capitalized word ("Colts", "Police") is no one's name
    return " ".join(w.text for w in run)


def _is_person(name: str, article: ArticleSpeakers) -> bool:
    return any(m.name == name and m.type == "PERSON" for m in article.mentions)


def group_antecedent(pronoun: Token, article: ArticleSpeakers) -> str | None:
    """Return the organization an it/they/we speaker stands for: the last one named before."""
    here = bisect_right(article.sentence_starts, pronoun.i) - 1
    recent_start = article.sentences[max(here - 3, 0)].start_char if article.sentences else 0
    for offset, name in reversed(article.spoken):
        if recent_start <= offset < pronoun.idx and not _is_person(name, article):
            return name
    return _organization_before(pronoun, article)


def _organization_before(token: Token, article: ArticleSpeakers) -> str | None:
    orgs = [m for m in article.mentions if m.type in ("ORG",) and m.end <= token.idx]
    return orgs[-1].name if orgs else None


def organization_named(token: Token, article: ArticleSpeakers) -> str | None:
    """Return the organization "the ministry"/"the company" stands for, where the article says.

    An organization named before with the noun in its name ("the Defence Ministry" for "the
    ministry"); for a company-like noun, the organization the article names most before it
    (the article's subject company). "the police" or "a statement" stay descriptions.
    """
    noun = token.lemma_.lower()
    before = [m for m in article.mentions if m.type == "ORG" and m.end <= token.idx]
    own = [m for m in before if noun in m.name.lower().split()]
    if own:
        return own[-1].name
    if noun in OUTLET_NOUNS and before:
        # "the agency added": the organization named with that noun as its title ("state
        # news agency MENA"), else the one the article just named.
        text = doc_text(token.doc)
        titled = [
            m for m in before if noun in text[max(0, m.start - 30) : m.start].lower().split()[-3:]
        ]
        return (titled or before)[-1].name
    if noun not in COMPANY_NOUNS or not before:
        return None
    counts: dict[str, int] = {}
    for mention in before:
        counts[mention.name] = counts.get(mention.name, 0) + 1
    return max(reversed(list(counts)), key=lambda name: counts[name])


def role_holder(token: Token, phrase: Span, article: ArticleSpeakers) -> str | None:
    """Return the person the article names with a description's head noun as their role.

    "the sheriff said" → "Sheriff Robert J. Pickell" or "Pickell, the county sheriff"
    anywhere in the article; the one nearest before the quote wins.
    """
    if token.tag_ != "NN" or not _definite(token):
        return None  # "officials", "a bystander": nobody the article names
    role = token.lower_
    text = doc_text(token.doc)
    holders: list[tuple[int, str]] = []
    for mention in article.mentions:
        if mention.type != "PERSON":
            continue
        title = text[max(0, mention.start - ROLE_REACH_CHARS) : mention.start].split()
        after = text[mention.end : mention.end + ROLE_REACH_CHARS].lower()
        # "Judge James Bodiford", "businessman and blogger Andrew Halcro"; not "Judge Rowland
        # Barnes, Brandau", nor "the judge said.\n\nNichols".
        near = [w.lower() for w in title[-TITLE_REACH_WORDS:]]
        titled = role in near and _joins_name(title[-TITLE_REACH_WORDS:][near.index(role) :])
        apposed = re.match(rf"\s*,\s+(?:[\w’'.-]+\s+){{0,4}}{re.escape(role)}\b", after)
        if apposed and mention.end + apposed.end() == token.idx + len(token.text):
            apposed = None  # "... of Wasilla, the church's minister said": our own words
        outside = mention.end <= phrase.start_char or mention.start >= phrase.end_char
        if (titled or apposed) and outside:  # "Vale's spokesman" is not Vale
            holders.append((mention.start, mention.name))
    if not holders:
        return _titled_name(token, role)
    # A holder who has spoken already is the likelier speaker ("Judge Bodiford ... said" over
    # "Judge Barnes", whom the article names as a victim); then the nearest before.
    spoke = {name for _, name in article.spoken}
    earlier = [h for h in holders if h[0] < token.idx]
    speaking = [h for h in earlier if h[1] in spoke]
    return (speaking[-1] if speaking else earlier[-1] if earlier else holders[0])[1]


def _joins_name(words: list[str]) -> bool:
    """Return whether a role word and the words after it run straight into a name: no clause
    or sentence ends between them ("businessman and blogger Andrew Halcro", "spokesman Sgt.
    John Lee"; not "the judge said.\n\nNichols", nor "Judge Rowland Barnes, Brandau")."""
    for word in words:
        abbreviation = word[:1].isupper() and len(word) <= 4
        if word[-1] in ',;:!?"”' or (word[-1] == "." and not abbreviation):
            return False
    return True


def _titled_name(token: Token, role: str) -> str | None:
    """Return a name the article gives with the role as its title where the NER saw no person
    ("Qeshm Governor Mehdi Irannejad said" → "Mehdi Irannejad" for "the governor")."""
    found: str | None = None
    for word in token.doc[: token.i]:
        if word.lower_ != role or word.dep_ != "compound" or word.head.pos_ != "PROPN":
            continue
        head = word.head
        names = [t for t in head.children if t.dep_ == "compound" and t.i > word.i] + [head]
        if all(t.pos_ == "PROPN" for t in names):
            found = " ".join(t.text for t in sorted(names, key=lambda t: t.i))
    return found


def _definite(token: Token) -> bool:
    """Return whether a noun is definite ("the sheriff", "the city's mayor"), or a bare title."""
    return any(c.lower_ == "the" or c.dep_ == "poss" for c in token.children) or not any(
        c.dep_ == "det" for c in token.children
    )


def _genders(mentions: list[Mention], sentences: list[Span]) -> dict[str, str]:
    """Return the gender the article shows for each person: a title, or the pronoun after.

    "Mrs Ade" is f; a person named as a sentence's subject and followed by "his"/"he" in the
    same or the next sentence is m. Evidence is counted and the majority kept; the given name
    counts as much as one pronoun and a half, so it settles a person the article leaves open.
    """
    votes: dict[str, dict[str, float]] = {}
    starts = [s.start_char for s in sentences]
    for mention in mentions:
        if mention.type != "PERSON" or not sentences:
            continue
        index = bisect_right(starts, mention.start) - 1
        sentence = sentences[max(index, 0)]
        doc = sentence.doc
        before = doc_text(doc)[max(0, mention.start - 8) : mention.start].lower().split()
        if mention.name not in votes:
            votes[mention.name] = {"m": 0.0, "f": 0.0}
            prior = given_name_gender(mention.name)
            if prior:
                votes[mention.name][prior] += GIVEN_NAME_VOTES
        tally = votes[mention.name]
        if before and before[-1] in MALE_TITLES:
            tally["m"] += 2
        if before and before[-1] in FEMALE_TITLES:
            tally["f"] += 2
        following = [t for t in sentence if t.idx >= mention.end][:12]
        for word in following:
            if word.lower_ in MALE_PRONOUNS:
                tally["m"] += 1
                break
            if word.lower_ in FEMALE_PRONOUNS:
                tally["f"] += 1
                break
    return {
        name: ("m" if t["m"] > t["f"] else "f") for name, t in votes.items() if t["m"] != t["f"]
    }


def given_name_gender(name: str) -> str | None:
    """Return the gender a person's given name almost always carries ("Dominic Mangoni": m).

    The given name is the first word of a name of two words or more that the table knows, titles
    passed over ("Homicide Detective Dominic Mangoni"); a lone surname ("Henry") tells nothing.
    """
    words = name.split()
    for word in words[:-1]:
        gender = _given_names().get(word.lower())
        if gender:
            return gender
    return None


@cache
def _given_names() -> dict[str, str]:
    text = resources.files("storyline.extract").joinpath("models/given_names.txt").read_text()
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))

"""Quotes of one article: direct quotes in quotation marks and indirect (reported) speech.

Direct quotes are found by pairing quotation marks within a paragraph, tolerating what
scrapers and careless editors leave: mixed curly and straight marks, a closing mark with no
opening one (the quote then starts at the paragraph), an opening mark that is never closed
before the next quote opens. The speaker is the subject of the reporting verb of the quote's
sentence ("..., Lu responded"; "said Harbour Authority chief Jana Okoro"; "news agency PTI
quoted ... Maria Zakharova"); a pronoun speaker is the last person named before it. Indirect
speech is a reporting verb with a clausal complement ("Asif stressed that ...").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.model import Mention, Quote

# Quoted stretches shorter than this are scare quotes or titles ("threatened", "proper
# engagement", "Secret"), not things a person said.
MIN_QUOTE_WORDS = 4

# Verbs that report speech (lemmas). "quote" is special: its subject relays, its object speaks.
REPORTING_VERBS = {
    "say", "tell", "state", "add", "respond", "reply", "claim", "allege", "stress", "insist",
    "argue", "warn", "urge", "note", "explain", "write", "declare", "announce", "assert",
    "maintain", "point", "deny", "admit", "acknowledge", "confirm", "suggest", "accuse",
    "complain", "remark", "ask", "demand", "predict", "promise", "vow", "threaten", "quote",
    "describe", "call", "emphasize", "emphasise", "observe", "recall", "tweet", "post",
    "indicate", "reiterate", "conclude", "contend", "counter", "concede", "caution",
}  # fmt: skip

# Verbs that report speech only when they take a clause ("He stressed that ..."): for indirect
# speech we accept these and "say"-like verbs.
INDIRECT_VERBS = REPORTING_VERBS - {"call", "describe", "ask", "quote", "post"}

# Dependency labels of the words that form a speaker's name with its head noun.
_NAME_PARTS = {"compound", "flat", "amod", "nmod", "poss", "case"}

_OPEN_MARKS = "“«"
_CLOSE_MARKS = "”»"
_STRAIGHT = '"'
_PRONOUNS = {"he", "she", "him", "her", "they", "i", "we"}

# Relays named around a quote: "as quoted by The Intercept", "The Intercept reported",
# "news agency PTI quoted", "told Reuters".
_NAME = r"(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}"
_VIA = (
    re.compile(rf"\bquoted\s+by\s+(?:the\s+)?(?P<name>{_NAME})"),
    re.compile(rf"(?:^|,\s*)(?P<name>{_NAME})\s+reported\b"),
    re.compile(rf"\b(?:news\s+agency|agency|wire\s+service)\s+(?P<name>{_NAME})\s+quoted\b"),
    re.compile(rf"\b(?:told|according\s+to)\s+(?:the\s+)?(?P<name>{_NAME})"),
)


@dataclass
class _Span:
    start: int  # offsets of the quoted words, marks excluded
    end: int


def quotes(doc: Doc, mentions: list[Mention], article_id: str) -> list[Quote]:
    """Return the direct and indirect quotes of a parsed article, in text order."""
    text = doc.text
    sentences = list(doc.sents)  # doc.sents is rebuilt on every access: take it once
    found: list[Quote] = []
    previous_speaker: tuple[str | None, str | None] = (None, None)
    direct_spans = list(_direct_spans(text))
    for index, span in enumerate(direct_spans):
        words = text[span.start : span.end].split()
        if len(words) < MIN_QUOTE_WORDS:
            continue
        quote = _attribute(doc, sentences, span, mentions, article_id)
        if quote.speaker_mention is None:
            # No cue in its own sentence: the next quote of the paragraph, or the speaker of
            # the quote before it, speaks ("...moved past that. In an interview, he stated, "...")
            following = direct_spans[index + 1] if index + 1 < len(direct_spans) else None
            if following and "\n" not in text[span.end : following.start]:
                nxt = _attribute(doc, sentences, following, mentions, article_id)
                quote.speaker, quote.speaker_mention, quote.cue = (
                    nxt.speaker,
                    nxt.speaker_mention,
                    nxt.cue,
                )
            else:
                quote.speaker, quote.speaker_mention = previous_speaker
        previous_speaker = (quote.speaker, quote.speaker_mention)
        found.append(quote)
    kept = [_Span(q.start, q.end) for q in found]
    found.extend(_indirect(doc, sentences, mentions, article_id, kept))
    return sorted(found, key=lambda q: q.start)


def _direct_spans(text: str) -> Iterator[_Span]:
    """Yield the spans of quoted words, paragraph by paragraph."""
    offset = 0
    for paragraph in text.split("\n"):
        yield from (_Span(offset + s.start, offset + s.end) for s in _paragraph_spans(paragraph))
        offset += len(paragraph) + 1


def _paragraph_spans(paragraph: str) -> Iterator[_Span]:
    opened: int | None = None
    for i, char in enumerate(paragraph):
        role = _mark_role(paragraph, i, char)
        if role == "open":
            if opened is not None:
                # An unclosed quote: it ends with the last sentence before this one begins.
                cut = _sentence_start(paragraph, i)
                if cut > opened:
                    yield _trimmed(paragraph, opened, cut)
            opened = i + 1
        elif role == "close":
            start = 0 if opened is None else opened
            yield _trimmed(paragraph, start, i)
            opened = None
    if opened is not None:
        yield _trimmed(paragraph, opened, len(paragraph))


def _mark_role(paragraph: str, i: int, char: str) -> str | None:
    if char in _OPEN_MARKS:
        return "open"
    if char in _CLOSE_MARKS:
        return "close"
    if char != _STRAIGHT:
        return None
    before = paragraph[i - 1] if i else " "
    return "open" if before.isspace() or before in "([—–-:" or i == 0 else "close"


def _sentence_start(paragraph: str, before: int) -> int:
    """Return where the sentence holding position ``before`` starts (after '. ')."""
    cut = max(paragraph.rfind(". ", 0, before), paragraph.rfind("? ", 0, before))
    return cut + 1 if cut != -1 else 0


def _trimmed(paragraph: str, start: int, end: int) -> _Span:
    chunk = paragraph[start:end]
    left = len(chunk) - len(chunk.lstrip())
    stripped = chunk.rstrip().rstrip(",").rstrip()
    return _Span(start + left, start + len(stripped))


def _attribute(
    doc: Doc, all_sentences: list[Span], span: _Span, mentions: list[Mention], article_id: str
) -> Quote:
    """Return the direct quote of a span with its speaker, cue and relay, where the text says."""
    quote = Quote(article_id, doc.text[span.start : span.end], "direct", span.start, span.end)
    sentences = [s for s in all_sentences if s.end_char > span.start and s.start_char < span.end]
    verb = _reporting_verb(sentences, span)
    outside = _outside_text(doc.text, sentences, span)
    quote.via = _via(outside)
    if verb is None:
        return quote
    quote.cue = verb.text
    speaker_token = _speaker_token(verb)
    if speaker_token is None:
        return quote
    mention_span = _name_span(speaker_token)
    quote.speaker_mention = mention_span.text
    quote.speaker = _resolve(mention_span, speaker_token, mentions, all_sentences)
    return quote


def _reporting_verb(sentences: list[Span], span: _Span) -> Token | None:
    """Return the reporting verb outside the quote nearest to it, within its sentences."""
    candidates = [
        token
        for sentence in sentences
        for token in sentence
        if token.lemma_.lower() in REPORTING_VERBS
        and token.pos_ in ("VERB", "AUX")
        and not (span.start <= token.idx < span.end)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))


def _speaker_token(verb: Token) -> Token | None:
    """Return the head token of who speaks through a reporting verb."""
    children = list(verb.children)
    if verb.lemma_.lower() == "quote":
        # "news agency PTI quoted Russian ... Maria Zakharova": the object speaks;
        # "Khan said as quoted by The Intercept": the verb is not the cue.
        objects = [c for c in children if c.dep_ in ("dobj", "obj")]
        if objects:
            return objects[0]
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return subjects[0]
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head is not verb:
        return _speaker_token(verb.head)
    return None


def _name_span(token: Token) -> Span:
    """Return the words naming a speaker: the head with its compounds and name parts.

    Only the chain of name words that hang on the head is taken ("Russian foreign ministry
    spokesperson Maria Zakharova"), not an appositive ("Tyler Besecker, president of ...").
    """
    parts = [token]
    frontier = [token]
    while frontier:
        word = frontier.pop()
        for child in word.children:
            if child.dep_ in _NAME_PARTS:
                parts.append(child)
                frontier.append(child)
    start = min(t.i for t in parts)
    end = max(t.i for t in parts) + 1
    doc = token.doc
    # Keep the name, not the appositive clause or trailing punctuation.
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _resolve(span: Span, head: Token, mentions: list[Mention], sentences: list[Span]) -> str | None:
    """Return the canonical entity name a speaker span refers to."""
    inside = [m for m in mentions if m.start < span.end_char and m.end > span.start_char]
    people = [m for m in inside if m.type == "PERSON"]
    if people:
        return people[-1].name
    if inside:
        return inside[-1].name
    if head.lower_ in _PRONOUNS:
        return _antecedent(head, mentions, sentences)
    return None


def _antecedent(pronoun: Token, mentions: list[Mention], sentences: list[Span]) -> str | None:
    """Return the person a pronoun speaker refers to: the main subject of an earlier sentence.

    "Khan claimed that Lu warned the envoy ... He said ...": "He" is Khan, the subject of the
    main clause, not Lu, the last person named. Falls back to the last person named.
    """
    people = [m for m in mentions if m.type == "PERSON" and m.end <= pronoun.idx]
    if not people:
        return None
    here = bisect_right([s.start for s in sentences], pronoun.i) - 1
    for sentence in reversed(sentences[: max(here, 0)]):
        subjects = [t for t in sentence.root.children if t.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            span = _name_span(subject)
            hits = [m for m in people if m.start < span.end_char and m.end > span.start_char]
            if hits:
                return hits[-1].name
        if any(subject.lower_ not in _PRONOUNS for subject in subjects):
            break  # the main subject is someone unnamed: look no further back for it
    return people[-1].name


def _outside_text(text: str, sentences: list[Span], span: _Span) -> str:
    if not sentences:
        return ""
    start, end = sentences[0].start_char, sentences[-1].end_char
    return text[start : max(start, span.start - 1)] + " " + text[min(end, span.end + 1) : end]


def _via(outside: str) -> str | None:
    for pattern in _VIA:
        match = pattern.search(outside)
        if match:
            name = match.group("name").strip(" .,")
            if name.lower() not in _PRONOUNS and name not in ("The",):
                return name
    return None


def _indirect(
    doc: Doc, sentences: list[Span], mentions: list[Mention], article_id: str, direct: list[_Span]
) -> Iterator[Quote]:
    """Yield reported speech: a reporting verb with a subject and a clausal complement."""
    for token in doc:
        if token.lemma_.lower() not in INDIRECT_VERBS or token.pos_ != "VERB":
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        subject = _speaker_token(token)
        if not clauses or subject is None:
            continue
        clause = clauses[0]
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i == clause.left_edge.i)]
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if any(s.start < end and start < s.end for s in direct):
            continue  # the words are a direct quote already
        if len(doc.text[start:end].split()) < MIN_QUOTE_WORDS:
            continue
        name = _name_span(subject)
        yield Quote(
            article_id=article_id,
            text=doc.text[start:end].rstrip(" .,"),
            kind="indirect",
            start=start,
            end=start + len(doc.text[start:end].rstrip(" .,")),
            speaker=_resolve(name, subject, mentions, sentences),
            speaker_mention=name.text,
            cue=token.text,
        )

"""Reported speech: what somebody said without quotation marks, with the cue verb kept.

Four shapes, read off the parse:
- a reporting verb with a clause: "Asif stressed that ...", "the minister warned the talks
  would fail" (the verb's clausal complement is the content);
- an inverted or parenthetical cue: "The plan is dead, says McMillen." (the content is what
  the cue hangs on, before it);
- "according to X, ..." (X speaks; the rest of the sentence is the content);
- a denial or confirmation of a report: "X denied a report that ..." (the clause on the noun).
The cue (``Quote.cue``) is the verb's lemma: deny, confirm, accuse, warn, ... are what
cross-checking keys on.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from storyline.extract.nlp import doc_text
from storyline.extract.speakers import ArticleSpeakers, Speaker, resolve, speaker_token
from storyline.model import Quote

# Verbs that report speech when they take a clause (lemmas).
INDIRECT_VERBS = {
    "say", "tell", "state", "add", "respond", "reply", "claim", "allege", "stress", "insist",
    "argue", "warn", "urge", "note", "explain", "write", "declare", "announce", "assert",
    "maintain", "point", "deny", "admit", "acknowledge", "confirm", "suggest", "accuse",
    "complain", "remark", "demand", "predict", "promise", "vow", "threaten", "emphasize",
    "emphasise", "observe", "recall", "tweet", "indicate", "reiterate", "conclude", "contend",
    "counter", "concede", "caution", "reject", "refute", "report", "estimate", "believe",
    "speculate", "testify", "disclose", "reveal", "show", "find", "agree", "hint", "charge",
    "guarantee", "assure", "inform", "advise", "forecast", "fear", "expect",
    "order", "recommend", "refuse", "blame", "identify", "cite", "apologize", "apologise",
    "praise", "criticize", "criticise", "credit", "dispute", "defend", "condemn", "ask",
}  # fmt: skip

# Verbs whose object or infinitive is the reported content ("denied shooting at ...",
# "accused X of ...", "urged users to ...", "complained about ...").
COMPLEMENT_VERBS = {"admit", "deny", "acknowledge", "confirm", "accuse", "order", "urge",
                    "complain", "recommend", "advise", "promise", "vow", "threaten", "refuse",
                    "reject", "refute", "demand", "ask", "blame", "warn", "claim", "report",
                    "announce", "reveal", "describe", "estimate", "identify", "cite",
                    "apologize", "apologise", "praise", "criticize", "criticise", "credit",
                    "insist", "dispute", "defend", "condemn", "stress", "note", "voice",
                    "recall", "list", "thank", "question", "extol", "herald", "dismiss",
                    "call", "blast", "slam", "welcome", "hail"}  # fmt: skip

# Nouns whose "that"-clause a denial or confirmation answers ("denied reports that ...").
CLAIM_NOUNS = {"report", "claim", "allegation", "rumor", "rumour", "suggestion", "accusation",
               "charge", "speculation", "story"}  # fmt: skip

# Words the parser hangs on the cue that begin its clause ("said the church ... is old").
STRAY_SUBJECTS = {"dobj", "nsubj", "nsubjpass"}

# The plain verbs of saying, whose object with a conjoined clause is reported content.
SAY_VERBS = {"say", "tell", "state", "add", "report"}

# Reported content that a direct quote covers past this share is that direct quote.
DIRECT_OVERLAP_SHARE = 0.5

# Reported content shorter than this (words) is a fragment, not a statement.
MIN_CONTENT_WORDS = 3


def reported_speech(
    doc: Doc,
    sentences: list[Span],
    article: ArticleSpeakers,
    article_id: str,
    direct: list[tuple[int, int]],
) -> Iterator[Quote]:
    """Yield the article's reported speech, skipping words already quoted directly."""
    seen: set[int] = set()
    for sentence in sentences:
        for token in sentence:
            found = _shape(token, sentence)
            if found is None:
                continue
            cue, speaker_head, start, end = found
            text = doc_text(doc)[start:end].rstrip(' .,;:"“”')
            end = start + len(text)
            if start in seen or len(text.split()) < MIN_CONTENT_WORDS:
                continue
            if any(_covered(start, end, s, e) for s, e in direct):
                continue  # the words are a direct quote already
            seen.add(start)
            who: Speaker | None = resolve(speaker_head, article) if speaker_head else None
            yield Quote(
                article_id=article_id,
                text=text,
                kind="indirect",
                start=start,
                end=end,
                speaker=who.name if who else None,
                speaker_mention=who.mention if who else None,
                cue=cue,
            )


def _shape(token: Token, sentence: Span) -> tuple[str, Token | None, int, int] | None:
    """Return (cue, speaker head, content start, content end) where a token cues speech."""
    lemma = token.lemma_.lower()
    if lemma == "accord" and token.lower_ == "according":
        return _according(token, sentence)
    if lemma not in INDIRECT_VERBS | COMPLEMENT_VERBS or token.pos_ not in ("VERB", "AUX"):
        return None
    speaker = speaker_token(token)
    clauses = [c for c in token.children if c.dep_ == "ccomp" and c.i > token.i]
    if clauses:
        start, end = _content(clauses[0])
        # "Kroon said the church, which ..., is 30 years old": the parser hung the clause's
        # subject on the cue; the content starts with it.
        stray = [
            c.left_edge.idx
            for c in token.children
            if c.dep_ in STRAY_SUBJECTS and token.i < c.i < clauses[0].i
        ]
        return lemma, speaker, min([start, *stray]), end
    if lemma in SAY_VERBS and speaker is not None:
        # "Surrey Police said firefighters, along with ..., and police officers would remain":
        # a clause the parser split into an object and a conjoined verb with its own subject.
        objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        verbs = [
            c
            for c in token.children
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        ]  # fmt: skip
        if objects and verbs and objects[0].i < verbs[0].i:
            return lemma, speaker, objects[0].left_edge.idx, _right_end(verbs[0])
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    for noun in objects:
        if noun.lemma_.lower() in CLAIM_NOUNS:
            inner = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")]
            if inner:
                start, end = _content(inner[0])
                return lemma, speaker, start, end
    if speaker is None:
        speaker = _subject_before(token)
    if speaker is None:
        return None
    if lemma == "call" and not any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in token.children):
        return None  # "called the police" is no statement; "called the verdict bittersweet" is
    if lemma in COMPLEMENT_VERBS:
        # "admitted firing at ...", "denied shooting at ...", "accused her coworkers of ...",
        # "ordered them to let her back in", "complained about being sprayed".
        parts = [
            c
            for c in token.children
            if c.i > token.i
            and (
                c.dep_ in ("xcomp", "dobj", "obj")
                or (c.dep_ == "prep" and c.lower_ in ("about", "of"))
            )
        ]
        if parts:
            # The content runs to the end of the verb's last dependent ("described conditions
            # at the centre as unacceptable").
            last = [c for c in token.children if c.i > token.i and not c.is_punct]
            return lemma, speaker, parts[0].left_edge.idx, _right_end(last[-1])
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        # "As Greg McDermott said Thursday, his son's points will come in handy": the content
        # is the main clause after the cue.
        comma = next((t for t in sentence if t.i > token.i and t.text == ","), None)
        start = comma.idx + 1 if comma is not None and comma.i < token.head.i else _right_end(token)
        while start < sentence.end_char and doc_text(sentence.doc)[start] in " ,":
            start += 1
        if token.head.i > token.i:
            return lemma, speaker, start, sentence.end_char
    if token.dep_ == "parataxis":
        # "By the time police arrived, Owen said, there was no hope ...": the sentence around
        # the cue is the content; it starts where the sentence starts.
        start = _sentence_begin(sentence)
        end = token.left_edge.idx if token.head.i < token.i else sentence.end_char
        return lemma, speaker, start, end
    if token.dep_ in ("ccomp", "advcl", "ROOT"):
        # "The plan is dead, says McMillen." — spaCy makes the cue the root with the content
        # as a clause before it, or hangs the cue on the content's verb.
        before = [c for c in token.children if c.dep_ == "ccomp" and c.i < token.i]
        if before:
            end = min(token.idx, speaker.left_edge.idx)
            commas = [t for t in sentence if before[0].i < t.i < token.i and t.text == ","]
            end = min(end, commas[-1].idx) if commas else end  # "..., the Highway Patrol said"
            return lemma, speaker, _sentence_begin(sentence), end
        if token.dep_ == "ccomp" and token.head.i < token.i:
            end = min(token.left_edge.idx, speaker.left_edge.idx)
            return lemma, speaker, _sentence_begin(sentence), end
    return None


def _subject_before(verb: Token) -> Token | None:
    """Return the noun just before a sentence-final cue the parser left without a subject
    ("..., the California Highway Patrol said.")."""
    if not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    for word in reversed(verb.doc[max(verb.sent.start, verb.i - 6) : verb.i]):
        if word.is_punct:
            return None
        if word.pos_ in ("NOUN", "PROPN"):
            return word  # the last noun before the verb heads its phrase
    return None


def _sentence_begin(sentence: Span) -> int:
    """Return where a sentence's words begin (past spaces and quotation marks)."""
    for word in sentence:
        if not (word.is_space or word.is_quote or word.is_punct):
            return word.idx
    return sentence.start_char


def _right_end(token: Token) -> int:
    last = token.doc[token.right_edge.i]
    return last.idx + len(last)


def _according(token: Token, sentence: Span) -> tuple[str, Token | None, int, int] | None:
    """Return the content and source of "according to X, ..." / "..., according to X"."""
    prep = next((c for c in token.children if c.lower_ == "to"), None)
    if prep is None:
        return None
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    phrase_start = token.idx
    # The phrase ends with the source's name, not with a clause on it ("court records, which
    # indicate ...").
    clauses = {t.i for c in source.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    phrase_end = max(t.idx + len(t) for t in prep.subtree if t.i not in clauses)
    lead = [t for t in sentence if t.idx < phrase_start and not (t.is_punct or t.is_space)]
    after = doc_text(sentence.doc)[phrase_end : sentence.end_char]
    before = doc_text(sentence.doc)[sentence.start_char : phrase_start].rstrip()
    inner = (
        after.startswith(",")
        and before.endswith((",", " that"))
        and after.lstrip(" ,").split(" ", 1)[0].lower() not in ("which", "who", "that")
        and len(after.split()) > MIN_CONTENT_WORDS
    )
    # "But according to X, ..."; "Rosenthal reported that, according to a source, the Red Sox
    # ...": the content follows the phrase, and the innermost source speaks.
    if all(t.pos_ in ("CCONJ", "ADV") for t in lead) or inner:
        start, end = phrase_end, sentence.end_char
        while start < end and doc_text(sentence.doc)[start] in " ,":
            start += 1
    else:
        start, end = _sentence_begin(sentence), phrase_start
    return "according to", source, start, end


def _covered(start: int, end: int, quote_start: int, quote_end: int) -> bool:
    """Return whether a direct quote holds most of the content (a quoted word inside a
    reported sentence, "said it was “disappointed” by ...", does not)."""
    overlap = min(end, quote_end) - max(start, quote_start)
    return overlap > DIRECT_OVERLAP_SHARE * (end - start)


def _content(clause: Token) -> tuple[int, int]:
    words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i == clause.left_edge.i)]
    return words[0].idx, words[-1].idx + len(words[-1])

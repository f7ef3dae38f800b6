"""Quotes of one article: direct quotes in quotation marks and reported speech.

The pipeline of the stage, a module per step: quotation marks are paired over the whole text
(``marks.py``); each quoted stretch gets its cue, the reporting verb it hangs on, and the
speaker of that verb (``speakers.py``, resolved inside the article by ``coref.py``); a quote
over several paragraphs gives one record per paragraph, all with the speaker of the cue found
in any of them; the relay (``via``) is read from the cue's sentence (``relays.py``); reported
speech comes last (``reported.py``).

A quoted stretch is somebody's words when its sentence has a reporting verb with a speaker, or
when it stands as a sentence of its own; a short stretch with no cue is a scare quote, a title
or a nickname and is dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.extract.marks import CLOSE_MARKS, OPEN_MARKS, STRAIGHT, QuotedSpan, quoted_spans
from storyline.extract.nlp import doc_text
from storyline.extract.relays import relay
from storyline.extract.reported import reported_speech
from storyline.extract.speakers import ArticleSpeakers, Speaker, resolve, speaker_token
from storyline.model import Mention, Quote


@dataclass(frozen=True)
class QuoteSettings:
    """The thresholds of the quote rules (chosen by cross-validation, see bench/quotes.py)."""

    # A quoted stretch with no cue in its sentence shorter than this is a scare quote or a
    # title ("threatened", "proper engagement", "The Oddfather"), not a thing said.
    min_unattributed_words: int = 6
    # A quoted stretch with a cue and a speaker in its sentence is kept from this many words
    # ("'Enough is enough,' Warren said"; the police called it "potentially suspicious").
    min_attributed_words: int = 1
    # Whether a quote with no cue of its own takes the speaker of the quote before it (a
    # paragraph of quote after a quote with its cue) rather than staying unattributed.
    carry_speaker: bool = True


DEFAULT_SETTINGS = QuoteSettings()

# Verbs that report speech (lemmas). "quote" is special: its subject relays, its object speaks.
REPORTING_VERBS = {
    "say", "tell", "state", "add", "respond", "reply", "claim", "allege", "stress", "insist",
    "argue", "warn", "urge", "note", "explain", "write", "declare", "announce", "assert",
    "maintain", "point", "deny", "admit", "acknowledge", "confirm", "suggest", "accuse",
    "complain", "remark", "ask", "demand", "predict", "promise", "vow", "threaten", "quote",
    "describe", "call", "emphasize", "emphasise", "observe", "recall", "tweet", "post",
    "indicate", "reiterate", "conclude", "contend", "counter", "concede", "caution", "reject",
    "refute", "shout", "scream", "yell", "chant", "read", "report", "joke", "recount", "muse",
    "continue", "agree", "testify", "plead", "exclaim", "whisper", "cry", "wonder", "quip",
    "accord", "comment", "summarize", "summarise",
}  # fmt: skip

# Cue verbs that name where the words were posted ("DeGeneres tweeted Friday").
POSTED_ON = {"tweet": "Twitter", "retweet": "Twitter"}

# Verbs that name rather than quote ("nicknamed 'The Oddfather'", "a film called 'Rain'"):
# they never make a short quoted stretch somebody's words.
NAMING_VERBS = {"call", "dub", "name", "nickname", "label", "title", "know", "brand", "term"}

# A cue sentence of its own right after a quote ("DeGeneres tweeted Friday.") is short.
FOLLOWING_CUE_MAX_WORDS = 8

# Titles of works and names in quotation marks: at most this many words, every word
# capitalized but these small ones ("A Beautiful Mind", "The Pajama King", "Frost/Nixon").
TITLE_MAX_WORDS = 8
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by",
                     "with", "from", "is", "'s"}  # fmt: skip

# What ends a quoted sentence that stands alone ("“Mission accomplished.”").
SENTENCE_ENDS = (".", "?", "!", "…")


def quotes(
    doc: Doc, mentions: list[Mention], article_id: str, settings: QuoteSettings = DEFAULT_SETTINGS
) -> list[Quote]:
    """Return the direct and indirect quotes of a parsed article, in text order."""
    text = doc_text(doc)
    sentences = list(doc.sents)  # doc.sents is rebuilt on every access: take it once
    article = ArticleSpeakers(mentions, sentences)
    people = frozenset(m.name for m in mentions if m.type == "PERSON")
    spans = [s for s in quoted_spans(text) if s.end > s.start]
    article.quoted = [(s.start, s.end) for s in spans]
    chain_start: dict[int, int] = {}
    for span in spans:
        chain_start.setdefault(span.chain, span.start)
    cues = [_cue(doc, sentences, span, spans) for span in spans]
    chain_cue: dict[int, tuple[Token, str]] = {}
    for span, cue in zip(spans, cues, strict=True):
        if cue is not None and span.chain not in chain_cue:
            chain_cue[span.chain] = cue
    found: list[Quote] = []
    previous: Quote | None = None
    for index, span in enumerate(spans):
        words = len(text[span.start : span.end].split())
        own = cues[index]
        cue = own or chain_cue.get(span.chain)
        quote = Quote(article_id, text[span.start : span.end], "direct", span.start, span.end)
        article.anchor = chain_start[span.chain]
        if cue is not None:
            verb, cue_words = cue
            quote.cue = verb.lemma_.lower()
            quote.via = relay(cue_words, people, _organization_before(mentions, span.start))
            quote.via = quote.via or POSTED_ON.get(quote.cue or "")
            who = _speaker(verb, article)
            if who is not None:
                quote.speaker, quote.speaker_mention = who.name, who.mention
        words_text = text[span.start : span.end]
        attributed = own is not None and own[0].lemma_.lower() not in NAMING_VERBS
        if _is_title(text, span) and own is not None:
            continue  # "starring in “A Beautiful Mind”": a work's title, not anybody's words
        if _stands_alone(text, span, words_text):
            attributed = True  # "“No.”" as a sentence of its own: a thing said
        needed = settings.min_attributed_words if attributed else settings.min_unattributed_words
        if (
            cue is None
            and index + 1 < len(spans)
            and "\n" not in text[span.end : spans[index + 1].start]
        ):
            # "'...,' he said, '...'": the next quote of the paragraph has the cue.
            nxt = cues[index + 1]
            if nxt is not None:
                who = _speaker(nxt[0], article)
                quote.cue = nxt[0].lemma_.lower()
                if who is not None:
                    quote.speaker, quote.speaker_mention = who.name, who.mention
                needed = settings.min_attributed_words
        introduced = None
        if quote.speaker_mention is None and settings.carry_speaker:
            introduced = _introduced_by(doc, sentences, chain_start[span.chain], spans, article)
            lead = text[introduced[1].start_char : span.start] if introduced else ""
            if lead.rstrip(" \n" + OPEN_MARKS + STRAIGHT).endswith((":", ",")):
                needed = settings.min_attributed_words  # "X commented, “...”"
        if words < needed:
            continue
        if quote.speaker_mention is None and settings.carry_speaker:
            if introduced is not None:
                # "Karen Olson, president of Valley Dairy, wrote to the panel.\n\n“...”";
                # "..., McDermott sent out the following message on Twitter:\n\n“...”"
                who, intro = introduced
                quote.speaker, quote.speaker_mention = who.name, who.mention
                outlet = _organization_before(mentions, intro.start_char)
                quote.via = quote.via or relay(intro.text, people, outlet)
                quote.via = quote.via or POSTED_ON.get(intro.root.lemma_.lower())
            elif previous is not None:
                quote.speaker, quote.speaker_mention = previous.speaker, previous.speaker_mention
                quote.via = quote.via or (previous.via if cue is None else None)
        article.note(quote.start, quote.speaker)
        previous = quote
        found.append(quote)
    article.anchor = None
    kept = [(q.start, q.end) for q in found]
    found.extend(reported_speech(doc, sentences, article, article_id, kept))
    return sorted(found, key=lambda q: q.start)


def _introduced_by(
    doc: Doc, sentences: list[Span], start: int, spans: list[QuotedSpan], article: ArticleSpeakers
) -> tuple[Speaker, Span] | None:
    """Return who the narrative sentence just before a quote with no cue is about, when it
    has no quote of its own and its main subject names somebody (the quote's speaker)."""
    starts = [s.start_char for s in sentences]
    index = bisect_right(starts, start) - 1
    if index < 0:
        return None
    own = sentences[index]
    lead = doc_text(doc)[own.start_char : start].rstrip(" \n" + OPEN_MARKS + STRAIGHT)
    if lead.strip() and not lead.endswith((",", ":")):
        return None  # a quote inside a narrative sentence with no cue: not introduced
    leading_subject = any(t.dep_ in ("nsubj", "nsubjpass") and t.idx < start for t in own)
    if lead.strip() and leading_subject:
        sentence = own  # "Andrew Wetzler, director of ..., commented, “...": one sentence
    elif index >= 1:
        sentence = sentences[index - 1]  # "Later in the afternoon, “...”": the one before
    else:
        return None
    if any(sentence.start_char <= s.start < min(sentence.end_char, start) for s in spans):
        return None  # the sentence before is itself quoted: the quote goes on
    end = min(sentence.end_char, start)
    introduces = doc_text(doc)[sentence.start_char : end].rstrip(" \n" + OPEN_MARKS + STRAIGHT)
    heads = [sentence.root]
    if introduces.endswith(":"):
        # "... had the same reaction when McDermott sent out the following message on
        # Twitter:": the verb nearest the colon may introduce the quote, not the main clause.
        heads[:0] = [
            t
            for t in reversed(sentence)
            if t.pos_ == "VERB"
            and t.idx < start
            and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in t.children)
        ][:1]
    # Any subject when the sentence ends by introducing the quote ("The judge had advice for
    # anyone who deals with Nichols:"); otherwise only a name or a pronoun.
    # A caption before the marks counts ("David Soares/District Attorney: “...”").
    colon = introduces.endswith(":") or lead.endswith(":")
    kinds = ("PROPN", "PRON", "NOUN") if colon else ("PROPN", "PRON")
    for head in heads:
        subjects = [t for t in head.children if t.dep_ in ("nsubj", "nsubjpass") and t.idx < start]
        if subjects and subjects[0].pos_ in kinds:
            who = resolve(subjects[0], article)
            if who.name:
                return who, sentence
    return None


def _cue_follows(text: str, end: int, sentence: Span) -> bool:
    """Return whether a sentence starts right after a quote's closing mark, in its paragraph."""
    between = text[end : sentence.start_char]
    if "\n" in between or between.strip(" " + CLOSE_MARKS + STRAIGHT):
        return False
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    root = sentence.root
    return (
        len(words) <= FOLLOWING_CUE_MAX_WORDS
        and root.lemma_.lower() in REPORTING_VERBS
        and any(c.dep_ == "nsubj" for c in root.children)
    )


def _is_title(text: str, span: QuotedSpan) -> bool:
    """Return whether a quoted stretch is a title of a work or a name: a few words, each
    significant one capitalized, inside a sentence ("the film “A Beautiful Mind” won")."""
    words = text[span.start : span.end].rstrip(".,!?:").split()
    if not words or len(words) > TITLE_MAX_WORDS or _opens_sentence(text, span):
        return False
    significant = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)


def _stands_alone(text: str, span: QuotedSpan, words: str) -> bool:
    """Return whether a quoted stretch is a sentence of its own ("“No.”", "“It's tough.”")."""
    return _opens_sentence(text, span) and words.rstrip().endswith(SENTENCE_ENDS)


def _opens_sentence(text: str, span: QuotedSpan) -> bool:
    before = text[max(0, span.start - 40) : span.start].rstrip(" " + OPEN_MARKS + STRAIGHT)
    return not before or before.endswith(("\n", ".", "?", "!", ":"))


def _organization_before(mentions: list[Mention], offset: int) -> str | None:
    named = [m.name for m in mentions if m.type == "ORG" and m.end <= offset]
    return named[-1] if named else None


def _speaker(verb: Token, article: ArticleSpeakers) -> Speaker | None:
    token = speaker_token(verb)
    return resolve(token, article) if token is not None else None


def _cue(
    doc: Doc, sentences: list[Span], span: QuotedSpan, spans: list[QuotedSpan]
) -> tuple[Token, str] | None:
    """Return the reporting verb outside any quote nearest to a span in its sentences, and the
    words of those sentences outside the quote (where a relay is named)."""
    starts = [s.start_char for s in sentences]
    first = max(bisect_right(starts, span.start) - 1, 0)
    last = max(bisect_right(starts, max(span.end - 1, span.start)) - 1, 0)
    around = sentences[first : last + 1]
    if not around:
        return None
    following = sentences[last + 1] if last + 1 < len(sentences) else None
    if following is not None and _cue_follows(doc_text(doc), span.end, following):
        # '“It's official: I'm hosting!” DeGeneres tweeted Friday.': the parser ends the
        # sentence inside the marks; the cue is the short sentence right after them.
        around = [*around, following]
    quoted = [(s.start, s.end) for s in spans]
    candidates = [
        token
        for sentence in around
        for token in sentence
        if token.lemma_.lower() in REPORTING_VERBS
        and token.pos_ in ("VERB", "AUX")
        and not any(start <= token.idx < end for start, end in quoted)
    ]
    if not candidates:
        return None
    inside = [
        t for t in doc[max(0, around[0].start) : around[-1].end] if span.start <= t.idx < span.end
    ]

    def rank(verb: Token) -> tuple[bool, int]:
        # The verb the quote hangs on in the parse ("“...,” said Larson" over "heard co-workers
        # yelling" nearer to the marks), then the nearest.
        governs = any(verb in word.ancestors for word in inside[:3])
        return (not governs, min(abs(verb.idx - span.start), abs(verb.idx - span.end)))

    verb = min(candidates, key=rank)
    low, high = around[0].start_char, around[-1].end_char
    text = doc_text(doc)
    words = text[low : max(low, span.start - 1)] + " " + text[min(high, span.end + 1) : high]
    return verb, words

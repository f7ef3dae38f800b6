"""Extract: clean Articles → entity mentions, quotes and temporal expressions.

``extract`` parses a batch of articles with spaCy in one pass (``nlp.pipe``) and runs each
extractor over the parsed document. Articles not in English are kept but not parsed: the
model is English, and running it on other languages invents entities and quotes.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from storyline.clean.dates import unglue_months
from storyline.extract.entities import mentions as find_mentions
from storyline.extract.nlp import english
from storyline.extract.quotes import quotes as find_quotes
from storyline.model import Analysis, Article, Mention, Quote, Timex
from storyline.temporal import find_timexes

# Articles parsed per spaCy batch: large enough to amortize, small enough to stream.
BATCH_SIZE = 32

# Below this many articles, starting parser processes costs more than it saves (measured:
# forking two workers costs about a second; one worker parses about 20 articles/s).
MIN_PARALLEL_ARTICLES = 64

# Languages the English pipeline may parse; None (undetermined, e.g. very short) is tried too.
PARSED_LANGUAGES = {"en", None}

# spaCy parses a text longer than this in pieces of whole paragraphs (see parse); a batch of
# BATCH_SIZE pieces is then no longer than one of news articles (2 of the 772 ECB+ articles
# are longer).
PARSE_PIECE_CHARS = 10_000

# Quote attribution reads a long article in windows of whole paragraphs of about this many
# characters: its steps walk the document's sentences for every quote and cue, so its cost
# grows with the square of the text (measured: 25 KB 1 s, 100 KB 74 s, 1 MB never ends), and
# a window keeps it linear. News articles are shorter (the example corpus: under 5 KB; long
# reads about 40 KB, read in two windows); a quote and its speaker share a paragraph.
QUOTE_WINDOW_CHARS = 20_000
# ...each read with this much of the text before it, where the speaker a later pronoun or role
# refers to was named (on a 50 KB article: 6 of 307 quotes lost their speaker without it).
QUOTE_CONTEXT_CHARS = 5_000


def extract(articles: Iterable[Article], workers: int = 1) -> Iterator[Analysis]:
    """Yield the Analysis of every article, in input order.

    ``workers`` > 1 parses in that many processes (spaCy's own multiprocessing) when the
    batch is large enough to repay starting them.
    """
    pending = list(articles)
    english_articles = [a for a in pending if a.language in PARSED_LANGUAGES]
    processes = workers if len(english_articles) >= MIN_PARALLEL_ARTICLES else 1
    docs = parse([a.text for a in english_articles], processes)
    for article in pending:
        analysis = Analysis(article)
        doc = next(docs) if article.language in PARSED_LANGUAGES else None
        if doc is not None:
            analysis.mentions = find_mentions(doc, article.id)
            analysis.quotes = _windowed_quotes(doc, analysis.mentions, article.id)
            analysis.timexes = timexes(article)
        yield analysis


def parse(texts: list[str], processes: int = 1) -> Iterator[Doc]:
    """Yield the parsed document of every text, in order, as each is parsed.

    A text longer than PARSE_PIECE_CHARS is parsed in pieces of whole paragraphs, joined back
    into one document: spaCy's memory grows with the length of a batch (1 MB of prose in one
    document took 3.3 GB; in pieces, 1.4 GB), and a paragraph break ends every sentence and
    entity anyway.
    """
    cut = [_pieces(text) for text in texts]
    pieces = (piece for text_pieces in cut for piece in text_pieces)
    docs = english().pipe(pieces, batch_size=BATCH_SIZE, n_process=processes)
    for text_pieces in cut:
        parts = [next(docs) for _ in text_pieces]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def _pieces(text: str) -> list[str]:
    """Return the text cut after paragraph breaks into pieces of about PARSE_PIECE_CHARS (at
    worst after a line's end or a space, where a paragraph runs longer); joined, they are it."""
    if len(text) <= PARSE_PIECE_CHARS:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > PARSE_PIECE_CHARS:
        limit = start + PARSE_PIECE_CHARS
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = text.rfind(separator, start + PARSE_PIECE_CHARS // 2, limit)
            if cut != -1:
                cut += len(separator)
                break
        if cut == -1:
            cut = limit  # no space in 25,000 characters: no words to split
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def timexes(article: Article) -> list[Timex]:
    """Return an article's temporal expressions, plus its publication date's own evidence.

    The publication date read from a byline or a crawler's prefix is a real temporal expression
    of the input that the cleaner removed from the body; it is kept with null offsets.
    """
    published = article.published
    reference = dt.date.fromisoformat(published) if published and _is_day(published) else None
    found = find_timexes(article.text, reference, article.id)
    evidence = article.published_evidence
    if published and evidence and article.published_source == "prefix":
        # The crawler wrote the ISO date itself ("date 2023-08-10"): its words are the value.
        found.insert(0, Timex(article.id, published, None, None, "DATE", published))
    elif published and evidence and article.published_source == "byline":
        for timex in find_timexes(unglue_months(evidence), None, article.id):
            if timex.value == published:
                found.insert(0, Timex(article.id, timex.text, None, None, "DATE", published))
                break
    return found


def _windowed_quotes(doc: Doc, mentions: list[Mention], article_id: str) -> list[Quote]:
    """Return a parsed article's quotes, read window by window (QUOTE_WINDOW_CHARS) when long.

    Each window is read with the text before it (QUOTE_CONTEXT_CHARS), where the speaker a
    pronoun or a role points back to was named, and keeps the quotes that start in it.
    """
    if len(doc.text) <= QUOTE_WINDOW_CHARS:
        return find_quotes(doc, mentions, article_id)
    starts = [(s.start_char, s.start) for s in doc.sents]  # doc.sents walks the doc: once
    found: list[Quote] = []
    for own, end in _paragraph_windows(doc.text, starts, QUOTE_WINDOW_CHARS):
        first = bisect.bisect_right(starts, (own - QUOTE_CONTEXT_CHARS, len(doc))) - 1
        span = doc[starts[max(first, 0)][1] : end]
        offset = span.start_char
        inside = [
            replace(m, start=m.start - offset, end=m.end - offset)
            for m in mentions
            if offset <= m.start and m.end <= span.end_char
        ]
        for quote in find_quotes(span.as_doc(), inside, article_id):
            if quote.start + offset >= own:
                found.append(replace(quote, start=quote.start + offset, end=quote.end + offset))
    return found


def _paragraph_windows(
    text: str, starts: list[tuple[int, int]], size: int
) -> Iterator[tuple[int, int]]:
    """Yield (first character, end token) of windows of whole sentences covering the text, each
    cut at a paragraph break once it reaches ``size`` characters (at any sentence at twice that)."""
    own = 0
    for start_char, start in starts:
        length = start_char - own
        at_paragraph = "\n" in text[max(0, start_char - 3) : start_char]
        if (length >= size and at_paragraph) or length >= 2 * size:
            yield own, start
            own = start_char
    yield own, len(text) + 1  # token index past the end: doc[a:b] clips it


def _is_day(value: str | None) -> bool:
    return value is not None and len(value) == 10

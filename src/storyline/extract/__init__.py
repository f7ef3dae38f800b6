"""Extract: clean Articles → entity mentions, quotes and temporal expressions.

``extract`` parses a batch of articles with spaCy in one pass (``nlp.pipe``) and runs each
extractor over the parsed document. Articles not in English are kept but not parsed: the
model is English, and running it on other languages invents entities and quotes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from storyline.clean.dates import unglue_months
from storyline.extract.entities import mentions as find_mentions
from storyline.extract.nlp import english
from storyline.extract.quotes import quotes as find_quotes
from storyline.model import Analysis, Article, Timex
from storyline.temporal import find_timexes

# Articles parsed per spaCy batch: large enough to amortize, small enough to stream.
BATCH_SIZE = 32

# Below this many articles, starting parser processes costs more than it saves (measured:
# forking two workers costs about a second; one worker parses about 20 articles/s).
MIN_PARALLEL_ARTICLES = 64

# Languages the English pipeline may parse; None (undetermined, e.g. very short) is tried too.
PARSED_LANGUAGES = {"en", None}


def extract(articles: Iterable[Article], workers: int = 1) -> Iterator[Analysis]:
    """Yield the Analysis of every article, in input order.

    ``workers`` > 1 parses in that many processes (spaCy's own multiprocessing) when the
    batch is large enough to repay starting them.
    """
    nlp = english()
    pending = list(articles)
    english_articles = [a for a in pending if a.language in PARSED_LANGUAGES]
    processes = workers if len(english_articles) >= MIN_PARALLEL_ARTICLES else 1
    docs = nlp.pipe((a.text for a in english_articles), batch_size=BATCH_SIZE, n_process=processes)
    parsed = dict(zip((a.id for a in english_articles), docs, strict=True))
    for article in pending:
        analysis = Analysis(article)
        doc = parsed.get(article.id)
        if doc is not None:
            analysis.mentions = find_mentions(doc, article.id)
            analysis.quotes = find_quotes(doc, analysis.mentions, article.id)
            analysis.timexes = timexes(article)
        yield analysis


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


def _is_day(value: str | None) -> bool:
    return value is not None and len(value) == 10

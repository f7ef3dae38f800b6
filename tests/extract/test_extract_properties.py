"""Properties of the extract stage on arbitrary text: it never crashes, never stalls, and every
quote, mention and temporal expression it returns indexes the article's text.

spaCy parses every example, so the examples are few (the small English model reads one in
milliseconds) and the text short; the time bound is
our own (Hypothesis' deadline would trip on the first parse, which loads the model).
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.extract import extract
from storyline.extract.nlp import english
from storyline.model import Article

# Seconds one article of under a few KB may take to parse and extract (tens of ms normally).
EXTRACT_SECONDS = 10.0

# Pieces of reported speech: the marks, cues and relays the quote stage pairs and attributes.
SPEECH_PIECES = [
    '"', "“", "”", "‘", "’", "«", "»", "'", "said", "says", "told", "according to", "he",
    "she", "they", "Jane Doe", "the mayor", "Reuters", "on Twitter", ":", ",", ".", "\n\n",
    "We will not stop", "Harbourton council", "added", "I", "it", "quoted", "as saying",
    "in a statement", "denied", "that", "on Tuesday", "said.", "—",
]  # fmt: skip

texts = st.one_of(
    st.text(min_size=1, max_size=400),
    st.lists(st.one_of(st.sampled_from(SPEECH_PIECES), st.text(max_size=8)), max_size=60).map(
        " ".join
    ),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_extract_indexes_the_text(text: str) -> None:
    english()  # load the model outside the time bound
    article = Article(id="a1", source="hostile.txt", text=text, published="2013-07-03")
    started = time.monotonic()
    (analysis,) = extract([article])
    assert time.monotonic() - started < EXTRACT_SECONDS
    for quote in analysis.quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        assert quote.text == text[quote.start : quote.end]
        assert quote.kind in {"direct", "indirect"}
    for mention in analysis.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start : mention.end]
    for timex in analysis.timexes:
        if timex.start is not None and timex.end is not None:
            assert text[timex.start : timex.end] == timex.text

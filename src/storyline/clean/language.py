"""The language of an article, by a detector that ships its own models (lingua)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from lingua import LanguageDetector, LanguageDetectorBuilder

# Characters of the body the detector reads: a few sentences give a confident call (70 of 73
# html-readability pages right, the 3 others lorem ipsum), and the cost grows with the sample.
SAMPLE_CHARS = 600

# Below this confidence the language is reported as unknown rather than guessed.
MIN_CONFIDENCE = 0.5

# Texts this short say too little to identify a language.
MIN_CHARS = 20

# Function words no other language writes: a sample where they make this share of the words
# is English without asking the detector (English news runs at 0.2 to 0.3; French, Spanish,
# German and Dutch pages at 0.0 to 0.02 on html-readability's declared languages).
ENGLISH_ONLY_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "is",
        "that",
        "for",
        "with",
        "was",
        "are",
        "this",
        "from",
        "have",
        "has",
        "were",
        "been",
        "which",
        "their",
        "it",
    ]
)
MIN_ENGLISH_SHARE = 0.12
MIN_SHORTCUT_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language, or None when unsure."""
    return _language_of(text[:SAMPLE_CHARS])


@lru_cache(maxsize=4096)  # the cleaner and the date check ask about the same body
def _language_of(sample: str) -> str | None:
    if len(sample.strip()) < MIN_CHARS:
        return None
    tokens = _WORD.findall(sample.lower())
    if len(tokens) >= MIN_SHORTCUT_WORDS and (
        sum(t in ENGLISH_ONLY_WORDS for t in tokens) / len(tokens) >= MIN_ENGLISH_SHARE
    ):
        return "en"  # plainly English: the detector would say so at 50 times the cost
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()

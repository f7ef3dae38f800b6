"""The language of an article, by a detector that ships its own models (lingua)."""

from __future__ import annotations

from functools import cache

from lingua import LanguageDetector, LanguageDetectorBuilder

# Characters of the body the detector reads: a few sentences give a confident call (70 of 73
# html-readability pages right, the 3 others lorem ipsum), and the cost grows with the sample.
SAMPLE_CHARS = 600

# Below this confidence the language is reported as unknown rather than guessed.
MIN_CONFIDENCE = 0.5

# Texts this short say too little to identify a language.
MIN_CHARS = 20


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()

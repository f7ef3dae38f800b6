"""Near-duplicates and syndicated copies: MinHash LSH over word shingles (datasketch).

A copy points at the earliest copy of its text (by publication date, then ingestion order);
copies stay in the corpus because a copy still counts as coverage by its own outlet.
"""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

from storyline.model import Article

# Word n-grams compared: five words tell a copied paragraph from shared stock phrases.
SHINGLE_WORDS = 5

# Estimated Jaccard similarity of shingle sets above which two bodies are one text (syndicated
# copies with a changed first line or an added credit line stay well above 0.8).
DUPLICATE_THRESHOLD = 0.8

# Hash permutations per signature: the estimate's error is about 1/sqrt(128) ≈ 0.09.
NUM_PERM = 128

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """Return the set of lowercased word n-grams of a text."""
    tokens = _WORD.findall(text.lower())
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def find_duplicates(articles: list[Article]) -> dict[str, str]:
    """Return, for every article that copies an earlier one, the id of the earliest copy."""
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or "9999", i))
    rank = {index: position for position, index in enumerate(order)}
    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    originals: dict[str, str] = {}
    for index in order:
        article = articles[index]
        signature = MinHash(num_perm=NUM_PERM)
        for shingle in shingles(article.text):
            signature.update(shingle.encode("utf-8"))
        matches = lsh.query(signature)
        if matches:
            # The earliest copy among the matches (keys are inserted in date order).
            first = min(matches, key=lambda key: rank[int(key)])
            original = articles[int(first)].id
            originals[article.id] = originals.get(original, original)
        lsh.insert(str(index), signature)
    return originals

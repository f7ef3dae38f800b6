"""Near-duplicates and syndicated copies: MinHash LSH over word shingles (datasketch).

A copy points at the earliest copy of its text (by publication date, then ingestion order);
copies stay in the corpus because a copy still counts as coverage by its own outlet.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Collection, Sequence

from datasketch import MinHash, MinHashLSH
from datasketch.lsh import _optimal_param

from storyline.model import Article

# Word n-grams compared: five words tell a copied paragraph from shared stock phrases.
SHINGLE_WORDS = 5

# Estimated Jaccard similarity of shingle sets above which two bodies are one text (syndicated
# copies with a changed first line or an added credit line stay well above 0.8).
DUPLICATE_THRESHOLD = 0.8

# Hash permutations per signature: the estimate's error is about 1/sqrt(128) ≈ 0.09.
NUM_PERM = 128

_WORD = re.compile(r"\w+")

# LSH bands of a signature: as many bands of as many rows as datasketch's MinHashLSH chooses for
# DUPLICATE_THRESHOLD (9 bands of 13 rows at 128 permutations): two signatures that share a
# band are candidates.
BANDS, ROWS = _optimal_param(DUPLICATE_THRESHOLD, NUM_PERM, 0.5, 0.5)

Band = tuple[int, bytes]


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


def signature(text: str) -> MinHash:
    """Return the MinHash signature of a text's word shingles."""
    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return minhash


@functools.cache
def _template() -> MinHash:
    """Return an empty signature whose hash permutations every signature reuses (made once)."""
    return MinHash(num_perm=NUM_PERM)


def bands(minhash: MinHash) -> list[Band]:
    """Return a signature's LSH bands: (band number, an 8-byte digest of its rows)."""
    values = minhash.hashvalues
    rows = [values[band * ROWS : (band + 1) * ROWS].tobytes() for band in range(BANDS)]
    return [(band, hashlib.blake2b(row, digest_size=8).digest()) for band, row in enumerate(rows)]


def find_new_duplicates(
    articles: Sequence[Article],
    stored_matches: Callable[[list[Band]], Collection[str]],
    original_of: Callable[[Collection[str]], str | None],
) -> tuple[dict[str, str], dict[str, list[Band]]]:
    """Return, for new articles, the copies' originals and every new article's LSH bands.

    A new article that shares a band with stored articles copies the one ``original_of``
    chooses among them; otherwise one of the new articles published before it (then ingested
    before it), if any.
    """
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or "9999", i))
    seen: dict[Band, str] = {}
    originals: dict[str, str] = {}
    found: dict[str, list[Band]] = {}
    for index in order:
        article = articles[index]
        article_bands = bands(signature(article.text))
        found[article.id] = article_bands
        stored = stored_matches(article_bands)
        original = original_of(stored) if stored else None
        if original is None:
            earlier = [seen[band] for band in article_bands if band in seen]
            original = earlier[0] if earlier else None
            if original is not None:
                original = originals.get(original, original)
        if original is not None and original != article.id:
            originals[article.id] = original
        for band in article_bands:
            seen.setdefault(band, article.id)
    return originals, found

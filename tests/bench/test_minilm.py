"""The packaged MiniLM's NumPy forward pass gives the model's published similarities."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.bench.minilm import MiniLM, packaged
from storyline.errors import StorylineError
from storyline.group.clusters import cluster
from storyline.model import Analysis, Article


@pytest.fixture(scope="module")
def model() -> MiniLM:
    try:
        return packaged()
    except StorylineError as error:
        pytest.skip(str(error))


def test_embeddings_reproduce_the_similarity_sentence_transformers_documents(model: MiniLM) -> None:
    vectors = model.encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "The new movie is awesome."]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # sentence-transformers' own example gives 0.7553 for the first pair with this model.
    assert vectors[0] @ vectors[1] == pytest.approx(0.7553, abs=0.005)
    assert vectors[0] @ vectors[2] < 0.1


def test_embedded_clustering_keeps_the_event_window(model: MiniLM) -> None:
    texts = [
        ("A magnitude 6.1 earthquake struck the mountain town, destroying homes.", "2013-04-20"),
        ("A strong earthquake of magnitude 6.1 hit the mountain town, flattening houses.",
         "2013-04-21"),
        ("An earthquake of magnitude 6.1 struck the mountain town and destroyed homes.",
         "2009-05-02"),
    ]  # fmt: skip
    analyses = [
        Analysis(Article(f"a{n}", f"{n}.txt", text, published=day))
        for n, (text, day) in enumerate(texts)
    ]
    events, storylines = cluster(
        analyses, thresholds=(0.4, 0.6), embeddings=model.encode([t for t, _ in texts])
    )
    assert len(set(storylines)) == 1
    assert events[0] == events[1] != events[2]

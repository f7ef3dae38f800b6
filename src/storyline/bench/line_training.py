"""Fitting the line model (``clean.line_model``) from labelled text dumps.

Used by ``scripts/train_line_model.py`` for the shipped model and by ``storyline bench clean``
for one model per cross-validation fold, so the figures it reports on held-out sites are those
of the same recipe.
"""

from __future__ import annotations

from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier

from storyline.bench.line_data import BODY, TITLE, LabelledPage, fold_of
from storyline.clean.dump import body_lines, headline_candidates, headline_features
from storyline.clean.line_features import Page, features, page_of
from storyline.clean.line_model import LineModel, TreeEnsemble

# Ensemble size and shape: 150 depth-3 trees score a 300-line page in about a millisecond.
TREES = 150
DEPTH = 3
LEARNING_RATE = 0.1
MIN_LEAF = 5

# Pages shorter than this weigh as much as this (a five-line feed item teaches little).
MIN_PAGE_LINES = 50

# The headline forest: one headline a page makes few examples; shallow averaged trees held up
# best on held-out sites (title accuracy 0.69 against 0.53 for logistic regression and 0.57
# for boosting, 5-fold by site).
HEADLINE_TREES = 300
HEADLINE_DEPTH = 6
HEADLINE_MIN_LEAF = 3

# Body lines are kept at a low probability: a lost paragraph costs the reader more than a stray
# caption. On held-out sites (bench clean), 0.15 with STORY_THRESHOLD 0.02 keeps 0.954 of body
# lines at furniture P / R 0.946 / 0.806; 0.3 with 0.05 kept 0.937 at 0.936 / 0.853.
BODY_THRESHOLD = 0.15

# The headline ensemble's training pages get body scores from models that never saw their site.
INNER_FOLDS = 3


def _ensemble(
    rows: list[list[float]], labels: list[int], trees: int, weights: list[float] | None = None
) -> TreeEnsemble:
    model = GradientBoostingClassifier(
        n_estimators=trees,
        max_depth=DEPTH,
        learning_rate=LEARNING_RATE,
        subsample=0.8,
        min_samples_leaf=MIN_LEAF,
        random_state=0,
    )
    model.fit(rows, labels, sample_weight=weights)
    return TreeEnsemble.from_sklearn(model)


def _body_ensemble(
    per_page: list[tuple[str, Page, list[list[float]], list[int | None]]], trees: int
) -> TreeEnsemble:
    rows = [row for _site, _view, page_rows, _labels in per_page for row in page_rows]
    labels = [
        int(label == BODY) for _site, _view, _rows, page_labels in per_page for label in page_labels
    ]
    # Each page weighs about the same, however many lines it has: a 1,500-line encyclopedia
    # page must not teach more than twenty news pages.
    weights = [
        1.0 / max(len(page_rows), MIN_PAGE_LINES)
        for _site, _view, page_rows, _labels in per_page
        for _row in page_rows
    ]
    scale = len(weights) / sum(weights)
    return _ensemble(rows, labels, trees, [w * scale for w in weights])


def train(
    pages: list[LabelledPage], body_threshold: float = BODY_THRESHOLD, trees: int = TREES
) -> LineModel:
    """Return a line model fitted on labelled pages.

    The headline ensemble learns from body scores the body ensemble gives to sites it never
    saw (``INNER_FOLDS``-fold by site), as it will at run time, not from its overconfident
    scores on its own training pages.
    """
    per_page = []
    for page in pages:
        view = page_of(page.lines)
        per_page.append((page.site, view, features(view), [page.labels[i] for i in view.index]))
    body = _body_ensemble(per_page, trees)
    inner = fold_of([site for site, *_ in per_page], INNER_FOLDS)
    out_of_fold: dict[int, list[float]] = {}
    for k in range(INNER_FOLDS):
        fold_body = _body_ensemble([item for item in per_page if inner[item[0]] != k], trees)
        for n, (site, _view, page_rows, _labels) in enumerate(per_page):
            if inner[site] == k:
                out_of_fold[n] = fold_body.probabilities(page_rows)
    head_rows: list[list[float]] = []
    head_labels: list[int] = []
    for n, (_site, view, _rows, page_labels) in enumerate(per_page):
        if not view.lines:
            continue
        body_p = out_of_fold[n]
        is_body = body_lines(view, body_p, body_threshold)
        candidates = headline_candidates(view, is_body, body_p)
        head_rows += headline_features(view, body_p, candidates)
        head_labels += [int(page_labels[i] == TITLE) for i in candidates]
    forest = RandomForestClassifier(
        n_estimators=max(HEADLINE_TREES * trees // TREES, 1),
        max_depth=HEADLINE_DEPTH,
        min_samples_leaf=HEADLINE_MIN_LEAF,
        random_state=0,
    )
    headline = TreeEnsemble.from_forest(forest.fit(head_rows, head_labels))
    return LineModel(body=body, headline=headline, body_threshold=body_threshold)

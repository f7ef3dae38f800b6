"""storyline bench clean: the line model's recipe judged on sites it never saw."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.bench.cleaning import Tally, clean_page, fold_of
from storyline.bench.line_data import BODY, BOILERPLATE, TITLE, LabelledPage, training_pages
from storyline.bench.line_training import train

SHARED = Path(__file__).resolve().parents[3] / "shared"


def test_every_site_lands_in_one_fold_the_same_way_each_run() -> None:
    sites = ["bbc", "nytimes", "seeds:a", "example:x", "wapo", "bbc"]
    folds = fold_of(sites, 5)
    assert set(folds) == set(sites)
    assert folds == fold_of(list(reversed(sites)), 5)
    assert set(folds.values()) <= set(range(5))


def test_tally_counts_titles_furniture_and_body() -> None:
    page = LabelledPage(
        name="p",
        site="s",
        lines=["Home", "A Headline Here", "First paragraph of the story.", "Share"],
        labels=[BOILERPLATE, TITLE, BODY, BOILERPLATE],
    )
    from storyline.model import Article

    article = Article(
        id="a",
        source="p",
        title="A Headline Here",
        text="First paragraph of the story.",
        removed_lines=["Home"],
    )
    tally = Tally()
    tally.add(page, article)
    figures = tally.figures()
    assert figures["titles"] == 1.0
    assert figures["boilerplate P"] == 1.0 and figures["boilerplate R"] == 0.5
    assert figures["body kept"] == 1.0


@pytest.fixture(scope="module")
def pages() -> list[LabelledPage]:
    if not (SHARED / "corpus" / "html-readability").is_dir():
        pytest.skip(f"{SHARED}/corpus/html-readability is absent")
    return training_pages(SHARED)


def test_a_model_that_never_saw_the_seeds_reads_them(pages: list[LabelledPage]) -> None:
    """Trained on other sites only, the recipe finds the seeds' headlines and keeps their
    story; the figures are those of a held-out fold, not of the shipped model."""
    seeds = [page for page in pages if page.site.startswith("seeds:")]
    if not seeds:
        pytest.skip("../shared/seeds is absent")
    model = train([page for page in pages if not page.site.startswith("seeds:")], trees=40)
    tally = Tally()
    for page in seeds:
        tally.add(page, clean_page(page, model))
    figures = tally.figures()
    assert figures["body kept"] >= 0.99
    assert figures["titles"] >= 0.66
    assert figures["boilerplate P"] >= 0.9


def test_a_gold_set_scores_titles_and_dates_only_where_the_gold_gives_them(
    tmp_path: Path,
) -> None:
    import json

    from storyline.bench.cleaning import score_cleaning

    story = (
        "The harbour authority said on Monday that dredging in the east basin would resume next "
        "week, despite protests by fishers who have blocked the quay since early March.\n\n"
    )
    pages = {
        "a.txt": "Council Orders Halt to Dredging\n\nBy Ana Ruiz | March 3, 2024\n\n" + story * 4,
        "b.txt": "By Ana Ruiz | March 5, 2024\n\n" + story * 4,
    }
    gold = [
        {"file": "a.txt", "title": "Council Orders Halt to Dredging", "published": "2024-03-03"},
        # No headline shown, and a metadata date the gold leaves unscored: neither counts.
        {"file": "b.txt", "title": None, "published": "2024-01-01", "published_scored": False},
    ]
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n")
    figures = score_cleaning(tmp_path)
    assert figures["title_accuracy"] == 1.0
    assert (figures["dates_right"], figures["dates_wrong"], figures["dates_invented"]) == (1, 0, 0)

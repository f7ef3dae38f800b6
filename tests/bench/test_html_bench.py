"""The HTML benchmark: every system scored on the same pages; the held-out body figure."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from storyline.bench.html import (
    bench_html,
    cross_validate,
    load_pages,
    shingles,
)
from storyline.clean.html_body import FURNITURE

ARTICLE = " ".join(
    f"Paragraph {n} says the harbour council met again and voted on the dredging plan."
    for n in range(12)
)


def _corpus(folder: Path) -> Path:
    for name, published in (("a", "2022-03-07T10:00:00Z"), ("b", None)):
        page = folder / name
        page.mkdir(parents=True)
        meta = (
            f'<meta property="article:published_time" content="{published}">' if published else ""
        )
        (page / "source.html").write_text(
            f"<html><head><title>Story {name}</title>{meta}</head><body><nav>Home</nav>"
            f"<article><p>{ARTICLE}</p></article><footer>Contact us</footer></body></html>"
        )
        (page / "expected.html").write_text(f"<div><p>{ARTICLE}</p></div>")
        (page / "expected-metadata.json").write_text(
            json.dumps({"title": f"Story {name}", "publishedTime": published})
        )
    return folder


def test_shingles_are_lowercased_word_4grams() -> None:
    assert shingles("The Council met, today.") == {("the", "council", "met", "today")}
    assert shingles("Two words") == {("two", "words")}
    assert shingles("") == set()


def test_bench_html_scores_every_system_on_the_same_pages(tmp_path: Path) -> None:
    console = Console(file=open(tmp_path / "out.txt", "w"), width=160)  # noqa: SIM115
    figures = bench_html(_corpus(tmp_path / "corpus"), console)
    assert set(figures) == {"storyline", "trafilatura", "htmldate_extensive", "htmldate"}
    ours = figures["storyline"]
    assert ours["pages"] == 2 and ours["dated_pages"] == 1
    assert ours["f1"] > 0.9
    assert ours["date_accuracy"] == 1.0
    assert ours["dates_on_undated"] == 0
    assert ours["title_accuracy"] == 1.0
    assert ours["held_out_f1"] > 0.9 and ours["ours_micro_f1"] > 0.9
    # htmldate alone reads dates only: no body figures.
    assert "f1" not in figures["htmldate"] and figures["htmldate_extensive"]["date_accuracy"] == 1.0
    console.file.close()
    output = (tmp_path / "out.txt").read_text()
    assert "storyline" in output and "held_out_f1" in output and "training folds" in output


def test_cross_validation_chooses_on_other_folds_and_reports_held_out(tmp_path: Path) -> None:
    pages = load_pages(_corpus(tmp_path / "corpus"))
    validation = cross_validate(pages, folds=2)
    assert sum(validation["chosen_rules"].values()) == 2
    assert validation["held_out"]["f1"] > 0.9 and validation["tuned"]["f1"] > 0.9
    assert set(validation["without"]) == set(FURNITURE)

"""Cross-checking the bundled example corpus end to end, against its ANSWERS.md."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from tests.conftest import by_file

from storyline.crosscheck import crosscheck
from storyline.group import group
from storyline.render import render_timeline
from storyline.store.sqlite import SqliteStore
from storyline.timeline import build_timeline


def _files(store: SqliteStore) -> dict[str, str]:
    return {a["id"]: name for name, a in by_file(list(store.records("articles"))).items()}


def _sides(conflict: dict[str, Any], files: dict[str, str]) -> tuple[set[str], set[str]]:
    a = {files[s["article_id"]][:2] for s in conflict["a_all"]}
    b = {files[s["article_id"]][:2] for s in conflict["b_all"]}
    return a, b


def test_each_conflict_of_the_answers_is_one_record(
    example_store: SqliteStore, example_answers: dict[str, Any]
) -> None:
    files = _files(example_store)
    found = [c for c in example_store.records("contradictions") if c["kind"] != "claim-denial"]
    expected = [
        (name, gold) for name, answer in example_answers.items()
        for gold in answer.get("contradictions", [])
    ]  # fmt: skip
    assert len(found) == len(expected) == 3
    for name, gold in expected:
        others = {f[:2] for f in gold["others_in"]}
        hits = []
        for conflict in found:
            a, b = _sides(conflict, files)
            for one, other in ((a, b), (b, a)):
                if conflict["kind"] == gold["kind"] and name[:2] in one and others & other:
                    hits.append(conflict)
                    break
        assert len(hits) == 1, gold["what"]
        assert hits[0]["explanation"].endswith(".") and hits[0]["explanation"].count(". ") == 0


def test_the_date_conflict_names_every_article_of_the_other_side(
    example_store: SqliteStore,
) -> None:
    files = _files(example_store)
    (date,) = [c for c in example_store.records("contradictions") if c["kind"] == "date"]
    a, b = _sides(date, files)
    assert a == {"06"} and len(b) >= 2 and b <= {"03", "04", "07"}


def test_the_accusation_with_its_denial_refutation_and_confirmation(
    example_store: SqliteStore, example_answers: dict[str, Any]
) -> None:
    files = _files(example_store)
    (gold,) = example_answers["11-velmar-denies-grit.txt"]["claims"]
    (claim,) = [c for c in example_store.records("claims") if c["claim"]["speaker"] == "Agnes Pell"]
    found = {(files[r["article_id"]], r["stance"]) for r in claim["responses"]}
    assert found == {(r["file"], r["stance"]) for r in gold["responses"]}
    dates = [r["published"] for r in claim["responses"]]
    assert dates == sorted(dates)


def test_okoro_concedes_in_her_position(example_store: SqliteStore) -> None:
    positions = {p["entity"]: p for p in example_store.records("positions")}
    okoro = positions["Jana Okoro"]
    assert [s["cue"] for s in okoro["shifts"]] == ["concede"]
    assert okoro["shifts"][0]["date"] == "2024-11-21"


def test_coverage_counts_every_article_once_and_one_first_per_event(
    example_store: SqliteStore,
) -> None:
    rows = list(example_store.records("coverage"))
    counted = [i for r in rows for i in r["article_ids"]]
    assert sorted(counted) == sorted(a["id"] for a in example_store.records("articles"))
    for event in {r["event_id"] for r in rows}:
        dated = [r for r in rows if r["event_id"] == event and r["first_published"]]
        firsts = [r for r in dated if r["first"]]
        assert firsts and all(
            r["first_published"] <= other["first_published"] for r in firsts for other in dated
        )
    assert any(r["attributed_to"] == ["The Coastal Ledger"] for r in rows)


def test_storylines_not_given_keep_their_records(example_store: SqliteStore) -> None:
    analyses = list(example_store.analyses())
    corpus = group(analyses)
    build_timeline(analyses, corpus)
    crosscheck(analyses, corpus)
    before = list(corpus.contradictions)
    assert before
    # A batch that touched another storyline only: this one's records stay as they were.
    stranger = analyses[0]
    corpus.placements = [*corpus.placements]
    storyline_of = {p.article_id: p for p in corpus.placements}
    storyline_of[stranger.article.id].storyline_id = "another-storyline"
    crosscheck([stranger], corpus)
    assert [c for c in corpus.contradictions if c.storyline_id != "another-storyline"] == before


def test_timeline_shows_conflicts_and_claims_under_their_event(
    example_store: SqliteStore,
) -> None:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    assert render_timeline(example_store, None, console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    rows = shown.split("├")
    (vote,) = [r for r in rows if "⚠" in r and "as 2023-04" in r]
    # The April 2023 contradiction sits under the April 2024 vote, not under its wrong date.
    assert vote.split("│")[1].strip().startswith("2024-04")
    assert "Agnes Pell claims" in shown and "denies" in shown

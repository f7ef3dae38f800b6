"""Cross-checking the real seeds end to end: the vote's date, the accusation and refutation,
Khan's shift, coverage by outlet."""

from __future__ import annotations

from typing import Any

from tests.conftest import by_file

from storyline.store.sqlite import SqliteStore


def _ids(store: SqliteStore) -> dict[str, str]:
    return {name[:3]: a["id"] for name, a in by_file(list(store.records("articles"))).items()}


def test_vote_date_conflict_has_the_other_articles_opposite(seed_store: SqliteStore) -> None:
    ids = _ids(seed_store)
    dates = [c for c in seed_store.records("contradictions") if c["kind"] == "date"]
    assert len(dates) == 1, "one record for one conflicting fact"
    conflict = dates[0]
    assert conflict["a"]["article_id"] == ids["002"] and conflict["a"]["value"] == "2021-04"
    opposite = {side["article_id"] for side in conflict["b_all"]}
    assert {side["value"] for side in conflict["b_all"]} == {"2022-04"}
    assert {ids["000"], ids["001"]} <= opposite
    assert conflict["explanation"].count(".") >= 1 and "2021-04" in conflict["explanation"]


def test_russian_accusation_paired_with_the_us_refutation(seed_store: SqliteStore) -> None:
    ids = _ids(seed_store)
    claims = list(seed_store.records("claims"))
    russian = [c for c in claims if c["claim"]["speaker"] in ("Russia", "Maria Zakharova")]
    assert russian
    for claim in russian:
        answers = {(r["speaker"], r["stance"], r["article_id"]) for r in claim["responses"]}
        assert ("United States", "refutes", ids["004"]) in answers
    denials = [c for c in seed_store.records("contradictions") if c["kind"] == "claim-denial"]
    assert any(c["a"]["value"] == "Russia" for c in denials)


def test_khan_claim_answered_by_the_state_department(seed_store: SqliteStore) -> None:
    ids = _ids(seed_store)
    khan = [c for c in seed_store.records("claims") if c["claim"]["speaker"] == "Imran Khan"]
    assert len(khan) == 1, "Khan's allegations in several articles are one claim"
    answers = {(r["stance"], r["article_id"]) for r in khan[0]["responses"]}
    assert ("denies", ids["000"]) in answers
    assert len(khan[0]["repeats"]) >= 2


def test_khan_shift_in_his_positions(seed_store: SqliteStore) -> None:
    positions = {p["entity"]: p for p in seed_store.records("positions")}
    khan = positions["Imran Khan"]
    assert len(khan["statements"]) >= 5
    dated = [s["date"] for s in khan["statements"] if s["date"]]
    assert dated == sorted(dated)
    assert any("moved past" in shift["cue"] for shift in khan["shifts"])


def test_coverage_names_first_reporters_and_credited_sources(seed_store: SqliteStore) -> None:
    rows: list[dict[str, Any]] = list(seed_store.records("coverage"))
    events = {r["event_id"] for r in rows}
    assert len(events) >= 3
    reported = [r for r in rows if r["article_ids"]]
    assert sum(len(r["article_ids"]) for r in reported) == 5  # every article counted once
    assert any(r["first"] for r in reported)
    assert any(r["syndicated_from"] == "The Intercept" for r in reported)
    assert any(not r["article_ids"] and r["outlet"] == "News Guru" for r in rows)

"""The contract's commands end to end, as a user runs them: real process, real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SEEDS, shared_path


def storyline(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def export(db: Path, what: str) -> list[dict[str, Any]]:
    result = storyline("export", "--what", what, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    shared_path("seeds")
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    result = storyline("ingest", str(SEEDS), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def test_seed_articles_export_with_contract_fields(
    seeds_db: Path, seed_gold: dict[str, Any]
) -> None:
    articles = export(seeds_db, "articles")
    assert len(articles) == 5
    fields = [
        "id",
        "source",
        "url",
        "outlet",
        "title",
        "published",
        "published_source",
        "published_evidence",
        "language",
        "text",
        "removed_lines",
        "attributed_to",
        "duplicate_of",
        "event_id",
        "storyline_id",
    ]
    for article in articles:
        assert list(article)[: len(fields)] == fields
        gold = seed_gold[Path(article["source"]).name]
        assert article["published"] == gold["published"]
    for kind in ("quotes", "timexes", "entities", "events", "stories"):
        assert export(seeds_db, kind), kind


def test_reingesting_changes_no_count(seeds_db: Path) -> None:
    before = {k: len(export(seeds_db, k)) for k in ("articles", "quotes", "timexes", "entities")}
    result = storyline("ingest", str(SEEDS), "--db", str(seeds_db))
    assert result.returncode == 0 and "0 added, 5 already stored" in result.stderr
    after = {k: len(export(seeds_db, k)) for k in before}
    assert after == before


def test_bad_inputs_each_get_one_line_and_the_rest_lands(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Council Halts Dredging\n\nThe council voted on Tuesday to halt all dredging in the basin.\n"
    )
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes(
        "Le conseil a voté mardi l'arrêt du dragage du bassin.".encode("latin-1")
    )
    (tmp_path / "lines.jsonl").write_text(
        '{"text": "A valid line with a body of words."}\n{"text": broken\n'
    )
    db = tmp_path / "s.db"
    result = storyline(
        "ingest",
        str(tmp_path / "binary.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "latin1.txt"),
        str(tmp_path / "lines.jsonl"),
        str(good),
        "--db",
        str(db),
    )
    assert result.returncode == 1
    messages = [line for line in result.stderr.splitlines() if line.startswith(("error:", "note:"))]
    for name in ("binary.txt", "empty.txt", "latin1.txt", "lines.jsonl#2"):
        [line] = [m for m in messages if name in m]
        assert "Traceback" not in line
    articles = export(db, "articles")
    assert sorted(Path(a["source"]).name for a in articles) == [
        "good.txt",
        "latin1.txt",
        "lines.jsonl#1",
    ]
    assert next(a for a in articles if a["source"].endswith("latin1.txt"))["language"] == "fr"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert storyline("ingest", "--db", str(tmp_path / "x.db")).returncode == 2
    assert storyline("export", "--what", "nonsense", "--db", str(tmp_path / "x.db")).returncode == 2
    assert storyline("dates", "--ref", "yesterday").returncode == 2


def test_dates_reads_stdin_against_a_reference() -> None:
    result = storyline(
        "dates",
        "--ref",
        "2022-04-07",
        stdin=b"Price spoke on Tuesday about February 23-24 this year.",
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["value"]) for r in records] == [
        ("Tuesday", "2022-04-05"),
        ("February 23-24 this year", "2022-02-23"),
    ]
    assert {"text", "start", "end", "type", "value", "anchor"} <= set(records[0])


def test_timeline_prints_dated_events(seeds_db: Path) -> None:
    result = storyline("timeline", "--db", str(seeds_db))
    assert result.returncode == 0, result.stderr
    assert "2022-03-07" in result.stdout and "2022-03-02" in result.stdout
    assert storyline("timeline", "no such story anywhere", "--db", str(seeds_db)).returncode == 1


def test_csv_and_json_exports(seeds_db: Path) -> None:
    csv_out = storyline(
        "export", "--what", "stories", "--format", "csv", "--db", str(seeds_db)
    ).stdout
    assert csv_out.splitlines()[0].startswith("id,level,parent_id,label")
    records = json.loads(
        storyline("export", "--what", "stories", "--format", "json", "--db", str(seeds_db)).stdout
    )
    assert {r["level"] for r in records} == {"event", "storyline"}


def test_example_corpus_main_job(tmp_path: Path) -> None:
    result = storyline("ingest", "--example", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "storyline.db").exists()
    shown = storyline("timeline", cwd=tmp_path)
    assert shown.returncode == 0 and "2024-04-09" in shown.stdout


def test_cross_checking_exports_with_contract_fields(seeds_db: Path) -> None:
    fields = {
        "contradictions": {"id", "storyline_id", "kind", "a", "b", "explanation", "a_all", "b_all"},
        "claims": {"id", "storyline_id", "claim", "responses", "explanation"},
        "coverage": {"event_id", "storyline_id", "outlet", "article_ids", "first_published",
                     "first", "syndicated_from"},
        "positions": {"entity", "storyline_id", "statements", "shifts"},
    }  # fmt: skip
    for kind, wanted in fields.items():
        records = export(seeds_db, kind)
        assert records, kind
        assert all(wanted <= set(r) for r in records), kind
    claim = export(seeds_db, "claims")[0]
    assert {"article_id", "outlet", "published", "speaker", "sentence", "start", "end"} <= set(
        claim["claim"]
    )
    assert all(
        r["stance"] in ("denies", "refutes", "confirms", "supports") for r in claim["responses"]
    )

"""Analysts' corrections: kept in the store, honoured at once and by every later ingest."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app, example_corpus
from storyline.engine import ingest
from storyline.errors import StorylineError
from storyline.group.corrections import merge, rename, split
from storyline.store.sqlite import SqliteStore


def _stories(store: SqliteStore) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in store.records("stories")}


def _placed(store: SqliteStore) -> dict[str, tuple[str, str]]:
    return {a["id"]: (a["event_id"], a["storyline_id"]) for a in store.records("articles")}


@pytest.fixture(scope="module")
def half_grouped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the first six example articles, grouped once (copied by each test)."""
    folder = tmp_path_factory.mktemp("corrections")
    db = folder / "half.db"
    files = sorted(example_corpus().glob("*.txt"))[:6]
    store = SqliteStore(str(db))
    ingest([str(f) for f in files], store, workers=1)
    store.close()
    return db


@pytest.fixture
def store(half_grouped: Path, tmp_path: Path) -> SqliteStore:
    db = tmp_path / "s.db"
    shutil.copy(half_grouped, db)
    return SqliteStore(str(db))


def test_story_ids_stay_when_new_articles_join(store: SqliteStore) -> None:
    before = _placed(store)
    ingest([str(example_corpus())], store, workers=1)
    after = _placed(store)
    assert len(after) == len(list(example_corpus().glob("*.txt")))
    # Every storyline and event the first six articles were in still has its id.
    assert {s for _, s in before.values()} <= {s for _, s in after.values()}
    assert {e for e, _ in before.values()} <= {e for e, _ in after.values()}


def test_corrections_survive_a_reingest_and_new_articles(store: SqliteStore) -> None:
    stories = _stories(store)
    events = [s for s in stories.values() if s["level"] == "event"]
    storyline = next(s for s in stories.values() if s["level"] == "storyline")
    assert len(events) >= 2, "the first six example articles are several events"
    first, second = events[0], events[1]
    assert merge(store, first["id"], second["id"]) == first["id"]
    merged = _stories(store)[first["id"]]
    assert set(merged["article_ids"]) == set(first["article_ids"]) | set(second["article_ids"])
    assert second["id"] not in _stories(store)

    moved = [storyline["article_ids"][-1]]
    new_storyline = split(store, storyline["id"], moved)
    rename(store, new_storyline, "The dockers' strike")
    placed = _placed(store)
    assert placed[moved[0]][1] == new_storyline
    assert _stories(store)[new_storyline]["label"] == "The dockers' strike"

    kept = {kind: list(store.records(kind)) for kind in ("articles", "stories", "events")}
    report = ingest([str(f) for f in sorted(example_corpus().glob("*.txt"))[:6]], store)
    assert report.added == 0
    assert {kind: list(store.records(kind)) for kind in kept} == kept  # nothing new: no change

    ingest([str(example_corpus())], store, workers=1)
    stories = _stories(store)
    placed = _placed(store)
    assert len(placed) == len(list(example_corpus().glob("*.txt")))
    assert placed[moved[0]][1] == new_storyline
    assert stories[new_storyline]["label"] == "The dockers' strike"
    assert second["id"] not in stories
    together = set(first["article_ids"]) | set(second["article_ids"])
    assert len({placed[a][0] for a in together if a not in moved}) == 1


def test_unknown_ids_are_one_line_errors(store: SqliteStore) -> None:
    storyline = next(s for s in _stories(store).values() if s["level"] == "storyline")
    with pytest.raises(StorylineError, match="no such story"):
        merge(store, storyline["id"], "s0000000000000000")
    with pytest.raises(StorylineError, match="no such article"):
        split(store, storyline["id"], ["a0000000000000000"])
    with pytest.raises(StorylineError, match="empty"):
        split(store, storyline["id"], storyline["article_ids"])
    with pytest.raises(StorylineError, match="no such story"):
        rename(store, "e0000000000000000", "x")
    assert list(store.corrections()) == []


def test_stories_commands(store: SqliteStore) -> None:
    db = store.path
    store.close()
    runner = CliRunner()
    storyline = next(s for s in _stories(SqliteStore(db)).values() if s["level"] == "storyline")
    result = runner.invoke(app, ["stories", "rename", storyline["id"], "Harbour mud", "--db", db])
    assert result.exit_code == 0, result.output
    assert _stories(SqliteStore(db))[storyline["id"]]["label"] == "Harbour mud"
    result = runner.invoke(app, ["stories", "merge", storyline["id"], "nope", "--db", db])
    assert result.exit_code == 1
    assert "nope: no such story" in result.output
    assert len(result.output.strip().splitlines()) == 1

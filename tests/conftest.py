"""Shared fixtures: where ../shared is, and stores built once per session by the real pipeline."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from storyline.bench.cleaning import load_gold
from storyline.cli import example_corpus
from storyline.engine import ingest
from storyline.store.sqlite import SqliteStore

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


def shared_path(relative: str) -> Path:
    """Return a folder under ../shared, or skip the test with a clear message when absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} not found (test data of others; absent on this machine)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def seed_gold(seeds_dir: Path) -> dict[str, dict[str, Any]]:
    """The seeds' gold records by file name."""
    lines = (seeds_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {g["file"]: g for g in map(json.loads, filter(None, lines))}


@pytest.fixture(scope="session")
def example_answers() -> dict[str, dict[str, Any]]:
    """The bundled example corpus's answers by file name."""
    return {g["file"]: g for g in load_gold(example_corpus())}


def _ingested(folder: Path, tmp: Path) -> SqliteStore:
    store = SqliteStore(str(tmp / "storyline.db"))
    report = ingest([str(folder)], store)
    assert not report.errors, report.errors
    return store


@pytest.fixture(scope="session")
def seed_store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> SqliteStore:
    """A SQLite store holding the five seeds, ingested by the whole pipeline."""
    return _ingested(seeds_dir, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> SqliteStore:
    """A SQLite store holding the bundled example corpus, ingested by the whole pipeline."""
    return _ingested(example_corpus(), tmp_path_factory.mktemp("example"))


def by_file(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return article records keyed by the file name of their source."""
    return {Path(r["source"]).name: r for r in records}

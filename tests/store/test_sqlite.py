"""The SQLite store: migrations, WAL, batches in one transaction, content ids, exports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.errors import StorylineError
from storyline.model import Analysis, Article, Corpus, Mention, Placement, Quote, Story, Timex
from storyline.store.base import RECORD_KINDS, open_store
from storyline.store.sqlite import SqliteStore


def _analysis(article_id: str, text: str = "A body.") -> Analysis:
    article = Article(id=article_id, source=f"{article_id}.txt", text=text, title="T")
    return Analysis(
        article,
        mentions=[Mention(article_id, "Lu", "Lu", "PERSON", 0, 2)],
        quotes=[Quote(article_id, "words said here now", "direct", 0, 19, speaker="Lu")],
        timexes=[Timex(article_id, "March 2", 3, 10, "DATE", "2022-03-02", "2022-03-07")],
    )


def test_schema_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    store.close()
    db = sqlite3.connect(tmp_path / "s.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    SqliteStore(str(tmp_path / "s.db")).close()  # reopening applies nothing twice


def test_adding_the_same_content_twice_adds_nothing(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    assert store.add([_analysis("a1"), _analysis("a2")]) == 2
    assert store.add([_analysis("a1")]) == 0
    assert store.count("articles") == 2 and store.count("quotes") == 2
    [first, second] = list(store.analyses())
    assert first.article.id == "a1" and first.timexes[0].anchor == "2022-03-07"
    assert second.mentions[0].name == "Lu"


def test_a_failing_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    broken = _analysis("a2")
    broken.quotes[0].text = None  # type: ignore[assignment]  # violates NOT NULL mid-batch
    with pytest.raises(StorylineError, match="NOT NULL"):
        store.add([_analysis("a1"), broken])
    assert store.count("articles") == 0 and store.count("quotes") == 0


def test_corpus_is_replaced_whole_and_names_map_speakers(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    store.add([_analysis("a1")])
    story = Story("s1", "storyline", "Label", ["a1"])
    corpus = Corpus(
        placements=[Placement("a1", None, "e1", "s1")],
        stories=[story],
        canonical_names={"Lu": "Donald Lu"},
    )
    store.save_corpus(corpus)
    store.save_corpus(corpus)
    assert store.count("stories") == 1
    [article] = list(store.records("articles"))
    assert (article["event_id"], article["storyline_id"]) == ("e1", "s1")
    [quote] = list(store.records("quotes"))
    assert quote["speaker"] == "Donald Lu"
    assert list(quote) == [
        "article_id",
        "speaker",
        "speaker_mention",
        "text",
        "kind",
        "cue",
        "via",
        "start",
        "end",
    ]


def test_every_contract_kind_exports(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    for kind in RECORD_KINDS:
        assert list(store.records(kind)) == []
    with pytest.raises(StorylineError):
        list(store.records("mentions-of-nothing"))


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not sqlite at all, just text" * 100)
    with pytest.raises(StorylineError, match="not a usable storyline database"):
        open_store(str(path))

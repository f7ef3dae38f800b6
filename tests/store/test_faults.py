"""The SQLite store under faults: concurrent creators, read-only, corrupt, full, foreign files.

Every fault is one StorylineError naming the database and what to do; none is a traceback.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storyline.errors import StorylineError
from storyline.model import Analysis, Article, Corpus, Mention
from storyline.store.base import open_store
from storyline.store.sqlite import SqliteStore


def _analysis(article_id: str, text: str = "A body.") -> Analysis:
    article = Article(id=article_id, source=f"{article_id}.txt", text=text, title="T")
    return Analysis(article, mentions=[Mention(article_id, "Lu", "Lu", "PERSON", 0, 2)])


# One process of a pair: waits for the start signal, then creates the store and adds a batch.
_CREATOR = textwrap.dedent(
    """
    import os, sys, time
    from storyline.model import Analysis, Article
    from storyline.store.sqlite import SqliteStore
    db, go, name = sys.argv[1:]
    while not os.path.exists(go):
        time.sleep(0.001)
    store = SqliteStore(db)
    store.add([Analysis(Article(id=name, source=name, text="A body of " + name))])
    store.close()
    """
)


def test_two_processes_creating_one_new_database_both_land(tmp_path: Path) -> None:
    # Before: 4 of 10 pairs failed ("table articles already exists", "database is locked").
    for attempt in range(6):
        db, go = tmp_path / f"new{attempt}.db", tmp_path / f"go{attempt}"
        pair = [
            subprocess.Popen(
                [sys.executable, "-c", _CREATOR, str(db), str(go), f"p{attempt}-{n}"],
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(2)
        ]
        time.sleep(0.4)  # both interpreters started and polling
        go.touch()
        for process in pair:
            _, errors = process.communicate(timeout=60)
            assert process.returncode == 0, errors
        store = SqliteStore(str(db))
        assert {r["id"] for r in store.records("articles")} == {
            f"p{attempt}-0",
            f"p{attempt}-1",
        }
        store.close()


def test_a_database_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SqliteStore(str(path)).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StorylineError, match=r"future\.db: written by a newer storyline") as error:
        open_store(str(path))
    assert "\n" not in str(error.value)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 99


def test_a_damaged_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    store = SqliteStore(str(path))
    store.add([_analysis(f"a{n}", "words " * 2000) for n in range(20)])
    store.close()
    size = path.stat().st_size
    with path.open("r+b") as stream:  # keep the header page, scribble over the b-tree pages
        stream.seek(4096)
        stream.write(os.urandom(size - 4096))
    with pytest.raises(StorylineError, match=r"damaged\.db: not a usable storyline database"):
        reopened = open_store(str(path))
        list(reopened.records("articles"))


def test_a_full_disk_at_commit_is_one_line_and_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    store = SqliteStore(str(path))
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own SQLITE_FULL
    with pytest.raises(StorylineError, match=r"full\.db: the disk is full"):
        store.add([_analysis(f"a{n}", "words " * 5000) for n in range(10)])
    assert store.count("articles") == 0 and not store.stale()
    store.close()


def test_a_missing_column_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "altered.db"
    SqliteStore(str(path)).close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE articles DROP COLUMN outlet")
    db.close()
    store = SqliteStore(str(path))
    with pytest.raises(StorylineError, match=r"altered\.db: the database's tables are not"):
        store.add([_analysis("a1")])
    with pytest.raises(StorylineError, match="no such column"):
        list(store.records("articles"))


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_read_only_database_is_refused_when_opened_not_after_the_work(
    journal: str, tmp_path: Path
) -> None:
    path = tmp_path / "read-only.db"
    SqliteStore(str(path)).close()
    sqlite3.connect(path).execute(f"PRAGMA journal_mode = {journal}").fetchall()
    path.chmod(0o444)
    result = _as_unprivileged(
        "from storyline.store.base import open_store\n"
        "from storyline.errors import StorylineError\n"
        "import sys\n"
        "store = open_store(sys.argv[1], writable=False)\n"
        "print(store.count('articles'))\n"  # reading works
        "try:\n"
        "    open_store(sys.argv[1])\n"
        "except StorylineError as error:\n"
        "    print(error)\n",
        str(path),
    )
    assert result.returncode == 0, result.stderr
    count, message = result.stdout.splitlines()
    assert count == "0"
    assert message.startswith(f"{path}: the database is read-only")


def _as_unprivileged(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python code where file permissions apply: as root, without the override capabilities."""
    command = [sys.executable, "-c", code, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file permissions cannot apply")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_nul_characters_are_stripped_from_every_stored_field(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    analysis = _analysis("a1")
    analysis.article.title = "Dredging\x00 halted"
    analysis.article.outlet = "Bay\x00 News"
    analysis.article.removed_lines = ["Share\x00 this"]
    store.add([analysis])
    [record] = store.records("articles")
    assert record["title"] == "Dredging halted" and record["outlet"] == "Bay News"
    assert record["removed_lines"] == ["Share this"]


def test_the_stale_flag_is_set_by_adding_and_cleared_by_saving_the_corpus(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    assert not store.stale()
    store.add([_analysis("a1")])
    assert store.stale()
    store.add([_analysis("a1")])  # nothing new
    store.save_corpus(Corpus())
    assert not store.stale()


def test_a_version_1_database_with_unplaced_articles_migrates_stale(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    script = (
        Path(__file__).parents[2] / "src/storyline/store/migrations/0001_initial.sql"
    ).read_text()
    db = sqlite3.connect(path)
    db.executescript(script + "\nPRAGMA user_version = 1;")
    db.execute("INSERT INTO articles (id, source, text, seq) VALUES ('a', 'a.txt', 'x', 1)")
    db.commit()
    db.close()
    assert SqliteStore(str(path)).stale()


def test_a_grouping_read_before_another_ingest_added_articles_is_not_saved(
    tmp_path: Path,
) -> None:
    # Two ingests at once: A reads the corpus, B adds a batch and regroups, A saves last.
    store = SqliteStore(str(tmp_path / "s.db"))
    store.add([_analysis("a1")])
    seen_by_a = store.generation()
    other = SqliteStore(str(tmp_path / "s.db"))
    other.add([_analysis("b1")])
    assert not store.save_corpus(Corpus(), seen_by_a)  # would drop b1 from every story
    assert store.stale()
    assert other.save_corpus(Corpus(), other.generation())
    assert not store.stale()


def test_a_write_the_system_refuses_is_one_line(tmp_path: Path) -> None:
    # A real failing write (the file size limit, as a full disk would): SQLite's I/O error.
    code = textwrap.dedent(
        """
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
        from storyline.errors import StorylineError
        from storyline.model import Analysis, Article
        from storyline.store.sqlite import SqliteStore
        store = SqliteStore(sys.argv[1])
        resource.setrlimit(resource.RLIMIT_FSIZE, (500_000, resource.RLIM_INFINITY))  # a few articles fit (schema with search indexes: ~220 KB of WAL)
        try:
            for n in range(100):
                store.add([Analysis(Article(id=f"a{n}", source="x", text="words " * 5000))])
        except StorylineError as error:
            print(error)
        """
    )
    path = tmp_path / "limited.db"
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{path}: the disk refused a write")
    stored = SqliteStore(str(path)).count("articles")  # what was committed is intact
    assert 0 < stored < 100

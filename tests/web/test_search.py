"""Full-text search through the Store interface: kept up to date, filtered, errors for people."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import QueryError
from storyline.model import (
    Analysis,
    Article,
    Corpus,
    Event,
    Evidence,
    Mention,
    Placement,
    Quote,
    Story,
)
from storyline.store.base import MATCH_END, MATCH_START
from storyline.store.sqlite import SqliteStore


def _analysis(article_id: str, text: str, outlet: str, published: str) -> Analysis:
    article = Article(article_id, f"{article_id}.txt", text, outlet=outlet, published=published)
    return Analysis(
        article,
        mentions=[Mention(article_id, "Reed", "Reed", "PERSON", 0, 4)],
        quotes=[
            Quote(article_id, "the bridge must close", "direct", 10, 31, speaker="Reed", via="AP")
        ],
    )


def _corpus(summary: str) -> Corpus:
    evidence = Evidence("a1", "Gazette", "2023-03-07", summary, 0, 10)
    return Corpus(
        placements=[Placement("a1", None, "e1", "s1"), Placement("a2", None, "e2", "s2")],
        stories=[
            Story("s1", "storyline", "Bridge", ["a1"]),
            Story("s2", "storyline", "Zoo", ["a2"]),
        ],
        events=[Event("v1", "s1", "e1", "2023-03", "month", summary, ["Tom Reed"], [evidence])],
        canonical_names={"Reed": "Tom Reed"},
    )


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    store = SqliteStore(str(tmp_path / "s.db"))
    store.add([_analysis("a1", "Reed said the bridge closes in March.", "Gazette", "2023-03-07")])
    store.add([_analysis("a2", "The zoo opened a new penguin house.", "Herald", "2021-06-01")])
    store.save_corpus(_corpus("The council closes the bridge."))
    return store


def test_articles_and_quotes_are_searchable_as_soon_as_they_are_added(store: SqliteStore) -> None:
    hits = store.search("penguin")
    assert [(h["kind"], h["ref"]) for h in hits] == [("article", "a2")]
    quote_hits = store.search("must", kinds=("quote",))
    assert {h["article_id"] for h in quote_hits} == {"a1", "a2"}
    assert all(h["speaker"] == "Tom Reed" and h["via"] == "AP" for h in quote_hits)


def test_the_speaker_and_relay_of_a_quote_are_searchable(store: SqliteStore) -> None:
    assert {h["kind"] for h in store.search("AP")} == {"quote"}


def test_events_follow_the_saved_corpus(store: SqliteStore) -> None:
    assert [h["ref"] for h in store.search("council", kinds=("event",))] == ["v1"]
    store.save_corpus(_corpus("The mayor reopens the road."))
    assert store.search("council", kinds=("event",)) == []
    assert [h["ref"] for h in store.search("mayor", kinds=("event",))] == ["v1"]


def test_a_snippet_marks_the_matched_words(store: SqliteStore) -> None:
    [hit] = store.search("penguin")
    assert f"{MATCH_START}penguin{MATCH_END}" in hit["snippet"]


def test_filters_by_outlet_dates_storyline_and_entity(store: SqliteStore) -> None:
    everything = {h["article_id"] for h in store.search("the", kinds=("article",))}
    assert everything == {"a1", "a2"}
    assert {h["article_id"] for h in store.search("the", outlet="Herald")} == {"a2"}
    assert {h["article_id"] for h in store.search("the", kinds=("article",), since="2022")} == {
        "a1"
    }
    assert {h["article_id"] for h in store.search("the", kinds=("article",), until="2021-06")} == {
        "a2"
    }
    # A month-precise event is inside a bound that falls within its month.
    assert [h["ref"] for h in store.search("council", since="2023-03-20")] == ["v1"]
    assert store.search("council", since="2023-04-01") == []
    assert {h["article_id"] for h in store.search("the", kinds=("article",), storyline="s2")} == {
        "a2"
    }
    # An entity by its corpus-wide name reaches the articles that name it by another.
    assert {
        h["article_id"] for h in store.search("the", kinds=("article",), entity="Tom Reed")
    } == {"a1", "a2"}
    assert store.search("the", entity="Nobody") == []


def test_a_common_word_is_ranked_among_its_latest_matches_and_filters_still_reach_older_ones(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.store import sqlite_search

    store.add([_analysis("a3", "The tram line opens.", "Herald", "2024-01-02")])
    monkeypatch.setattr(sqlite_search, "RANKED_MATCHES", 1)
    # "the" is in three articles: only the one added last is ranked.
    assert [h["article_id"] for h in store.search("the", kinds=("article",))] == ["a3"]
    # The window is taken after the filters: the Gazette's older article is still found.
    assert [h["article_id"] for h in store.search("the", kinds=("article",), outlet="Gazette")] == [
        "a1"
    ]
    assert [h["article_id"] for h in store.search("penguin")] == ["a2"]


@pytest.mark.parametrize("query", ['"', "AND (", "*", "bridge:closes", "  "])
def test_a_query_that_cannot_be_read_is_a_query_error(store: SqliteStore, query: str) -> None:
    with pytest.raises(QueryError, match="search"):
        store.search(query)


def test_paging_never_repeats_a_hit(store: SqliteStore) -> None:
    first = store.search("the", limit=2)
    rest = store.search("the", limit=50, offset=2)
    keys = [(h["kind"], h["ref"]) for h in first + rest]
    assert len(keys) == len(set(keys)) == len(store.search("the", limit=50))


def test_an_entity_is_read_from_its_mentions_under_its_corpus_wide_name(store: SqliteStore) -> None:
    found = store.entity("Tom Reed")
    assert found == {
        "name": "Tom Reed", "type": "PERSON", "aliases": ["Reed"], "article_ids": ["a1", "a2"]
    }  # fmt: skip
    assert store.entity("Nobody") is None


def test_search_follows_every_write_to_the_indexed_tables(store: SqliteStore) -> None:
    # Triggers, not the code paths: a regrouping that rewrites events some other way is seen.
    db = store._db
    db.execute("DELETE FROM events")
    assert store.search("council", kinds=("event",)) == []
    db.execute("UPDATE articles SET title = 'Flamingo news' WHERE id = 'a2'")
    assert [h["ref"] for h in store.search("flamingo")] == ["a2"]
    db.execute("DELETE FROM quotes WHERE article_id = 'a1'")
    assert {h["article_id"] for h in store.search("must", kinds=("quote",))} == {"a2"}


def test_find_reads_one_page_by_field(store: SqliteStore) -> None:
    assert [s["id"] for s in store.find("stories", level="storyline")] == ["s1", "s2"]
    assert [s["id"] for s in store.find("stories", level="storyline", reverse=True, limit=1)] == [
        "s2"
    ]
    assert store.find("articles", id=["a2", "zz"], fields=["id", "outlet"]) == [
        {"id": "a2", "outlet": "Herald"}
    ]
    assert [q["speaker"] for q in store.find("quotes", speaker="Tom Reed")] == ["Tom Reed"] * 2
    assert store.count("articles", storyline_id="s1") == 1

"""What the pages are built from: an event's reports with copies folded, an entity's roles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.web.conftest import syndication_db

from storyline.store.sqlite import SqliteStore
from storyline.web import views
from storyline.web.roles import appositive_after, roles, title_before


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore(syndication_db(tmp_path / "views.db"))
    yield store
    store.close()


@pytest.mark.parametrize("event_id", ["v1", "e1"])
def test_copies_and_syndicated_reports_fold_under_their_original(
    store: SqliteStore, event_id: str
) -> None:
    view = views.event(store, event_id)
    shown = [r["article"]["id"] for r in view["reports"]]
    # The Courier's AP copy stays on its own: AP's report is not here to fold it under.
    assert shown == ["a1", "a3", "a5", "a6"]
    [reuters] = [r for r in view["reports"] if r["article"]["id"] == "a1"]
    assert [c["id"] for c in reuters["copies"]] == ["a4"]
    assert [s["article"]["id"] for s in reuters["syndicated"]] == ["a2"]
    assert reuters["syndicated"][0]["syndicated_from"] == "Reuters"
    assert view["folded"] == 2
    assert view["first_articles"] == {"a1"}


@pytest.mark.parametrize(
    ("before", "role"),
    [
        ("“Prime Minister ", "Prime Minister"),
        ("the release of former prime minister ", "former prime minister"),
        ("said Foreign Office spokesperson ", "Foreign Office spokesperson"),
        ("Russian foreign ministry spokesperson ", "Russian foreign ministry spokesperson"),
        ("met Russian President ", "Russian President"),
        ("said spokesperson ", "spokesperson"),
        ("the Nudor 76ers fired coach ", "coach"),
        ("Nor has Zeno Viskavis, Partners’s chief executive. ", None),
        ("said Sen. ", "Sen."),
        ("urged the government to oust ", None),
        ("Pakistan's ", None),
        ("When ", None),
        ("Prime Minister\n", None),
    ],
)
def test_a_title_before_a_name(before: str, role: str | None) -> None:
    assert title_before(before) == role


@pytest.mark.parametrize(
    ("after", "role"),
    [
        (", the founder of the party.", "founder of the party"),
        (", a senior official at the ministry, said", "senior official at the ministry"),
        (", the former prime minister of Pakistan who", "former prime minister of Pakistan"),
        (", PTI leader Barrister Saif made this statement", "PTI leader"),
        (", the US has a history", None),
        (", while addressing a rally", None),
    ],
)
def test_an_appositive_after_a_name(after: str, role: str | None) -> None:
    assert appositive_after(after) == role


def test_roles_are_counted_by_article_with_their_first_and_last_dates() -> None:
    contexts = [
        {"article_id": "a", "published": "2022-04-07", "before": "Prime Minister ", "after": ""},
        {"article_id": "b", "published": "2023-08-10", "before": "prime minister ", "after": ""},
        {"article_id": "b", "published": "2023-08-10", "before": "PM ", "after": ""},
        {"article_id": "c", "published": None, "before": "former PM ", "after": ", said"},
    ]
    found = {r.role: (r.first_seen, r.last_seen, r.articles) for r in roles(contexts)}
    assert found == {
        "Prime Minister": ("2022-04-07", "2023-08-10", 2),
        "former PM": (None, None, 1),
    }


def test_the_seeds_give_imran_khan_his_roles_with_dates(seeds_db: str) -> None:
    store = SqliteStore(seeds_db)
    try:
        view = views.entity(store, "Imran Khan")
    finally:
        store.close()
    found = {r["role"].lower(): r for r in view["roles"]}
    assert found["prime minister"]["first_seen"] == "2022-04-07"
    assert found["prime minister"]["last_seen"] == "2023-08-10"
    assert "former prime minister" in found

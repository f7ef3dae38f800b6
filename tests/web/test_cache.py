"""The page cache: a page asked for again is sent as kept, until any commit changes the store."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import CountingApp, ask, copy_db, serving

from storyline.store.sqlite import SqliteStore
from storyline.web.app import create_app
from storyline.web.cache import PageCache


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode())


def test_a_commit_from_another_process_changes_the_page(seeds_db: str, tmp_path: Path) -> None:
    pytest.importorskip("storyline.group.corrections")
    from storyline.group import corrections

    db = copy_db(seeds_db, tmp_path / "cached.db")
    store = SqliteStore(db)
    [storyline] = store.find("stories", level="storyline")
    with serving(db) as base:
        url = f"{base}/storylines/{storyline['id']}"
        first = _get(url)
        assert _get(url) == first  # kept
        assert "The renamed affair" not in first
        corrections.rename(store, storyline["id"], "The renamed affair")  # another connection
        assert "The renamed affair" in _get(url)
        assert "The renamed affair" in _get(f"{base}/")
    store.close()


def test_the_cache_can_be_turned_off(seeds_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def kinds(app: Any) -> list[type]:
        return [m.cls for m in app.user_middleware]

    assert PageCache in kinds(create_app(seeds_db))
    assert PageCache not in kinds(create_app(seeds_db, page_cache=False))
    monkeypatch.setenv("STORYLINE_PAGE_CACHE", "0")
    assert PageCache not in kinds(create_app(seeds_db))


def test_kept_pages_are_bounded_by_bytes_and_dropped_on_a_new_version() -> None:
    inner, version = CountingApp(), [1]
    cache = PageCache(inner, version=lambda: version[0], max_bytes=250)
    assert ask(cache, "/100") == b"x" * 100
    ask(cache, "/100")
    ask(cache, "/120")
    assert inner.built == ["/100", "/120"]  # the second /100 was the kept one
    ask(cache, "/100")  # most recently used now: /120 goes first
    ask(cache, "/90")
    assert cache.kept_bytes <= 250 and list(cache.kept) == [("/100", b""), ("/90", b"")]
    version[0] = 2  # a commit
    ask(cache, "/100")
    assert inner.built[-1] == "/100" and cache.kept_bytes == 100
    ask(cache, "/100", method="POST")
    assert inner.built[-1] == "/100" and len(inner.built) == 5
    inner.status = 404
    ask(cache, "/7")
    ask(cache, "/7")
    assert inner.built[-2:] == ["/7", "/7"]  # only 200s are kept


def test_a_store_that_cannot_tell_its_version_is_served_uncached(
    seeds_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from storyline.errors import StorylineError

    def unreadable(self: SqliteStore) -> None:
        raise StorylineError("s.db: disk I/O error")

    monkeypatch.setattr(SqliteStore, "data_version", unreadable)
    with TestClient(create_app(seeds_db)) as client:
        assert client.get("/").status_code == 200  # the route answers, no 500 from the cache
        assert client.get("/").status_code == 200

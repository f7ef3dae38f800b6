"""Warming the page cache: pages built after every commit, never while a request is answered."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import CountingApp, ask, copy_db

from storyline.store.sqlite import SqliteStore
from storyline.web.app import create_app
from storyline.web.cache import PageCache
from storyline.web.warm import Warmer


def _page_cache(app: Any) -> PageCache:
    """Return the page cache in a started app's middleware stack."""
    layer = app.middleware_stack
    while not isinstance(layer, PageCache):
        layer = layer.app
    return layer


def _until(condition: Any, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time given"
        time.sleep(0.02)


def test_warming_builds_the_storyline_pages_after_every_commit(
    seeds_db: str, tmp_path: Path
) -> None:
    pytest.importorskip("storyline.group.corrections")
    from fastapi.testclient import TestClient

    from storyline.group import corrections

    db = copy_db(seeds_db, tmp_path / "warmed.db")
    store = SqliteStore(db)
    [storyline] = store.find("stories", level="storyline")
    path = f"/storylines/{storyline['id']}"
    with TestClient(create_app(db, page_cache=False)) as plain:
        built_by_request = plain.get(path).text
        assert plain.get("/api/warm-up").json()["warming"] is False
    app = create_app(db, warm=True)
    with TestClient(app) as client:
        _until(lambda: client.get("/api/warm-up").json()["warm"])
        assert client.get("/api/warm-up").json()["pages"] == 2  # the list and the one storyline
        cache = _page_cache(app)
        assert cache.misses == 0  # nobody asked for a page yet
        assert client.get(path).text == built_by_request  # the same page a request builds
        assert (cache.hits, cache.misses) == (1, 0)
        corrections.rename(store, storyline["id"], "The renamed affair")  # another connection
        _until(lambda: client.get("/api/warm-up").json()["warm"])
        assert cache.holds(path, cache.current_version())
        assert "The renamed affair" in client.get(path).text
        assert (cache.hits, cache.misses) == (2, 0)  # warmed again, at the new version
    store.close()


class _FailingOnBoom(CountingApp):
    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["path"] == "/boom":
            self.built.append("/boom")
            raise RuntimeError("a bug in one page")
        await super().__call__(scope, receive, send)


def test_warming_waits_for_requests_and_stays_within_its_share_of_the_cache() -> None:
    inner, version = _FailingOnBoom(), [1]
    cache = PageCache(inner, version=lambda: version[0], max_bytes=1_000)
    warmer = Warmer(lambda: ["/300", "/boom", "/200", "/100", "/50"], poll_seconds=0.02)
    built = inner.built
    cache.in_flight = 1  # a request being answered: the warmer builds nothing meanwhile
    warmer.start(cache)
    try:
        time.sleep(0.3)
        assert built == [] and not warmer.status()["warm"]
        cache.in_flight = 0
        _until(lambda: warmer.status()["warm"])
        # Half the cache's 1,000 bytes: /300 and /200 fill it; a page that fails is skipped.
        assert built == ["/300", "/boom", "/200"] and warmer.status()["pages"] == 2
        assert ask(cache, "/300") == b"x" * 300 and built[-1] == "/200"  # kept
        version[0] = 2  # a commit: built again
        _until(lambda: warmer.status()["warm"])
        assert built[-3:] == ["/300", "/boom", "/200"]
    finally:
        warmer.stop()

"""The page cache: a page asked for again is sent as kept, until any commit changes the store."""

from __future__ import annotations

import asyncio
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import copy_db, serving

from storyline.store.sqlite import SqliteStore
from storyline.web.app import create_app
from storyline.web.cache import PageCache, Warmer


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


class _Counting:
    """An ASGI app answering each path with a body of its size, counting what it built."""

    def __init__(self) -> None:
        self.built: list[str] = []
        self.status = 200

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.built.append(scope["path"])
        body = b"x" * int(scope["path"].strip("/"))
        await send({"type": "http.response.start", "status": self.status, "headers": []})
        await send({"type": "http.response.body", "body": body})


def _ask(cache: PageCache, path: str, method: str = "GET") -> bytes:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {"type": "http", "method": method, "path": path, "query_string": b""}
    # In a thread of its own: the browser tests' driver may keep an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, cache(scope, receive, send)).result()  # type: ignore[arg-type]
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_kept_pages_are_bounded_by_bytes_and_dropped_on_a_new_version() -> None:
    inner, version = _Counting(), [1]
    cache = PageCache(inner, version=lambda: version[0], max_bytes=250)
    assert _ask(cache, "/100") == b"x" * 100
    _ask(cache, "/100")
    _ask(cache, "/120")
    assert inner.built == ["/100", "/120"]  # the second /100 was the kept one
    _ask(cache, "/100")  # most recently used now: /120 goes first
    _ask(cache, "/90")
    assert cache.kept_bytes <= 250 and list(cache.kept) == [("/100", b""), ("/90", b"")]
    version[0] = 2  # a commit
    _ask(cache, "/100")
    assert inner.built[-1] == "/100" and cache.kept_bytes == 100
    _ask(cache, "/100", method="POST")
    assert inner.built[-1] == "/100" and len(inner.built) == 5
    inner.status = 404
    _ask(cache, "/7")
    _ask(cache, "/7")
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


def test_warming_waits_for_requests_and_stays_within_its_share_of_the_cache() -> None:
    inner, version = _Counting(), [1]
    cache = PageCache(inner, version=lambda: version[0], max_bytes=1_000)
    warmer = Warmer(lambda: ["/300", "/boom", "/200", "/100", "/50"], poll_seconds=0.02)
    built = inner.built

    class _Failing(_Counting):
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            if scope["path"] == "/boom":
                built.append("/boom")
                raise RuntimeError("a bug in one page")
            await _Counting.__call__(inner, scope, receive, send)

    cache.app = _Failing()
    cache.in_flight = 1  # a request being answered: the warmer builds nothing meanwhile
    warmer.start(cache)
    try:
        time.sleep(0.3)
        assert built == [] and not warmer.status()["warm"]
        cache.in_flight = 0
        _until(lambda: warmer.status()["warm"])
        # Half the cache's 1,000 bytes: /300 and /200 fill it; a page that fails is skipped.
        assert built == ["/300", "/boom", "/200"] and warmer.status()["pages"] == 2
        assert _ask(cache, "/300") == b"x" * 300 and built[-1] == "/200"  # kept
        version[0] = 2  # a commit: built again
        _until(lambda: warmer.status()["warm"])
        assert built[-3:] == ["/300", "/boom", "/200"]
    finally:
        warmer.stop()

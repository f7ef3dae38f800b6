"""Rendered pages kept until the store changes: a page asked for again is not built again.

A storyline page of 680 articles takes ~30 ms to read and render; under 20 concurrent clients
on one process that is ~450 ms at p95. Pages only change when the store does, so each
process keeps the responses it sent (GET, status 200) with the store's data version at the
time, and answers from them while that version holds. Any commit (an ingest from another
process, a correction through this one) changes the version, and the whole cache is dropped.
Bounded by bytes (least recently used out first). ``STORYLINE_PAGE_CACHE=0`` turns it off.

A first visit still builds its page; ``storyline serve`` builds the pages asked for first
into this cache after every change (web/warm.py).
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from storyline.web.warm import Warmer

# Bytes of responses a server process keeps (the largest page measured is ~70 KB), and the
# largest one response kept (a big API export would push every page out).
MAX_CACHED_BYTES = 32 * 1024 * 1024
MAX_KEPT_RESPONSE_BYTES = 1024 * 1024

# Paths never kept: static files are served from disk with their own validators, the
# OpenAPI pages are the framework's.
UNCACHED_PREFIXES = ("/static", "/docs", "/redoc", "/openapi.json", "/api/warm-up")


@dataclass
class _Kept:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class PageCache:
    """ASGI middleware answering a repeated GET from the responses kept at this data version."""

    def __init__(
        self,
        app: ASGIApp,
        version: Callable[[], Hashable | None],
        max_bytes: int = MAX_CACHED_BYTES,
        warmer: Warmer | None = None,
    ) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.kept: OrderedDict[tuple[str, bytes], _Kept] = OrderedDict()
        self.kept_bytes = 0
        self.kept_version: Hashable | None = None
        self.hits = 0
        self.misses = 0
        self.in_flight = 0  # requests being answered (the warmer builds only at 0)
        self.warmer = warmer
        self.outer_app: Any = None  # the app whose state the routes read (seen at lifespan)
        # The server's event loop (seen at lifespan): the data version is read on its thread
        # alone, since SQLite's data_version of one connection is not comparable to another's.
        self._loop: asyncio.AbstractEventLoop | None = None
        # The warmer's thread keeps pages too: every change of ``kept`` holds this lock.
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            self.outer_app = scope.get("app")
            self._loop = asyncio.get_running_loop()
            if self.warmer is not None and self.outer_app is not None:
                self.warmer.start(self)
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self._answer(scope, receive, send)
        finally:
            self.in_flight -= 1

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "GET" or scope["path"].startswith(UNCACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        version = self.current_version()
        if version is None:  # a store that cannot tell when it changes: nothing is kept
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        with self._lock:
            self._follow(version)
            kept = self.kept.get(key)
            if kept is not None:
                self.kept.move_to_end(key)
        if kept is not None:
            self.hits += 1
            await send(
                {"type": "http.response.start", "status": kept.status, "headers": kept.headers}
            )
            await send({"type": "http.response.body", "body": kept.body})
            return
        self.misses += 1
        await self._answer_and_keep(scope, receive, send, key, version)

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes], version: Hashable
    ) -> None:
        start: Message = {}
        parts: list[bytes] = []

        async def keeping(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, version, start, b"".join(parts))
            await send(message)

        await self.app(scope, receive, keeping)

    def _keep(self, key: tuple[str, bytes], version: Hashable, start: Message, body: bytes) -> None:
        # Only a whole 200 answer read at the version still current (the store may have
        # changed while the page was built: then it is not kept).
        if start.get("status") != 200 or len(body) > min(self.max_bytes, MAX_KEPT_RESPONSE_BYTES):
            return
        if version != self.kept_version or version != self.current_version():
            return
        with self._lock:
            if version != self.kept_version:
                return
            replaced = self.kept.pop(key, None)
            if replaced is not None:  # two clients asked at once: both built it
                self.kept_bytes -= len(replaced.body)
            self.kept[key] = _Kept(200, list(start.get("headers", [])), body)
            self.kept_bytes += len(body)
            while self.kept_bytes > self.max_bytes:
                _, dropped = self.kept.popitem(last=False)
                self.kept_bytes -= len(dropped.body)

    def current_version(self) -> Hashable | None:
        """Return the store's data version as the server's event loop thread reads it (from
        another thread, such as the warmer's, by asking that loop)."""
        loop = self._loop
        if loop is None or _running_loop() is loop:
            return self.version()

        async def read() -> Hashable | None:
            return self.version()

        return asyncio.run_coroutine_threadsafe(read(), loop).result(timeout=10)

    def _follow(self, version: Hashable) -> None:
        """Drop every kept page when the store's version moved (the lock held)."""
        if version != self.kept_version:
            self.kept.clear()
            self.kept_bytes = 0
            self.kept_version = version

    def holds(self, path: str, version: Hashable) -> bool:
        """Return True when the page at ``path`` is kept at ``version``."""
        with self._lock:
            self._follow(version)
            return (path, b"") in self.kept

    async def build(self, path: str, version: Hashable) -> None:
        """Build the page at ``path`` (a GET with no query) and keep it, as a request would."""
        scope: dict[str, Any] = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
            "root_path": "", "query_string": b"", "headers": [(b"host", b"127.0.0.1")],
            "client": None, "server": ("127.0.0.1", 0), "app": self.outer_app, "state": {},
        }  # fmt: skip

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def discard(message: Message) -> None:
            return None

        await self._answer_and_keep(scope, receive, discard, (path, b""), version)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None

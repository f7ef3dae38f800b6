"""Rendered pages kept until the store changes: a page asked for again is not built again.

A storyline page of 680 articles takes ~30 ms to read and render; under 20 concurrent clients
on one process that is ~450 ms at p95. Pages only change when the store does, so each
process keeps the responses it sent (GET, status 200) with the store's data version at the
time, and answers from them while that version holds. Any commit (an ingest from another
process, a correction through this one) changes the version, and the whole cache is dropped.
Bounded by bytes (least recently used out first). ``STORYLINE_PAGE_CACHE=0`` turns it off.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Bytes of responses a server process keeps (the largest page measured is ~70 KB), and the
# largest one response kept (a big API export would push every page out).
MAX_CACHED_BYTES = 32 * 1024 * 1024
MAX_KEPT_RESPONSE_BYTES = 1024 * 1024

# Paths never kept: static files are served from disk with their own validators, the
# OpenAPI pages are the framework's.
UNCACHED_PREFIXES = ("/static", "/docs", "/redoc", "/openapi.json")


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
    ) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.kept: OrderedDict[tuple[str, bytes], _Kept] = OrderedDict()
        self.kept_bytes = 0
        self.kept_version: Hashable | None = None
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"].startswith(UNCACHED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        version = self.version()
        if version is None:  # a store that cannot tell when it changes: nothing is kept
            await self.app(scope, receive, send)
            return
        if version != self.kept_version:
            self.kept.clear()
            self.kept_bytes = 0
            self.kept_version = version
        key = (scope["path"], scope.get("query_string", b""))
        kept = self.kept.get(key)
        if kept is not None:
            self.hits += 1
            self.kept.move_to_end(key)
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
        if version != self.kept_version or version != self.version():
            return
        replaced = self.kept.pop(key, None)
        if replaced is not None:  # two clients asked at once: both built it
            self.kept_bytes -= len(replaced.body)
        self.kept[key] = _Kept(200, list(start.get("headers", [])), body)
        self.kept_bytes += len(body)
        while self.kept_bytes > self.max_bytes:
            _, dropped = self.kept.popitem(last=False)
            self.kept_bytes -= len(dropped.body)

"""Warming the page cache: the pages asked for first are built before anyone asks.

A first visit builds its page, and 20 first visits at once queue behind each other (a
storyline page costs ~3-10 ms of one core to build, ~8-28 ms for the largest, by the machine's
load). So ``storyline serve`` warms the cache: a thread of each server process notices every
change of the data version and builds the storylines list and the storyline pages, largest
first, into the cache, up to half its bytes. It builds only while no request is in flight (a
request never waits for it) and starts over when the store changes again.
``STORYLINE_PAGE_WARM=0`` turns it off; ``GET /api/warm-up`` tells whether the pages of the
current version are built and how long that took.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from storyline.web.cache import PageCache

# Seconds between the warmer's looks at the store's data version (one PRAGMA query each).
WARM_POLL_SECONDS = 0.5

# Share of the cache's bytes the warmer fills; the rest is left to the pages people ask for.
WARM_SHARE = 0.5

# Seconds the warmer sleeps while a request is in flight before it looks again.
IDLE_WAIT_SECONDS = 0.002

_log = logging.getLogger("storyline.web")


class Warmer:
    """Builds the pages asked for first into a page cache after each change of the store, in a
    thread of the server process, while no request is in flight."""

    def __init__(self, paths: Callable[[], list[str]], poll_seconds: float = WARM_POLL_SECONDS):
        self.paths = paths  # the pages to build, first first (called in the warmer's thread)
        self.poll_seconds = poll_seconds
        self.cache: PageCache | None = None
        self.warm_version: Hashable | None = None
        self.pages = 0  # kept for the last version warmed (built here or by a request)
        self.seconds = 0.0  # from noticing that version to the last page built
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, cache: PageCache) -> None:
        """Start warming ``cache`` (once)."""
        if self._thread is not None:
            return
        self.cache = cache
        self._thread = threading.Thread(target=self._run, name="storyline-warmer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread after the page it is building (not waited for: it may be waiting
        for the server's event loop, which calls this)."""
        self._stop.set()

    def status(self) -> dict[str, Any]:
        """Return whether the pages of the store's current version are built, and what it took."""
        current = self.cache.current_version() if self.cache is not None else None
        warm = current is not None and current == self.warm_version
        return {"warm": warm, "pages": self.pages, "seconds": round(self.seconds, 3)}

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        try:
            while not self._stop.is_set():
                try:
                    self._warm(loop)
                except Exception as error:  # the store unreadable: requests say so themselves
                    _log.warning("storyline: warming the page cache: %s", error)
                self._stop.wait(self.poll_seconds)
        finally:
            loop.close()

    def _warm(self, loop: asyncio.AbstractEventLoop) -> None:
        cache = self.cache
        assert cache is not None
        version = cache.current_version()
        if version is None or version == self.warm_version:
            return
        started = time.monotonic()
        built = 0
        for path in self.paths():
            if cache.kept_bytes >= cache.max_bytes * WARM_SHARE:
                break
            while cache.in_flight and not self._stop.is_set():
                time.sleep(IDLE_WAIT_SECONDS)
            if self._stop.is_set() or cache.current_version() != version:
                return  # stopped, or a newer commit: warmed from the start at the next look
            if not cache.holds(path, version):
                try:
                    loop.run_until_complete(cache.build(path, version))
                except Exception as error:  # not kept: its request builds it (or says why)
                    _log.warning("storyline: warming %s: %s", path, error)
                    continue
            built += 1
        self.warm_version, self.pages = version, built
        self.seconds = time.monotonic() - started

"""What every route needs from the app: the calling thread's store, the operator's token."""

from __future__ import annotations

import secrets
import threading

from fastapi import Request

from storyline.store.base import Store, open_store


class Stores:
    """One store connection per server thread (SQLite connections stay in their thread)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._local = threading.local()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, writable=False)
            self._local.store = store
        return store


def stores(request: Request) -> Store:
    """Return the calling thread's connection to the app's store."""
    return request.app.state.stores.get()  # type: ignore[no-any-return]


def token_matches(request: Request, given: str | None) -> bool:
    """Return True when the operator set a token and ``given`` is it (compared in constant time)."""
    expected = request.app.state.token
    return bool(expected and given and secrets.compare_digest(given.encode(), expected.encode()))

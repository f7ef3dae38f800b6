"""The one Store interface every backend implements, and the factory that opens one by URL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from storyline.model import Analysis, Corpus

# Record kinds ``storyline export --what KIND`` writes, in the contract's order.
RECORD_KINDS = (
    "articles", "entities", "quotes", "timexes", "events", "stories", "contradictions",
    "claims", "coverage", "positions",
)  # fmt: skip

# Where the database lives when neither --db nor STORYLINE_DB says.
DEFAULT_DB = "storyline.db"


class Store(Protocol):
    """Keeps articles with their extractions (added per batch) and the corpus derivations."""

    def known(self, article_ids: Iterable[str]) -> set[str]:
        """Return the ids among these that are already stored."""
        ...

    def add(self, analyses: list[Analysis]) -> int:
        """Store a batch of new articles with their extractions in one transaction.

        Returns how many were added; articles already stored are left as they are.
        """
        ...

    def stale(self) -> bool:
        """Return True when articles were added since the corpus derivations were last saved.

        Set with every added batch, cleared with ``save_corpus``: a run killed in between
        leaves it set, and the next ingest regroups.
        """
        ...

    def analyses(self) -> Iterator[Analysis]:
        """Yield every stored article with its extractions, in ingestion order."""
        ...

    def generation(self) -> int:
        """Return how many batches were ever added: read it before the corpus, for save_corpus."""
        ...

    def save_corpus(self, corpus: Corpus, generation: int | None = None) -> bool:
        """Replace every corpus-level derivation with this one, in one transaction.

        With a ``generation``, saves only if no batch was added since it was read (another
        ingest's, running at the same time: its own regrouping saves) and returns whether it did.
        """
        ...

    def records(self, kind: str) -> Iterator[dict[str, Any]]:
        """Yield the records of one kind with the contract's field names."""
        ...

    def count(self, kind: str) -> int:
        """Return how many records of one kind are stored."""
        ...

    def close(self) -> None: ...


def open_store(url: str | None, *, writable: bool = True) -> Store:
    """Return the store a --db value names: a path (SQLite) or a postgresql:// URL.

    A ``writable`` store is checked for write access now, before any input is parsed; raises
    StorylineError (one line: the database and what to do) when it cannot be used.
    """
    target = url or DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        from storyline.errors import StorylineError

        raise StorylineError(f"{target}: PostgreSQL stores are not supported yet; use a path")
    from storyline.store.sqlite import SqliteStore

    return SqliteStore(target, writable=writable)

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

# Marks around the matched words in a search hit's snippet: private-use characters, which the
# web UI turns into highlighting after escaping everything else.
MATCH_START, MATCH_END = "\ue000", "\ue001"

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

    def count(self, kind: str, **equals: str | list[str] | None) -> int:
        """Return how many records of one kind are stored (whose fields equal these values)."""
        ...

    def find(
        self,
        kind: str,
        *,
        limit: int | None = None,
        offset: int = 0,
        fields: list[str] | None = None,
        reverse: bool = False,
        **equals: str | list[str] | None,
    ) -> list[dict[str, Any]]:
        """Return one page of records of a kind, in export order (``reverse``: backwards).

        Keeps the records whose fields equal the values given (a list: any of them; None:
        unset); ``fields`` picks the fields returned. The web pages read through this, by
        index, never the whole corpus.
        """
        ...

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        kinds: tuple[str, ...] = ("article", "quote", "event"),
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        storyline: str | None = None,
        entity: str | None = None,
    ) -> list[dict[str, Any]]:
        """Return one page of full-text hits over articles, quotes and events, best first.

        Each hit: ``kind``, ``ref`` (article id, quote number or event id), ``article_id``,
        ``snippet`` (matches between MATCH_START and MATCH_END marks), ``title``, ``outlet``,
        ``date``, ``storyline_id``, ``source`` and for quotes ``speaker``, ``via``, ``cue``,
        ``start``. Dates
        (``since``/``until``) may be partial. Raises QueryError on a query it cannot read.
        """
        ...

    def entity(self, name: str) -> dict[str, Any] | None:
        """Return an entity by its corpus-wide name, from its mentions: ``name``, ``type`` (the
        most common), ``aliases`` and ``article_ids`` (ingestion order); None if never named."""
        ...

    def storyline_sources(self, storyline_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Return, per storyline, its ``outlets`` (most articles first) and ``last_published``."""
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

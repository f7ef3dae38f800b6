"""The one Store interface every backend implements, and the factory that opens one by URL."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from storyline.model import Analysis, Corpus, Correction, Placement, Story

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


@dataclass
class GroupingUpdate:
    """One regrouping's result: the storylines it replaces and what its new articles add.

    ``corpus`` holds the placements of the articles regrouped, the records of the
    ``storylines`` touched (every record of those storylines is replaced by these) and the
    corpus-wide names of the entities seen. ``terms``, ``postings`` and ``bands`` are the
    newly grouped articles' grouping terms, most specific terms and MinHash LSH bands.
    """

    corpus: Corpus
    storylines: set[str] = field(default_factory=set)
    terms: dict[str, list[str]] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=dict)
    bands: dict[str, list[tuple[int, bytes]]] = field(default_factory=dict)


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

    def analyses(self, article_ids: Iterable[str] | None = None) -> Iterator[Analysis]:
        """Yield stored articles with their extractions (all, or these), in ingestion order."""
        ...

    # Grouping state: what incremental grouping reads and writes (see GroupingUpdate).

    def ungrouped(self, limit: int) -> list[str]:
        """Return up to ``limit`` ids of articles never grouped, in ingestion order."""
        ...

    def placements(self, article_ids: Iterable[str]) -> dict[str, Placement]:
        """Return where these articles are placed (duplicate of, event, storyline)."""
        ...

    def storyline_articles(self, storyline_ids: Iterable[str]) -> list[str]:
        """Return the ids of the articles of these storylines, in ingestion order."""
        ...

    def story(self, story_id: str) -> Story | None:
        """Return one stored story (event or storyline), None when there is none of that id."""
        ...

    def term_counts(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """Return in how many grouped articles each of these terms occurs, and how many in all."""
        ...

    def article_terms(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        """Return the grouping terms stored for these articles when they were grouped."""
        ...

    def postings(self, terms: Iterable[str], per_term: int) -> Iterator[tuple[str, str]]:
        """Yield (term, article id) for the latest ``per_term`` articles indexed under each term."""
        ...

    def band_matches(self, bands: Sequence[tuple[int, bytes]]) -> set[str]:
        """Return the ids of grouped articles sharing any of these MinHash LSH bands."""
        ...

    def corrections(self) -> list[Correction]:
        """Return the analysts' corrections, in the order they were made."""
        ...

    def add_correction(self, correction: Correction) -> None:
        """Keep an analyst's correction (replayed by every later regrouping)."""
        ...

    def save_grouping(self, update: GroupingUpdate, generation: int | None = None) -> bool:
        """Save a regrouping in one transaction: replace the records of its storylines only.

        As ``save_corpus``: with a ``generation``, saves only if no batch was added since;
        also refuses (returns False) when its new articles were grouped meanwhile.
        """
        ...

    def generation(self) -> int:
        """Return how many batches were ever added: read it before the corpus, for save_corpus."""
        ...

    def mention_contexts(self, name: str, chars: int, limit: int) -> list[dict[str, Any]]:
        """Return an entity's mentions (by corpus-wide name) with the text around each.

        Each: article_id, published, text (the mention), before and after (up to ``chars``
        characters of the article on each side); the latest ``limit`` mentions by publication.
        """
        ...

    def data_version(self) -> Hashable | None:
        """Return a value that changes whenever any commit changes the store (None: cannot tell).

        Cheap enough to ask on every request: the web app keeps rendered pages while it holds.
        """
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

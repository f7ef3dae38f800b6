"""The records that flow through storyline, from a raw input document to a cross-checked timeline.

Every stage takes some of these records in and gives others out; the store keeps them; the
exports write them with the field names of the public contract (``../shared/contract``).
Dates are ISO 8601 strings (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) so that partial knowledge
is representable; character offsets index an article's clean ``text``, end exclusive.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_id(*parts: str, prefix: str = "") -> str:
    """Return a short stable id derived from the given content (BLAKE2b, 16 hex digits)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return prefix + digest.hexdigest()


@dataclass
class RawDocument:
    """One input document as a reader found it, before any cleaning."""

    source: str  # input path or URL as given; "path#N" for the N-th item of a multi-item file
    text: str | None = None  # plain text (text dumps, JSONL "text")
    html: str | None = None  # markup (HTML pages, feed content, WARC responses, JSONL "html")
    url: str | None = None
    outlet: str | None = None  # as the input states it (JSONL field, feed title)
    title: str | None = None  # as the input states it
    published: str | None = None  # as the input states it (JSONL field, feed item date)
    format: str = "text"  # text | html | jsonl | feed | warc
    encoding: str | None = None  # set when the bytes were not UTF-8 and had to be detected

    @property
    def content(self) -> str:
        return self.text if self.text is not None else (self.html or "")


@dataclass
class Article:
    """A cleaned news article: body without boilerplate and what the page says about itself."""

    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None  # prefix | byline | url | html-meta | content | input
    published_evidence: str | None = None
    language: str | None = None
    removed_lines: list[str] = field(default_factory=list)
    attributed_to: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    event_id: str | None = None
    storyline_id: str | None = None


@dataclass
class Mention:
    """One entity mention in an article; ``name`` is the article-level canonical name."""

    article_id: str
    text: str
    name: str
    type: str
    start: int
    end: int


@dataclass
class Entity:
    """A corpus-level entity: one canonical name for every surface form that refers to it."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)


@dataclass
class Quote:
    """Words attributed to a speaker, directly (quotation marks) or indirectly (reported speech)."""

    article_id: str
    text: str
    kind: str  # direct | indirect
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    via: str | None = None


@dataclass
class Timex:
    """A temporal expression with its TIMEX3 type and normalized value.

    ``start``/``end`` are None only for the publication date read from a line the cleaner
    removed (a byline): the expression is real evidence but is not part of the clean text.
    """

    article_id: str
    text: str
    start: int | None
    end: int | None
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    anchor: str | None = None  # "published", a date it hangs on, or None for absolute values
    range_end: str | None = None  # for ranges ("February 23-24"): the value of the last day


@dataclass
class Evidence:
    """A sentence of one article that supports a timeline event."""

    article_id: str
    outlet: str | None
    published: str | None
    sentence: str
    start: int
    end: int
    date: str | None = None  # the date this sentence gives the event, at its own precision


@dataclass
class Event:
    """A dated happening on a storyline's timeline, with the sentences that report it."""

    id: str
    storyline_id: str | None
    event_id: str | None
    date: str
    date_precision: str  # day | month | year
    summary: str
    actors: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    first_reported: str | None = None


@dataclass
class Story:
    """A group of articles: one news event, or a storyline made of several events."""

    id: str
    level: str  # event | storyline
    label: str
    article_ids: list[str] = field(default_factory=list)
    parent_id: str | None = None
    start: str | None = None
    end: str | None = None
    top_entities: list[str] = field(default_factory=list)


@dataclass
class Claim:
    """One side of a contradiction: what one article states."""

    article_id: str
    outlet: str | None
    sentence: str
    value: str


@dataclass
class Contradiction:
    """Two articles of one storyline that state incompatible things about the same happening."""

    id: str
    storyline_id: str | None
    kind: str  # date | number | claim-denial | internal
    a: Claim
    b: Claim
    explanation: str
    # Every statement on each side, where several articles state the same value (a and b first).
    a_all: list[Claim] = field(default_factory=list)
    b_all: list[Claim] = field(default_factory=list)


@dataclass
class Statement:
    """Words one speaker is reported to have said, as one article reports them."""

    article_id: str
    outlet: str | None
    published: str | None
    speaker: str | None
    sentence: str
    start: int
    end: int


@dataclass
class Response:
    """A statement answering an allegation: denies, refutes, confirms or supports it."""

    article_id: str
    outlet: str | None
    published: str | None
    speaker: str | None
    cue: str | None
    stance: str  # denies | refutes | confirms | supports
    sentence: str


@dataclass
class Allegation:
    """A claim made in a storyline (as first found) with every response to it (kind ``claims``)."""

    id: str
    storyline_id: str | None
    claim: Statement
    responses: list[Response] = field(default_factory=list)
    explanation: str = ""
    repeats: list[Statement] = field(default_factory=list)  # the same claim reported again


@dataclass
class Coverage:
    """What one outlet published about one news event (kind ``coverage``)."""

    event_id: str
    storyline_id: str | None
    outlet: str | None
    article_ids: list[str] = field(default_factory=list)
    first_published: str | None = None
    first: bool = False
    syndicated_from: str | None = None
    attributed_to: list[str] = field(default_factory=list)
    duplicates: int = 0  # how many of its articles are copies of another article


@dataclass
class PositionStatement:
    """One statement of an actor, dated, in a position record."""

    date: str | None
    article_id: str
    outlet: str | None
    kind: str  # direct | indirect
    cue: str | None
    text: str


@dataclass
class Shift:
    """Where an actor's position changes, and the cue that marks it."""

    date: str | None
    cue: str
    explanation: str


@dataclass
class Position:
    """An actor's statements on a storyline in date order, with their shifts (``positions``)."""

    entity: str
    storyline_id: str | None
    statements: list[PositionStatement] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)


@dataclass
class Correction:
    """An analyst's correction to grouping: merge two stories, split articles off one, rename one.

    ``article_ids`` are the articles it moved (a split's, or a merge's first story's) and
    ``other_ids`` a merge's second story's, as they were when it was made: every later
    regrouping replays it on those articles, whatever ids their stories have by then.
    """

    kind: str  # merge | split | rename
    level: str  # event | storyline
    story_id: str  # merge: the surviving story; split: the story split; rename: the story
    other_id: str | None = None  # merge: the story merged in; split: the new story's id
    article_ids: list[str] = field(default_factory=list)
    other_ids: list[str] = field(default_factory=list)
    label: str | None = None  # rename: the new label


@dataclass
class Analysis:
    """One article with everything extracted from it: the unit a batch stores at once."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)


def to_record(obj: Any) -> dict[str, Any]:
    """Return a dataclass record as a plain dict with the contract's field names."""
    return dataclasses.asdict(obj)


@dataclass
class Placement:
    """Where the corpus stages put one article: its original if a copy, its event, storyline."""

    article_id: str
    duplicate_of: str | None = None
    event_id: str | None = None
    storyline_id: str | None = None


@dataclass
class Corpus:
    """Everything derived from the whole collection at once; replaces the previous derivation."""

    placements: list[Placement] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    claims: list[Allegation] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    # article-level canonical names → corpus canonical names ("Lu" → "Donald Lu")
    canonical_names: dict[str, str] = field(default_factory=dict)

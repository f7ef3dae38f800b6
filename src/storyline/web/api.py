"""The JSON API: the pages' data, and every record kind paged, in the contract's shapes.

``/api/records/{kind}`` returns exactly what ``storyline export --what KIND`` writes, a page at
a time; the other routes return one page's records together (a storyline with its events, an
article with its quotes, ...). OpenAPI describes them all at ``/docs``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from storyline.store.base import RECORD_KINDS
from storyline.web import views
from storyline.web.deps import stores

router = APIRouter(prefix="/api", tags=["read"])

# Records per page unless the caller asks for fewer (or more, up to MAX_PAGE).
DEFAULT_PAGE, MAX_PAGE = 50, 500

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Records per page.")]
Offset = Annotated[int, Query(ge=0, description="Records to skip.")]


@router.get("/records/{kind}")
async def records(
    request: Request, kind: str, limit: Limit = DEFAULT_PAGE, offset: Offset = 0
) -> dict[str, Any]:
    """One page of the records of a kind, as ``storyline export --what KIND`` writes them."""
    if kind not in RECORD_KINDS:
        raise views.NotFound(kind)
    store = stores(request)
    return {
        "kind": kind,
        "total": store.count(kind),
        "limit": limit,
        "offset": offset,
        "items": store.find(kind, limit=limit, offset=offset),
    }


@router.get("/storylines")
async def storylines(request: Request, page: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
    """Storylines newest first, with size (articles), outlets and last publication date."""
    return views.storylines(stores(request), page)


@router.get("/storylines/{story_id}")
async def storyline(request: Request, story_id: str) -> dict[str, Any]:
    """A storyline's story record, timeline events, event clusters, articles, cross-checks."""
    view = views.storyline(stores(request), story_id, whole_records=True)
    view.pop("marks")
    view.pop("ticks")
    view.pop("breaks")
    view.pop("matrix")
    view.pop("statements")
    return view


@router.get("/events/{event_id}")
async def event(request: Request, event_id: str) -> dict[str, Any]:
    """A timeline event or a news event: every outlet's report, the first, copies folded."""
    return views.event(stores(request), event_id)


@router.get("/articles/{article_id}")
async def article(request: Request, article_id: str) -> dict[str, Any]:
    """An article record with its quotes, temporal expressions and entity names."""
    view = views.article(stores(request), article_id)
    view.pop("html")
    return view


@router.get("/entities/{name:path}")
async def entity(request: Request, name: str) -> dict[str, Any]:
    """An entity by its corpus-wide name: aliases, quotes in date order, storylines, articles."""
    view = views.entity(stores(request), name)
    view["quotes"] = [quote for quote, _ in view["quotes"]]
    return view


@router.get("/search")
async def search(
    request: Request,
    q: Annotated[str, Query(description='FTS5 syntax: words, "a phrase", AND/OR/NOT, word*')],
    kind: Annotated[list[str] | None, Query(description="article, quote, event")] = None,
    outlet: str | None = None,
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    storyline: str | None = None,
    entity: Annotated[str | None, Query(description="canonical name")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Full-text hits over articles, quotes and events, best first; matches between marks."""
    hits = stores(request).search(
        q,
        limit=limit,
        offset=offset,
        kinds=tuple(kind) if kind else ("article", "quote", "event"),
        outlet=outlet,
        since=since,
        until=until,
        storyline=storyline,
        entity=entity,
    )
    return {"query": q, "limit": limit, "offset": offset, "items": hits}

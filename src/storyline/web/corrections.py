"""An analyst's corrections to grouping from the web: merge, split, rename, behind a token.

The operator sets ``STORYLINE_TOKEN`` when starting the server; without it every correction is
refused (403) and the pages show no correction forms. The API takes the token as
``Authorization: Bearer TOKEN``, the pages' forms as a field. The work is the grouping stage's
corrections API (``storyline.group.corrections``), kept in the store and honoured by every
later ingest.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Header, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from storyline.web import views
from storyline.web.deps import stores, token_matches

router = APIRouter(tags=["corrections"])


class Merge(BaseModel):
    a: str = Field(description="The story that stays.")
    b: str = Field(description="The story merged into it.")


class Split(BaseModel):
    article_ids: list[str] = Field(description="The articles that leave the story for a new one.")


class Rename(BaseModel):
    label: str = Field(min_length=1, max_length=300)


def _corrections() -> ModuleType:
    try:
        return importlib.import_module("storyline.group.corrections")
    except ImportError:
        raise HTTPException(501, "this storyline has no corrections API yet") from None


def _authorize(request: Request, token: str | None) -> None:
    if request.app.state.token is None:
        raise HTTPException(403, "read-only: the server was started without STORYLINE_TOKEN")
    if not token_matches(request, token):
        raise HTTPException(403, "wrong token")


def _bearer(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


Authorization = Annotated[str | None, Header(description="Bearer STORYLINE_TOKEN")]


@router.post("/api/stories/merge")
def merge_api(request: Request, body: Merge, authorization: Authorization = None) -> dict[str, Any]:
    """Merge story b into story a; returns the surviving story's id."""
    _authorize(request, _bearer(authorization))
    story = _corrections().merge(
        stores(request), views.checked_id(body.a), views.checked_id(body.b)
    )
    return {"id": story}


@router.post("/api/stories/{story_id}/split")
def split_api(
    request: Request, story_id: str, body: Split, authorization: Authorization = None
) -> dict[str, Any]:
    """Move these articles out of the story into a new one; returns the new story's id."""
    _authorize(request, _bearer(authorization))
    ids = [views.checked_id(a) for a in body.article_ids]
    story = _corrections().split(stores(request), views.checked_id(story_id), ids)
    return {"id": story}


@router.post("/api/stories/{story_id}/rename")
def rename_api(
    request: Request, story_id: str, body: Rename, authorization: Authorization = None
) -> dict[str, Any]:
    """Give the story a label of the analyst's."""
    _authorize(request, _bearer(authorization))
    _corrections().rename(stores(request), views.checked_id(story_id), body.label)
    return {"id": story_id}


@router.post("/storylines/{story_id}/merge", include_in_schema=False)
def merge_form(
    request: Request, story_id: str, other: Annotated[str, Form()], token: Annotated[str, Form()]
) -> RedirectResponse:
    _authorize(request, token)
    story = _corrections().merge(
        stores(request), views.checked_id(story_id), views.checked_id(other)
    )
    return _back(story, "merged")


@router.post("/storylines/{story_id}/split", include_in_schema=False)
def split_form(
    request: Request,
    story_id: str,
    token: Annotated[str, Form()],
    article_ids: Annotated[list[str] | None, Form()] = None,
) -> RedirectResponse:
    _authorize(request, token)
    if not article_ids:
        raise HTTPException(400, "tick the articles to split out")
    ids = [views.checked_id(a) for a in article_ids]
    story = _corrections().split(stores(request), views.checked_id(story_id), ids)
    return _back(story, "split out into this storyline")


@router.post("/storylines/{story_id}/rename", include_in_schema=False)
def rename_form(
    request: Request, story_id: str, label: Annotated[str, Form()], token: Annotated[str, Form()]
) -> RedirectResponse:
    _authorize(request, token)
    _corrections().rename(stores(request), views.checked_id(story_id), label.strip()[:300])
    return _back(story_id, "renamed")


def _back(story_id: str, notice: str) -> RedirectResponse:
    return RedirectResponse(
        f"/storylines/{quote(story_id)}?notice={quote(notice)}", status_code=303
    )

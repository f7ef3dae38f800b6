"""The web app: server-rendered pages and the JSON API over one store.

``create_app(db)`` gives the ASGI app ``storyline serve`` runs. Pages are Jinja2 templates with
autoescaping on (article text is untrusted: it is never marked safe); the few scripts and the
style sheet are this package's own files, served by the app. Every page also sends a Content
Security Policy that allows scripts from the app alone, a second wall behind the escaping.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.errors import QueryError, StorylineError
from storyline.render import without_controls
from storyline.store.base import MATCH_END, MATCH_START, Store
from storyline.web import markup, views
from storyline.web.api import router as api_router
from storyline.web.cache import PageCache
from storyline.web.corrections import router as corrections_router
from storyline.web.deps import Stores, stores
from storyline.web.warm import Warmer

# Content Security Policy of the pages (not of /docs, whose bundled Swagger UI runs inline
# scripts): the app's own scripts and styles only, no plugins, forms posting back here only.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

# Hits shown per page of search results.
HITS_PER_PAGE = 20

_HERE = Path(str(resources.files("storyline.web")))


def app_from_environment() -> FastAPI:
    """Return the app for a server process started by uvicorn's workers (``serve --workers``):
    the store from STORYLINE_SERVE_DB, the token from STORYLINE_TOKEN."""
    return create_app(
        os.environ["STORYLINE_SERVE_DB"],
        os.environ.get("STORYLINE_TOKEN") or None,
        warm=page_warm_wanted(),
    )


def page_cache_wanted() -> bool:
    """Return False when the operator turned the page cache off (STORYLINE_PAGE_CACHE=0)."""
    return os.environ.get("STORYLINE_PAGE_CACHE", "1").strip().lower() not in ("0", "no", "off")


def page_warm_wanted() -> bool:
    """Return False when the operator turned warming the page cache off (STORYLINE_PAGE_WARM=0)."""
    return os.environ.get("STORYLINE_PAGE_WARM", "1").strip().lower() not in ("0", "no", "off")


def create_app(
    db: str, token: str | None = None, page_cache: bool | None = None, warm: bool = False
) -> FastAPI:
    """Return the web app over the store at ``db``; corrections need ``token`` (none: read-only).

    Rendered pages are kept until the store changes (web/cache.py) unless ``page_cache`` is
    False (None: as STORYLINE_PAGE_CACHE says, on by default). With ``warm`` (``storyline
    serve``'s default), a thread builds the storylines list and storyline pages into that cache
    after each change of the store, from the app's startup on.
    """
    app = FastAPIOffline(
        title="storyline",
        description="News articles as sourced, dated, cross-checked storylines.",
        version="0.1.0",
    )
    app.state.stores = Stores(db)
    app.state.token = token or None
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.include_router(api_router)
    templates = _templates()

    app.state.warmer = None
    if page_cache if page_cache is not None else page_cache_wanted():
        if warm:
            app.state.warmer = Warmer(lambda: warm_paths(app.state.stores.get()))
            app.router.on_shutdown.append(app.state.warmer.stop)
        # Inside SecurityHeaders: a kept page is sent with the headers of the moment.
        app.add_middleware(
            PageCache, version=lambda: _data_version(app.state.stores), warmer=app.state.warmer
        )
    app.add_middleware(SecurityHeaders)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("query", "")
        context["can_correct"] = app.state.token is not None
        html = templates.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, error: views.NotFound) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "not found"}, status_code=404)
        return page(
            request, "error.html", 404, title="Not found", message="Nothing here by that id."
        )

    @app.exception_handler(StarletteHTTPException)
    async def refused(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or error.status_code == 404:
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        titles = {403: "Not allowed", 501: "Not available"}
        title = titles.get(error.status_code, "Cannot do that")
        return page(request, "error.html", error.status_code, title=title, message=error.detail)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, error: QueryError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(error)}, status_code=400)
        return page(request, "error.html", 400, title="Search not understood", message=str(error))

    @app.exception_handler(StorylineError)
    async def store_error(request: Request, error: StorylineError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(error)}, status_code=400)
        return page(request, "error.html", 400, title="Cannot do that", message=str(error))

    @app.get("/api/warm-up")
    async def warm_up() -> dict[str, Any]:
        """Whether this server process has built the pages asked for first at the store's current
        version (``warm``), how many (``pages``) and in how many seconds; ``warming`` is False
        when the page cache or its warming is off."""
        warmer = app.state.warmer
        if warmer is None:
            return {"warming": False, "warm": False, "pages": 0, "seconds": 0.0}
        return {"warming": True, **warmer.status()}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(request: Request, page_number: int = 1) -> HTMLResponse:
        listing = views.storylines(stores(request), max(page_number, 1))
        return page(request, "storylines.html", listing=listing)

    @app.get("/storylines/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def storyline_page(request: Request, story_id: str, notice: str = "") -> HTMLResponse:
        view = views.storyline(stores(request), story_id)
        return page(request, "storyline.html", notice=notice[:200], **view)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    async def event_page(request: Request, event_id: str) -> HTMLResponse:
        return page(request, "event.html", **views.event(stores(request), event_id))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(request: Request, article_id: str) -> HTMLResponse:
        return page(request, "article.html", **views.article(stores(request), article_id))

    @app.get("/entities/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    async def entity_page(request: Request, name: str) -> HTMLResponse:
        return page(request, "entity.html", **views.entity(stores(request), name))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(
        request: Request,
        q: str = "",
        kind: str = "",
        outlet: str = "",
        since: str = "",
        until: str = "",
        storyline: str = "",
        entity: str = "",
        page_number: int = 1,
    ) -> HTMLResponse:
        filters = {
            "kind": kind, "outlet": outlet, "since": since, "until": until,
            "storyline": storyline, "entity": entity,
        }  # fmt: skip
        hits: list[dict[str, Any]] = []
        if q.strip():
            hits = stores(request).search(
                q,
                limit=HITS_PER_PAGE + 1,
                offset=(max(page_number, 1) - 1) * HITS_PER_PAGE,
                kinds=(kind,)
                if kind in ("article", "quote", "event")
                else ("article", "quote", "event"),
                outlet=outlet or None,
                since=since or None,
                until=until or None,
                storyline=storyline or None,
                entity=entity or None,
            )
        more = len(hits) > HITS_PER_PAGE
        keep = {k: v for k, v in {"q": q, **filters}.items() if v}
        return page(
            request,
            "search.html",
            query=q,
            filters=filters,
            hits=[(h, _snippet(h["snippet"])) for h in hits[:HITS_PER_PAGE]],
            page_number=max(page_number, 1),
            next_page=_page_link(keep, page_number + 1) if more else None,
            prev_page=_page_link(keep, page_number - 1) if page_number > 1 else None,
        )

    app.include_router(corrections_router)
    return app


def warm_paths(store: Store) -> list[str]:
    """Return the pages a warmed cache holds, first first: the storylines list, then every
    storyline page, largest first (the costliest to build, and the likeliest asked for)."""
    storylines = store.find("stories", level="storyline", fields=["id", "article_ids"])
    storylines.sort(key=lambda s: len(s["article_ids"]), reverse=True)
    return ["/", *(f"/storylines/{s['id']}" for s in storylines)]


def _data_version(stores: Stores) -> Hashable | None:
    """Return the store's data version, or None (keep nothing) when the store cannot be read:
    the route then answers with its own error page, which the cache must not stand in front of."""
    try:
        return stores.get().data_version()
    except StorylineError:
        return None


def _page_link(params: dict[str, str], page_number: int) -> str:
    return f"/search?{urlencode({**params, 'page_number': page_number})}"


def _snippet(snippet: str) -> list[tuple[str, bool]]:
    """Return a hit's snippet as (text, matched) runs, to be escaped by the template."""
    runs: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split(MATCH_START)):
        if i == 0:
            runs.append((part, False))
            continue
        matched, _, rest = part.partition(MATCH_END)
        runs += [(matched, True), (rest, False)]
    return [r for r in runs if r[0]]


class SecurityHeaders:
    """ASGI middleware adding the page policy and two hardening headers to every response.

    A plain ASGI wrapper, not Starlette's BaseHTTPMiddleware (which costs a task per request).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        if not scope["path"].startswith(("/docs", "/redoc")):
            extra.append((b"content-security-policy", PAGE_POLICY.encode()))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _shown(value: Any) -> Any:
    """Return a value as a page shows it: text without terminal escapes or control characters."""
    if isinstance(value, Markup):
        # Already escaped (a joined list): dropping characters from it cannot make a tag,
        # since it holds no "<" but the template's own.
        return Markup(without_controls(str(value)))
    return without_controls(value) if isinstance(value, str) else value


def _templates() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        auto_reload=False,  # templates are package files: read once
        finalize=_shown,
        lstrip_blocks=True,
    )
    environment.filters["pct"] = lambda value: f"{value:.3f}%"
    environment.filters["article_name"] = markup.article_name
    environment.globals.update(
        date=markup.date, outlet=markup.outlet, article_link=markup.article_link
    )
    environment.filters["entity_href"] = views.entity_href
    return environment

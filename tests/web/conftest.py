"""Web fixtures: stores built by the real pipeline, a real server on loopback, real chromium."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from storyline.engine import ingest
from storyline.model import Analysis, Article, Corpus, Coverage, Event, Evidence, Placement, Story
from storyline.store.sqlite import SqliteStore
from storyline.web import create_app
from storyline.web.cache import PageCache

REPO = Path(__file__).resolve().parents[2]

# Where the browser tests leave their screenshots (git-ignored), to be looked at by a person.
SCREENSHOTS = REPO / "test-output" / "web"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The window the first screen of a storyline page must be readable in.
WINDOW = {"width": 1366, "height": 768}


def ingested(folder: Path, db: Path) -> str:
    """Ingest a folder into a new database by the whole pipeline; return the database's path."""
    store = SqliteStore(str(db))
    report = ingest([str(folder)], store, workers=1)
    store.close()
    assert not report.errors, report.errors
    return str(db)


@pytest.fixture(scope="session")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of the five seeds, read only by the tests that use it."""
    return ingested(seeds_dir, tmp_path_factory.mktemp("web-seeds") / "seeds.db")


@contextmanager
def serving(db: str, token: str | None = None) -> Iterator[str]:
    """Run the app for real (uvicorn, a free loopback port, a thread); yield its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(db, token), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def seeds_server(seeds_db: str) -> Iterator[str]:
    with serving(seeds_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (its own browser download is not used)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium (see .ci/run)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 1366×768 page that records every dialog and every console error."""
    context = browser.new_context(viewport=WINDOW)
    opened = context.new_page()
    opened.dialogs = []  # type: ignore[attr-defined]
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save what the page shows now under test-output/web/, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def copy_db(db: str, to: Path) -> str:
    """Return a copy of a database (and its WAL) at ``to``, for a test that writes."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            shutil.copy(db + suffix, str(to) + suffix)
    return str(to)


_BRIDGE = "The council closed the bridge on Tuesday."


def _reported(article_id: str, outlet: str, published: str, **more: object) -> Analysis:
    return Analysis(Article(article_id, f"{article_id}.txt", _BRIDGE, outlet=outlet,
                            published=published, **more))  # type: ignore[arg-type]  # fmt: skip


def syndication_db(path: Path) -> str:
    """Return a database of one news event: Reuters' report, the Gazette's syndicated copy of
    it, the Post's verbatim copy, the Herald's own report, the Courier's copy of a wire (AP)
    that is not in the store, and the Tribune's article with no sentence on the timeline."""
    store = SqliteStore(str(path))
    store.add([
        _reported("a1", "Reuters", "2023-03-07"),
        _reported("a2", "Gazette", "2023-03-07", attributed_to=["Reuters"]),
        _reported("a3", "Herald", "2023-03-08"),
        _reported("a4", "Post", "2023-03-09"),
        _reported("a5", "Courier", "2023-03-09", attributed_to=["AP"]),
        _reported("a6", "Tribune", "2023-03-10"),
    ])  # fmt: skip
    ids = ["a1", "a2", "a3", "a4", "a5", "a6"]
    evidence = [Evidence(a, o, "2023-03-07", _BRIDGE, 0, len(_BRIDGE))
                for a, o in (("a1", "Reuters"), ("a2", "Gazette"), ("a3", "Herald"),
                             ("a5", "Courier"))]  # fmt: skip
    store.save_corpus(
        Corpus(
            placements=[Placement(a, "a1" if a == "a4" else None, "e1", "s1") for a in ids],
            stories=[
                Story("s1", "storyline", "Bridge", ids),
                Story("e1", "event", "Bridge closed", ids, parent_id="s1", start="2023-03-07"),
            ],
            events=[Event("v1", "s1", "e1", "2023-03-07", "day", _BRIDGE, [], evidence)],
            coverage=[
                Coverage("e1", "s1", "Reuters", ["a1"], "2023-03-07", first=True),
                Coverage("e1", "s1", "Gazette", ["a2"], "2023-03-07", syndicated_from="Reuters"),
                Coverage("e1", "s1", "Herald", ["a3"], "2023-03-08"),
                Coverage(
                    "e1",
                    "s1",
                    "Post",
                    ["a4"],
                    "2023-03-09",
                    syndicated_from="Reuters",
                    duplicates=1,
                ),
                Coverage("e1", "s1", "Courier", ["a5"], "2023-03-09", syndicated_from="AP"),
                Coverage("e1", "s1", "Tribune", ["a6"], "2023-03-10"),
            ],
        )
    )
    store.close()
    return str(path)


class CountingApp:
    """An ASGI app answering each path with a body of its size, counting what it built."""

    def __init__(self) -> None:
        self.built: list[str] = []
        self.status = 200

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.built.append(scope["path"])
        body = b"x" * int(scope["path"].strip("/"))
        await send({"type": "http.response.start", "status": self.status, "headers": []})
        await send({"type": "http.response.body", "body": body})


def ask(cache: PageCache, path: str, method: str = "GET") -> bytes:
    """Send one request through a page cache (an event loop of its own); return the body."""
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {"type": "http", "method": method, "path": path, "query_string": b""}
    # In a thread of its own: the browser tests' driver may keep an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, cache(scope, receive, send)).result()  # type: ignore[arg-type]
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")

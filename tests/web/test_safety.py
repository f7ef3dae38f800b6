"""Untrusted article text in the web UI: escaped everywhere, and nothing runs in a real browser.

The hostile articles carry <script> blocks, javascript: links and URLs, onerror/onload/onclick
attributes, broken markup, and terminal (ANSI/OSC) escapes, in their text, title, outlet and
URL; each would set window.__pwned or open a dialog if it ran.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from tests.web.conftest import WINDOW, ingested, screenshot, serving

from storyline.store.base import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from storyline.web import create_app

_BODY = (
    "The city council of Springfield voted on Monday, March 6, 2023, to close the old bridge, "
    "mayor Jane Doe said in a statement. <script>window.__pwned = 'script'; alert('script')</script>\n\n"
    "\"We will <img src=x onerror=\"window.__pwned='img'; alert('img')\"> act quickly,\" Doe said "
    "on Tuesday. Residents can read the plan <a href=\"javascript:window.__pwned='link';"
    "alert('link')\">here</a> or at javascript:alert('bare').\n\n"
    'Broken markup follows <b><i>unclosed <div onclick=alert(2) class="x"> and </p></table> '
    "<svg><script>alert('svg')</script></svg> <!-- and --> \x1b[31mred terminal text\x1b[0m and "
    "\x1b]8;;http://evil.example\x07a link\x1b]8;;\x07 end.\n\n"
    "The bridge, built in 1931, carries 12,000 cars a day, the council's engineer Tom Reed said. "
    "Repairs are expected to take until June 2024, Reed added."
)
_ARTICLES = [
    {
        "url": "javascript:alert('url')",
        "outlet": "<img src=x onerror=alert('outlet')>",
        "title": "Bridge <script>alert('title')</script> closes",
        "published": "2023-03-07",
        "text": _BODY,
    },
    {
        "url": 'https://example.org/bridge"><script>alert(1)</script>',
        "outlet": "Springfield \x1b[1mTimes\x1b[0m",
        "title": "Council \"><svg onload=alert('svg')> votes on the <b>bridge",
        "published": "2023-03-08",
        "text": _BODY.replace("Monday", "Monday night"),
    },
]

# Elements an article could smuggle in that no page of ours has.
_FOREIGN_ELEMENTS = {"img", "iframe", "object", "embed", "style", "base"}


class _Markup(HTMLParser):
    """Every element and attribute of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def _dangers(html: str) -> list[str]:
    """Return what in a page is markup that came from an article (nothing, if escaped)."""
    parser = _Markup()
    parser.feed(html)
    found = []
    for tag, attrs in parser.elements:
        if tag == "script" and attrs.get("src") != "/static/app.js":
            found.append(f"<script {attrs}>")
        if tag == "svg" and attrs.get("class") != "tl":  # ours: the timeline
            found.append("<svg>")
        if tag in _FOREIGN_ELEMENTS:
            found.append(f"<{tag}>")
        found += [f"{tag} {name}=" for name in attrs if name.startswith("on")]
        found += [
            f"{tag} {name}={value}"
            for name, value in attrs.items()
            if name in ("href", "src", "action")
            and (value or "").strip().lower().startswith("javascript:")
        ]
    return found


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    lines = "".join(json.dumps(a) + "\n" for a in _ARTICLES)
    (folder / "hostile.jsonl").write_text(lines, encoding="utf-8")
    (folder / "plain.txt").write_text(
        "Bridge <script>alert('txt')</script> story\n\nMarch 7, 2023\n\n" + _BODY + "\n",
        encoding="utf-8",
    )
    return ingested(folder, tmp_path_factory.mktemp("hostile-db") / "hostile.db")


@pytest.fixture(scope="module")
def hostile_pages(hostile_db: str) -> list[str]:
    """Every page the hostile articles appear on (and a search that finds them)."""
    store = open_store(hostile_db, writable=False)
    try:
        paths = ["/", "/search?q=bridge", "/search?q=script", "/search?q=alert"]
        paths += [f"/storylines/{s['id']}" for s in store.find("stories", level="storyline")]
        paths += [f"/events/{s['id']}" for s in store.find("stories", level="event")]
        paths += [f"/events/{e['id']}" for e in store.find("events")]
        paths += [f"/articles/{a['id']}" for a in store.find("articles", fields=["id"])]
        names = {m["name"] for m in store.find("mentions", fields=["name"])}
        paths += [f"/entities/{quote(name, safe='')}" for name in sorted(names)]
    finally:
        store.close()
    return paths


@pytest.fixture(scope="module")
def hostile_client(hostile_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db)) as client:
        yield client


def test_the_hostile_text_reached_the_store_intact(hostile_client: TestClient) -> None:
    articles = hostile_client.get("/api/records/articles").json()["items"]
    assert len(articles) == 3
    assert all("<script>" in a["text"] for a in articles)  # the test is worth something


def test_no_page_carries_article_markup_unescaped(
    hostile_client: TestClient, hostile_pages: list[str]
) -> None:
    assert len(hostile_pages) > 8
    for path in hostile_pages:
        html = hostile_client.get(path).text
        assert _dangers(html) == [], path
        # Terminal escapes never reach a page (the cleaner drops ESC at ingest; the pages drop
        # what else is left of control characters).
        assert "\x1b" not in html, path


def test_the_article_shows_the_markup_as_text(
    hostile_client: TestClient, hostile_pages: list[str]
) -> None:
    article = next(p for p in hostile_pages if p.startswith("/articles/"))
    html = hostile_client.get(article).text
    assert "&lt;script&gt;" in html


@pytest.fixture
def page_without_policy(browser: Any) -> Iterator[Any]:
    """A page that ignores the Content-Security-Policy: the escaping alone must hold."""
    context = browser.new_context(viewport=WINDOW, bypass_csp=True)
    opened = context.new_page()
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


def test_nothing_runs_in_the_browser(
    hostile_db: str, hostile_pages: list[str], page_without_policy: Any
) -> None:
    page = page_without_policy
    with serving(hostile_db) as base:
        for n, path in enumerate(hostile_pages):
            response = page.goto(base + path)
            assert response.status == 200, path
            page.wait_for_load_state("load")
            # Hover and click over everything an attacker could have planted.
            for link in page.locator("article.text a, .facts a").all()[:20]:
                link.hover()
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            assert page.dialogs == [], (path, page.dialogs)
            if path.startswith("/articles/") and n < 40:
                text = page.locator("article.text").inner_text()
                assert "<script>" in text and "onerror=" in text  # shown, as text
                screenshot(page, f"09-hostile-article-{n}")
        page.goto(base + hostile_pages[1])
        screenshot(page, "10-hostile-search")

"""The HTTP API and pages over the seeds' store: contract records, paging, errors, safety."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from storyline.cli import app as cli
from storyline.store.base import RECORD_KINDS, open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on its httpx test client
    from fastapi.testclient import TestClient

from storyline.web import create_app

# Ids that name nothing of ours: traversal, encoded traversal, controls, absurd lengths.
BAD_IDS = [
    "...",
    "a..b",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "a%00b",
    "x" * 300,
    "%2Fetc%2Fpasswd",
    "..%5C..%5Cwin.ini",
]

# Every route that takes a name or an id, as the pages and the API spell them.
ID_ROUTES = [
    "/storylines/{}",
    "/events/{}",
    "/articles/{}",
    "/entities/{}",
    "/api/storylines/{}",
    "/api/events/{}",
    "/api/articles/{}",
    "/api/entities/{}",
    "/api/records/{}",
    "/static/{}",
]


@pytest.fixture(scope="module")
def client(seeds_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(seeds_db), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def store(seeds_db: str) -> Iterator[Any]:
    store = open_store(seeds_db, writable=False)
    yield store
    store.close()


def _storyline_id(store: Any) -> str:
    [storyline] = store.find("stories", level="storyline")
    return str(storyline["id"])


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_the_api_pages_through_exactly_what_export_writes(
    client: TestClient, seeds_db: str, kind: str
) -> None:
    exported = CliRunner().invoke(cli, ["export", "--what", kind, "--db", seeds_db])
    assert exported.exit_code == 0, exported.output
    expected = [json.loads(line) for line in exported.stdout.splitlines()]
    served: list[dict[str, Any]] = []
    offset = 0
    while True:
        page = client.get(f"/api/records/{kind}", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == len(expected)
        served += page["items"]
        offset += 7
        if offset >= page["total"]:
            break
    assert served == expected


def test_page_sizes_are_bounded(client: TestClient) -> None:
    assert client.get("/api/records/quotes", params={"limit": 100000}).status_code == 422
    assert client.get("/api/records/quotes", params={"offset": -1}).status_code == 422


def test_a_storyline_comes_with_its_timeline_and_cross_checks(
    client: TestClient, store: Any
) -> None:
    story_id = _storyline_id(store)
    view = client.get(f"/api/storylines/{story_id}").json()
    assert view["story"]["id"] == story_id
    assert [e["id"] for e in view["events"]] == [
        e["id"] for e in store.find("events", storyline_id=story_id)
    ]
    assert {e["date"][:4] for e in view["events"]} >= {"2022"}
    assert {c["start"][:4] for c in view["clusters"] if c["start"]} >= {"2022", "2023"}
    assert view["contradictions"] == store.find("contradictions", storyline_id=story_id)
    for kind in ("claims", "coverage", "positions"):
        assert view[kind] == store.find(kind, storyline_id=story_id)
    assert view["coverage"], "the seeds' storyline has coverage records"


def test_the_cable_leak_event_has_both_outlets_reports(client: TestClient, store: Any) -> None:
    [cluster] = [c for c in store.find("stories", level="event") if c["start"] == "2023-08-10"]
    view = client.get(f"/api/events/{cluster['id']}").json()
    assert len(view["reports"]) == 2
    assert all(r["sentences"] for r in view["reports"])
    assert set(view["first_articles"]) <= {r["article"]["id"] for r in view["reports"]}
    assert len(view["first_articles"]) >= 1


def test_search_reaches_zakharovas_quote_relayed_by_pti(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Zakharova", "kind": "quote"}).json()["items"]
    assert hits and all(h["speaker"] == "Maria Zakharova" for h in hits)
    assert "PTI" in {h["via"] for h in hits}


@pytest.mark.parametrize("query", ['"', "AND (", "*", "(", "NEAR(", 'a:"b'])
def test_a_search_that_cannot_be_read_is_a_clear_400(client: TestClient, query: str) -> None:
    for path in ("/api/search", "/search"):
        response = client.get(path, params={"q": query})
        assert response.status_code == 400, (path, query, response.text[:200])
        assert "search" in response.text and "Traceback" not in response.text


@pytest.mark.parametrize("route", ID_ROUTES)
def test_every_route_taking_an_id_gives_404_to_traversal(client: TestClient, route: str) -> None:
    for bad in BAD_IDS:
        response = client.get(route.format(bad))
        assert response.status_code == 404, (route, bad, response.status_code)


def test_unknown_ids_are_404(client: TestClient) -> None:
    for route in ID_ROUTES[:8]:
        assert client.get(route.format("a0000000000000000")).status_code == 404


def test_an_entity_is_found_by_its_corpus_wide_name(client: TestClient) -> None:
    view = client.get("/api/entities/Maria%20Zakharova").json()
    assert view["entity"]["type"] == "PERSON" and "Zakharova" in view["entity"]["aliases"]
    assert {q["via"] for q in view["quotes"]} >= {"PTI"}
    assert len(view["storylines"]) == 1


def test_corrections_are_refused_without_a_token(client: TestClient, store: Any) -> None:
    story_id = _storyline_id(store)
    response = client.post(f"/api/stories/{story_id}/rename", json={"label": "x"})
    assert response.status_code == 403
    page = client.get(f"/storylines/{story_id}").text
    assert "Corrections" not in page and '<form method="post"' not in page


def test_a_wrong_token_is_403(seeds_db: str, store: Any) -> None:
    story_id = _storyline_id(store)
    with TestClient(create_app(seeds_db, token="right"), raise_server_exceptions=False) as client:
        for given in ("Bearer wrong", "Bearer ", "right", ""):
            response = client.post(
                f"/api/stories/{story_id}/rename",
                json={"label": "x"},
                headers={"Authorization": given},
            )
            assert response.status_code == 403, given
        form = client.post(f"/storylines/{story_id}/rename", data={"label": "x", "token": "wrong"})
        assert form.status_code == 403


def test_the_api_documentation_is_served_by_the_app_itself(client: TestClient) -> None:
    docs = client.get("/docs").text
    sources = re.findall(r"""(?:src|href)=["']([^"']+)""", docs)
    assert sources and all(s.startswith("/") for s in sources), sources
    for asset in sources:
        assert client.get(asset).status_code == 200, asset
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


def test_pages_send_a_policy_allowing_only_the_apps_own_scripts(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert client.get("/static/app.js").status_code == 200


def test_every_page_of_the_seeds_renders(client: TestClient, store: Any) -> None:
    story_id = _storyline_id(store)
    paths = ["/", f"/storylines/{story_id}", "/search?q=Khan"]
    paths += [f"/events/{e['id']}" for e in store.find("events")]
    paths += [f"/events/{c['id']}" for c in store.find("stories", level="event")]
    paths += [f"/articles/{a['id']}" for a in store.find("articles", fields=["id"])]
    names = {m["name"] for m in store.find("mentions", fields=["name"])}
    paths += [f"/entities/{quote(name, safe='')}" for name in sorted(names)[:30]]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path

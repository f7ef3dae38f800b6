"""Corrections from the browser: split and merge a storyline with the operator's token, and see
them survive a re-ingest and an ingest of new articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import ingested, screenshot, serving

from storyline.cli import example_corpus
from storyline.engine import ingest
from storyline.store.sqlite import SqliteStore

TOKEN = "correct horse battery staple"


def _storyline_of(db: str, article_id: str) -> str:
    store = SqliteStore(db)
    try:
        [found] = store.find("articles", id=article_id, fields=["storyline_id"])
        return str(found["storyline_id"])
    finally:
        store.close()


def _ingest(db: str, *paths: Path) -> int:
    store = SqliteStore(db)
    try:
        return ingest([str(p) for p in paths], store, workers=1).added
    finally:
        store.close()


def test_split_and_merge_in_the_browser_survive_reingests(
    seeds_dir: Path, tmp_path: Path, page: Any
) -> None:
    pytest.importorskip("storyline.group.corrections")
    db = ingested(seeds_dir, tmp_path / "corrected.db")
    store = SqliteStore(db)
    [storyline] = store.find("stories", level="storyline")
    [leak] = [c for c in store.find("stories", level="event") if c["start"] == "2023-08-10"]
    store.close()
    moved = sorted(leak["article_ids"])
    stayed = sorted(set(storyline["article_ids"]) - set(moved))
    newcomers = sorted(example_corpus().glob("*.txt"))

    with serving(db, token=TOKEN) as base:
        page.goto(f"{base}/storylines/{storyline['id']}")
        # A wrong token is refused, and nothing changes.
        for article_id in moved:
            page.check(f"input[name=article_ids][value='{article_id}']")
        page.locator("form[action$='/split'] input[name=token]").fill("wrong")
        page.locator("form[action$='/split'] button").click()
        assert page.locator("h1").inner_text() == "Not allowed"
        assert _storyline_of(db, moved[0]) == storyline["id"]

        page.goto(f"{base}/storylines/{storyline['id']}")
        screenshot(page, "11-corrections-form")
        for article_id in moved:
            page.check(f"input[name=article_ids][value='{article_id}']")
        page.locator("form[action$='/split'] input[name=token]").fill(TOKEN)
        page.locator("form[action$='/split'] button").click()
        page.wait_for_selector(".notice")
        screenshot(page, "12-after-split")
        split_id = page.url.split("/storylines/")[1].split("?")[0]
        assert split_id != storyline["id"]
        assert {_storyline_of(db, a) for a in moved} == {split_id}

        # Re-ingesting the same seeds adds nothing; new articles regroup: the split stays.
        assert _ingest(db, seeds_dir) == 0
        assert _ingest(db, *newcomers) > 0
        assert {_storyline_of(db, a) for a in moved} == {split_id}
        assert split_id not in {_storyline_of(db, a) for a in stayed}
        page.goto(f"{base}/storylines/{split_id}")
        assert page.locator("h1").count() == 1 and page.locator(".events").count() == 1

        # Merge the rest back into the split-off storyline.
        page.locator("form[action$='/merge'] input[name=other]").fill(_storyline_of(db, stayed[0]))
        page.locator("form[action$='/merge'] input[name=token]").fill(TOKEN)
        page.locator("form[action$='/merge'] button").click()
        page.wait_for_selector(".notice")
        screenshot(page, "13-after-merge")
        assert {_storyline_of(db, a) for a in moved + stayed} == {split_id}
        assert _ingest(db, seeds_dir) == 0
        assert {_storyline_of(db, a) for a in moved + stayed} == {split_id}

        # Rename through the API with the token; the page shows the analyst's label.
        renamed = page.request.post(
            f"{base}/api/stories/{split_id}/rename",
            data={"label": "The cipher affair"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert renamed.status == 200, renamed.text()
        page.goto(f"{base}/storylines/{split_id}")
        assert page.locator("h1").inner_text() == "The cipher affair"

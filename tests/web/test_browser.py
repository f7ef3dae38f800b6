"""The web UI in a real browser (Debian's chromium through Playwright) over a real server.

Each test saves a screenshot of every page it opens under test-output/web/, to be looked at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.web.conftest import WINDOW, screenshot, serving, syndication_db


def test_a_reader_follows_the_seeds_storyline(seeds_server: str, page: Any) -> None:
    page.goto(seeds_server + "/")
    screenshot(page, "01-storylines")
    page.locator("table.list a").first.click()
    page.wait_for_selector("svg.tl")
    screenshot(page, "02-storyline")

    # The timeline draws the 2022 events and the 2023 news event on one axis.
    drawn = page.locator("svg.tl a.mark title").all_text_contents()
    assert any(t.startswith("2022") for t in drawn) and any(t.startswith("2023") for t in drawn)
    # A month-only date is drawn as its month (a bar), a day as a dot.
    assert page.locator("svg.tl a.mark.month rect").count() >= 1
    assert page.locator("svg.tl a.mark.day circle").count() >= 1

    # The first screen at 1366×768 holds the title, the whole timeline and the first events.
    assert page.locator("h1").bounding_box()["y"] < 120
    timeline = page.locator("section.timeline").bounding_box()
    assert timeline["y"] + timeline["height"] < WINDOW["height"] * 0.55
    first_event = page.locator(".event-list li").first.bounding_box()
    assert first_event["y"] + first_event["height"] < WINDOW["height"]

    # Zooming widens the axis.
    page.locator("button[data-zoom=in]").click()
    assert page.locator("svg.tl").get_attribute("width") == "160%"
    screenshot(page, "03-storyline-zoomed")
    page.locator("button[data-zoom=fit]").click()

    # The August 10, 2023 event: both outlets' reports, the first one marked.
    page.locator("svg.tl a.mark.cluster", has=page.locator("title", has_text="2023-08-10")).click()
    page.wait_for_selector(".reports")
    screenshot(page, "04-event-2023-08-10")
    reports = page.locator("li.report")
    assert reports.count() == 2
    for i in range(2):
        assert reports.nth(i).locator("blockquote").count() >= 1
    assert "News Guru" in reports.all_text_contents()[0] + reports.all_text_contents()[1]
    assert page.locator(".chip.first").count() >= 1  # both, when both reported it the same day


def test_a_reader_searches_zakharova_and_reaches_her_quote_relayed_by_pti(
    seeds_server: str, page: Any
) -> None:
    page.goto(seeds_server + "/")
    page.locator("header input[name=q]").fill("Zakharova")
    page.locator("header button[type=submit]").click()
    page.wait_for_selector("ol.hits")
    screenshot(page, "05-search-zakharova")
    relayed = page.locator("li.hit-quote", has=page.locator(".via", has_text="PTI"))
    assert relayed.count() == 1
    assert "Maria Zakharova" in relayed.inner_text()
    relayed.locator("a.speaker").click()
    page.wait_for_selector("article.text")
    screenshot(page, "06-article-with-quote")
    # The link lands on the quote in the text, which says who said it and who relayed it.
    target = page.locator("article.text .quote:target")
    note = target.get_attribute("title")
    assert "Maria Zakharova" in note and "via PTI" in note
    box = target.bounding_box()
    assert 0 < box["y"] < WINDOW["height"] - box["height"]  # on screen, with context above
    assert "via PTI" in page.locator(".quote-item", has_text="Immediately after").inner_text()
    # The removed lines are there on demand, and the publication date shows its evidence.
    assert "date 2022-04-07" in page.locator(".facts").inner_text()

    page.locator("aside a.chip", has_text=re.compile("^Maria Zakharova$")).click()
    page.wait_for_selector("h1")
    screenshot(page, "07-entity-zakharova")
    assert "Maria Zakharova" in page.locator("h1").inner_text()
    assert page.locator(".event-list li").count() >= 4  # her quotes over time


def test_a_search_syntax_error_reads_as_a_message(seeds_server: str, page: Any) -> None:
    response = page.goto(seeds_server + "/search?q=%22")
    assert response.status == 400
    screenshot(page, "08-search-error")
    assert "not a search this can read" in page.locator(".error").inner_text()


def test_an_entity_page_gives_the_roles_with_their_dates(seeds_server: str, page: Any) -> None:
    page.goto(seeds_server + "/entities/Imran%20Khan")
    page.wait_for_selector("table.roles")
    screenshot(page, "14-entity-roles-imran-khan")
    rows = {
        cells[0].lower(): cells[1:]
        for cells in (
            [c.strip() for c in row.split("\t")]
            for row in page.locator("table.roles tbody tr").all_inner_texts()
        )
    }
    assert rows["prime minister"][:2] == ["2022-04-07", "2023-08-10"]
    assert "former prime minister" in rows
    # On the first screen, above the quotes.
    assert page.locator("table.roles").bounding_box()["y"] < WINDOW["height"] / 2


def test_syndicated_copies_fold_under_their_original(tmp_path: Path, page: Any) -> None:
    with serving(syndication_db(tmp_path / "syndicated.db")) as base:
        page.goto(base + "/events/e1")
        page.wait_for_selector(".reports")
        screenshot(page, "15-event-copies-folded")
        assert page.locator("li.report").count() == 3  # Reuters, Herald, the Courier's AP copy
        # The Tribune's article, with no sentence on the timeline, is folded after them.
        quiet = page.locator("details.quiet")
        assert "1 more article on this event" in quiet.locator("summary").inner_text()
        assert not quiet.locator("li", has_text="Tribune").is_visible()
        assert "+ 2 copies folded" in page.locator("h2").first.inner_text()
        reuters = page.locator("li.report", has_text="Reuters").first
        folded = reuters.locator("details.syndicated")
        assert not folded.locator("li").first.is_visible()  # folded until asked for
        folded.locator("summary").click()
        assert "Gazette" in folded.locator("li").first.inner_text()
        assert folded.locator("blockquote").first.is_visible()
        screenshot(page, "16-event-syndicated-unfolded")

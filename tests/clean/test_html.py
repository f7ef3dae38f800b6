"""HTML pages → body, title, dated provenance, site name, boilerplate; real pages where present."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
import trafilatura

from storyline.clean import clean
from storyline.clean.dates import (
    ARTICLE_REVISION_NOTE,
    CONTRADICTING_LANGUAGES,
    LIVING_PAGE_DAYS,
)
from storyline.clean.html import (
    MAX_HTML_CHARS,
    MAX_HTML_ELEMENTS,
    MIN_BODY_CHARS,
    HtmlExtractionError,
    extract_html,
)
from storyline.clean.outlet import outlet_from_url
from storyline.model import Article, RawDocument

PROSE = (
    "The city council voted on Monday to halt dredging in the east basin after sediment tests "
    "showed heavy metals above the legal limit, according to the report seen by reporters. "
)

PAGE = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Council halts dredging | The Daily Ledger</title>
<meta property="og:title" content="Council halts dredging in east basin">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2022-03-07T21:30:00-05:00">
<link rel="canonical" href="https://www.ledger.example.co.uk/news/council-halts-dredging">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World news</a></nav>
<article><h1>Council halts dredging in east basin</h1>
<p>{p1}</p><p>{p2}</p><p>{p3}</p></article>
<aside><h3>Most read</h3><p>Mayor defends suspension, 1 January 2021</p></aside>
<footer>© 2023 The Daily Ledger. All rights reserved.</footer>
</body></html>"""


NO_META_DATE = '<meta property="article:published_time" content="2022-03-07T21:30:00-05:00">'


def _page(**replace: str) -> str:
    html = PAGE.format(p1=PROSE * 2, p2="Fishers welcomed the decision. " + PROSE, p3=PROSE)
    for old, new in replace.items():
        html = html.replace(old, new)
    return html


def test_body_paragraphs_are_separated_by_one_blank_line() -> None:
    page = extract_html(_page(), None)
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) >= 3
    assert all(p.strip() and "\n" not in p for p in paragraphs)
    assert "Fishers welcomed the decision." in page.text
    assert "All rights reserved" not in page.text


def test_metadata_title_site_lang_url() -> None:
    page = extract_html(_page(), "https://mirror.example.net/x")
    assert page.title == "Council halts dredging in east basin"
    assert page.site_name == "The Daily Ledger"
    assert page.lang == "en"
    assert page.url == "https://www.ledger.example.co.uk/news/council-halts-dredging"


def test_meta_date_is_html_meta_with_its_attribute_as_evidence() -> None:
    page = extract_html(_page(), None)
    # The day as the page states it (local time), not shifted to UTC.
    assert page.published == "2022-03-07"
    assert page.published_source == "html-meta"
    assert page.published_evidence == "2022-03-07T21:30:00-05:00"


def test_url_date_path_when_no_meta_date() -> None:
    html = _page(**{NO_META_DATE: ""})
    html = html.replace('<link rel="canonical" href="https://www.ledger.example.co.uk/news/', "<x ")
    page = extract_html(html, "https://www.ledger.example.co.uk/2022/03/08/council-halts")
    assert (page.published, page.published_source) == ("2022-03-08", "url")
    assert page.published_evidence == "2022/03/08"


def test_no_date_rather_than_copyright_year_or_teaser_date() -> None:
    html = _page(**{NO_META_DATE: ""})
    page = extract_html(html, None)
    assert page.published is None
    assert page.published_source is None and page.published_evidence is None


def test_title_without_metadata_drops_site_suffix() -> None:
    html = _page(**{'property="og:title"': 'property="x"'})
    assert extract_html(html, None).title == "Council halts dredging"


def test_site_name_falls_back_to_registered_domain() -> None:
    html = _page(**{'property="og:site_name"': 'property="x"'})
    html = html.replace('<link rel="canonical"', "<link rel=x")
    page = extract_html(html, "https://www.dawn.com/news/1")
    assert page.site_name in ("dawn.com", "The Daily Ledger")  # trafilatura may find the name
    assert outlet_from_url("https://www.dawn.com/news/1") == "dawn.com"
    assert outlet_from_url("http://news.bbc.co.uk/2/hi/8.stm") == "bbc.co.uk"
    assert outlet_from_url("http://127.0.0.1:8000/a") is None
    assert outlet_from_url(None) is None


def test_removed_lines_are_the_visible_boilerplate_in_order() -> None:
    page = extract_html(_page(), None)
    assert page.removed_lines[:2] == [
        "Home World news",
        "Council halts dredging in east basin",
    ] or (page.removed_lines[0] == "Home World news")
    assert "© 2023 The Daily Ledger. All rights reserved." in page.removed_lines
    assert not any("Fishers welcomed" in line for line in page.removed_lines)


SHORT_PAGE = "<html><body><article>{body}</article><aside>{aside}</aside></body></html>"
NOTE = (
    "<p>Fishers said the basin had been closed since the spill, and the council promised a second "
    "round of sediment tests before any dredging resumes.</p><p>The mayor said the suspension "
    "would last until the results are published, which the agency expects by the summer.</p>"
)
ASIDE = (
    "<p>Readers also liked a story about the harbour ferry timetable changing next spring for "
    "commuters and visitors.</p><p>Another story covered the new cycle lanes along the seafront, "
    "which opened last week after two years of works.</p>"
)


def test_short_precise_body_is_retried_with_favor_recall() -> None:
    # The precise pass keeps only "Short note." (< MIN_BODY_CHARS); recall finds the prose.
    page = extract_html(SHORT_PAGE.format(body="<p>Short note.</p>", aside=ASIDE), None)
    assert len(page.text) >= MIN_BODY_CHARS // 2 and "harbour ferry" in page.text
    # A body of MIN_BODY_CHARS or more is kept as the precise pass found it.
    page = extract_html(SHORT_PAGE.format(body=NOTE, aside=ASIDE), None)
    assert len(page.text) >= MIN_BODY_CHARS
    assert "Fishers said" in page.text and "harbour ferry" not in page.text


def test_a_summary_the_precise_pass_read_whole_is_not_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A feed item's one-paragraph summary: the recall pass could find nothing more (it was half
    # the cleaning time of a 100,000-item feed).
    passes: list[bool] = []
    bare_extraction = trafilatura.bare_extraction

    def counted(*args: Any, **kwargs: Any) -> Any:
        passes.append(bool(kwargs.get("favor_recall")))
        return bare_extraction(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", counted)
    summary = "<p>The harbour council voted on Tuesday to suspend dredging in the basin.</p>"
    assert "suspend dredging" in extract_html(summary, None).text
    assert True not in passes
    extract_html(SHORT_PAGE.format(body="<p>Short note.</p>", aside=ASIDE), None)
    assert passes[-1] is True  # a page with more text than was found is read again


def test_empty_and_text_only_markup_give_empty_text() -> None:
    assert extract_html("", None).text == ""
    assert extract_html("   ", None).text == ""


def test_deeply_nested_html_does_not_crash() -> None:
    assert MAX_HTML_ELEMENTS > 40_000  # far deeper than libxml2's limit, under the element cap
    deep = "<html><body>" + "<div>" * 40_000 + "<p>" + PROSE + "</p>" + "</div>" * 40_000
    page = extract_html(deep + "</body></html>", None)
    assert isinstance(page.text, str)  # the parser stops at its depth limit; no traceback


def test_fifty_megabyte_html_is_refused_quickly() -> None:
    huge = "<html><body>" + ("<p>" + PROSE + "</p>") * (50_000_000 // len(PROSE)) + "</body></html>"
    assert len(huge) > MAX_HTML_CHARS
    with pytest.raises(HtmlExtractionError, match="too large"):
        extract_html(huge, None)
    assert issubclass(HtmlExtractionError, ValueError)


def test_a_million_paragraph_tags_are_refused_quickly() -> None:
    # 8 MB, under MAX_HTML_CHARS: the extractors ran over 5 minutes on it before the cap.
    page = "<html><body>" + "<p>news " * 1_000_000 + "</body></html>"
    assert len(page) < MAX_HTML_CHARS
    started = time.monotonic()
    with pytest.raises(
        HtmlExtractionError, match=r"too many elements to extract \(1,000,00\d; at most"
    ):
        extract_html(page, None)
    assert time.monotonic() - started < 5


CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "html-readability"

# A spread of the real pages (news, blogs, non-English, test pages), scored in under 15 s.
SUBSET = [
    "aclu",
    "bbc-1",
    "breitbart",
    "bug-1255978",
    "cnn",
    "folha",
    "guardian-1",
    "herald-sun-1",
    "lemonde-1",
    "liberation-1",
    "medium-3",
    "nytimes-1",
    "nytimes-2",
    "schema-org-context-object",
    "seattletimes-1",
    "spiceworks",
    "telegraph",
    "theverge",
    "wapo-1",
    "wikipedia-2",
    "wordpress",
    "yahoo-2",
    "aktualne",
    "001",
    "ehow-2",
    "mathjax",
    "webmd-1",
]


def test_real_pages_storyline_is_not_worse_than_trafilatura_alone() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/html-readability not found")
    from storyline.bench.html import SYSTEMS, load_pages, score

    pages = [page for page in load_pages(CORPUS) if page["name"] in SUBSET]
    ours = score(pages, SYSTEMS["storyline"])
    theirs = score(pages, SYSTEMS["trafilatura"])
    assert ours["f1"] >= theirs["f1"]
    assert ours["date_accuracy"] >= theirs["date_accuracy"]
    assert ours["title_accuracy"] >= theirs["title_accuracy"]
    assert ours["dates_on_undated"] <= theirs["dates_on_undated"]
    dates = score(pages, SYSTEMS["htmldate_extensive"])
    assert ours["date_accuracy"] >= dates["date_accuracy"]


def test_real_page_date_provenance() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/html-readability not found")
    html = (CORPUS / "spiceworks" / "source.html").read_text(encoding="utf-8")
    page = extract_html(html, None)
    # The article's JSON-LD datePublished, not article:modified_time (2025-01-07).
    assert page.published == "2020-07-10"
    assert page.published_source == "html-meta"
    assert page.published_evidence is not None and "2020-07-10" in page.published_evidence


def test_real_page_body_drops_the_headline_and_keeps_what_trafilatura_dropped() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/html-readability not found")
    html = (CORPUS / "theverge" / "source.html").read_text(encoding="utf-8")
    page = extract_html(html, None)
    assert page.title is not None and not page.text.startswith(page.title)
    from storyline.bench.html import _gold_text, _overlap, shingles

    gold = shingles(_gold_text(CORPUS / "theverge" / "expected.html"))
    alone = shingles(trafilatura.extract(html, output_format="txt") or "")
    assert _overlap(shingles(page.text), gold)[1] > _overlap(alone, gold)[1]  # recall


# --- the cleaning stage's date check keeps right HTML dates --------------------------------------

LIVING_PAGE = """<html><head><title>Harbourton</title>
<meta property="article:published_time" content="2004-05-02T10:00:00Z"></head><body><article>
<p>Harbourton is a port town on the east coast. The harbour was dredged for the first time in
1887, and the town council was formed in 1902 after a long campaign by the fishers.</p>
<p>The ferry service to the islands began on 3 June 2009, when the new quay opened.</p>
<p>A second terminal was opened on 12 September 2016 by the mayor of the time.</p>
<p>The current mayor has been in office since 26 October 2021, after the local elections.</p>
</article></body></html>"""


def _clean(html: str) -> Article:
    return clean(RawDocument(source="page.html", html=html, format="html"))


def test_a_page_updated_over_years_keeps_its_stated_publication_day() -> None:
    # Later dates spread over LIVING_PAGE_DAYS and more: an encyclopedia-like page updated since.
    assert LIVING_PAGE_DAYS == 365
    assert _clean(LIVING_PAGE).published == "2004-05-02"


def test_a_later_day_soon_after_still_contradicts_the_stated_day() -> None:
    # One later past event, days after the stated day: the stated day is not the publication.
    html = LIVING_PAGE.replace("2004-05-02T10:00:00Z", "2021-10-20T10:00:00Z")
    assert _clean(html).published is None


@pytest.mark.parametrize(
    "note",
    [
        "This story was updated on 30 October 2021 to add the mayor's statement.",
        "Correction, 30 October 2021: an earlier version misspelled the mayor's name.",
        "Updated 30 October 2021: adds the vote count.",
    ],
)
def test_a_note_dating_the_articles_revision_does_not_contradict(note: str) -> None:
    html = LIVING_PAGE.replace("2004-05-02T10:00:00Z", "2021-10-27T10:00:00Z")
    html = html.replace("</article>", f"<p>{note}</p></article>")
    assert ARTICLE_REVISION_NOTE.search(note)
    assert _clean(html).published == "2021-10-27"


def test_ambiguous_numeric_days_and_other_languages_do_not_contradict() -> None:
    html = LIVING_PAGE.replace("2004-05-02T10:00:00Z", "2021-03-05T10:00:00Z")
    ambiguous = re.sub(
        r"<article>.*</article>",
        f"<article><p>{PROSE}</p><p>The quay reopened on 04.06.2021 after the works.</p></article>",
        html,
        flags=re.DOTALL,
    )
    assert _clean(ambiguous).published == "2021-03-05"
    french = re.sub(
        r"<article>.*</article>",
        "<article><p>Le conseil municipal a voté lundi la "
        "suspension du dragage dans le bassin est, après des analyses de sédiments qui montraient "
        "des métaux lourds.</p><p>Le quai a rouvert le 12 avril 2021 après les travaux, a déclaré "
        "le maire aux pêcheurs réunis sur le port.</p></article>",
        html,
        flags=re.DOTALL,
    )
    assert "en" in CONTRADICTING_LANGUAGES and "fr" not in CONTRADICTING_LANGUAGES
    assert _clean(french).published == "2021-03-05"


def test_fragments_are_read_like_pages() -> None:
    paragraphs = "".join(
        f"<p>The council of Harbourton voted on Tuesday to suspend dredging, part {n} of the "
        "story about the contaminated mud of the East Basin and what the authority knew.</p>"
        for n in range(6)
    )
    page = extract_html(f'<div class="page"><article>{paragraphs}</article></div>', None)
    assert "voted on Tuesday to suspend dredging, part 5" in page.text
